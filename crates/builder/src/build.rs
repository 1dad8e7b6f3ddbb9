//! A build as phases over immutable data: load (I/O) → parse → resolve → render → write.
//! This module orchestrates them for `build` and `check`: a full build is a run of the
//! pipeline (`pipeline`) from the empty state; a rebuild (`incremental`) is a run of the same
//! pipeline from the previous build's snapshot.

use crate::pipeline::{self, Changes, Given};
use crate::progress::Progress;
use crate::write::{OutputLock, Staging};
use motebok_domain::Site;

// The phases' shared types live in modules of their own, so the phases below the build need
// not import this module; re-exported here, where the commands look for them.
pub use crate::binary::binary_id;
pub use crate::build_error::BuildError;
pub use crate::config::{config_link, read_config};
pub use crate::examined::{examine_one, Examined, ParseResult};
pub use crate::incremental::snapshot::{save_snapshot, snapshot_warning};
pub use crate::loaded::{GitBase, Loaded};
pub use crate::options::{DateSource, Options};
pub use crate::phases::{key_of, resolve_site, Report};
pub use crate::timer::Timer;

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
    // A full build is a run from the empty state: every file is a change.
    let changes = Changes::everything(std::mem::take(&mut loaded.files));
    let given = Given::of(&loaded);
    let mut state = pipeline::State::default();
    let site = state.check(&changes, &given)?;
    t.lap("check");
    // Files go straight into the spare folder, swapped in only when the build is complete.
    let staging = Staging::new(&lock, true)?;
    let env = loaded.theme.environment()?;
    let io = pipeline::Io {
        env: &env,
        // Every file is among the changes.
        binaries: &|_| None,
        // A full build has read every file: every body is in memory.
        bodies: &crate::store::Store::in_memory(),
        out: &staging,
        progress,
        outputs: pipeline::Outputs::Publish,
    };
    let written = state.render(&site, changes, &given, &io)?;
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
            let (files, rendered) = (state.files.into_values().collect(), state.rendered);
            let theme = &loaded.theme;
            save_snapshot(opts, key, git, theme, loaded.today, files, links, rendered)
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
