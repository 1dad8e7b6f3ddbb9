//! The render pass, the only one: a build, a rebuild, the live preview and `check --against`
//! all render through [`render`], into a folder or into memory (`crate::write::Output`).
//! Every file goes into the output as soon as it is made, and of each page only what later
//! steps need is kept (its URL and sitemap facts, its search record, the size and checksum
//! `/api/` publishes). Holding the whole site's HTML in memory until the end would cost
//! several times the output's size.
//!
//! Given what the previous run rendered ([`RenderState`]; the empty state for a first run), a
//! page whose fingerprint (`deps.rs`) is unchanged is not rendered again: its file is kept,
//! and so is its entry in the search index. The search index is then updated rather than
//! rebuilt, and the feeds are made again only when their key changed (`remake`).

use crate::build_error::BuildError;
use crate::progress::Progress;
use crate::search::{self, IndexState, Record};
use crate::source::SourceHashes;
use crate::write::{OutFile, Output};
use minijinja::Environment;
use motebok_domain::Site;
use motebok_publish::FileFacts;
use motebok_render::{deps, Rendered, Renderer};
use motebok_site::config::SiteConfig;
use motebok_site::theme::Theme;
use motebok_site::urls;
use motebok_site::views::Views;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// What the phase wrote.
#[derive(Debug, Clone, Copy, Default)]
pub struct Written {
    /// Pages written (rendered or taken over).
    pub pages: usize,
    /// Files in the output.
    pub files: usize,
    /// Pages in the search index.
    pub searchable: usize,
    /// Pages rendered (the rest were taken over from the previous build).
    pub rendered: usize,
    /// Feeds and calendars made, and how many there are (the rest were taken over).
    pub feeds_made: (usize, usize),
    /// Meeting papers left as they were, or not yet made, by [`Outputs::PreviewPapersLater`].
    pub papers_waiting: usize,
}

/// What a build remembers of a page it wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageEntry {
    /// Its fingerprint; `None` for pages that read the whole site (always rendered).
    pub key: Option<u64>,
    pub listed: bool,
    pub lastmod: Option<String>,
    /// Size and checksum, for pages `/api/` describes.
    pub facts: Option<FileFacts>,
    /// In the search index.
    pub searchable: bool,
}

/// Which outputs a run makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outputs {
    /// Everything a production build publishes.
    Publish,
    /// What a preview shows (the live preview, `check --against`): the pages and every file
    /// they link to, without `/api/`'s objects and the search index.
    Preview,
    /// The live preview's first pass after a save: as [`Outputs::Preview`], but a meeting paper
    /// whose content changed keeps its previous file for now and a new one waits
    /// ([`Written::papers_waiting`]), so the edited page is shown without waiting for typst; a
    /// [`Outputs::Preview`] run over this one's state then typesets them.
    PreviewPapersLater,
}

/// What a run rendered, for the next one to take over: pages by URL and the search index.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RenderState {
    pub pages: HashMap<String, PageEntry>,
    pub search: IndexState,
    pub api: motebok_publish::ApiState,
    /// Attachments copied as they are, by output path: their source's hash and their facts.
    pub copied: HashMap<String, (u64, FileFacts)>,
    /// The feeds and calendars, by output path: the key each was made with (`remake`).
    pub feeds: crate::remake::OutputKeys,
    /// The meeting papers (PDF), by output path: their key and facts.
    pub papers: crate::papers::PaperState,
}

/// What the render pass reads besides the site: the same for every caller.
pub(crate) struct Context<'a> {
    pub cfg: &'a SiteConfig,
    pub theme: &'a Theme,
    /// The theme's templates, compiled.
    pub env: &'a Environment<'static>,
    pub today: chrono::NaiveDate,
    /// The source files' hashes, for fingerprints.
    pub hashes: &'a SourceHashes,
    /// The bytes of a source file copied or embedded as it is.
    pub binaries: &'a dyn Fn(&str) -> Option<Vec<u8>>,
    /// Where the bodies are read from.
    pub bodies: &'a crate::store::Store,
    pub outputs: Outputs,
    /// Where typeset papers are kept across builds: the repository's for production builds
    /// and rebuilds; none for previews, whose papers live in memory.
    pub paper_cache: Option<&'a crate::papers::PaperCache>,
}

/// Renders the pages, static files, open data, feeds, sitemap and search index of `site` into
/// `out` (of open data and search only what `outputs` asks), taking over from `previous`
/// what did not change. Returns what the next run takes over in turn.
pub(crate) fn render(
    site: &Site,
    cx: &Context,
    out: &dyn Output,
    progress: &dyn Progress,
    previous: RenderState,
) -> Result<(Written, RenderState), BuildError> {
    let Context {
        cfg,
        theme,
        env,
        today,
        hashes,
        binaries,
        bodies,
        outputs,
        paper_cache,
    } = *cx;
    let publish = outputs == Outputs::Publish;
    let r = Renderer::new(Views::new(site, cfg, today, bodies), env);
    let mut t = crate::timer::Timer::new();
    // Everything every page shares: a change to either renders every page again.
    let config_and_theme = format!("{cfg:?}{}", theme.key_text());
    let global = deps::global_key(site, &config_and_theme, crate::binary::binary_id());
    let by_path = r.views.link_targets();
    let keys = deps::Keys::new(site, hashes, &by_path);
    t.lap("fingerprints");
    // Before the pages: a meeting page links its papers with their sizes.
    let papers = crate::papers::make_for(
        &r.views,
        binaries,
        &crate::papers::KeyInputs {
            global,
            keys: &keys,
            hashes,
            by_path: &by_path,
            cache: paper_cache,
            later: outputs == Outputs::PreviewPapersLater,
        },
        &previous.papers,
        out,
    )?;
    t.lap("papers");
    for p in &papers.damaged {
        progress.note(&format!(
            "En lagret PDF i papirbufferen var skadet og er satt på nytt ({}).",
            p.display()
        ));
    }
    if t.on() {
        eprintln!("                {}", papers.note());
    }
    let all = motebok_render::pages(site);
    progress.phase("Sider", Some(all.len() as u64));

    // A page once written: its HTML is gone, its record (if rendered and searchable) stays.
    struct Done {
        url: String,
        entry: PageEntry,
        record: Option<Record>,
        rendered: bool,
    }
    let write = |page: Rendered, key: Option<u64>| -> Result<Done, BuildError> {
        let path = urls::file_of(&page.url);
        // Only published pages are described by a File in /api/: tombstones need no checksum.
        let facts = (publish && page.listed).then(|| FileFacts::of(page.html.as_bytes()));
        let record = search::record(&page).filter(|_| publish);
        out.put(&path, page.html.as_bytes())?;
        progress.advance(1);
        Ok(Done {
            entry: PageEntry {
                key,
                listed: page.listed,
                lastmod: page.lastmod,
                facts,
                searchable: record.is_some(),
            },
            url: page.url,
            record,
            rendered: true,
        })
    };
    let results: Vec<Result<Done, BuildError>> = all
        .into_par_iter()
        .map(|p| {
            let key = deps::fingerprint(site, p, global, &keys, hashes, &by_path);
            let key = crate::papers::page_key(p, key, &papers, site);
            let url = motebok_render::url_of(site, p);
            if let Some(old) = previous.pages.get(&url) {
                if key.is_some() && old.key == key && out.keep(&urls::file_of(&url)) {
                    progress.advance(1);
                    return Ok(Done {
                        url,
                        entry: old.clone(),
                        record: None,
                        rendered: false,
                    });
                }
            }
            match r.page(p) {
                Ok(page) => write(page, key),
                Err(e) => Err(BuildError::Render(vec![e])),
            }
        })
        .collect();
    let mut done = Vec::with_capacity(results.len() + 1);
    let mut errors = Vec::new();
    for res in results {
        match res {
            Ok(d) => done.push(d),
            Err(BuildError::Render(e)) => errors.extend(e),
            Err(e) => return Err(e),
        }
    }
    if !errors.is_empty() {
        return Err(BuildError::Render(errors));
    }
    let index =
        motebok_render::api_index(&r.views, env).map_err(|e| BuildError::Render(vec![e]))?;
    done.push(write(index, None)?);
    done.sort_by(|a, b| a.url.cmp(&b.url));
    t.lap("pages");

    progress.phase("Filer", None);
    // Attachments copied as they are: one whose source is unchanged is kept, with its facts.
    let copied_before = |path: &str, src: &str| -> Option<(u64, FileFacts)> {
        let (hash, facts) = previous.copied.get(path)?;
        let now = *hashes.get(src)?;
        (*hash == now && out.keep(path)).then(|| (now, facts.clone()))
    };
    let kept_copies: Vec<(String, &str, u64, FileFacts)> = motebok_render::copied_files(site)
        .into_par_iter()
        .filter_map(|(path, a)| {
            let (h, f) = copied_before(&path, &a.src.path)?;
            Some((path, a.src.path.as_str(), h, f))
        })
        .collect();
    // A source is read again only if one of its copies (a moved file has two) is not kept.
    let kept_paths: HashSet<&str> = kept_copies.iter().map(|k| k.0.as_str()).collect();
    let unkept_sources: HashSet<&str> = motebok_render::copied_files(site)
        .into_iter()
        .filter(|(path, _)| !kept_paths.contains(path.as_str()))
        .map(|(_, a)| a.src.path.as_str())
        .collect();
    let mut statics = motebok_render::static_files(site, theme, &|src: &str| {
        unkept_sources
            .contains(src)
            .then(|| binaries(src))
            .flatten()
    });
    statics.retain(|f| !kept_paths.contains(f.path.as_str()));
    let mut facts: HashMap<String, FileFacts> = statics
        .par_iter()
        .map(|f| {
            out.put(&f.path, &f.bytes)?;
            Ok((f.path.clone(), FileFacts::of(&f.bytes)))
        })
        .collect::<Result<_, BuildError>>()?;
    let mut copied: HashMap<String, (u64, FileFacts)> = HashMap::new();
    for (path, a) in motebok_render::copied_files(site) {
        if let (Some(f), Some(&h)) = (facts.get(&path), hashes.get(&a.src.path)) {
            copied.insert(path, (h, f.clone()));
        }
    }
    let mut files = done.len() + statics.len() + kept_copies.len();
    for (path, _, h, f) in kept_copies {
        facts.insert(path.clone(), f.clone());
        copied.insert(path, (h, f));
    }
    drop(statics);
    t.lap("assets");

    // The index first: its records (the text of every page rendered) are freed before open
    // data is built, so the two never take memory at the same time.
    let mut records = Vec::new();
    let mut kept_in_index: HashSet<&str> = HashSet::new();
    let mut listed = Vec::with_capacity(done.len());
    let mut rendered = 0;
    for d in &mut done {
        if let Some(f) = &d.entry.facts {
            facts.insert(urls::file_of(&d.url), f.clone());
        }
        records.extend(d.record.take());
        if d.rendered {
            rendered += 1;
        } else if d.entry.searchable {
            kept_in_index.insert(&d.url);
        }
        if d.entry.listed {
            listed.push(Rendered {
                url: d.url.clone(),
                html: String::new(),
                listed: true,
                lastmod: d.entry.lastmod.clone(),
                search: None,
            });
        }
    }
    files += papers.state.len();
    facts.extend(
        papers
            .state
            .iter()
            .map(|(p, w)| (p.clone(), w.facts.clone())),
    );
    let index = if publish {
        progress.phase("Søkeindeks", None);
        let removed: HashSet<String> = previous
            .search
            .docs
            .iter()
            .filter(|d| !kept_in_index.contains(d.url.as_str()))
            .map(|d| d.url.clone())
            .collect();
        let counting = Counting {
            out,
            n: Default::default(),
        };
        let index =
            search::update_index(previous.search, &removed, records, &cfg.language, &counting)?;
        files += counting.n.into_inner();
        index
    } else {
        IndexState::default()
    };
    let searchable = index.docs.len();
    t.lap("search");
    progress.phase("Åpne data", None);
    let (open, api) = if publish {
        let api_keys = deps::ApiKeys::new(site, global, &keys, hashes, &by_path, &facts);
        let api_key = |obj| api_keys.key(obj);
        let put = |f: &OutFile| -> Result<(), OpenDataError> { Ok(out.put(&f.path, &f.bytes)?) };
        let reuse = motebok_publish::Reuse {
            key: &api_key,
            old: &previous.api,
            keep: &|p: &str| out.keep(p),
            put: Some(&put),
        };
        let (open, api, kept) =
            motebok_render::open_data(&r.views, &facts, &reuse).map_err(BuildError::Render)?;
        files += kept;
        (open, api)
    } else {
        // The calendar and the accessibility findings, which the pages link to.
        (
            motebok_render::linked_data(&r.views).to_vec(),
            Default::default(),
        )
    };
    drop(facts);
    files += put_all(out, &open)?;
    drop(open);
    t.lap("open data");
    let remake = crate::remake::Remake::new(out, &previous.feeds);
    let put = |path: String, key: u64, make: &motebok_publish::Make| remake.file(&path, key, make);
    motebok_publish::site_feed(&r.views, global, hashes, &put)?;
    files += 1 + motebok_publish::follow_feeds(&r.views, global, hashes, &put)?;
    let feeds = remake.finish();
    if t.on() {
        eprintln!("feeds made: {} of {}", feeds.made, feeds.total);
    }
    t.lap("follow feeds");
    files += put_all(out, &motebok_render::site_maps(cfg, &listed))?;
    t.lap("sitemap");

    let pages: HashMap<String, PageEntry> = done.into_iter().map(|d| (d.url, d.entry)).collect();
    Ok((
        Written {
            pages: pages.len(),
            files,
            searchable,
            rendered,
            feeds_made: (feeds.made, feeds.total),
            papers_waiting: papers.waiting,
        },
        RenderState {
            pages,
            search: index,
            api,
            copied,
            feeds: feeds.keys,
            papers: papers.state,
        },
    ))
}

/// Why `/api/` could not be made: its own error, or a file it handed to the output.
#[derive(Debug, thiserror::Error)]
enum OpenDataError {
    #[error(transparent)]
    Api(#[from] motebok_publish::ApiError),
    #[error(transparent)]
    Write(#[from] crate::write::WriteError),
}

/// An output that counts the files put or kept through it.
struct Counting<'a> {
    out: &'a dyn Output,
    n: std::sync::atomic::AtomicUsize,
}

impl Output for Counting<'_> {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), crate::write::WriteError> {
        self.n.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.out.put(path, bytes)
    }
    fn keep(&self, path: &str) -> bool {
        let kept = self.out.keep(path);
        if kept {
            self.n.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        kept
    }
    fn old_bytes(&self, path: &str) -> Option<Vec<u8>> {
        self.out.old_bytes(path)
    }
}

fn put_all(out: &dyn Output, files: &[OutFile]) -> Result<usize, BuildError> {
    files
        .par_iter()
        .try_for_each(|f| out.put(&f.path, &f.bytes))?;
    Ok(files.len())
}
