//! The production build's render-and-write phase: every file goes into the staging output as
//! soon as it is made, and of each page only what later steps need is kept (its URL and
//! sitemap facts, its search record, the size and checksum `/api/` publishes). Holding the
//! whole site's HTML in memory until the end would cost several times the output's size.

use crate::config::SiteConfig;
use crate::pages::{self, Rendered, Renderer};
use crate::progress::Progress;
use crate::search::{self, Record};
use crate::theme::Theme;
use crate::urls;
use crate::views::Views;
use crate::write::{OutFile, Staging};
use crate::BuildError;
use minijinja::Environment;
use motebok_domain::Site;
use rayon::prelude::*;
use std::collections::HashMap;

/// What the phase wrote.
#[derive(Debug, Clone, Copy, Default)]
pub struct Written {
    pub pages: usize,
    pub files: usize,
    pub searchable: usize,
}

/// A page once written: its HTML is gone, the rest stays.
struct Kept {
    page: Rendered,
    record: Option<Record>,
    facts: Option<crate::api::FileFacts>,
}

/// Renders every page, the static files, open data, feeds, sitemap and search index of `site`
/// into `staging`.
#[allow(clippy::too_many_arguments)]
pub fn render_into(
    site: &Site,
    cfg: &SiteConfig,
    theme: &Theme,
    env: &Environment<'static>,
    today: chrono::NaiveDate,
    binaries: &dyn Fn(&str) -> Option<Vec<u8>>,
    staging: &Staging,
    progress: &dyn Progress,
) -> Result<Written, BuildError> {
    let r = Renderer::new(Views::new(site, cfg, today), env);
    let mut t = crate::build::Timer::new();
    let all = pages::pages(site);
    progress.phase("Sider", Some(all.len() as u64));
    let write = |page: Rendered| -> Result<Kept, BuildError> {
        let path = urls::file_of(&page.url);
        // Only published pages are described by a File in /api/: tombstones need no checksum.
        let facts = page
            .listed
            .then(|| crate::api::FileFacts::of(page.html.as_bytes()));
        let record = search::record(&page);
        staging.put(&path, page.html.as_bytes())?;
        progress.advance(1);
        Ok(Kept {
            page: Rendered {
                html: String::new(),
                ..page
            },
            record,
            facts,
        })
    };
    let results: Vec<Result<Kept, BuildError>> = all
        .into_par_iter()
        .map(|p| match r.page(p) {
            Ok(page) => write(page),
            Err(e) => Err(BuildError::Render(vec![e])),
        })
        .collect();
    let mut kept = Vec::with_capacity(results.len() + 1);
    let mut errors = Vec::new();
    for res in results {
        match res {
            Ok(k) => kept.push(k),
            Err(BuildError::Render(e)) => errors.extend(e),
            Err(e) => return Err(e),
        }
    }
    if !errors.is_empty() {
        return Err(BuildError::Render(errors));
    }
    let index = crate::api::index_page(&r.views, env).map_err(|e| BuildError::Render(vec![e]))?;
    kept.push(write(index)?);
    kept.sort_by(|a, b| a.page.url.cmp(&b.page.url));
    t.lap("pages");

    progress.phase("Filer", None);
    let statics = pages::static_files(site, theme, binaries);
    let mut facts: HashMap<String, crate::api::FileFacts> = statics
        .par_iter()
        .map(|f| {
            staging.put(&f.path, &f.bytes)?;
            Ok((f.path.clone(), crate::api::FileFacts::of(&f.bytes)))
        })
        .collect::<Result<_, BuildError>>()?;
    let mut files = kept.len() + statics.len();
    drop(statics);
    t.lap("assets");

    // The index first: its records (the text of every page) are freed before open data is
    // built, so the two never take memory at the same time.
    let mut records = Vec::new();
    let mut listed = Vec::with_capacity(kept.len());
    for k in kept {
        if let Some(f) = k.facts {
            facts.insert(urls::file_of(&k.page.url), f);
        }
        records.extend(k.record);
        listed.push(k.page);
    }
    progress.phase("Søkeindeks", None);
    let searchable = records.len();
    let index_files = std::sync::atomic::AtomicUsize::new(0);
    search::index_records_into(records, &cfg.language, &|f| {
        staging.put(&f.path, &f.bytes)?;
        index_files.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(())
    })?;
    files += index_files.into_inner();
    t.lap("search");
    progress.phase("Åpne data", None);
    let open = pages::open_data(&r.views, &facts).map_err(BuildError::Render)?;
    drop(facts);
    files += put_all(staging, &open)?;
    drop(open);
    files += put_all(staging, &pages::site_maps(cfg, &listed))?;
    t.lap("open data");

    Ok(Written {
        pages: listed.len(),
        files,
        searchable,
    })
}

fn put_all(staging: &Staging, files: &[OutFile]) -> Result<usize, BuildError> {
    files
        .par_iter()
        .try_for_each(|f| staging.put(&f.path, &f.bytes))?;
    Ok(files.len())
}
