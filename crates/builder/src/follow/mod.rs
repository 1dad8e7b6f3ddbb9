//! Following a matter (CONTENT.md §9): each body's feed and calendar (`/<organ>/feed.xml`,
//! `/<organ>/moter.ics`) and each case's thread feed (`/<organ>/sak/<saksnr>/feed.xml`).
//!
//! Made on every build, like `/feed.xml` and `/moter.ics`, from the resolved site alone (a
//! rebuild writes what a full build writes, with no fingerprints to keep right): what is
//! unchanged keeps its bytes, so the output takes it over. They reuse the site-wide writers, and
//! so their rules: only published, approved documents, nothing exempt, no tombstone.

mod thread;

pub(crate) use thread::{feed_title as case_feed_title, has_feed as case_has_feed};

use crate::feeds::{self, Head, MAX_ENTRIES};
use crate::urls;
use crate::views::Views;
use crate::write::OutFile;

/// Every body's feed and calendar and every case's thread feed, sorted by path.
pub(crate) fn files(v: &Views) -> Vec<OutFile> {
    let all = std::sync::Mutex::new(Vec::new());
    let push = |f: OutFile| -> Result<(), std::convert::Infallible> {
        all.lock().unwrap_or_else(|e| e.into_inner()).push(f);
        Ok(())
    };
    let Ok(_) = each(v, &push);
    let mut all = all.into_inner().unwrap_or_else(|e| e.into_inner());
    all.sort_by(|a, b| a.path.cmp(&b.path));
    all
}

/// Hands every file of [`files`] to `put` as soon as it is made (from several threads), so a
/// build never holds them all: one feed per case adds up. Returns how many.
pub(crate) fn each<E: Send>(
    v: &Views,
    put: &(dyn Fn(OutFile) -> Result<(), E> + Sync),
) -> Result<usize, E> {
    let site = v.site;
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
        put(OutFile {
            bytes: feeds::write(v, &head, &entries).into_bytes(),
            path: head.path,
        })?;
        put(OutFile {
            path: urls::organ_calendar(&o.id),
            bytes: crate::calendar::organ_calendar(v, oi).into_bytes(),
        })?;
    }
    Ok(2 * site.organs.len() + thread::each(v, put)?)
}

/// The title of a body's feed, in the feed and in the pages that offer it.
pub(crate) fn organ_feed_title(navn: &str) -> String {
    format!("{navn}: nye og endrede dokumenter")
}
