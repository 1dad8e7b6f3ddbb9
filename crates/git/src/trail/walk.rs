//! The one walk: the first-parent chain of the branch, oldest → newest, each commit's prefix
//! tree compared with its first parent's. A fold that only appends, so it can be continued
//! from a [`WalkState`] when the branch has only moved forward.

mod import;
mod state;

use super::approval::{self, Approval, MergedCommits};
use super::renames;
use super::settings;
use super::shallow::is_shallow;
use super::treediff::{self, TreeChanges};
use super::{DirectCommit, History, TrailError, TrailOptions};
use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use git2::{Commit, ErrorCode, Oid, Repository, Tree};
use import::Import;
use motebok_domain::trail::{Change, TrailEntry};
use state::{oid, raw, State};
use std::collections::HashSet;

pub use state::WalkState;

/// The committer time of a commit, with its own offset (never converted).
pub(crate) fn commit_time(commit: &Commit<'_>) -> DateTime<FixedOffset> {
    let when = commit.committer().when();
    let offset = FixedOffset::east_opt(when.offset_minutes() * 60)
        .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero offset"));
    let utc = DateTime::<Utc>::from_timestamp(when.seconds(), 0).unwrap_or_default();
    offset.from_utc_datetime(&utc.naive_utc())
}

/// A commit that is named but missing means a history cut off, as in a shallow clone.
fn cut_off(repo: &Repository, e: git2::Error) -> TrailError {
    if approval::is_missing(&e) {
        TrailError::Shallow {
            git_dir: repo.path().to_path_buf(),
        }
    } else {
        e.into()
    }
}

/// The first-parent chain from `tip` back to `stop` (not included), oldest first, and whether
/// `stop` was met. Not meeting it, the chain goes back to the root: all a full walk needs.
fn first_parent_chain<'r>(
    repo: &'r Repository,
    tip: Commit<'r>,
    stop: Option<Oid>,
) -> Result<(Vec<Commit<'r>>, bool), TrailError> {
    let mut chain = Vec::new();
    let mut next = Some(tip);
    while let Some(commit) = next {
        if Some(commit.id()) == stop {
            chain.reverse();
            return Ok((chain, true));
        }
        next = match commit.parent_id(0) {
            Ok(parent) => Some(repo.find_commit(parent).map_err(|e| cut_off(repo, e))?),
            Err(_) => None,
        };
        chain.push(commit);
    }
    chain.reverse();
    Ok((chain, false))
}

/// Paths touched by one commit, sorted, for a direct-commit report.
fn touched(changes: &TreeChanges) -> Vec<String> {
    let mut files: Vec<String> = changes.files.iter().map(|f| f.path.clone()).collect();
    files.sort();
    files.dedup();
    files
}

/// Reads the trail of every file below `opts.prefix` that exists at the tip of
/// `refs/heads/<opts.branch>`, in one walk of its first-parent history.
pub fn read_history(repo: &crate::Repo, opts: &TrailOptions) -> Result<History, TrailError> {
    walk_history(repo.raw(), opts)
}

/// As [`read_history`], continuing from `from`, a state saved by an earlier walk: when it was
/// made with the same options and its tip is on the first-parent chain of the branch tip, only
/// the commits after it are walked. Otherwise (no state, other options or import mark, the
/// branch reset or rewritten) the whole chain is walked. Either way the history is the same
/// as a full walk's; the state returned continues this walk.
pub fn read_history_from(
    repo: &crate::Repo,
    opts: &TrailOptions,
    from: Option<&WalkState>,
) -> Result<(History, WalkState), TrailError> {
    walk_history_from(repo.raw(), opts, from)
}

/// [`read_history`] on libgit2's handle.
pub(crate) fn walk_history(repo: &Repository, opts: &TrailOptions) -> Result<History, TrailError> {
    walk_history_from(repo, opts, None).map(|(history, _)| history)
}

/// [`read_history_from`] on libgit2's handle.
pub(crate) fn walk_history_from(
    repo: &Repository,
    opts: &TrailOptions,
    from: Option<&WalkState>,
) -> Result<(History, WalkState), TrailError> {
    if is_shallow(repo) {
        return Err(TrailError::Shallow {
            git_dir: repo.path().to_path_buf(),
        });
    }
    let reference = match crate::repo::branch_ref(repo, &opts.branch) {
        Ok(r) => r,
        Err(e) if matches!(e.code(), ErrorCode::NotFound | ErrorCode::InvalidSpec) => {
            return Err(TrailError::NoBranch {
                branch: opts.branch.clone(),
            })
        }
        Err(e) => return Err(e.into()),
    };
    let tip = reference.peel_to_commit()?;
    let (tip_id, tree) = (tip.id(), tip.tree_id());
    let mark = import::mark_commit(repo, opts.import.as_ref())?;

    let saved = from.filter(|s| s.options == *opts && s.import_mark == mark.map(raw));
    let (chain, met) = first_parent_chain(repo, tip, saved.map(WalkState::tip_id))?;
    let saved = saved.filter(|_| met);

    let mut fold = match saved {
        Some(s) if chain.is_empty() => return Ok((s.history(0), s.clone())),
        Some(s) => {
            let known: HashSet<Oid> = s.known.iter().map(oid).collect();
            Fold {
                import: Import::resolve(repo, opts.import.as_ref(), mark, Some(&known))?,
                merges: MergedCommits::resume(known, &chain),
                state: s.state.clone(),
                direct_commits: s.direct_commits.clone(),
                previous: s
                    .prefix_tree
                    .as_ref()
                    .map(|id| repo.find_tree(oid(id)))
                    .transpose()?,
                previous_root: None,
                repo,
                prefix: &opts.prefix,
            }
        }
        None => Fold {
            import: Import::resolve(repo, opts.import.as_ref(), mark, None)?,
            merges: MergedCommits::new(&chain),
            state: State::default(),
            direct_commits: Vec::new(),
            previous: None,
            previous_root: None,
            repo,
            prefix: &opts.prefix,
        },
    };
    for commit in &chain {
        fold.commit(commit)?;
    }

    let mut known: Vec<_> = fold.merges.known().iter().map(|id| raw(*id)).collect();
    known.sort_unstable();
    let state = WalkState {
        options: opts.clone(),
        import_mark: mark.map(raw),
        tip: raw(tip_id),
        tree: raw(tree),
        prefix_tree: fold.previous.as_ref().map(|t| raw(t.id())),
        state: fold.state,
        direct_commits: fold.direct_commits,
        known,
        commits: saved.map_or(0, |s| s.commits) + chain.len(),
    };
    Ok((state.history(chain.len()), state))
}

/// The walk in progress.
struct Fold<'r> {
    repo: &'r Repository,
    prefix: &'r str,
    import: Import,
    merges: MergedCommits,
    state: State,
    direct_commits: Vec<DirectCommit>,
    /// The prefix tree of the commit folded last.
    previous: Option<Tree<'r>>,
    /// The root tree of the commit folded last (`None` before the first of this walk).
    previous_root: Option<Tree<'r>>,
}

impl<'r> Fold<'r> {
    /// Folds in the next first-parent commit.
    fn commit(&mut self, commit: &Commit<'r>) -> Result<(), TrailError> {
        let repo = self.repo;
        let merged = if commit.parent_count() >= 2 {
            self.merges
                .merged(repo, commit)
                .map_err(|e| cut_off(repo, e))?
        } else {
            Vec::new()
        };
        let root = commit.tree()?;
        let current = treediff::prefix_tree(repo, &root, self.prefix)?;
        let changes = treediff::diff(repo, self.previous.as_ref(), current.as_ref(), self.prefix)?;
        self.previous = current;
        // The first parent's root: the commit folded before, or (resuming) read from git.
        let parent_root = match self.previous_root.take() {
            Some(t) => Some(t),
            None if commit.parent_count() > 0 => {
                Some(commit.parent(0).map_err(|e| cut_off(repo, e))?.tree()?)
            }
            None => None,
        };
        let settings = settings::changed(repo, parent_root.as_ref(), &root, self.prefix)?;
        self.previous_root = Some(root);
        if changes.is_empty() && settings.is_empty() {
            return Ok(());
        }

        let Approval {
            subject,
            approvers,
            pull_request,
            authors,
            direct,
        } = approval::approval(commit, &merged);
        let time = commit_time(commit);
        let imported = self.import.contains(commit, &time);
        let id = commit.id().to_string();
        if direct && !imported {
            let short = commit
                .as_object()
                .short_id()
                .ok()
                .and_then(|b| b.as_str().map(str::to_owned))
                .unwrap_or_else(|| id[..7].to_owned());
            let mut files = touched(&changes);
            files.extend(settings);
            files.sort();
            self.direct_commits.push(DirectCommit {
                id: id.clone(),
                short,
                time,
                subject: subject.clone(),
                files,
            });
        }
        if changes.is_empty() {
            return Ok(());
        }

        let template = TrailEntry {
            commit: id,
            time,
            subject,
            approvers,
            pull_request,
            authors,
            change: Change::Modified,
            direct,
            imported,
        };
        for change in renames::classify(changes) {
            self.state.apply(change, &template);
        }
        Ok(())
    }
}
