//! Rebuilds after new commits: a run of the pipeline (`crate::pipeline`) whose previous
//! state is what the previous build left ([`snapshot::Snapshot`]) rather than the empty one:
//!
//! - the history walk continues from the previous tip (new commits only);
//! - the changes are the files that differ between the two trees (the git tree diff): they
//!   are read and checked again, the rest are taken from the snapshot, their bodies read
//!   from git only when a page reads them ([`crate::store::git`]);
//! - the site is resolved whole (cheap), and every page's fingerprint computed: only pages
//!   whose fingerprint changed are rendered, the search index is updated rather than rebuilt,
//!   and only files whose bytes changed are written, in place ([`crate::write::Patch`]).
//!
//! Anything unusual (no snapshot, another binary, date, `site.toml` or theme, a branch that
//! was rewritten, an output that does not match the snapshot) means a full build instead;
//! so does a snapshot that does not verify or hold together ([`sealed`]), with a note.
//! Content errors are reported exactly as a full build reports them, and leave the output as
//! it was.

pub(crate) mod sealed;
pub(crate) mod snapshot;

use crate::build_error::BuildError;
use crate::examined::Examined;
use crate::loaded::GitBase;
use crate::options::Options;
use crate::phases::Report;
use crate::pipeline::{self, Changes, Given};
use crate::progress::Progress;
use crate::source;
use crate::timer::Timer;
use crate::write::Manifest;
use motebok_parser::Diagnostic;
use std::collections::{BTreeMap, HashSet};

/// A rebuild from the snapshot beside the output, or `None` when a full build is needed.
pub(crate) fn rebuild(
    opts: &Options,
    start: &crate::start::Start,
    lock: &crate::write::OutputLock,
    manifest: Option<Manifest>,
    progress: &dyn Progress,
) -> Result<Option<Report>, BuildError> {
    // A snapshot that verifies but does not hold together (written by a faulty build) must
    // not crash every build until someone deletes it: the decoders check what they read, and
    // should anything slip through and panic, a full build follows all the same. The output
    // is untouched until the patch is applied, after everything that reads the snapshot.
    let run = std::panic::AssertUnwindSafe(|| try_rebuild(opts, start, lock, manifest, progress));
    match std::panic::catch_unwind(run) {
        Ok(done) => done,
        Err(_) => {
            unusable(
                opts,
                progress,
                &snapshot::Unusable::damaged("oppdateringen stoppet"),
            );
            Ok(None)
        }
    }
}

/// Says why the snapshot beside the output was not used, if that is worth saying (damage, not
/// an upgrade or a first build); a damaged snapshot is removed, so that it is reported once.
fn unusable(opts: &Options, progress: &dyn Progress, why: &snapshot::Unusable) {
    if let snapshot::Unusable::Damaged(detail) = why {
        progress.note(&format!(
            "Øyeblikksbildet var skadet ({detail}); bygger alt på nytt."
        ));
        snapshot::remove(&opts.output);
    }
}

fn try_rebuild(
    opts: &Options,
    start: &crate::start::Start,
    lock: &crate::write::OutputLock,
    manifest: Option<Manifest>,
    progress: &dyn Progress,
) -> Result<Option<Report>, BuildError> {
    let Some(manifest) = manifest else {
        return Ok(None);
    };
    let mut t = Timer::new();
    let snap = match snapshot::read_base(&opts.output, &manifest.key) {
        Ok(snap) => snap,
        Err(why) => {
            unusable(opts, progress, &why);
            return Ok(None);
        }
    };
    t.lap("read snapshot");
    // What was rendered (most of the snapshot) is read on another thread meanwhile. It is
    // always joined, whatever `from_snapshot` returns: its failure, even a panic, means a
    // full build.
    let output_key = manifest.key.clone();
    std::thread::scope(|s| {
        let mut rendered = Some(s.spawn(|| snapshot::read_rendered(&opts.output, &output_key)));
        let mut join = || {
            let joined = rendered.take()?.join();
            match joined.unwrap_or_else(|_| Err(snapshot::Unusable::damaged("lesingen stoppet"))) {
                Ok(previous) => Some(previous),
                Err(why) => {
                    unusable(opts, progress, &why);
                    None
                }
            }
        };
        let done = from_snapshot(opts, start, lock, manifest, snap, &mut join, progress, t);
        join();
        done
    })
}

/// The rebuild: a run of the pipeline whose previous state is the snapshot's and whose
/// changes are the tree diff since the snapshot's tree; `previous` waits for what was
/// rendered.
#[allow(clippy::too_many_arguments)]
fn from_snapshot(
    opts: &Options,
    start: &crate::start::Start,
    lock: &crate::write::OutputLock,
    manifest: Manifest,
    snap: snapshot::Base,
    previous: &mut dyn FnMut() -> Option<crate::pipeline::RenderState>,
    progress: &dyn Progress,
    mut t: Timer,
) -> Result<Option<Report>, BuildError> {
    let today = opts.today;
    let repo = crate::load::open_repo(&opts.root)?;
    let trail_opts = crate::load::trail_options(&start.disk_cfg);
    let (history, walk) =
        motebok_git::trail::read_history_from(&repo, &trail_opts, Some(&snap.walk))
            .map_err(crate::load::trail_error)?;
    let tree = repo.tree(history.tree)?;
    // site.toml and the theme as committed, like the files (never the working tree's): read
    // once at the start of the run, again only if the branch moved since.
    let crate::start::AtTip {
        config_text,
        cfg,
        theme,
        theme_problems,
        ..
    } = start.committed(&repo, &tree)?;
    if snapshot::settings(&config_text, &theme, today) != snap.settings {
        return Ok(None);
    }
    let Ok(old_tree) = motebok_git::Oid::from_hex(&snap.tree).and_then(|id| repo.tree(id)) else {
        return Ok(None);
    };
    // A `content` that is no longer a folder: the full build reports it.
    if tree
        .get_name("content")
        .is_some_and(|e| source::content_problem(e.mode()).is_some())
    {
        return Ok(None);
    }
    t.lap("history");

    // The previous state: the snapshot's files; the changes: what differs between the trees.
    let mut files: BTreeMap<String, Examined> = snap
        .files
        .into_iter()
        .map(|e| (e.path.clone(), e))
        .collect();
    let mut links: BTreeMap<String, Diagnostic> = snap
        .links
        .into_iter()
        .map(|d| (d.path.clone(), d))
        .collect();
    let (changes, changed_links) = changed_files(&repo, &old_tree, &tree)?;
    let removed: HashSet<&str> = changes.removed.iter().map(String::as_str).collect();
    for path in &removed {
        links.remove(*path);
    }
    let kept = || {
        files
            .values()
            .filter(|e| !removed.contains(e.path.as_str()))
    };
    // A file added under a name the site already has, in another Unicode form: the tree's names
    // are compared (names only, no blobs) so both are reported, as a full build does.
    let mut added = HashSet::new();
    let clash = changes.added.iter().any(|f| {
        (files.contains_key(&f.path) && !removed.contains(f.path.as_str()))
            || !added.insert(&f.path)
    });
    let clashes = if clash {
        crate::same_name::in_tree(&tree)
    } else {
        Vec::new()
    };
    // What is left is in the new tree as it was: its bodies are read from there if needed.
    let Some(bodies) = crate::store::git::index(&repo, kept()) else {
        return Ok(None);
    };
    drop(removed);
    let bodies = crate::store::Store::with(Some(bodies));
    for path in &changed_links {
        links.insert(path.clone(), source::symlink_problem(path));
    }
    for f in &changes.added {
        if let Some(d) = motebok_parser::long_name(&f.path) {
            links.insert(f.path.clone(), d);
        }
    }
    t.lap("changes");

    let mut problems: Vec<Diagnostic> = links.values().cloned().collect();
    problems.extend(theme_problems);
    problems.extend(clashes);
    problems.extend(crate::load::approval_problems(
        &cfg,
        &config_text,
        &history.direct_commits,
        today,
    ));
    let departures = crate::departures::read(&repo, history.departed);
    // The key of what is rendered: the branch may have moved since the caller read its key.
    let key = &crate::phases::key_of(&history.head, today, &theme);
    let paper_cache = crate::papers::cache::PaperCache::in_git_dir(repo.git_dir());
    let given = Given {
        cfg: &cfg,
        theme: &theme,
        today,
        trails: &history.trails,
        // Production publishes only what is approved: no drafts.
        drafts: &HashSet::new(),
        problems: &problems,
        departures: &departures,
        paper_cache: Some(&paper_cache),
    };
    progress.phase("Kontrollerer", None);
    let site = pipeline::check(&changes, &mut files, &given)?;
    t.lap("check");

    let Some(previous) = previous() else {
        return Ok(None);
    };
    t.lap("read rendered");
    let patch = crate::write::Patch::new(lock, manifest)?;
    let env = theme.environment()?;
    let binaries = |p: &str| blob_at(&repo, &tree, p);
    let io = pipeline::Io {
        env: &env,
        binaries: &binaries,
        bodies: &bodies,
        out: &patch,
        progress,
        outputs: pipeline::Outputs::Publish,
    };
    let run = pipeline::render_checked(&site, &files, changes, previous, &given, &io);
    // A body that could not be read stopped what needed it: the output is left as it was
    // (the patch is dropped unapplied), and every such body is reported (exit status 2).
    let failed = bodies.failed();
    if !failed.is_empty() {
        return Err(BuildError::Unread(failed));
    }
    // Rendering takes over what the snapshot says the output holds; an error here (a
    // fragment of the index not in the output, say) may be theirs to disagree, so the full
    // build decides: it reports the error again if it is real.
    let (written, rendered) = match run {
        Ok(done) => done,
        Err(e) => {
            let e = e.to_string();
            progress.note(&format!(
                "Oppdateringen fra øyeblikksbildet feilet ({}); bygger alt på nytt.",
                e.lines().next().unwrap_or_default()
            ));
            return Ok(None);
        }
    };
    t.lap("render");
    if t.on() {
        eprintln!(
            "bodies loaded: {} of {} from git",
            bodies.read_from_git(),
            files.len()
        );
    }
    // The backstop over the files this rebuild changes: with a number in one, the patch is
    // dropped unapplied and the output stays as it was.
    let leaks = patch.privacy_errors();
    if !leaks.is_empty() {
        return Err(BuildError::Content(leaks));
    }
    progress.phase("Skriver", None);
    let git = GitBase {
        walk,
        tree: tree.id(),
        config_text,
        links: Vec::new(),
    };
    let links = links.into_values().collect();
    let files = files.into_values().collect();
    // The snapshot is written while the new output is finished: until the exchange, the
    // output's manifest has another key, so an interruption means a full build next time.
    let (stats, saved) = rayon::join(
        || patch.finish(key),
        || snapshot::save_snapshot(opts, key, git, &theme, today, files, links, rendered),
    );
    let stats = stats?;
    let mut warnings = site.warnings.clone();
    warnings.extend(saved);
    t.lap("write and save snapshot");
    Ok(Some(Report {
        unchanged: false,
        written: stats.written,
        pages: written.pages,
        files: written.files,
        searchable: written.searchable,
        warnings,
        today,
        rerendered: Some(written.rendered),
    }))
}

/// What changed under `content/` between two trees, and the symbolic links added or changed.
fn changed_files(
    repo: &motebok_git::Repo,
    old: &motebok_git::Tree,
    new: &motebok_git::Tree,
) -> Result<(Changes, Vec<String>), BuildError> {
    let mut out = Changes::default();
    let mut links = Vec::new();
    for d in repo.diff_trees(old, new, "content/")? {
        let path = |f: &motebok_git::Side| {
            f.path
                .as_deref()
                .map(|p| source::nfc(&String::from_utf8_lossy(p)))
        };
        if let Some(p) = path(&d.old).filter(|p| !source::is_hidden(p)) {
            if !d.old.id.is_zero() {
                out.removed.push(p);
            }
        }
        let (id, mode) = (d.new.id, d.new.mode);
        let Some(p) = path(&d.new).filter(|p| !source::is_hidden(p)) else {
            continue;
        };
        if id.is_zero() {
            continue;
        }
        match mode {
            0o120000 => links.push(p),
            0o100644 | 0o100755 => {
                let bytes = repo.blob(id)?.content().to_vec();
                out.added.push(source::SourceFile {
                    path: p,
                    bytes,
                    blob: Some(id),
                });
            }
            _ => {}
        }
    }
    Ok((out, links))
}

/// The bytes of the file at `path` (NFC) in `tree`. A name git stores in another Unicode
/// form (NFD from macOS) is found by walking its folder.
fn blob_at(repo: &motebok_git::Repo, tree: &motebok_git::Tree, path: &str) -> Option<Vec<u8>> {
    let id = match tree.get_path(path) {
        Some(entry) => entry.id(),
        None => {
            let mut found = None;
            tree.walk(|dir, e| {
                let name = String::from_utf8_lossy(e.name_bytes());
                if source::nfc(&format!("{dir}{name}")) == path {
                    found = Some(e.id());
                    return false;
                }
                true
            })
            .ok();
            found?
        }
    };
    Some(repo.blob(id).ok()?.content().to_vec())
}
