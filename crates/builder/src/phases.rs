//! What every command's run shares besides the pipeline's own modules: reading `site.toml`,
//! resolving examined files (the pipeline's second phase), the output's key, and the render
//! into memory a preview summary needs. `build`, `incremental`, `preview`, `motebok-serve` and
//! `motebok-archive` call these; this module imports none of them.

use crate::build_error::BuildError;
use crate::examined::Examined;
use crate::loaded::Loaded;
use crate::pipeline::Given;
use crate::source::SourceFile;
use crate::timer::Timer;
use chrono::NaiveDate;
use motebok_domain::{resolve, Inputs, Site};
use motebok_parser::{Diagnostic, RawFile};
use motebok_site::config::SiteConfig;
use motebok_site::theme::Theme;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// Reads and checks `site.toml` in the working tree at `root`.
pub fn read_config(root: &Path) -> Result<SiteConfig, BuildError> {
    let path = root.join("site.toml");
    // Read through a link, a parse error would show lines of whatever it points at (a CI
    // runner's environment, /etc/passwd).
    match std::fs::symlink_metadata(&path) {
        Ok(m) if m.file_type().is_symlink() => {
            return Err(BuildError::Content(vec![config_link()]))
        }
        Ok(m) if !m.is_file() => {
            return Err(BuildError::Environment(format!(
                "{} er ikke en vanlig fil",
                path.display()
            )))
        }
        _ => {}
    }
    let text = std::fs::read_to_string(&path).map_err(|e| {
        BuildError::Environment(format!(
            "fant ikke {} ({e}); kjør motebok i et innholdsrepositorium, eller bruk --root",
            path.display()
        ))
    })?;
    SiteConfig::parse(&text).map_err(BuildError::Content)
}

/// The error for a `site.toml` that is a symbolic link, on disk or in git.
pub fn config_link() -> Diagnostic {
    Diagnostic::new(
        "site.toml",
        "site.toml er en symbolsk lenke, og symbolske lenker leses ikke",
    )
    .hint("legg selve filen i repositoriet i stedet for en lenke")
}

/// Parse and resolve, the pipeline's first two phases from the empty state with every file of
/// `loaded` (`check`, `check --against`, `archive`): the site, or every content error at once.
pub fn resolve_site(loaded: &Loaded) -> Result<Site, BuildError> {
    let mut t = Timer::new();
    let mut examined = BTreeMap::new();
    crate::pipeline::files::update_with(&mut examined, &[], &loaded.files);
    t.lap("parse+privacy");
    resolve_examined(&examined, &Given::of(loaded))
}

/// The pipeline's second phase: resolves files already examined, with the trail, drafts and
/// date `given`.
pub(crate) fn resolve_examined(
    examined: &BTreeMap<String, Examined>,
    loaded: &Given,
) -> Result<Site, BuildError> {
    let mut t = Timer::new();
    let mut errors: Vec<Diagnostic> = Vec::new();
    let mut unparsed = HashSet::new();
    // Cloning the parsed files is cheap (bodies are shared) and keeps `examined` whole for the
    // next build.
    let raw: Vec<RawFile> = examined
        .par_iter()
        .filter_map(|(_, e)| e.parsed.as_ref().ok().cloned())
        .collect();
    for e in examined.values() {
        errors.extend(e.privacy.iter().cloned());
        if let Err(d) = &e.parsed {
            unparsed.insert(e.path.clone());
            errors.extend(d.iter().cloned());
        }
    }
    errors.extend(loaded.problems.iter().cloned());
    // The trail is published with every page: its names and subjects are checked too.
    errors.extend(motebok_domain::privacy::check_trails(loaded.trails));
    let resolved = resolve(Inputs {
        files: raw,
        trails: loaded.trails,
        drafts: loaded.drafts,
        today: loaded.today,
        window_months: loaded.cfg.window_months,
        unparsed: &unparsed,
    });
    t.lap("resolve");
    match resolved {
        Ok(mut site) if errors.is_empty() => {
            loaded.departures.apply(&mut site, loaded.cfg.window_months);
            crate::attachments::settle(&mut site, |p| examined.get(p)?.file.as_ref());
            if loaded.cfg.accessibility.strict {
                let strict = crate::attachments::strict_errors(&site.warnings);
                if !strict.is_empty() {
                    return Err(BuildError::Content(strict));
                }
            }
            Ok(site)
        }
        Ok(_) => Err(BuildError::Content(sorted(errors))),
        Err(mut more) => {
            errors.append(&mut more);
            Err(BuildError::Content(sorted(errors)))
        }
    }
}

pub(crate) fn sorted(mut v: Vec<Diagnostic>) -> Vec<Diagnostic> {
    v.sort();
    v.dedup();
    v
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
    let cfg = read_config(root)?;
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
