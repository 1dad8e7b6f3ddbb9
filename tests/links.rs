//! Every link on every page resolves to a file that was written: the example site, and a
//! site whose attachments are named as editors name files ("Referat SSU mai.pdf", "100%").

mod common;
use common::*;
use std::path::{Path, PathBuf};

/// The `href` and `src` values of an HTML file, entity-decoded.
fn targets(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in [" href=\"", " src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let end = rest.find('"').expect("attribute closed");
            out.push(rest[..end].replace("&amp;", "&").replace("&quot;", "\""));
            rest = &rest[end..];
        }
    }
    out
}

/// `%XX` decoded, as a web server maps a URL path to a file.
fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let hex = b
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        if let (b'%', Some(Ok(v))) = (b[i], hex.map(|h| u8::from_str_radix(h, 16))) {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).expect("decodes to UTF-8")
}

/// The `id` attribute values of an HTML page, entity-decoded.
fn ids_of(html: &str) -> std::collections::HashSet<String> {
    let mut out = std::collections::HashSet::new();
    let mut rest = html;
    while let Some(i) = rest.find(" id=\"") {
        rest = &rest[i + 5..];
        let end = rest.find('"').expect("attribute closed");
        out.insert(rest[..end].replace("&amp;", "&").replace("&quot;", "\""));
        rest = &rest[end..];
    }
    out
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "html") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

/// Checks every local link of every page; returns how many it checked. `base_path` is the path
/// of the site's `base_url` (`/test/`).
fn check_links(out: &Path, base_path: &str) -> usize {
    let mut checked = 0;
    let mut broken = Vec::new();
    // The ids of each page a fragment points into.
    let mut ids: std::collections::HashMap<PathBuf, std::collections::HashSet<String>> =
        std::collections::HashMap::new();
    let mut has_id = |page: &Path, id: &str| {
        ids.entry(page.to_path_buf())
            .or_insert_with(|| ids_of(&std::fs::read_to_string(page).unwrap()))
            .contains(&decode(id))
    };
    for file in html_files(out) {
        let html = std::fs::read_to_string(&file).unwrap();
        for t in targets(&html) {
            assert!(
                !t.contains(' '),
                "{}: a URL with a space: {t}",
                file.display()
            );
            // Every `%` starts an escape: a bare one (`100%.csv`) would be read as one.
            for (i, _) in t.match_indices('%') {
                let hex = t.get(i + 1..i + 3).unwrap_or("");
                assert!(
                    hex.len() == 2 && hex.chars().all(|c| c.is_ascii_hexdigit()),
                    "{}: a bare % in {t}",
                    file.display()
                );
            }
            if t.contains(':') || t.starts_with("//") {
                continue;
            }
            if let Some(id) = t.strip_prefix('#') {
                if !id.is_empty() && !has_id(&file, id) {
                    broken.push(format!(
                        "{}: {t} (no such id on the page)",
                        file.strip_prefix(out).unwrap().display()
                    ));
                }
                continue;
            }
            let path = t.split(['#', '?']).next().unwrap();
            // Root-relative links (the 404 page's, served at any depth) start at the site's
            // path on its host.
            let mut target = match path.strip_prefix('/') {
                Some(_) => match path.strip_prefix(base_path) {
                    Some(in_site) => out.join(decode(in_site)),
                    None => {
                        broken.push(format!("{}: {t} (outside the site)", file.display()));
                        continue;
                    }
                },
                None => file.parent().unwrap().join(decode(path)),
            };
            if path.is_empty() || path.ends_with('/') {
                target = target.join("index.html");
            }
            if !target.exists() {
                broken.push(format!(
                    "{}: {t}",
                    file.strip_prefix(out).unwrap().display()
                ));
            } else if let Some((_, id)) = t.split_once('#') {
                // Every fragment lands on an element of the page it names.
                let html_page = target.extension().is_some_and(|x| x == "html");
                if html_page && !has_id(&target, id) {
                    broken.push(format!(
                        "{}: {t} (no such id on the target page)",
                        file.strip_prefix(out).unwrap().display()
                    ));
                }
            }
            checked += 1;
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    checked
}

#[test]
fn every_link_of_the_example_site_resolves() {
    let site = Site::example();
    site.build("2026-11-16");
    // base_url = "https://<host>/helsefellesskap/"
    let toml =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("site.toml")).unwrap();
    let base_url = toml
        .lines()
        .find_map(|l| l.strip_prefix("base_url = "))
        .unwrap()
        .trim_matches('"');
    let path = &base_url[base_url.find("://").unwrap() + 3..];
    let base_path = format!("{}/", path[path.find('/').unwrap()..].trim_end_matches('/'));
    let n = check_links(&site.out_dir(), &base_path);
    assert!(n > 2000, "only {n} links checked");
    // The 404 page is served at any depth: its links, styles included, start at the site.
    let missing = site.page("404.html");
    assert!(
        missing.contains(&format!("href=\"{base_path}static/")),
        "{missing}"
    );
    assert!(
        missing.contains(&format!("<a href=\"{base_path}\">Gå til forsiden</a>")),
        "{missing}"
    );
}

#[test]
fn file_names_with_spaces_and_percent_signs_are_linked_encoded() {
    let site = Site::minimal();
    site.write(
        "content/ssu/2025-05-22/2025.15.md",
        "---\nsaksnr: \"2025.15\"\ntittel: Referat fra arbeidsgruppen\nsakstype: [orientering]\n\
         vedlegg:\n  - tittel: Referat mai\n    fil: vedlegg/Referat SSU mai.pdf\n  \
         - tittel: Utkast\n    fil: vedlegg/referat utkast.md\n  - tittel: Tall\n    fil: vedlegg/tall 100%.csv\n---\n\
         Se [referatet](vedlegg/Referat%20SSU%20mai.pdf), [utkastet](<vedlegg/referat utkast.md>) \
         og [tallene](vedlegg/tall%20100%25.csv).\n",
    );
    site.write(
        "content/ssu/2025-05-22/vedlegg/Referat SSU mai.pdf",
        "%PDF-1.4\n",
    );
    site.write(
        "content/ssu/2025-05-22/vedlegg/referat utkast.md",
        "# Utkast\n\nTekst.\n",
    );
    site.write("content/ssu/2025-05-22/vedlegg/tall 100%.csv", "a;b\n1;2\n");
    // A `#` in a name; a document and a body named with letters a URL keeps as they are (names
    // with spaces are refused: tests/security_names.rs).
    site.write(
        "content/ssu/2025-05-22/2025.16.md",
        "---\nsaksnr: \"2025.16\"\ntittel: Tabell\nsakstype: [orientering]\nvedlegg:\n  - tittel: Tabell\n    fil: \"vedlegg/tabell #2.md\"\n---\nSe [tabellen](vedlegg/tabell%20%232.md#tall).\n",
    );
    site.write(
        "content/ssu/2025-05-22/vedlegg/tabell #2.md",
        "# Tabell\n\n## Tall\n\n1, 2.\n",
    );
    site.write(
        "content/dokumenter/årsmelding-2025.md",
        "---\ntittel: Årsmelding 2025\ndoktype: arsmelding\ndato: 2025-03-01\n---\nTekst.\n",
    );
    site.write(
        "content/styre-2/_organ.md",
        "---\nnavn: Styret for samarbeid\nkortnavn: Styret\n---\nMandat.\n",
    );
    site.write(
        "content/styre-2/2025-06-01/_mote.md",
        "---\ndato: 2025-06-01\n---\nVelkommen.\n",
    );
    site.write(
        "content/styre-2/2025-06-01/2025.01.md",
        "---\nsaksnr: \"2025.01\"\ntittel: Konstituering\nsakstype: [beslutning]\n---\nTekst.\n",
    );
    site.merge_all("Referat med vedlegg");
    site.build("2026-01-01");
    let out = site.out_dir();

    // The files are written under their own names.
    assert!(out
        .join("ssu/2025-05-22/vedlegg/Referat SSU mai.pdf")
        .is_file());
    assert!(out.join("ssu/2025-05-22/vedlegg/tall 100%.csv").is_file());
    assert!(out
        .join("ssu/2025-05-22/vedlegg/referat utkast/index.html")
        .is_file());

    // Links to them are encoded, from the list of attachments and from the text alike.
    let case = site.page("ssu/sak/2025.15/");
    let list = between(&case, "id=\"vedlegg\"", "</section>");
    assert!(
        list.contains("href=\"../../../ssu/2025-05-22/vedlegg/Referat%20SSU%20mai.pdf\""),
        "{list}"
    );
    assert!(
        list.contains("href=\"../../../ssu/2025-05-22/vedlegg/referat%20utkast/\""),
        "{list}"
    );
    assert!(
        list.contains("href=\"../../../ssu/2025-05-22/vedlegg/tall%20100%25.csv\""),
        "{list}"
    );
    let prose = between(&case, "<div class=\"prose\">", "</div>");
    assert!(
        prose.contains("href=\"../../../ssu/2025-05-22/vedlegg/Referat%20SSU%20mai.pdf\""),
        "{prose}"
    );
    assert!(
        prose.contains("href=\"../../../ssu/2025-05-22/vedlegg/referat%20utkast/\""),
        "{prose}"
    );
    assert!(
        prose.contains("href=\"../../../ssu/2025-05-22/vedlegg/tall%20100%25.csv\""),
        "{prose}"
    );

    // The sitemap and the canonical link name the page as a URL.
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("ssu/2025-05-22/vedlegg/referat%20utkast/</loc>"),
        "{sitemap}"
    );
    let draft = site.page("ssu/2025-05-22/vedlegg/referat utkast/");
    assert!(draft.contains("rel=\"canonical\" href=\"https://example.org/test/ssu/2025-05-22/vedlegg/referat%20utkast/\""));

    let table = site.page("ssu/sak/2025.16/");
    assert!(
        table.contains("href=\"../../../ssu/2025-05-22/vedlegg/tabell%20%232/#tall\""),
        "{table}"
    );
    assert!(out.join("styre-2/sak/2025.01/index.html").is_file());
    assert!(site.page("").contains("href=\"styre-2/\""));
    assert!(out.join("dokumenter/årsmelding-2025/index.html").is_file());
    assert!(site
        .page("dokumenter/")
        .contains("href=\"../dokumenter/årsmelding-2025/\""));

    check_links(&out, "/test/");
}
