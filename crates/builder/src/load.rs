//! The load phase: configuration, files, trail and drafts, from git or the working tree.
//!
//! Production builds read the publishing branch's tree, so only approved content can reach
//! readers. Previews (`--worktree`) read the working tree and mark as draft every file that is
//! not on the branch exactly as it is on disk.

use crate::build_error::BuildError;
/// Read with the load phase; kept under `load` for the commands that quote it.
pub use crate::config::{committed_config, committed_config_text};
use crate::loaded::Loaded;
use crate::setup_error::SetupError;
use crate::source;
use chrono::NaiveDate;
use motebok_git::trail::{self, DirectCommit, ImportMark, TrailError, TrailOptions};
use motebok_parser::Diagnostic;
use motebok_site::config::SiteConfig;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Opens the content repository at `root` (the folder itself must be the repository's top).
pub fn open_repo(root: &Path) -> Result<motebok_git::Repo, BuildError> {
    motebok_git::Repo::open(root).map_err(|why| {
        SetupError::NotARepository {
            root: root.to_path_buf(),
            why,
        }
        .into()
    })
}

/// What the history walk needs from site.toml: the branch and the import mark.
pub fn trail_options(cfg: &SiteConfig) -> TrailOptions {
    let import = match (&cfg.approval.imported_commit, cfg.imported_until()) {
        (Some(c), _) => Some(ImportMark::Commit(c.clone())),
        (None, Some(d)) => Some(ImportMark::Until(d)),
        _ => None,
    };
    TrailOptions {
        branch: cfg.branch.clone(),
        prefix: "content/".into(),
        import,
    }
}

/// A trail error as a build error: the ones a user can act on told apart (`SetupError`).
pub fn trail_error(e: TrailError) -> BuildError {
    SetupError::from(e).into()
}

/// The approval problems of a production build: direct commits to content or settings under
/// `require_approval`, each naming its commit, and an import mark after `today`.
pub fn approval_problems(
    cfg: &SiteConfig,
    cfg_text: &str,
    direct: &[DirectCommit],
    today: NaiveDate,
) -> Vec<Diagnostic> {
    let mut problems: Vec<Diagnostic> = cfg
        .future_import_mark(cfg_text, today)
        .into_iter()
        .collect();
    if cfg.require_approval {
        problems.extend(unapproved(direct));
    }
    problems
}

/// Direct commits to content under `require_approval`, as content errors naming each commit.
pub fn unapproved(direct: &[DirectCommit]) -> Vec<Diagnostic> {
    direct
        .iter()
        .flat_map(|c| {
            c.files.iter().map(move |f| {
                Diagnostic::new(
                    f,
                    format!(
                        "endret i commit {} ({}, «{}») uten godkjenning",
                        c.short,
                        motebok_site::dates::oslo_day(&c.time),
                        c.subject
                    ),
                )
                .hint(
                    "endringer i content/, site.toml og themes/ skal godkjennes i en pull request; en commit \
                     kan også godkjennes med linjen `Approved-by: Navn` i meldingen. Historikk fra før motebok \
                     merkes med `[approval] imported_until` i site.toml",
                )
            })
        })
        .collect()
}

/// Reads `content/` from the branch tree, with the trail; `site.toml` and the theme come from
/// `start` (read once per run).
pub(crate) fn load_from_git(
    root: &Path,
    today: NaiveDate,
    start: &crate::start::Start,
) -> Result<Loaded, BuildError> {
    let repo = open_repo(root)?;
    // site.toml decides the branch: the working tree's first, then the committed one.
    let disk_cfg = &start.disk_cfg;
    let mut t = crate::timer::Timer::new();
    // The history walk is one thread's work and the tree read needs nothing from it: they run
    // side by side, the walk on a repository handle of its own.
    let opts = trail_options(disk_cfg);
    let early_tree = repo.branch_tree(&disk_cfg.branch);
    let (history, early_files) = std::thread::scope(|s| {
        let walk = s.spawn(|| {
            let repo = open_repo(root)?;
            trail::read_history_from(&repo, &opts, None).map_err(trail_error)
        });
        let files = early_tree
            .as_ref()
            .map(|tree| (tree.id(), source::read_git_tree(&repo, tree)));
        let history = walk.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
        (history, files)
    });
    let (history, walk) = history?;
    t.lap("history+tree");
    let tree = repo
        .tree(history.tree)
        .map_err(|e| BuildError::from(SetupError::Tree(e)))?;
    let crate::start::AtTip {
        config_text: cfg_text,
        cfg,
        theme,
        theme_problems,
        ..
    } = start.committed(&repo, &tree)?;
    // The branch may have moved between the two reads: the walk's tip decides.
    let (files, mut problems) = match early_files {
        Some((id, read)) if id == tree.id() => read?,
        _ => source::read_git_tree(&repo, &tree)?,
    };
    t.lap("read tree");
    let links = problems.clone();
    let departures = crate::departures::read(&repo, history.departed);
    problems.extend(theme_problems);
    problems.extend(approval_problems(
        &cfg,
        &cfg_text,
        &history.direct_commits,
        today,
    ));
    Ok(Loaded {
        cfg,
        files,
        trails: history.trails,
        drafts: HashSet::new(),
        today,
        problems,
        theme,
        head: Some(history.head),
        git: Some(crate::loaded::GitBase {
            walk,
            tree: tree.id(),
            config_text: cfg_text,
            links,
        }),
        departures,
        paper_cache: Some(crate::papers::cache::PaperCache::in_git_dir(repo.git_dir())),
    })
}

/// Reads the working tree; files not on the branch as they are on disk are drafts. The trail
/// is read when there is a repository with full history, else the preview goes without.
pub fn load_worktree(root: &Path, cfg: SiteConfig, today: NaiveDate) -> Result<Loaded, BuildError> {
    load_worktree_inner(root, cfg, today)
}

/// What the publishing branch says, for previews: the trail and a hash of every committed
/// file. It only changes when the branch moves, so a live preview keeps it by tip.
#[derive(Debug, Clone)]
pub struct BranchState {
    /// The branch tip read.
    pub tip: motebok_git::Oid,
    /// The tip as hex.
    pub head: String,
    /// The approval trail of each file.
    pub trails: motebok_domain::Trails,
    /// A hash of every committed file under `content/` (`digest::hash64`), by path: a file whose hash differs is a draft.
    pub committed: HashMap<String, u64>,
    /// What left the branch, for the stubs at old URLs.
    pub departures: motebok_render::Departures,
}

/// The tip of the publishing branch (local, else `origin`'s), if there is a repository.
pub fn branch_tip(root: &Path, branch: &str) -> Option<motebok_git::Oid> {
    motebok_git::Repo::open(root).ok()?.branch_tip(branch)
}

/// What the branch says now (trail and committed files), read from git.
pub fn branch_state_at(root: &Path, cfg: &SiteConfig) -> Option<BranchState> {
    let repo = motebok_git::Repo::open(root).ok()?;
    let tip = branch_tip(root, &cfg.branch)?;
    read_branch_state(&repo, tip, &trail_options(cfg))
}

fn read_branch_state(
    repo: &motebok_git::Repo,
    tip: motebok_git::Oid,
    opts: &TrailOptions,
) -> Option<BranchState> {
    let history = trail::read_history(repo, opts).ok()?;
    let tree = repo.tree(history.tree).ok()?;
    let (committed, _) = source::read_git_tree(repo, &tree).ok()?;
    let departures = crate::departures::read(repo, history.departed);
    Some(BranchState {
        departures,
        tip,
        head: history.head,
        trails: history.trails,
        committed: committed
            .iter()
            .map(|f| (f.path.clone(), crate::digest::hash64(&f.bytes)))
            .collect(),
    })
}

fn load_worktree_inner(
    root: &Path,
    cfg: SiteConfig,
    today: NaiveDate,
) -> Result<Loaded, BuildError> {
    let (files, mut problems) = source::read_worktree(root)?;
    let (theme, theme_problems) =
        crate::theme_source::from_worktree(root, &cfg.theme, &cfg.branch)?;
    problems.extend(theme_problems);
    let (drafts, trails, head, departures) = match branch_state_at(root, &cfg) {
        Some(b) => {
            use rayon::prelude::*;
            let drafts: HashSet<String> = files
                .par_iter()
                .filter(|f| b.committed.get(&f.path) != Some(&crate::digest::hash64(&f.bytes)))
                .map(|f| f.path.clone())
                .collect();
            (drafts, b.trails, Some(b.head), b.departures)
        }
        None => (
            files.iter().map(|f| f.path.clone()).collect(),
            Default::default(),
            None,
            Default::default(),
        ),
    };
    Ok(Loaded {
        cfg,
        files,
        trails,
        drafts,
        today,
        problems,
        theme,
        head,
        git: None,
        departures,
        // Previews keep their papers in memory.
        paper_cache: None,
    })
}

impl From<motebok_git::Error> for BuildError {
    fn from(e: motebok_git::Error) -> Self {
        SetupError::Git(e).into()
    }
}
