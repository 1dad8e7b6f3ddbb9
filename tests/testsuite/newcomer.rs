//! What a new user meets first: the preview serves every file its pages link to and shows
//! errors in a styled page, and counts read as Norwegian ("1 sak", "2 saker").

use crate::common::preview::{get, start, wait_for};
use crate::common::*;

/// The `href`s of a page that point into the site (no scheme, no `mailto:`, no bare `#`).
fn local_links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|h| !h.contains(':') && !h.starts_with('#') && !h.is_empty())
        .map(|h| h.split('#').next().unwrap().to_string())
        .collect()
}

/// `link` as an absolute path, from the page at `page` (a path ending in `/`).
fn resolve(page: &str, link: &str) -> String {
    let mut parts: Vec<&str> = if link.starts_with('/') {
        Vec::new()
    } else {
        page.split('/').filter(|s| !s.is_empty()).collect()
    };
    for seg in link.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut out = format!("/{}", parts.join("/"));
    if link.ends_with('/') && !out.ends_with('/') {
        out.push('/');
    }
    out
}

#[test]
fn the_preview_serves_the_feed_calendar_and_every_file_its_pages_link_to() {
    let site = Site::minimal();
    let p = start(&site);
    let mut checked = 0;
    for page in ["/", "/ssu/sak/2025.14/", "/ssu/2025-05-22/"] {
        let a = get(&p.addr, page);
        assert_eq!(a.status, 200, "{page}");
        for link in local_links(&a.body) {
            let target = resolve(page, &link);
            let b = get(&p.addr, &target);
            assert_eq!(
                b.status, 200,
                "{page} links to {link} ({target}): {}",
                b.status
            );
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} links");

    // The same feed and calendar as a build, with their media types.
    site.build("2026-01-01");
    let feed = get(&p.addr, "/feed.xml");
    assert_eq!(feed.status, 200);
    assert!(feed.content_type.contains("xml"), "{}", feed.content_type);
    assert_eq!(feed.body, site.page("feed.xml"));
    let ics = get(&p.addr, "/moter.ics");
    assert_eq!(ics.status, 200);
    assert!(
        ics.content_type.starts_with("text/calendar"),
        "{}",
        ics.content_type
    );
    assert_eq!(ics.body, site.page("moter.ics"));
    // Under the base path too, as deployed.
    assert_eq!(get(&p.addr, "/test/feed.xml").body, feed.body);
}

#[test]
fn the_preview_error_page_is_styled() {
    let site = Site::minimal();
    let p = start(&site);
    site.write(
        "content/ssu/2025-05-22/2025.13.md",
        "---\nsaksnr: \"2025.13\"\ntittel: T\nsakstype: [orientering]\nansvalig: X\n---\n",
    );
    let a = wait_for(&p.addr, "/ssu/", |a| a.status == 500);
    assert_eq!(a.status, 500, "{}", a.body);
    let page = a.body;
    assert!(page.contains("ukjent nøkkel `ansvalig`"), "{page}");
    assert!(page.contains("<meta name=\"viewport\""), "{page}");
    let style = between(&page, "<style>", "</style>");
    assert!(
        style.contains("body{") && style.contains("pre{") && style.contains("font-family"),
        "no style for the page: {page}"
    );
    // The errors are in the styled block, escaped.
    assert!(between(&page, "<pre", "</pre>").contains("content/ssu/2025-05-22/2025.13.md:5"));
}

#[test]
fn one_is_singular_in_messages_pages_and_the_archive() {
    let site = Site::minimal();
    // One body, one meeting, two cases, no documents.
    let o = site.motebok(&["check", "--as-of", "2026-01-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("Alt i orden: 1 organ, 1 møte, 2 saker, 0 dokumenter."),
        "{}",
        stderr(&o)
    );

    let dir = site.path().join("uttrekk");
    let o = site.motebok(&[
        "archive",
        "--year",
        "2025",
        "--as-of",
        "2026-01-15",
        "--output",
        dir.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(": 1 møte, 2 saker, 0 andre dokumenter, 1 vedlegg ("),
        "{}",
        stderr(&o)
    );
    let readme = std::fs::read_to_string(dir.join("data/README.md")).unwrap();
    assert!(
        readme.contains("1 møte, 2 saker, 0 andre dokumenter"),
        "{readme}"
    );

    // A body published for one month.
    site.write(
        "content/ssu/_organ.md",
        "---\nnavn: Strategisk samarbeidsutvalg\nkortnavn: SSU\nvindu_maneder: 1\n---\nMandat.\n",
    );
    site.merge_all("Kort vindu");
    let page = site.page_after_build("om-publisering/");
    assert!(page.contains(">1 måned<"), "{page}");
    assert!(!page.contains("1 måneder"), "{page}");
}
