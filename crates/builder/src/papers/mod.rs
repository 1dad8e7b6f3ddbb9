//! The meeting papers as PDFs (CONTENT.md §9): `innkalling.pdf` and `protokoll.pdf` beside
//! each meeting page, assembled here from the same views and resolved links as the pages
//! (`assemble`, `markdown`) and typeset by the `motebok-papers` crate.
//!
//! They are made before the pages, in parallel, since the meeting page links each with its
//! size. A paper whose key (the fingerprints of the pages it draws from) is unchanged is
//! kept from the previous build, not typeset again. When a meeting's window closes its
//! papers' URLs keep a one-page tombstone PDF.

mod assemble;
mod markdown;
#[cfg(test)]
mod tests;

pub(crate) use assemble::{Assembler, DRAFT_MARK};

use crate::api::FileFacts;
use crate::deps::{self, Keys, SourceHashes};
use crate::pages::Page;
use crate::urls;
use crate::views::Views;
use motebok_domain::{MeetingIx, Publication, Site};
use motebok_papers::Paper;
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

/// The two papers of a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Which {
    Summons,
    Minutes,
}

impl Which {
    fn file(self) -> &'static str {
        match self {
            Which::Summons => "innkalling.pdf",
            Which::Minutes => "protokoll.pdf",
        }
    }
    fn name(self) -> &'static str {
        match self {
            Which::Summons => "Innkalling",
            Which::Minutes => "Protokoll",
        }
    }
}

/// The output path of a meeting's paper: `ssu/2025-05-22/innkalling.pdf`.
pub(crate) fn path(site: &Site, mi: MeetingIx, which: Which) -> String {
    let m = &site.meetings[mi];
    format!(
        "{}{}",
        urls::meeting(&site.organs[m.organ].id, m.date),
        which.file()
    )
}

/// Which papers a meeting has: the summons always, the minutes once a case has a decision;
/// a closed meeting keeps the same URLs (as tombstones).
pub(crate) fn papers_of(site: &Site, mi: MeetingIx) -> Vec<Which> {
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

/// A paper's content, or `None` when the meeting has no such paper.
pub(crate) fn assemble(a: &Assembler, mi: MeetingIx, which: Which) -> Option<Paper> {
    let m = &a.site.meetings[mi];
    match (m.publication, which) {
        (Publication::Tombstone { .. }, w) => a.tombstone_paper(mi, w.name()),
        (Publication::Published { .. }, Which::Summons) => Some(a.summons_paper(mi)),
        (Publication::Published { .. }, Which::Minutes) => a.minutes_paper(mi),
        (Publication::Exempt, _) => None,
    }
}

/// The link a meeting page shows to one of its papers.
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct PaperLink {
    /// Relative to the site's root.
    pub href: String,
    /// "Innkalling med saksdokumenter" or "Protokoll".
    pub title: String,
    /// "PDF, 245 kB".
    pub kind: String,
}

/// Each meeting's paper links, by meeting, in the order the page shows them.
pub(crate) type PaperLinks = HashMap<MeetingIx, Vec<PaperLink>>;

/// What a build remembers of the papers it wrote, by output path: their key and facts.
pub(crate) type PaperState = HashMap<String, (u64, FileFacts)>;

/// What made the papers: the links for the meeting pages, the facts for `/api/`, and the
/// state the next build takes over.
pub(crate) struct Made {
    pub links: PaperLinks,
    pub state: PaperState,
}

/// The key of a paper: the fingerprints of the pages whose content it holds (the meeting
/// page, each public case page, each Markdown attachment's page), so it changes when they do.
#[allow(clippy::too_many_arguments)]
pub(crate) fn key(
    site: &Site,
    mi: MeetingIx,
    which: Which,
    global: u64,
    keys: &Keys,
    hashes: &SourceHashes,
    by_path: &HashMap<&str, String>,
) -> u64 {
    let fp = |p: Page| deps::fingerprint(site, p, global, keys, hashes, by_path);
    let mut h = DefaultHasher::new();
    (global, which).hash(&mut h);
    fp(Page::Meeting(mi)).hash(&mut h);
    let m = &site.meetings[mi];
    for &ci in &m.cases {
        let c = &site.cases[ci];
        c.unntatt.is_some().hash(&mut h);
        if c.unntatt.is_none() {
            fp(Page::Case(ci)).hash(&mut h);
            for v in &c.vedlegg {
                if site.attachments[v.attachment].is_markdown() {
                    fp(Page::Attachment(v.attachment)).hash(&mut h);
                }
            }
        }
    }
    h.finish()
}

/// Makes every meeting's papers (in parallel), keeping those whose key is unchanged and
/// whose file `keep` says is still there; `put` writes a new one. The meeting pages' links
/// come back with their sizes.
pub(crate) fn make(
    a: &Assembler,
    key_of: &(dyn Fn(MeetingIx, Which) -> u64 + Sync),
    previous: &PaperState,
    keep: &(dyn Fn(&str) -> bool + Sync),
    put: &(dyn Fn(&str, Vec<u8>) -> Result<(), crate::BuildError> + Sync),
) -> Result<Made, crate::BuildError> {
    let site = a.site;
    let todo: Vec<(MeetingIx, Which)> = (0..site.meetings.len())
        .flat_map(|mi| papers_of(site, mi).into_iter().map(move |w| (mi, w)))
        .collect();
    let made: Vec<(MeetingIx, Which, String, u64, FileFacts)> = todo
        .into_par_iter()
        .filter_map(|(mi, which)| {
            let path = path(site, mi, which);
            let key = key_of(mi, which);
            if let Some((old, facts)) = previous.get(&path) {
                if *old == key && keep(&path) {
                    return Some(Ok((mi, which, path, key, facts.clone())));
                }
            }
            let paper = assemble(a, mi, which)?;
            Some(
                motebok_papers::typeset(&paper)
                    .map_err(crate::BuildError::from)
                    .and_then(|bytes| {
                        let facts = FileFacts::of(&bytes);
                        put(&path, bytes)?;
                        Ok((mi, which, path, key, facts))
                    }),
            )
        })
        .collect::<Result<_, _>>()?;
    let mut links: PaperLinks = HashMap::new();
    let mut state = PaperState::new();
    for (mi, which, path, key, facts) in made {
        if site.meetings[mi].publication.is_published() {
            links.entry(mi).or_default().push(PaperLink {
                href: urls::href(path.clone()),
                title: match which {
                    Which::Summons => "Innkalling med saksdokumenter".into(),
                    Which::Minutes => "Protokoll".into(),
                },
                kind: motebok_domain::accessibility::size_label("pdf", facts.size),
            });
        }
        state.insert(path, (key, facts));
    }
    for l in links.values_mut() {
        l.sort_by_key(|p| p.title.starts_with("Protokoll"));
    }
    Ok(Made { links, state })
}

/// Mixes a meeting page's paper keys into its fingerprint: the page shows their sizes.
pub(crate) fn page_key(page: Page, key: Option<u64>, made: &Made, site: &Site) -> Option<u64> {
    let Page::Meeting(mi) = page else {
        return key;
    };
    let mut h = DefaultHasher::new();
    key?.hash(&mut h);
    for w in papers_of(site, mi) {
        made.state.get(&path(site, mi, w)).hash(&mut h);
    }
    Some(h.finish())
}

impl Views<'_> {
    /// The links a meeting page shows to its papers (none until they are made).
    pub(crate) fn paper_links(&self, mi: MeetingIx) -> Vec<PaperLink> {
        self.papers.get(&mi).cloned().unwrap_or_default()
    }
}
