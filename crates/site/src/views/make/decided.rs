//! Which years of a body have a decisions page, and which cases it lists: facts of the
//! resolved site that the pages and the page list (the builder's `pages`) share.

use chrono::Datelike;
use motebok_domain::{CaseIx, OrganIx, Site};

/// The years of a body that have a decisions page: every year it has a meeting, published or
/// not, so the URL stays when the window moves on (the page then says where the rest are).
pub fn decision_years(site: &Site, oi: OrganIx) -> Vec<i32> {
    let mut years: Vec<i32> = site.organs[oi]
        .meetings
        .iter()
        .map(|&m| site.meetings[m].date.year())
        .collect();
    years.dedup();
    years
}

/// The cases of a body's year whose decisions are listed: published (a preview's drafts
/// included, as on every page), not exempt, with a `vedtak`; by meeting, then number.
pub fn decided(site: &Site, oi: OrganIx, year: i32) -> Vec<CaseIx> {
    site.organs[oi]
        .meetings
        .iter()
        .filter(|&&m| site.meetings[m].date.year() == year)
        .flat_map(|&m| site.meetings[m].cases.iter().copied())
        .filter(|&c| {
            let c = &site.cases[c];
            c.unntatt.is_none() && c.publication.is_published() && c.vedtak.is_some()
        })
        .collect()
}
