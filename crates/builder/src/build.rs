//! A build as phases over immutable data: load (I/O) → parse → resolve → render → write.

use crate::config::SiteConfig;
use crate::progress::Progress;
use crate::source::{self, SourceFile};
use crate::theme::Theme;
use crate::write::{OutFile, OutputLock, Staging};
use chrono::NaiveDate;
use motebok_domain::{resolve, Inputs, Site, Trails};
use motebok_parser::{parse_file, Diagnostic, RawFile};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// What a command asks of a build.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site's repository (or working tree).
    pub root: PathBuf,
    /// The output folder.
    pub output: PathBuf,
    /// "Now" for the window, resolved once by the caller (the command line).
    pub today: NaiveDate,
    /// Preview the working tree, marking unapproved files as drafts.
    pub worktree: bool,
}

/// Why a build stopped; `exit_code` tells content errors from environment errors.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// Content or approval errors: exit status 1.
    #[error("{} feil i innholdet", .0.len())]
    Content(Vec<Diagnostic>),
    /// Environment errors: exit status 2.
    #[error("{0}")]
    Environment(String),
    /// Content files could not be read.
    #[error(transparent)]
    Source(#[from] source::SourceError),
    /// The theme could not be loaded.
    #[error(transparent)]
    Theme(#[from] crate::theme::ThemeError),
    /// Pages failed to render, all of them reported.
    #[error("{}", .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"))]
    Render(Vec<crate::pages::RenderError>),
    /// The search index could not be made.
    #[error(transparent)]
    Search(#[from] crate::search::SearchError),
    /// The output could not be written.
    #[error(transparent)]
    Write(#[from] crate::write::WriteError),
    /// A meeting paper could not be typeset (a bug, never the content's fault).
    #[error(transparent)]
    Paper(#[from] motebok_papers::PaperError),
}

impl BuildError {
    /// 1 for content errors, 2 for environment errors (CONTENT.md §10).
    pub fn exit_code(&self) -> i32 {
        match self {
            BuildError::Content(_) => 1,
            _ => 2,
        }
    }
}

/// The loaded input of a build: configuration, files, trail, drafts and the date.
pub struct Loaded {
    /// site.toml, as committed (or in the working tree for previews).
    pub cfg: SiteConfig,
    /// Every file under `content/`.
    pub files: Vec<SourceFile>,
    /// The approval trail of each file.
    pub trails: Trails,
    /// Paths not approved on the branch (previews); empty in production.
    pub drafts: HashSet<String>,
    /// The build date, resolved once.
    pub today: NaiveDate,
    /// Problems found while loading (symlinks, unapproved commits), reported with the rest.
    pub problems: Vec<Diagnostic>,
    /// The theme, from the same tree as the files (the working tree for previews).
    pub theme: Theme,
    /// The branch tip the content came from (production builds and previews in a repository).
    pub head: Option<String>,
    /// What a production build read from git, kept for the next build to start from.
    pub git: Option<GitBase>,
    /// The files that left the publishing branch: their URLs stay (`gone`). Previews read
    /// them from the branch too, to show the same stubs.
    pub departures: crate::gone::Departures,
}

/// The git side of a production build's input.
pub struct GitBase {
    /// The history walk, to be continued by the next build.
    pub walk: crate::trail::WalkState,
    /// The tree of the branch tip.
    pub tree: git2::Oid,
    /// `site.toml` as committed.
    pub config_text: String,
    /// Symbolic links found in the tree (also among the problems).
    pub links: Vec<Diagnostic>,
}

/// Where a long-running command (`serve`) takes "today" at the top of each rebuild. Only the
/// command line reads the clock: the builder is given dates, never asks for one.
#[derive(Clone)]
pub struct DateSource(std::sync::Arc<dyn Fn() -> NaiveDate + Send + Sync>);

impl DateSource {
    /// Dates from `f`, asked once per rebuild.
    pub fn new(f: impl Fn() -> NaiveDate + Send + Sync + 'static) -> DateSource {
        DateSource(std::sync::Arc::new(f))
    }

    /// The date for the rebuild about to start.
    pub fn today(&self) -> NaiveDate {
        (self.0)()
    }
}

impl From<NaiveDate> for DateSource {
    fn from(d: NaiveDate) -> DateSource {
        DateSource::new(move || d)
    }
}

impl std::fmt::Debug for DateSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DateSource")
    }
}

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

/// One source file as the checks saw it, kept between builds so a rebuild checks only the
/// files that changed.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Examined {
    /// Repository path.
    pub path: String,
    /// A hash of its bytes, for page fingerprints: from its git blob id when it has one.
    pub hash: u64,
    /// Its git blob, if read from git. A snapshot keeps no body text (most of its bytes): a
    /// rebuild reads a body again from here, at the place `Body::at` says.
    pub blob: Option<[u8; 20]>,
    /// The raw document, or why it was refused.
    pub parsed: ParseResult,
    /// What the privacy guard found in it.
    pub privacy: Vec<Diagnostic>,
    /// An attachment's size, and a PDF's facts and text (`attachments`): read once per
    /// version of the file.
    #[serde(default)]
    pub file: Option<motebok_domain::accessibility::FileFacts>,
}

/// Parses one file (with its git blob, if any) and runs the privacy guard over it (in its
/// encoding; a PDF's text), and reads what an attachment is (`attachments::examine`). The
/// findings are kept in the snapshot, so a rebuild reads a PDF again only when it changed.
pub fn examine_one(path: &str, bytes: &[u8], blob: Option<git2::Oid>) -> Examined {
    // The blob id already is a hash of the bytes: no need to read them all again.
    let hash = match blob {
        Some(id) => {
            let b = id.as_bytes();
            u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
        }
        None => crate::load::bytes_hash(bytes),
    };
    let (privacy, file) = crate::attachments::examine(path, bytes);
    Examined {
        path: path.to_string(),
        hash,
        blob: blob.and_then(|id| id.as_bytes().try_into().ok()),
        parsed: parse_file(path, bytes),
        privacy,
        file,
    }
}

/// Every file examined, in parallel, in the order given.
pub fn examine(files: &[SourceFile]) -> Vec<Examined> {
    files
        .par_iter()
        .map(|f| examine_one(&f.path, &f.bytes, f.blob))
        .collect()
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

/// A file parsed, or its errors.
pub type ParseResult = Result<RawFile, Vec<Diagnostic>>;

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

/// This binary: its version and a hash of its own bytes, so a new build of motebok (even under
/// the same version number) never takes over the output or snapshot an older one left. Read
/// once per process (about 5 ms for 14 MB); the version alone if the file cannot be read.
pub fn binary_id() -> &'static str {
    static ID: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    ID.get_or_init(|| {
        let version = env!("CARGO_PKG_VERSION");
        match std::env::current_exe().and_then(|exe| hash_file(&exe)) {
            Ok(hash) => format!("{version} {hash:016x}"),
            Err(_) => version.to_string(),
        }
    })
}

/// A hash of the file at `path`, read a megabyte at a time (a debug binary is 170 MB: not
/// worth holding, nor the page faults of holding it, in every run).
fn hash_file(path: &Path) -> std::io::Result<u64> {
    use std::hash::{BuildHasher, Hasher};
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut h = foldhash::fast::FixedState::with_seed(0).build_hasher();
    let mut buf = vec![0; 1 << 20];
    loop {
        // Whole chunks (a short read is topped up), so the hash never depends on how reads
        // happen to be cut.
        let mut n = 0;
        while n < buf.len() {
            match file.read(&mut buf[n..]) {
                Ok(0) => break,
                Ok(k) => n += k,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        if n == 0 {
            return Ok(h.finish());
        }
        h.write(&buf[..n]);
    }
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

/// Phase timings on stderr when `MOTEBOK_TIMINGS` is set: for profiling, not for users.
pub struct Timer {
    on: bool,
    last: std::time::Instant,
}

impl Timer {
    /// A timer that prints only when `MOTEBOK_TIMINGS` is set.
    pub fn new() -> Timer {
        Timer {
            on: std::env::var_os("MOTEBOK_TIMINGS").is_some(),
            last: std::time::Instant::now(),
        }
    }

    /// Whether timings are printed.
    pub fn on(&self) -> bool {
        self.on
    }

    /// Prints the time since the last lap under `what`, when timings are on.
    pub fn lap(&mut self, what: &str) {
        if self.on {
            eprintln!(
                "{what:>14}: {:>6} ms{}",
                self.last.elapsed().as_millis(),
                peak_memory()
            );
        }
        self.last = std::time::Instant::now();
    }
}

/// The process's peak and current resident memory so far (Linux), for the phase timings.
fn peak_memory() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return String::new();
    };
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
            .map_or(0, |kb| kb / 1024)
    };
    format!(
        "  (peak {} MB, now {} MB)",
        field("VmHWM:"),
        field("VmRSS:")
    )
}

impl Default for Timer {
    fn default() -> Self {
        Self::new()
    }
}
