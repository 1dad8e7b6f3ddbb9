//! Which papers a meeting has and where they lie (CONTENT.md §9): what the papers make
//! (`papers`), and what `/api/` lists and the page fingerprints (`deps`) read, so the open data
//! need not import the typesetting.

use crate::urls;
use motebok_domain::{MeetingIx, Publication, Site};

/// The two papers of a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Which {
    /// The summons with the case papers (`innkalling.pdf`).
    Summons,
    /// The minutes (`protokoll.pdf`).
    Minutes,
}

impl Which {
    /// The file name beside the meeting page.
    pub fn file(self) -> &'static str {
        match self {
            Which::Summons => "innkalling.pdf",
            Which::Minutes => "protokoll.pdf",
        }
    }
    /// The paper's name, as its tombstone shows it.
    pub fn name(self) -> &'static str {
        match self {
            Which::Summons => "Innkalling",
            Which::Minutes => "Protokoll",
        }
    }
    /// The paper a file name beside a meeting page is, if any.
    pub fn of_file(file: &str) -> Option<Which> {
        [Which::Summons, Which::Minutes]
            .into_iter()
            .find(|w| w.file() == file)
    }
}

/// The output path of a meeting's paper: `ssu/2025-05-22/innkalling.pdf`.
pub fn path(site: &Site, mi: MeetingIx, which: Which) -> String {
    let m = &site.meetings[mi];
    format!(
        "{}{}",
        urls::meeting(&site.organs[m.organ].id, m.date),
        which.file()
    )
}

/// Which papers a meeting has: the summons always, the minutes once a case has a decision;
/// a closed meeting keeps the same URLs (as tombstones).
pub fn papers_of(site: &Site, mi: MeetingIx) -> Vec<Which> {
    let m = &site.meetings[mi];
    match m.publication {
        Publication::Published { .. } | Publication::Tombstone { .. } => {
            let mut w = vec![Which::Summons];
            if m.has_minutes(site) {
                w.push(Which::Minutes);
            }
            w
        }
        Publication::Exempt => Vec::new(),
    }
}
