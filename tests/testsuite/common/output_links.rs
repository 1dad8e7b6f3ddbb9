//! Every local link of every page of a built site resolves: the checker `tests/testsuite/links.rs`
//! and `tests/testsuite/urls_and_links_finish.rs` run over their outputs.

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
pub(crate) fn check_links(out: &Path, base_path: &str) -> usize {
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
