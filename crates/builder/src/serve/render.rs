//! Rendering for the live preview: the same files as `pages::render_all` without `/api/`'s
//! objects and the search index (the feed, the calendar and the accessibility findings are
//! made, since pages link them),
//! kept in one map between rebuilds. A page is rendered again only when its fingerprint
//! (`deps.rs`) changed; everything else keeps its bytes, shared with the HTTP threads.

use crate::build_error::BuildError;
use crate::deps;
use crate::pages::{self, Page, RenderError, Rendered, Renderer};
use crate::source::SourceHashes;
use crate::urls;
use crate::views::Views;
use minijinja::Environment;
use motebok_domain::Site;
use motebok_site::config::SiteConfig;
use motebok_site::theme::Theme;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// What the sitemap needs of a page whose HTML is not rendered again.
struct Meta {
    key: Option<u64>,
    listed: bool,
    lastmod: Option<String>,
}

/// The preview's files by output path, and each page's fingerprint by URL.
#[derive(Default)]
pub struct Output {
    /// Every output file by path, shared with the server without copying.
    pub files: Arc<HashMap<String, Arc<[u8]>>>,
    pages: HashMap<String, Meta>,
    /// The sitemap, made again only when a page came, went, or changed what it lists.
    /// With the site-wide key it was made under (the base URL is in the configuration).
    sitemap: Option<(u64, Arc<[u8]>)>,
    /// The meeting papers (PDF) by output path: their key and facts.
    papers: crate::papers::PaperState,
}

/// What one rebuild did.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    /// Pages rendered again.
    pub rendered: usize,
    /// Output files added, changed or removed.
    pub changed: usize,
    /// Output files in all.
    pub files: usize,
}

/// A page's URL, fingerprint, and its HTML unless the cached one is still good.
type PageResult = (String, Option<u64>, Option<Result<Rendered, RenderError>>);

/// The inputs of a render besides the site.
pub(super) struct Context<'a> {
    pub cfg: &'a SiteConfig,
    pub theme: &'a Theme,
    pub env: &'a Environment<'static>,
    pub today: chrono::NaiveDate,
    pub hashes: &'a SourceHashes,
    /// Configuration and theme as one string, for the site-wide key.
    pub config_and_theme: &'a str,
    pub binaries: &'a dyn Fn(&str) -> Option<Arc<[u8]>>,
}

/// Brings `out` up to date with `site`; on errors `out` is left as it was.
pub(super) fn render(out: &mut Output, site: &Site, cx: &Context) -> Result<Stats, BuildError> {
    let mut t = crate::timer::Timer::new();
    // A preview reads the working tree: every body is in memory.
    let bodies = crate::store::Store::in_memory();
    let r = Renderer::new(Views::new(site, cx.cfg, cx.today, &bodies), cx.env);
    let global = deps::global_key(site, cx.config_and_theme);
    let by_path = r.views.link_targets();
    let keys = deps::Keys::new(site, cx.hashes, &by_path);
    t.lap("views");
    // Before the pages: a meeting page links its papers with their sizes.
    let made_papers = crate::papers::InMemory {
        files: &out.files,
        made: Default::default(),
    };
    let papers = crate::papers::make_for(
        &r.views,
        &|p| (cx.binaries)(p).map(|b| b.to_vec()),
        &crate::papers::KeyInputs {
            global,
            keys: &keys,
            hashes: cx.hashes,
            by_path: &by_path,
            // A preview's papers live in memory: the repository's cache stays the builds'.
            cache: None,
        },
        &out.papers,
        &made_papers,
    )?;
    let new_papers = made_papers.made.into_inner().unwrap_or_default();
    let todo = pages::pages(site);
    let results: Vec<PageResult> = todo
        .into_par_iter()
        .map(|p: Page| {
            let key = deps::fingerprint(site, p, global, &keys, cx.hashes, &by_path);
            let key = crate::papers::page_key(p, key, &papers, site);
            let url = pages::url_of(site, p);
            let fresh = key.is_some() && out.pages.get(&url).is_some_and(|m| m.key == key);
            let page = (!fresh).then(|| r.page(p));
            (url, key, page)
        })
        .collect();
    t.lap("pages");
    let mut errors = Vec::new();
    let mut done = Vec::with_capacity(results.len() + 1);
    for (url, key, page) in results {
        match page {
            Some(Err(e)) => errors.push(e),
            Some(Ok(p)) => done.push((url, key, Some(p))),
            None => done.push((url, key, None)),
        }
    }
    if !errors.is_empty() {
        return Err(BuildError::Render(errors));
    }
    let api = crate::api::index_page(&r.views, cx.env).map_err(|e| BuildError::Render(vec![e]))?;

    let mut w = Writer {
        files: Arc::make_mut(&mut out.files),
        wanted: HashSet::with_capacity(done.len() + 64),
        stats: Stats::default(),
    };
    let mut seen_urls = HashSet::with_capacity(done.len() + 1);
    for (url, key, page) in done.into_iter().chain([(api.url.clone(), None, Some(api))]) {
        let path = urls::file_of(&url);
        match page {
            Some(p) => {
                w.stats.rendered += 1;
                w.put(path, p.html.into_bytes().into());
                let old = out.pages.get(&url);
                if old.is_none_or(|m| m.listed != p.listed || m.lastmod != p.lastmod) {
                    out.sitemap = None;
                }
                out.pages.insert(
                    url.clone(),
                    Meta {
                        key,
                        listed: p.listed,
                        lastmod: p.lastmod,
                    },
                );
            }
            None => {
                w.wanted.insert(path);
            }
        }
        seen_urls.insert(url);
    }
    if out.pages.len() != seen_urls.len() {
        out.sitemap = None;
        out.pages.retain(|u, _| seen_urls.contains(u));
    }
    for path in papers.state.keys() {
        w.wanted.insert(path.clone());
    }
    for (path, bytes) in new_papers {
        w.put(path, bytes.into());
    }
    out.papers = papers.state;
    t.lap("collect");
    for (name, text) in cx.theme.assets() {
        w.put(format!("static/{name}"), text.as_bytes().into());
    }
    for (path, a) in crate::pages::copied_files(site) {
        if let Some(bytes) = (cx.binaries)(&a.src.path) {
            w.put(path, bytes);
        }
    }
    let sitemap = match &out.sitemap {
        Some((k, s)) if *k == global => s.clone(),
        _ => {
            // The sitemap lists every page: stand-ins carry what it reads.
            let mut listed: Vec<Rendered> = out
                .pages
                .iter()
                .filter(|(_, m)| m.listed)
                .map(|(url, m)| Rendered {
                    url: url.clone(),
                    html: String::new(),
                    listed: true,
                    lastmod: m.lastmod.clone(),
                    search: None,
                })
                .collect();
            listed.sort_by(|a, b| a.url.cmp(&b.url));
            let s: Arc<[u8]> = crate::sitemap::sitemap(cx.cfg, &listed).into_bytes().into();
            out.sitemap = Some((global, s.clone()));
            s
        }
    };
    w.put("sitemap.xml".into(), sitemap);
    // Every page links to the feed and the calendar: cheap, so made on each rebuild.
    w.put(
        urls::FEED.into(),
        crate::feeds::feed(&r.views)?.into_bytes().into(),
    );
    w.put(
        urls::CALENDAR.into(),
        crate::calendar::calendar(&r.views).into_bytes().into(),
    );
    // The accessibility statement links its findings as JSON.
    let findings = crate::accessibility::json_file(site, cx.today);
    w.put(findings.path, findings.bytes.into());
    // Each body's and each case's, which their pages link to.
    for f in crate::follow::files(&r.views)? {
        w.put(f.path, f.bytes.into());
    }
    let robots = format!(
        "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
        cx.cfg.base()
    );
    w.put("robots.txt".into(), robots.into_bytes().into());
    t.lap("sitemap");
    let before = w.files.len();
    let wanted = w.wanted;
    w.files.retain(|k, _| wanted.contains(k));
    w.stats.changed += before - w.files.len();
    w.stats.files = w.files.len();
    Ok(w.stats)
}

/// Puts files into the output map, counting those that differ.
struct Writer<'a> {
    files: &'a mut HashMap<String, Arc<[u8]>>,
    /// Every path this build has: the rest are gone.
    wanted: HashSet<String>,
    stats: Stats,
}

impl Writer<'_> {
    fn put(&mut self, path: String, bytes: Arc<[u8]>) {
        // Attachments come as the same shared bytes each time: no need to compare them.
        let same = |old: &Arc<[u8]>| Arc::ptr_eq(old, &bytes) || **old == *bytes;
        if !self.files.get(&path).is_some_and(same) {
            self.stats.changed += 1;
            self.files.insert(path.clone(), bytes);
        }
        self.wanted.insert(path);
    }
}
