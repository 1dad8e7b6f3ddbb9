//! A build as phases over immutable data: load (I/O) → parse → resolve → render → write.

use crate::config::SiteConfig;
use crate::progress::Progress;
use crate::source::SourceFile;
use crate::theme::Theme;
use crate::write::{OutFile, OutputLock, Staging};
use chrono::NaiveDate;
use motebok_domain::{resolve, Inputs, Site};
use motebok_parser::{Diagnostic, RawFile};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::Path;

// The phases' shared types live in modules of their own, so the phases below the build need
// not import this module; re-exported here, where the commands look for them.
pub use crate::binary::binary_id;
pub use crate::build_error::BuildError;
pub use crate::examined::{examine, examine_one, Examined, ParseResult};
pub use crate::loaded::{GitBase, Loaded};
pub use crate::options::{DateSource, Options};
pub use crate::timer::Timer;

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

/// Load phase: all I/O of reading a site.
pub fn load(opts: &Options) -> Result<Loaded, BuildError> {
    load_from(opts, crate::start::Start::read(&opts.root, !opts.worktree)?)
}

/// `load`, with `site.toml` (and for production the committed settings) already read.
fn load_from(opts: &Options, start: crate::start::Start) -> Result<Loaded, BuildError> {
    if opts.worktree {
        crate::load::load_worktree(&opts.root, start.disk_cfg, opts.today)
    } else {
        crate::load::load_from_git(&opts.root, opts.today, &start)
    }
}

/// Parse and resolve: the site, or every content error at once.
pub fn resolve_site(loaded: &Loaded) -> Result<Site, BuildError> {
    let mut t = Timer::new();
    let examined = examine(&loaded.files);
    t.lap("parse+privacy");
    resolve_examined(&examined, loaded)
}

/// Resolves files already examined, with the trail, drafts and date of `loaded` (whose own
/// files are not read again).
pub fn resolve_examined(examined: &[Examined], loaded: &Loaded) -> Result<Site, BuildError> {
    let mut t = Timer::new();
    let mut errors: Vec<Diagnostic> = Vec::new();
    let mut unparsed = HashSet::new();
    // Cloning the parsed files is cheap (bodies are shared) and keeps `examined` whole for the
    // next build.
    let raw: Vec<RawFile> = examined
        .par_iter()
        .filter_map(|e| e.parsed.as_ref().ok().cloned())
        .collect();
    for e in examined {
        errors.extend(e.privacy.iter().cloned());
        if let Err(d) = &e.parsed {
            unparsed.insert(e.path.clone());
            errors.extend(d.iter().cloned());
        }
    }
    errors.extend(loaded.problems.iter().cloned());
    // The trail is published with every page: its names and subjects are checked too.
    errors.extend(motebok_domain::privacy::check_trails(&loaded.trails));
    let resolved = resolve(Inputs {
        files: raw,
        trails: &loaded.trails,
        drafts: &loaded.drafts,
        today: loaded.today,
        window_months: loaded.cfg.window_months,
        unparsed: &unparsed,
    });
    t.lap("resolve");
    match resolved {
        Ok(mut site) if errors.is_empty() => {
            loaded.departures.apply(&mut site, loaded.cfg.window_months);
            let by_path: HashMap<&str, &Examined> =
                examined.iter().map(|e| (e.path.as_str(), e)).collect();
            crate::attachments::settle(&mut site, |p| by_path.get(p)?.file.as_ref());
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

/// What a production build's output depends on, read cheaply before loading anything: the
/// binary, the branch tip, the date and the theme as committed at the tip (never the working
/// tree's, which is not published). `None` for previews, whose working tree has no such key.
fn build_key(opts: &Options, start: &crate::start::Start) -> Option<String> {
    if opts.worktree {
        return None;
    }
    let (tip, at) = start.at_tip.as_ref()?;
    Some(key_of(&tip.to_string(), opts.today, &at.theme))
}

/// The key of an output rendered from commit `tip` on `today` with `theme`.
pub fn key_of(tip: &str, today: NaiveDate, theme: &Theme) -> String {
    format!(
        "motebok {} | {tip} | {today} | theme {}",
        binary_id(),
        crate::write::content_hash(theme.key_text().as_bytes())
    )
}

/// The pages (and feeds, sitemap, assets) without the search index and `/api/`: what a
/// preview or a pull-request summary needs, at a fraction of the cost on a large archive.
pub fn render_pages(
    loaded: &Loaded,
    site: &Site,
) -> Result<(Vec<crate::pages::Rendered>, Vec<OutFile>), BuildError> {
    let theme = &loaded.theme;
    let env = theme.environment()?;
    let by_path: HashMap<&str, &SourceFile> =
        loaded.files.iter().map(|f| (f.path.as_str(), f)).collect();
    let binaries = |p: &str| by_path.get(p).map(|f| f.bytes.clone());
    crate::pages::render_all(
        site,
        &loaded.cfg,
        theme,
        &env,
        loaded.today,
        &binaries,
        false,
    )
    .map_err(BuildError::Render)
}

/// `motebok check`: everything a build checks, writing nothing.
pub fn check(opts: &Options) -> Result<(Loaded, Site), BuildError> {
    let loaded = load(opts)?;
    let site = resolve_site(&loaded)?;
    Ok((loaded, site))
}

/// `motebok build`: load, resolve, render, then write atomically.
pub fn build(opts: &Options) -> Result<Report, BuildError> {
    build_with(opts, &crate::progress::Silent)
}

/// `build`, reporting its phases to `progress`.
pub fn build_with(opts: &Options, progress: &dyn Progress) -> Result<Report, BuildError> {
    let out = build_phases(opts, progress);
    progress.finish();
    out
}

fn build_phases(opts: &Options, progress: &dyn Progress) -> Result<Report, BuildError> {
    let mut t = Timer::new();
    // One build at a time writes into the output (and the spare and snapshot beside it).
    let lock = OutputLock::acquire(&opts.output)?;
    // Same binary, commit, date and theme as the output already there: nothing to do.
    // site.toml and the committed settings, read once for the key, the rebuild and the build.
    let start = crate::start::Start::read(&opts.root, !opts.worktree)?;
    let key = build_key(opts, &start);
    if let Some(key) = &key {
        let manifest = crate::write::read_manifest(&opts.output);
        if let Some(m) = manifest.as_ref().filter(|m| &m.key == key) {
            t.lap("up to date");
            return Ok(Report {
                pages: 0,
                files: m.files.len(),
                warnings: Vec::new(),
                today: opts.today,
                unchanged: true,
                written: 0,
                searchable: 0,
                rerendered: None,
            });
        }
        // A few commits on: continue from what the previous build left, if it can.
        if let Some(report) = crate::incremental::rebuild(opts, &start, &lock, manifest, progress)?
        {
            return Ok(report);
        }
    }
    progress.phase("Leser innholdet", None);
    let mut loaded = load_from(opts, start)?;
    t.lap("load");
    // The key of what is rendered: the branch may have moved since the key above was read.
    let key = match (&key, &loaded.head) {
        (Some(_), Some(head)) => Some(key_of(head, loaded.today, &loaded.theme)),
        _ => key,
    };
    progress.phase("Kontrollerer", None);
    let examined = examine(&loaded.files);
    t.lap("parse+privacy");
    let site = resolve_examined(&examined, &loaded)?;
    t.lap("resolve");
    // Of the sources only attachments copied as they are still matter; the Markdown lives on
    // parsed in `site`.
    let copied: HashSet<&str> = site
        .attachments
        .iter()
        .filter(|a| !a.is_markdown())
        .map(|a| a.src.path.as_str())
        .collect();
    let by_path: HashMap<String, Vec<u8>> = std::mem::take(&mut loaded.files)
        .into_iter()
        .filter(|f| copied.contains(f.path.as_str()))
        .map(|f| (f.path, f.bytes))
        .collect();
    let binaries = |p: &str| by_path.get(p).cloned();
    let theme = &loaded.theme;
    // Files go straight into the spare folder, swapped in only when the build is complete.
    let staging = Staging::new(&lock, true)?;
    let (written, rendered) = render_site(
        &site,
        &loaded,
        theme,
        &examined,
        &binaries,
        &staging,
        progress,
        Default::default(),
    )?;
    t.lap("render");
    // The backstop: an output holding an identity number is dropped, the old one stays.
    let leaks = staging.privacy_errors();
    if !leaks.is_empty() {
        return Err(BuildError::Content(leaks));
    }
    progress.phase("Skriver", None);
    let stats = staging.finish(Some(key.as_deref().unwrap_or("")))?;
    let mut warnings = site.warnings.clone();
    let saved = match (&key, loaded.git.take()) {
        (Some(key), Some(git)) => {
            let links = git.links.clone();
            save_snapshot(
                opts,
                key,
                git,
                theme,
                loaded.today,
                examined,
                links,
                rendered,
            )
        }
        _ => {
            crate::incremental::snapshot::remove(&opts.output);
            None
        }
    };
    warnings.extend(saved);
    t.lap("write");
    Ok(Report {
        unchanged: false,
        written: stats.written,
        pages: written.pages,
        files: written.files,
        searchable: written.searchable,
        warnings,
        today: loaded.today,
        rerendered: None,
    })
}

/// Renders `site` into `out`, taking over from `previous` what did not change.
#[allow(clippy::too_many_arguments)]
pub fn render_site(
    site: &Site,
    loaded: &Loaded,
    theme: &Theme,
    examined: &[Examined],
    binaries: &dyn Fn(&str) -> Option<Vec<u8>>,
    out: &dyn crate::write::Output,
    progress: &dyn Progress,
    previous: crate::stream::Previous,
) -> Result<(crate::stream::Written, crate::stream::Previous), BuildError> {
    let env = theme.environment()?;
    let hashes = crate::deps::source_hashes(examined);
    // Everything every page shares: a change to either renders every page again.
    let config_and_theme = format!("{:?}{}", loaded.cfg, theme.key_text());
    crate::stream::render_into(
        site,
        &loaded.cfg,
        theme,
        &env,
        loaded.today,
        binaries,
        out,
        progress,
        &crate::stream::Fingerprints {
            hashes: &hashes,
            config_and_theme: &config_and_theme,
        },
        previous,
    )
}

/// Leaves what the next build starts from beside the output (see `incremental`). A snapshot
/// that cannot be written (a full disk) is removed, and a warning says so: the output is as
/// it should be, and the next build is a full one.
#[allow(clippy::too_many_arguments)]
pub fn save_snapshot(
    opts: &Options,
    key: &str,
    git: GitBase,
    theme: &Theme,
    today: NaiveDate,
    files: Vec<Examined>,
    links: Vec<Diagnostic>,
    rendered: crate::stream::Previous,
) -> Option<Diagnostic> {
    use crate::incremental::snapshot;
    let snap = snapshot::Snapshot {
        settings: snapshot::settings(&git.config_text, theme, today),
        output_key: key.to_string(),
        tree: git.tree.to_string(),
        walk: git.walk,
        files,
        links,
        rendered,
    };
    let e = snapshot::write(&opts.output, &snap).err()?;
    snapshot::remove(&opts.output);
    Some(snapshot_warning(&opts.output, &e))
}

/// The warning for a snapshot that could not be saved.
pub fn snapshot_warning(out: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::new(
        crate::incremental::snapshot::path_for(out)
            .display()
            .to_string(),
        format!(
            "kunne ikke lagre grunnlaget for neste bygg ({e}); nettstedet er bygget som det \
             skal, men neste bygg blir et fullt bygg"
        ),
    )
    .hint("frigjør plass på disken der nettstedet bygges")
}

