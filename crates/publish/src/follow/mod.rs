//! Following a matter (CONTENT.md §9): each body's feed and calendar (`/<organ>/feed.xml`,
//! `/<organ>/moter.ics`) and each case's thread feed (`/<organ>/sak/<saksnr>/feed.xml`).
//!
//! A rebuild makes again only those whose key changed (the builder's `remake`): a feed's key hashes
//! its entries (front matter, trail times) and, for a summary made from a body, that body's
//! file hash, so an unchanged feed is known without reading a body. They reuse the site-wide
//! writers, and so their rules: only published, approved documents, nothing exempt, no
//! tombstone.

mod put;
mod thread;

pub use put::Make;
pub(crate) use put::Put;

pub(crate) use motebok_site::views::follow::organ_feed_title;
pub use thread::feed_title as case_feed_title;

use crate::feeds::{self, Hashes, Head, MAX_ENTRIES};
use motebok_site::urls;
use motebok_site::views::{Unread, Views};

/// Hands every body's feed and calendar and every case's thread feed to `put` with its key, `base` being the site-wide inputs
/// every feed reads (configuration, binary, date) and `hashes` the source files' hashes.
/// Returns how many.
pub fn each<E: Send + From<Unread>>(
    v: &Views,
    base: u64,
    hashes: &Hashes,
    put: &Put<E>,
) -> Result<usize, E> {
    let site = v.site;
    for (oi, pending) in feeds::pending_by_organ(v, MAX_ENTRIES)
        .into_iter()
        .enumerate()
    {
        let o = &site.organs[oi];
        let head = Head {
            path: urls::organ_feed(&o.id),
            title: organ_feed_title(&o.navn),
            page: urls::organ(&o.id),
        };
        let key = feeds::key(base, &head, &pending, hashes);
        let pending = std::sync::Mutex::new(Some(pending));
        put(head.path.clone(), key, &|| {
            let pending = pending
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .take()
                .unwrap_or_default();
            Ok(feeds::write(v, &head, &feeds::made(v, pending)?).into_bytes())
        })?;
        // A calendar is made from the meetings' front matter: cheap, so made every time (its
        // key is its bytes' own hash).
        let calendar = crate::calendar::organ_calendar(v, oi).into_bytes();
        put(urls::organ_calendar(&o.id), bytes_key(&calendar), &|| {
            Ok(calendar.clone())
        })?;
    }
    Ok(2 * site.organs.len() + thread::each(v, base, put)?)
}

/// `/feed.xml`, with its key (see [`each`]).
pub fn site_feed<E>(v: &Views, base: u64, hashes: &Hashes, put: &Put<E>) -> Result<(), E> {
    let head = feeds::site_head(v);
    let pending = feeds::pending(v, MAX_ENTRIES);
    let key = feeds::key(base, &head, &pending, hashes);
    let pending = std::sync::Mutex::new(Some(pending));
    put(head.path.clone(), key, &|| {
        let pending = pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .unwrap_or_default();
        Ok(feeds::write(v, &head, &feeds::made(v, pending)?).into_bytes())
    })
}

fn bytes_key(bytes: &[u8]) -> u64 {
    use std::hash::{DefaultHasher, Hasher};
    let mut h = DefaultHasher::new();
    h.write(bytes);
    h.finish()
}
