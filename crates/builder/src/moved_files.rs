//! The old URLs of published files that moved (CONTENT.md §7), beside `gone`, which keeps a
//! page at the old URL of each page. A PDF (or any file copied as is) cannot hold a pointer,
//! and a web server serves an HTML stub under a `.pdf` name as a broken PDF; so the honest
//! static answer is the file itself: the old URL serves the same bytes as the new one, as
//! long as the file is published (then neither URL has it, as with any closed file). The
//! copy is in no list, feed, sitemap or `/api/`; the meeting's old page points on.

use crate::dates;
use crate::trail::Departed;
use crate::urls;
use motebok_domain::*;
use motebok_parser::kinds::{classify, FileKind};
use std::collections::{HashMap, HashSet};

/// The files among `departed` (paths that left the branch) that moved to a file published
/// now, from a URL that was published and that nothing else has now; sorted by URL.
pub fn find(site: &Site, departed: &[Departed], window_months: u32) -> Vec<MovedFile> {
    let copied = |a: &Attachment| !a.is_markdown() && a.publication.is_published();
    let by_path: HashMap<&str, AttachmentIx> = site
        .attachments
        .iter()
        .enumerate()
        .filter(|(_, a)| copied(a))
        .map(|(i, a)| (a.src.path.as_str(), i))
        .collect();
    let live: HashSet<String> = site
        .attachments
        .iter()
        .filter(|a| copied(a))
        .map(|a| urls::attachment(&a.owner, &a.name))
        .collect();
    let mut out: HashMap<String, (MovedFile, &Departed)> = HashMap::new();
    for d in departed.iter().filter(|d| !d.path.ends_with(".md")) {
        let Some(&ai) = d.now.as_deref().and_then(|p| by_path.get(p)) else {
            continue;
        };
        let FileKind::Attachment {
            owner,
            name,
            markdown: false,
        } = classify(&d.path)
        else {
            continue;
        };
        let (Some(first), Some(left)) = (d.trail.published(), d.trail.entries.get(d.left)) else {
            continue;
        };
        // Never on the site at its old URL (its window there closed before it came): no copy.
        if let AttachmentOwner::Meeting { organ, folder } = &owner {
            let Ok(date) = motebok_parser::parse_iso_date(folder) else {
                continue;
            };
            let months = site
                .organ(organ)
                .map_or(window_months, |o| site.organs[o].window_months);
            if dates::oslo_day(&first.time) >= closing_day(date, months) {
                continue;
            }
        }
        let url = urls::attachment(&owner, &name);
        if live.contains(&url) {
            continue;
        }
        // One URL left twice: the latest move stands.
        let later = out
            .get(&url)
            .is_none_or(|(_, o)| o.trail.entries[o.left].time <= left.time);
        if later {
            out.insert(
                url.clone(),
                (
                    MovedFile {
                        url,
                        attachment: ai,
                    },
                    d,
                ),
            );
        }
    }
    let mut v: Vec<MovedFile> = out.into_values().map(|(m, _)| m).collect();
    v.sort_by(|a, b| a.url.cmp(&b.url));
    v
}
