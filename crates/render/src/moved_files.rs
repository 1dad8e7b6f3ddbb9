//! The old URLs of published files that moved (CONTENT.md §7), beside `gone`, which keeps a
//! page at the old URL of each page. A PDF (or any file copied as is) cannot hold a pointer,
//! and a web server serves an HTML stub under a `.pdf` name as a broken PDF; so the honest
//! static answer is the file itself: the old URL serves the same bytes as the new one, as
//! long as the file is published (then neither URL has it, as with any closed file). The
//! copy is in no list, feed or sitemap, its old `/api/` id is a `deleted` object (`gone`),
//! and the meeting's old page points on.

use motebok_domain::*;
use motebok_site::urls;
use std::collections::HashMap;

/// The files among `site.gone` (their old URLs do not end in `/`) that moved to a file
/// published now, sorted by URL. `gone` decided which old URLs were published.
pub(crate) fn find(site: &Site) -> Vec<MovedFile> {
    let by_url: HashMap<String, AttachmentIx> = site
        .attachments
        .iter()
        .enumerate()
        .filter(|(_, a)| !a.is_markdown() && a.publication.is_published())
        .map(|(i, a)| (urls::attachment(&a.owner, &a.name), i))
        .collect();
    let mut v: Vec<MovedFile> = site
        .gone
        .iter()
        .filter(|g| !g.url.ends_with('/'))
        .filter_map(|g| match &g.fate {
            GoneFate::Moved { to } => Some(MovedFile {
                url: g.url.clone(),
                attachment: *by_url.get(to)?,
            }),
            GoneFate::Withdrawn { .. } => None,
        })
        .collect();
    v.sort_by(|a, b| a.url.cmp(&b.url));
    v
}
