//! The URLs of CONTENT.md §9, as paths relative to the site root (no leading slash), and the
//! output files they map to. Stable: a URL once published never changes meaning.

use chrono::NaiveDate;
use motebok_domain::{AttachmentOwner, CaseNumber};
use std::borrow::Cow;

pub(crate) fn organ(id: &str) -> String {
    format!("{id}/")
}
pub(crate) fn meeting(organ: &str, date: NaiveDate) -> String {
    format!("{organ}/{date}/")
}
pub(crate) fn case(organ: &str, number: CaseNumber) -> String {
    format!("{organ}/sak/{number}/")
}
/// A body's feed and calendar, and a case's thread feed: files beside the pages they follow.
pub(crate) fn organ_feed(organ: &str) -> String {
    format!("{organ}/{FEED}")
}
pub(crate) fn organ_calendar(organ: &str) -> String {
    format!("{organ}/{CALENDAR}")
}
pub(crate) fn case_feed(organ: &str, number: CaseNumber) -> String {
    format!("{organ}/sak/{number}/{FEED}")
}
/// A body's decisions of one year (CONTENT.md §9 names no URL: ours, beside `sak/`).
pub(crate) fn decisions(organ: &str, year: i32) -> String {
    format!("{organ}/vedtak/{year}/")
}
pub(crate) fn document(slug: &str) -> String {
    format!("{DOCUMENTS}{slug}/")
}
/// A Markdown attachment is a page named without `.md`; other files keep their name.
pub(crate) fn attachment(owner: &AttachmentOwner, name: &str) -> String {
    let dir = match owner {
        AttachmentOwner::Meeting { organ, folder } => format!("{organ}/{folder}/vedlegg/"),
        AttachmentOwner::Documents => format!("{DOCUMENTS}vedlegg/"),
    };
    match name.strip_suffix(".md") {
        Some(stem) => format!("{dir}{stem}/"),
        None => format!("{dir}{name}"),
    }
}
/// The site's own top-level paths: defined once in the parser, whose check of body names reads
/// the same list (`names::SITE_PATHS`), so a body can never take one over.
pub(crate) use motebok_parser::names::{
    ACCESSIBILITY, API, CALENDAR, DOCUMENTS, FEED, NOT_FOUND, PUBLISHING, ROBOTS, SEARCH, SITEMAP,
    STATIC,
};

/// The output file of a URL: pages are `index.html` in their folder.
pub(crate) fn file_of(url: &str) -> String {
    if url.is_empty() || url.ends_with('/') {
        format!("{url}index.html")
    } else {
        url.to_string()
    }
}

/// `../` repeated for the depth of `url`, so links work from any folder and from `file://`.
pub(crate) fn root_from(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

/// A site path as it may stand in a URL (`href`, feeds, sitemap, `/api/` ids): characters that
/// are not allowed there (spaces, quotes, `%`, `#` and `?` in file names ...) percent-encoded;
/// letters like `ø` kept, as in the pages. Most paths need nothing and are borrowed.
pub fn iri(path: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| {
        matches!(
            c,
            ' ' | '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}' | '%' | '#' | '?'
        ) || c.is_control()
    };
    if !path.contains(unsafe_char) {
        return Cow::Borrowed(path);
    }
    let mut out = String::with_capacity(path.len() + 8);
    for c in path.chars() {
        if unsafe_char(c) {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A URL as it stands in a link of a page: [`iri`] of an owned path, without copying the
/// (usual) path that needs no encoding.
pub(crate) fn href(url: String) -> String {
    match iri(&url) {
        Cow::Borrowed(_) => url,
        Cow::Owned(encoded) => encoded,
    }
}

/// The inverse of [`iri`]: the path a URL path names (every `%XX` decoded; `iri` encodes `%`
/// itself, so this is exact).
pub fn from_iri(url: &str) -> String {
    motebok_parser::percent::decode(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let n = CaseNumber {
            year: 2025,
            seq: 16,
        };
        assert_eq!(case("ssu", n), "ssu/sak/2025.16/");
        assert_eq!(case_feed("ssu", n), "ssu/sak/2025.16/feed.xml");
        assert_eq!(organ_feed("ssu"), "ssu/feed.xml");
        assert_eq!(organ_calendar("ssu"), "ssu/moter.ics");
        assert_eq!(decisions("ssu", 2025), "ssu/vedtak/2025/");
        let o = AttachmentOwner::Meeting {
            organ: "ssu".into(),
            folder: "2025-05-22".into(),
        };
        assert_eq!(attachment(&o, "tud.md"), "ssu/2025-05-22/vedlegg/tud/");
        assert_eq!(
            attachment(&o, "kart.pdf"),
            "ssu/2025-05-22/vedlegg/kart.pdf"
        );
        assert_eq!(file_of("ssu/sak/2025.16/"), "ssu/sak/2025.16/index.html");
        assert_eq!(file_of(""), "index.html");
        assert_eq!(root_from(""), "");
        assert_eq!(root_from("ssu/sak/2025.16/"), "../../../");
        assert_eq!(root_from("feed.xml"), "");
    }

    /// Every top-level path the site writes is a body's folder or one of `SITE_PATHS`, which
    /// bodies may not take: a new output file at the top must be added there.
    #[test]
    fn every_top_level_output_is_a_site_path_or_a_body() {
        use crate::testkit;
        let site = testkit::site(&testkit::files(), Default::default(), &[], "2025-06-01");
        let files = testkit::render(&site, "2025-06-01");
        let mut tops: Vec<String> = files
            .keys()
            .map(|p| match p.split_once('/') {
                Some((dir, _)) => format!("{dir}/"),
                None => p.clone(),
            })
            .collect();
        tops.push(format!(
            "{}/",
            crate::search::BUNDLE_DIR.split('/').next().unwrap()
        ));
        tops.push(format!(
            "{}/",
            crate::write::MANIFEST.split('/').next().unwrap()
        ));
        tops.sort();
        tops.dedup();
        let bodies: Vec<String> = site.organs.iter().map(|o| organ(&o.id)).collect();
        for top in &tops {
            assert!(
                motebok_parser::names::SITE_PATHS.contains(&top.as_str()) || bodies.contains(top),
                "{top} is written at the top of the site but is not in names::SITE_PATHS"
            );
        }
        assert!(tops.contains(&"feed.xml".to_string()) && tops.contains(&"api/".to_string()));
    }
}
