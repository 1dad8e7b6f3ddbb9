//! Self-contained HTML5 for the archive: the style sheet inside the file, links only to other
//! files of the package, and no image, script or style from anywhere else. A reader with
//! nothing but a browser, decades from now, sees the document as it was.

use std::collections::HashMap;

/// Repository path (`content/...`) → path of its file in the uttrekk (`DOKUMENT/...`).
pub(super) type Links = HashMap<String, String>;

const CSS: &str = "body{font-family:Georgia,'Times New Roman',serif;line-height:1.5;\
color:#111;background:#fff;max-width:46rem;margin:2rem auto;padding:0 1rem}\
h1{font-size:1.6rem;line-height:1.25}h2{font-size:1.25rem;margin-top:2rem}\
h3{font-size:1.05rem}a{color:#0b4f8a}table{border-collapse:collapse;width:100%}\
th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top}\
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}\
dl.meta dt{font-weight:bold}dl.meta dd{margin:0}.org{font-variant:small-caps;margin:0}\
.merknad{border-left:4px solid #b00;padding-left:.8rem}\
footer{margin-top:3rem;border-top:1px solid #999;font-size:.9rem;color:#333}\
@media print{body{margin:0;max-width:none}a{color:#111}}";

/// Escapes text for HTML element content and attribute values (the builder's one escaper).
pub(super) use crate::escape::markup as esc;

/// A whole page. `body` is trusted HTML built by this module or sanitised Markdown.
pub(super) fn page(org: &str, title: &str, body: &str, footer: &str) -> Vec<u8> {
    format!(
        "<!DOCTYPE html>\n<html lang=\"nb\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>{t}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<header><p class=\"org\">{o}</p></header>\n\
<main>\n<h1>{t}</h1>\n{body}\n</main>\n<footer>\n{footer}\n</footer>\n</body>\n</html>\n",
        t = esc(title),
        o = esc(org),
    )
    .into_bytes()
}

/// `<dl class="meta">` of label/value pairs, skipping empty values.
pub(super) fn meta(rows: &[(&str, Option<String>)]) -> String {
    let mut s = String::from("<dl class=\"meta\">\n");
    for (k, v) in rows {
        if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
            s.push_str(&format!("<dt>{}</dt><dd>{v}</dd>\n", esc(k)));
        }
    }
    s.push_str("</dl>\n");
    s
}

/// `<ol>` of escaped items.
pub(super) fn ordered(items: &[String]) -> String {
    let mut s = String::from("<ol>\n");
    for i in items {
        s.push_str(&format!("<li>{}</li>\n", esc(i)));
    }
    s.push_str("</ol>\n");
    s
}

/// `<ul>` of trusted HTML items.
pub(super) fn list(items: &[String]) -> String {
    let mut s = String::from("<ul>\n");
    for i in items {
        s.push_str(&format!("<li>{i}</li>\n"));
    }
    s.push_str("</ul>\n");
    s
}

/// `<a href="relative">label</a>` from the file `from` to the file `to`.
pub(super) fn link(from: &str, to: &str, label: &str) -> String {
    format!(
        "<a href=\"{}\">{}</a>",
        esc(&relative(from, to)),
        esc(label)
    )
}

/// The relative URL from one package file to another, both `/`-separated.
pub(super) fn relative(from_file: &str, to_file: &str) -> String {
    let mut from: Vec<&str> = from_file.split('/').collect();
    from.pop();
    let to: Vec<&str> = to_file.split('/').collect();
    let (to_dir, name) = to.split_at(to.len().saturating_sub(1));
    let common = from.iter().zip(to_dir).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    parts.extend(
        to_dir[common..]
            .iter()
            .chain(name)
            .map(|p| crate::urls::iri(p).into_owned()),
    );
    parts.join("/")
}

/// Markdown as HTML inside the package file `current`: a relative link becomes a relative
/// link to the package file `to` gives for it (the link as written → the package path of what
/// it names); links to anything else of the site lose their target (the text stays); images
/// and other embedded resources from outside are dropped.
pub(super) fn markdown(md: &str, current: &str, to: &dyn Fn(&str) -> Option<String>) -> String {
    let resolve = |target: &str| -> Option<String> {
        if target.starts_with('#') || target.contains(':') {
            return None;
        }
        if target.starts_with('/') {
            return Some(String::new());
        }
        let frag = target.split_once('#').map_or("", |(_, f)| f);
        Some(match to(target) {
            Some(to) if frag.is_empty() => relative(current, &to),
            Some(to) => format!("{}#{frag}", relative(current, &to)),
            None => String::new(),
        })
    };
    let html = motebok_parser::render(md, 2, &resolve).html;
    self_contained(&html)
}

/// Drops every reference that would leave the package: embedded resources (`src`, `srcset`)
/// that are absolute, site-absolute links, and links whose target is not in the package.
pub(super) fn self_contained(html: &str) -> String {
    ammonia::Builder::default()
        .add_generic_attributes(["id", "lang"])
        .add_tag_attributes("th", ["scope"])
        .add_tag_attributes("td", ["colspan", "rowspan"])
        .add_tag_attributes("ol", ["start"])
        .link_rel(None)
        .attribute_filter(|_, attr, value| {
            let outside = value.is_empty()
                || value.starts_with('/')
                || (matches!(attr, "src" | "srcset") && value.contains(':'));
            if matches!(attr, "src" | "srcset" | "href") && outside {
                None
            } else {
                Some(value.into())
            }
        })
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// As the archive's `Ctx::markdown`, with the domain's path rules and a package by path.
    fn markdown(md: &str, src: &str, current: &str, links: &Links) -> String {
        let to = |link: &str| {
            let file = motebok_parser::markdown::file_of_link(link);
            let path = motebok_domain::links::join(motebok_domain::links::folder(src), &file)?;
            links.get(&path).cloned()
        };
        super::markdown(md, current, &to)
    }

    #[test]
    fn relative_paths() {
        assert_eq!(
            relative(
                "DOKUMENT/ssu/2025-05-22/2025.16.html",
                "DOKUMENT/ssu/2025-05-22/vedlegg/a b.html"
            ),
            "vedlegg/a%20b.html"
        );
        assert_eq!(
            relative(
                "DOKUMENT/ssu/2025-05-22/vedlegg/a.html",
                "DOKUMENT/dokumenter/x.html"
            ),
            "../../../dokumenter/x.html"
        );
        assert_eq!(relative("DOKUMENT/a/x.html", "DOKUMENT/a/y.html"), "y.html");
    }

    #[test]
    fn links_to_files_named_with_spaces() {
        let mut links = Links::new();
        links.insert(
            "content/ssu/2025-05-22/vedlegg/referat mai.md".into(),
            "DOKUMENT/ssu/2025-05-22/vedlegg/referat mai.html".into(),
        );
        for md in [
            "[R](vedlegg/referat%20mai.md)",
            "[R](<vedlegg/referat mai.md>)",
        ] {
            let h = markdown(
                md,
                "content/ssu/2025-05-22/2025.16.md",
                "DOKUMENT/ssu/2025-05-22/2025.16.html",
                &links,
            );
            assert!(
                h.contains("<a href=\"vedlegg/referat%20mai.html\">R</a>"),
                "{md}: {h}"
            );
        }
    }

    #[test]
    fn nothing_leaves_the_package() {
        let mut links = Links::new();
        links.insert(
            "content/ssu/2025-05-22/vedlegg/notat.md".into(),
            "DOKUMENT/ssu/2025-05-22/vedlegg/notat.html".into(),
        );
        let md = "[Notat](vedlegg/notat.md) [Gammel](../2023-01-01/2023.01.md) [Side](/ssu/) \
[Web](https://example.org/) ![Logo](https://example.org/logo.png) ![Lokal](vedlegg/notat.md)\n\n\
<img src=\"http://x.org/a.png\" alt=\"rå\"><script>alert(1)</script>";
        let h = markdown(
            md,
            "content/ssu/2025-05-22/2025.16.md",
            "DOKUMENT/ssu/2025-05-22/2025.16.html",
            &links,
        );
        assert!(
            h.contains("<a href=\"vedlegg/notat.html\">Notat</a>"),
            "{h}"
        );
        assert!(
            h.contains("<a>Gammel</a>") && h.contains("<a>Side</a>"),
            "{h}"
        );
        assert!(h.contains("href=\"https://example.org/\""), "{h}");
        assert!(
            !h.contains("logo.png") && !h.contains("x.org") && !h.contains("script"),
            "{h}"
        );
        assert!(h.contains("src=\"vedlegg/notat.html\""), "{h}");
    }
}
