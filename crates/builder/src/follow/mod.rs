//! Following a matter (CONTENT.md §9): each body's feed and calendar (`/<organ>/feed.xml`,
//! `/<organ>/moter.ics`) and each case's thread feed (`/<organ>/sak/<saksnr>/feed.xml`).
//!
//! Made on every build, like `/feed.xml` and `/moter.ics`, from the resolved site alone (a
//! rebuild writes what a full build writes, with no fingerprints to keep right): what is
//! unchanged keeps its bytes, so the output takes it over. They reuse the site-wide writers, and
//! so their rules: only published, approved documents, nothing exempt, no tombstone.

mod thread;

pub use thread::{feed_title as case_feed_title, has_feed as case_has_feed};

use crate::feeds::{self, Head, MAX_ENTRIES};
use crate::urls;
use crate::views::Views;
use crate::write::OutFile;

/// Every body's feed and calendar and every case's thread feed.
pub fn files(v: &Views) -> Vec<OutFile> {
    let site = v.site;
    let mut out = Vec::with_capacity(2 * site.organs.len() + site.cases.len());
    for (oi, entries) in feeds::entries_by_organ(v, MAX_ENTRIES)
        .into_iter()
        .enumerate()
    {
        let o = &site.organs[oi];
        let head = Head {
            path: urls::organ_feed(&o.id),
            title: organ_feed_title(&o.navn),
            page: urls::organ(&o.id),
        };
        out.push(OutFile {
            bytes: feeds::write(v, &head, &entries).into_bytes(),
            path: head.path,
        });
        out.push(OutFile {
            path: urls::organ_calendar(&o.id),
            bytes: crate::calendar::organ_calendar(v, oi).into_bytes(),
        });
    }
    out.extend(thread::feeds(v));
    out
}

/// The title of a body's feed, in the feed and in the pages that offer it.
pub fn organ_feed_title(navn: &str) -> String {
    format!("{navn}: nye og endrede dokumenter")
}
