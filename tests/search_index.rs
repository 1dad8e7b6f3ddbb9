//! The search index of the example site, unpacked: Pagefind's files are gzip, and nothing that
//! is exempt from public access or no longer published may be found in them.

mod common;
use common::*;

use std::io::Read;

/// Every file of the index as text, gunzipped where it is gzip, keyed by its path.
fn unpacked_index(site: &Site) -> Vec<(String, String)> {
    snapshot(&site.out_dir().join("pagefind"))
        .into_iter()
        .map(|(path, bytes)| {
            let mut text = Vec::new();
            let text = match flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut text) {
                Ok(_) => text,
                Err(_) => bytes,
            };
            (
                path.display().to_string(),
                String::from_utf8_lossy(&text).into_owned(),
            )
        })
        .collect()
}

/// The `tittel` of the example site's exempt case.
fn exempt_title(site: &Site) -> String {
    walkdir::WalkDir::new(site.path().join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .find(|t| t.contains("offentlig: false"))
        .and_then(|t| {
            t.lines()
                .find_map(|l| l.strip_prefix("tittel: "))
                .map(|s| s.trim().trim_matches('"').to_string())
        })
        .expect("the example site has an exempt case")
}

#[test]
fn search_index_holds_published_pages_only() {
    let site = Site::example();
    site.build("2026-11-22");
    let index = unpacked_index(&site);
    assert!(
        index.iter().any(|(p, _)| p.ends_with("pagefind.js")),
        "no pagefind.js"
    );
    let fragments: Vec<&str> = index
        .iter()
        .filter(|(p, _)| p.ends_with(".pf_fragment"))
        .map(|(_, t)| t.as_str())
        .collect();
    assert!(fragments.len() > 50, "{} fragments", fragments.len());

    // The case about kjernejournal is there, with its body, year and type as filters.
    let c19 = fragments
        .iter()
        .find(|t| t.contains("\"url\":\"ssu/sak/2025.19/\""))
        .expect("SSU 2025.19 is indexed");
    assert!(c19.contains("kjernejournal"), "{c19}");
    for filter in [
        "\"organ\":[\"SSU\"]",
        "\"aar\":[\"2025\"]",
        "\"type\":[\"Sak\"]",
    ] {
        assert!(c19.contains(filter), "{filter} missing: {c19}");
    }

    // Nothing of the exempt case, in any file of the index.
    let title = exempt_title(&site);
    for (path, text) in &index {
        assert!(
            !text.contains(&title) && !text.contains(&title.replace('&', "&amp;")),
            "the exempt title `{title}` is in {path}"
        );
    }

    // No record for a tombstone (a page marked noindex), nor for the search page itself.
    let mut tombstones = 0;
    for (path, bytes) in snapshot(&site.out_dir()) {
        let p = path.display().to_string();
        let Some(dir) = p.strip_suffix("index.html") else {
            continue;
        };
        if String::from_utf8_lossy(&bytes).contains("<meta name=\"robots\" content=\"noindex\">") {
            tombstones += 1;
            let record = format!("\"url\":\"{dir}\"");
            assert!(
                !fragments.iter().any(|t| t.contains(&record)),
                "tombstone {dir} is in the index"
            );
        }
    }
    assert!(tombstones > 0, "the example has tombstones on 2026-11-22");
    assert!(!fragments.iter().any(|t| t.contains("\"url\":\"sok/\"")));
}
