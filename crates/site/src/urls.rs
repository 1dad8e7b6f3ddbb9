//! The URLs of CONTENT.md §9, as paths relative to the site root (no leading slash), and the
//! output files they map to. Stable: a URL once published never changes meaning.

use chrono::NaiveDate;
use motebok_domain::{AttachmentOwner, CaseNumber};
use std::borrow::Cow;

/// A body's page: `ssu/`.
pub fn organ(id: &str) -> String {
    format!("{id}/")
}
/// A meeting's page: `ssu/2025-05-22/`.
pub fn meeting(organ: &str, date: NaiveDate) -> String {
    format!("{organ}/{date}/")
}
/// A case's page: `ssu/sak/2025.16/`.
pub fn case(organ: &str, number: CaseNumber) -> String {
    format!("{organ}/sak/{number}/")
}
/// A body's feed (`ssu/feed.xml`); feeds and calendars are files beside the pages they follow.
pub fn organ_feed(organ: &str) -> String {
    format!("{organ}/{FEED}")
}
/// A body's calendar of meetings: `ssu/moter.ics`.
pub fn organ_calendar(organ: &str) -> String {
    format!("{organ}/{CALENDAR}")
}
/// A case's thread feed: `ssu/sak/2025.16/feed.xml`.
pub fn case_feed(organ: &str, number: CaseNumber) -> String {
    format!("{organ}/sak/{number}/{FEED}")
}
/// A body's decisions of one year (CONTENT.md §9 names no URL: ours, beside `sak/`).
pub fn decisions(organ: &str, year: i32) -> String {
    format!("{organ}/vedtak/{year}/")
}
/// A document's page: `dokumenter/<slug>/`.
pub fn document(slug: &str) -> String {
    format!("{DOCUMENTS}{slug}/")
}
/// A Markdown attachment is a page named without `.md`; other files keep their name.
pub fn attachment(owner: &AttachmentOwner, name: &str) -> String {
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
pub use motebok_parser::names::{
    ACCESSIBILITY, API, CALENDAR, DOCUMENTS, FEED, NOT_FOUND, PUBLISHING, ROBOTS, SEARCH, SITEMAP,
    STATIC,
};

/// The output file of a URL: pages are `index.html` in their folder.
pub fn file_of(url: &str) -> String {
    if url.is_empty() || url.ends_with('/') {
        format!("{url}index.html")
    } else {
        url.to_string()
    }
}

/// `../` repeated for the depth of `url`, so links work from any folder and from `file://`.
pub fn root_from(url: &str) -> String {
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
pub fn href(url: String) -> String {
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
}
