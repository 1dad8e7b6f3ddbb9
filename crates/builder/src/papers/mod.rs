//! The meeting papers as PDFs (CONTENT.md §9): `innkalling.pdf` and `protokoll.pdf` beside
//! each meeting page, assembled from the same views and resolved links as the pages
//! (`motebok_render::papers`) and typeset by the `motebok-papers` crate.
//!
//! They are made before the pages, in parallel, since the meeting page links each with its
//! size. A paper whose key (the fingerprints of the pages it draws from) is unchanged is
//! kept from the previous build, not typeset again. When a meeting's window closes its
//! papers' URLs keep a one-page tombstone PDF.

pub(crate) mod cache;
mod threads;

pub(crate) use cache::PaperCache;

use crate::source::SourceHashes;
use crate::write::Output;
use motebok_domain::{GoneFate, MeetingIx, Site};
use motebok_publish::FileFacts;
use motebok_render::deps::{self, Keys};
use motebok_render::papers::{is_image, paper_texts, Assembler};
use motebok_render::Page;
use motebok_site::paper_files::{papers_of, path, Which};
use motebok_site::urls;
use motebok_site::views::{PaperLink, PaperLinks, Views};
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Instant;

/// What a paper's bytes are made from.
#[derive(Debug, Clone, Copy)]
enum Job {
    /// A meeting's paper (at its own URL, or at the old URL of a meeting that moved to it:
    /// the same bytes, as `moved_files` keeps an attachment's).
    Meeting(MeetingIx, Which),
    /// The tombstone at a paper's URL whose meeting left it (`site.gone`).
    Gone(usize, Which),
}

/// The papers at the URLs of meetings that left them (`site.gone`), with what each gets: the
/// paper of the meeting it moved to, if that has one, else a tombstone.
fn gone_jobs(site: &Site) -> Vec<(String, Job)> {
    let by_url: HashMap<String, MeetingIx> = (0..site.meetings.len())
        .map(|mi| {
            let m = &site.meetings[mi];
            (urls::meeting(&site.organs[m.organ].id, m.date), mi)
        })
        .collect();
    let mut v = Vec::new();
    for (gi, g) in site.gone.iter().enumerate() {
        for w in g.files.iter().filter_map(|f| Which::of_file(f)) {
            let to = match &g.fate {
                GoneFate::Moved { to } => by_url.get(to).copied(),
                GoneFate::Withdrawn { .. } => None,
            };
            let job = match to {
                Some(mi) if papers_of(site, mi).contains(&w) => Job::Meeting(mi, w),
                _ => Job::Gone(gi, w),
            };
            v.push((format!("{}{}", g.url, w.file()), job));
        }
    }
    v
}

/// What a build remembers of the papers it wrote, by output path.
pub(crate) type PaperState = HashMap<String, Written>;

/// A paper written: its key, a hash of what was typeset, and the file's facts.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Written {
    /// [`key`]: the fingerprints of the pages it draws from (cheap, known before assembling).
    pub key: u64,
    /// The identity of the assembled `Paper`, the typesetter's whole input
    /// ([`cache::paper_id`]): a paper whose key changed (a case page's thread did, say) but
    /// whose content did not keeps its file; the paper cache knows it by this name.
    pub paper: String,
    pub facts: FileFacts,
}

/// What made the papers: their facts for `/api/` and the state the next build takes over.
/// (The meeting pages' links are set on the views.)
pub(crate) struct Made {
    pub state: PaperState,
    /// How many were typeset anew, how many kept; the CPU time of assembling and of
    /// typesetting them (for `MOTEBOK_TIMINGS`).
    pub typeset: usize,
    pub kept: usize,
    /// How many were taken from the paper cache rather than typeset.
    pub from_cache: usize,
    /// Papers left for the next run ([`KeyInputs::later`]).
    pub waiting: usize,
    /// Entries of the paper cache found damaged (removed, and typeset again).
    pub damaged: Vec<std::path::PathBuf>,
    pub assemble_ns: u64,
    pub typeset_ns: u64,
}

impl Made {
    /// One line for `MOTEBOK_TIMINGS`.
    pub(crate) fn note(&self) -> String {
        format!(
            "{} typeset, {} kept, {} from the cache; cpu: assemble {} ms, typeset {} ms",
            self.typeset,
            self.kept,
            self.from_cache,
            self.assemble_ns / 1_000_000,
            self.typeset_ns / 1_000_000
        )
    }
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

/// What a paper's key is made from: the page fingerprints' inputs.
pub(crate) struct KeyInputs<'a> {
    pub global: u64,
    pub keys: &'a Keys,
    pub hashes: &'a SourceHashes,
    pub by_path: &'a HashMap<&'a str, String>,
    /// Where typeset papers are kept across builds (none in memory-only previews).
    pub cache: Option<&'a PaperCache>,
    /// Typeset nothing now (the live preview's first pass after a save): a paper whose key
    /// changed keeps its previous file under its previous key, so the next run typesets it;
    /// a paper with no previous file waits for that run.
    pub later: bool,
}

/// [`make`] with each paper's [`key`]: the one call of a build, a rebuild or a preview.
pub(crate) fn make_for(
    v: &Views,
    binaries: &dyn Fn(&str) -> Option<Vec<u8>>,
    k: &KeyInputs,
    previous: &PaperState,
    out: &dyn Output,
) -> Result<Made, crate::build_error::BuildError> {
    let key_of = |mi, w| key(v.site, mi, w, k.global, k.keys, k.hashes, k.by_path);
    let how = How {
        cache: k.cache,
        later: k.later,
    };
    make(v, binaries, &key_of, k.global, previous, how, out)
}

/// How [`make`] goes about the papers it cannot keep: see [`KeyInputs`]'s fields of the same
/// names.
#[derive(Clone, Copy)]
pub(crate) struct How<'a> {
    pub cache: Option<&'a PaperCache>,
    pub later: bool,
}

/// Makes every meeting's papers, keeping those whose key is unchanged and whose file `out`
/// still has; the others are assembled and typeset in parallel and put into `out`. The
/// meeting pages' links (set on `v`) come back with their sizes. `binaries` (the images the
/// bodies show) is read first, on this thread: it may read git, which is not shared.
pub(crate) fn make(
    v: &Views,
    binaries: &dyn Fn(&str) -> Option<Vec<u8>>,
    key_of: &(dyn Fn(MeetingIx, Which) -> u64 + Sync),
    global: u64,
    previous: &PaperState,
    how: How,
    out: &dyn Output,
) -> Result<Made, crate::build_error::BuildError> {
    let How { cache, later } = how;
    let site = v.site;
    let mut all: Vec<(Job, String, u64)> = (0..site.meetings.len())
        .into_par_iter()
        .flat_map_iter(|mi| {
            papers_of(site, mi)
                .into_iter()
                .map(move |w| (Job::Meeting(mi, w), path(site, mi, w), key_of(mi, w)))
        })
        .collect();
    all.extend(gone_jobs(site).into_iter().map(|(path, job)| {
        let key = match job {
            Job::Meeting(mi, w) => key_of(mi, w),
            Job::Gone(gi, w) => {
                let mut h = DefaultHasher::new();
                (global, w, &site.gone[gi]).hash(&mut h);
                h.finish()
            }
        };
        (job, path, key)
    }));
    let mut kept = Vec::new();
    let mut todo = Vec::new();
    let mut waiting = 0;
    for (job, path, key) in all {
        match previous.get(&path) {
            Some(old) if old.key == key && out.keep(&path) => {
                kept.push((job, path, Written { key, ..old.clone() }))
            }
            // Its old key stays, so the next run sees the change and typesets it.
            Some(old) if later && out.keep(&path) => {
                waiting += 1;
                kept.push((job, path, old.clone()))
            }
            _ if later => waiting += 1,
            _ => todo.push((job, path, key)),
        }
    }
    let mut images: HashMap<String, Vec<u8>> = HashMap::new();
    // Every meeting's bodies are read before a failed read stops the build, so that it
    // reports every body that cannot be read (the store keeps them), not only the first.
    let mut unread = None;
    for mi in todo.iter().filter_map(|(job, ..)| match job {
        Job::Meeting(mi, _) => Some(*mi),
        Job::Gone(..) => None,
    }) {
        let texts = match paper_texts(v, mi) {
            Ok(texts) => texts,
            Err(e) => {
                unread = unread.or(Some(e));
                continue;
            }
        };
        for (src, md) in texts {
            for target in motebok_parser::markdown::links(&md) {
                if let Some(p) = v.linked_file(src, &target) {
                    if !images.contains_key(&p) && is_image(&p) {
                        if let Some(b) = binaries(&p) {
                            images.insert(p, b);
                        }
                    }
                }
            }
        }
    }
    if let Some(e) = unread {
        return Err(e.into());
    }
    let bytes = |p: &str| images.get(p).cloned();
    let a = Assembler { v, bytes: &bytes };
    let assemble_ns = AtomicU64::new(0);
    let typeset_ns = AtomicU64::new(0);
    let since = |t: Instant, sum: &AtomicU64| {
        sum.fetch_add(t.elapsed().as_nanos() as u64, Ordering::Relaxed)
    };
    let unchanged = AtomicUsize::new(0);
    let from_cache = AtomicUsize::new(0);
    let damaged = std::sync::Mutex::new(Vec::new());
    let made: Vec<(Job, String, Written)> = threads::each(todo, |(job, path, key)| {
        let t = Instant::now();
        let paper = match job {
            Job::Meeting(mi, which) => a.paper(mi, which),
            Job::Gone(gi, which) => Ok(Some(a.gone_paper(&site.gone[gi], which.name()))),
        };
        since(t, &assemble_ns);
        let paper = match paper {
            Ok(paper) => paper?,
            Err(e) => return Some(Err(e.into())),
        };
        let id = cache::paper_id(&paper);
        if let Some(old) = previous.get(&path) {
            if old.paper == id && out.keep(&path) {
                unchanged.fetch_add(1, Ordering::Relaxed);
                let w = Written { key, ..old.clone() };
                return Some(Ok((job, path, w)));
            }
        }
        let pdf = match cache.map(|c| c.get(&id)) {
            Some(cache::Lookup::Hit(bytes)) => {
                from_cache.fetch_add(1, Ordering::Relaxed);
                Ok(bytes)
            }
            lookup => {
                if let Some(cache::Lookup::Damaged(p)) = lookup {
                    crate::write::lock(&damaged).push(p);
                }
                let t = Instant::now();
                let pdf = motebok_papers::typeset(&paper);
                since(t, &typeset_ns);
                if let (Some(c), Ok(bytes)) = (cache, &pdf) {
                    c.put(&id, bytes);
                }
                pdf
            }
        };
        Some(
            pdf.map_err(crate::build_error::BuildError::from)
                .and_then(|bytes| {
                    let facts = FileFacts::of(&bytes);
                    out.put(&path, &bytes)?;
                    let w = Written {
                        key,
                        paper: id,
                        facts,
                    };
                    Ok((job, path, w))
                }),
        )
    })
    .into_iter()
    .flatten()
    .collect::<Result<_, _>>()?;
    let mut links: PaperLinks = HashMap::new();
    let mut state = PaperState::new();
    let (unchanged, from_cache) = (unchanged.into_inner(), from_cache.into_inner());
    let n_kept = kept.len() + unchanged;
    let n_made = made.len() - unchanged - from_cache;
    for (job, path, written) in kept.into_iter().chain(made) {
        // Only a meeting's own papers are linked from its page (not its copies at old URLs).
        let own = match job {
            Job::Meeting(mi, which) if path == self::path(site, mi, which) => Some((mi, which)),
            _ => None,
        };
        if let Some((mi, which)) =
            own.filter(|(mi, _)| site.meetings[*mi].publication.is_published())
        {
            links.entry(mi).or_default().push(PaperLink {
                href: urls::href(path.clone()),
                title: match which {
                    Which::Summons => "Innkalling med saksdokumenter".into(),
                    Which::Minutes => "Protokoll".into(),
                },
                kind: motebok_domain::accessibility::size_label("pdf", written.facts.size),
            });
        }
        state.insert(path, written);
    }
    for l in links.values_mut() {
        l.sort_by_key(|p| p.title.starts_with("Protokoll"));
    }
    // Set once per build, before any page is rendered.
    let _ = v.papers.set(links);
    if let Some(c) = cache {
        c.prune(&state.values().map(|w| w.paper.as_str()).collect());
    }
    Ok(Made {
        state,
        typeset: n_made,
        kept: n_kept,
        from_cache,
        waiting,
        damaged: damaged.into_inner().unwrap_or_else(|e| e.into_inner()),
        assemble_ns: assemble_ns.into_inner(),
        typeset_ns: typeset_ns.into_inner(),
    })
}

/// Mixes a meeting page's papers into its fingerprint: the page shows their sizes. Their facts,
/// not their keys: a paper typeset again to the same bytes leaves the page as it was.
pub(crate) fn page_key(page: Page, key: Option<u64>, made: &Made, site: &Site) -> Option<u64> {
    let Page::Meeting(mi) = page else {
        return key;
    };
    let mut h = DefaultHasher::new();
    key?.hash(&mut h);
    for w in papers_of(site, mi) {
        made.state
            .get(&path(site, mi, w))
            .map(|w| &w.facts)
            .hash(&mut h);
    }
    Some(h.finish())
}
