//! What the commands' runs share above the load phase and the pipeline: a loaded site parsed
//! and resolved (`check`, `archive`), the output's key, the report, and the render into memory
//! a preview summary needs. `build`, `incremental`, `preview`, `motebok-serve` and
//! `motebok-archive` call these; this module imports none of them.

use crate::build_error::BuildError;
use crate::loaded::Loaded;
use crate::pipeline::Given;
use crate::source::SourceFile;
use crate::timer::Timer;
use chrono::NaiveDate;
use motebok_domain::Site;
use motebok_parser::Diagnostic;
use motebok_site::theme::Theme;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Parse and resolve, the pipeline's first two phases from the empty state with every file of
/// `loaded` (`check`, `check --against`, `archive`): the site, or every content error at once.
pub fn resolve_site(loaded: &Loaded) -> Result<Site, BuildError> {
    let mut t = Timer::new();
    let mut examined = BTreeMap::new();
    crate::pipeline::files::update_with(&mut examined, &[], &loaded.files);
    t.lap("parse+privacy");
    crate::pipeline::resolve_examined(&examined, &Given::of(loaded))
}

/// What a finished build did.
#[derive(Debug, Clone)]
pub struct Report {
    /// Pages written.
    pub pages: usize,
    /// Files in the output.
    pub files: usize,
    /// Pages in the search index.
    pub searchable: usize,
    /// What `check` reports without stopping the build.
    pub warnings: Vec<Diagnostic>,
    /// The build date used.
    pub today: NaiveDate,
    /// The output was already up to date: nothing was rendered or written.
    pub unchanged: bool,
    /// Files written anew (the rest were taken over unchanged from the previous output).
    pub written: usize,
    /// For a rebuild from the previous build's snapshot: the pages rendered again.
    pub rerendered: Option<usize>,
}

/// The key of an output rendered from commit `tip` on `today` with `theme`.
pub fn key_of(tip: &str, today: NaiveDate, theme: &Theme) -> String {
    format!(
        "motebok {} | {tip} | {today} | theme {}",
        crate::binary::binary_id(),
        crate::digest::hash64_hex(theme.key_text().as_bytes())
    )
}

/// The pages and every file they link to (feeds, calendars, sitemap, assets), without the
/// search index and `/api/`'s objects, rendered into memory from nothing: what a preview or a
/// pull-request summary needs, at a fraction of the cost on a large archive.
pub(crate) fn render_preview(
    loaded: &Loaded,
    site: &Site,
) -> Result<crate::pipeline::InMemory, BuildError> {
    let theme = &loaded.theme;
    let env = theme.environment()?;
    let by_path: HashMap<&str, &SourceFile> =
        loaded.files.iter().map(|f| (f.path.as_str(), f)).collect();
    let binaries = |p: &str| by_path.get(p).map(|f| f.bytes.clone());
    // A run whose state is not kept: no fingerprints to compare, so no hashes needed.
    let hashes = Default::default();
    let cx = crate::pipeline::Context {
        cfg: &loaded.cfg,
        theme,
        env: &env,
        today: loaded.today,
        hashes: &hashes,
        binaries: &binaries,
        // Made from files read whole: bodies in memory.
        bodies: &crate::store::Store::in_memory(),
        outputs: crate::pipeline::Outputs::Preview,
        // A preview's papers live in memory: the repository's cache stays the builds'.
        paper_cache: None,
    };
    crate::pipeline::render_in_memory(site, &cx)
}

/// Builds the working tree at `root` into memory from scratch: the preview's files sorted by
/// output path, or the errors. What a live preview must always equal after any sequence of
/// edits.
pub fn worktree_in_memory(
    root: &Path,
    today: NaiveDate,
) -> Result<Vec<crate::write::OutFile>, BuildError> {
    let cfg = crate::config::read_config(root)?;
    let loaded = crate::load::load_worktree(root, cfg, today)?;
    let site = resolve_site(&loaded)?;
    let run = render_preview(&loaded, &site)?;
    let mut files: Vec<crate::write::OutFile> = run
        .files
        .into_iter()
        .map(|(path, bytes)| crate::write::OutFile {
            path,
            bytes: bytes.to_vec(),
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}
