//! The one walk: the first-parent chain of the branch, oldest → newest, each commit's prefix
//! tree compared with its first parent's.

use super::approval::{self, Approval, MergedCommits};
use super::renames::{self, PathChange};
use super::shallow::is_shallow;
use super::treediff::{self, TreeChanges};
use super::{DirectCommit, History, ImportMark, TrailError, TrailOptions};
use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Oslo;
use git2::{Commit, ErrorCode, Oid, Repository};
use motebok_domain::trail::{Change, FileTrail, TrailEntry, Trails};
use std::collections::{HashMap, HashSet};

/// The committer time of a commit, with its own offset (never converted).
pub(crate) fn commit_time(commit: &Commit<'_>) -> DateTime<FixedOffset> {
    let when = commit.committer().when();
    let offset = FixedOffset::east_opt(when.offset_minutes() * 60)
        .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero offset"));
    let utc = DateTime::<Utc>::from_timestamp(when.seconds(), 0).unwrap_or_default();
    offset.from_utc_datetime(&utc.naive_utc())
}

/// Which commits of the chain belong to the import.
enum Import {
    None,
    Until(NaiveDate),
    Commits(HashSet<Oid>),
}

impl Import {
    fn resolve(repo: &Repository, mark: Option<&ImportMark>) -> Result<Import, TrailError> {
        match mark {
            None => Ok(Import::None),
            Some(ImportMark::Until(date)) => Ok(Import::Until(*date)),
            Some(ImportMark::Commit(spec)) => {
                let mark = repo
                    .revparse_single(spec)
                    .and_then(|o| o.peel_to_commit())
                    .map_err(|source| TrailError::ImportMark {
                        mark: spec.clone(),
                        source,
                    })?;
                let mut set = HashSet::new();
                let mut id = mark.id();
                loop {
                    set.insert(id);
                    let c = repo.find_commit(id)?;
                    match c.parent_id(0) {
                        Ok(p) => id = p,
                        Err(_) => break,
                    }
                }
                Ok(Import::Commits(set))
            }
        }
    }

    fn contains(&self, commit: &Commit<'_>, time: &DateTime<FixedOffset>) -> bool {
        match self {
            Import::None => false,
            Import::Until(date) => time.with_timezone(&Oslo).date_naive() <= *date,
            Import::Commits(set) => set.contains(&commit.id()),
        }
    }
}

/// The trails being built: one per file lifetime, found by current path.
#[derive(Default)]
struct State {
    by_path: HashMap<String, usize>,
    trails: Vec<Vec<TrailEntry>>,
}

impl State {
    fn trail(&mut self, path: String) -> usize {
        let next = self.trails.len();
        let idx = *self.by_path.entry(path).or_insert(next);
        if idx == next {
            self.trails.push(Vec::new());
        }
        idx
    }

    fn apply(&mut self, change: PathChange, template: &TrailEntry) {
        let entry = |change: Change| TrailEntry {
            change,
            ..template.clone()
        };
        match change {
            PathChange::Added(path) => {
                let idx = self.trail(path);
                self.trails[idx].push(entry(Change::Added));
            }
            PathChange::Modified(path) => {
                let idx = self.trail(path);
                self.trails[idx].push(entry(Change::Modified));
            }
            PathChange::Deleted(path) => {
                // The path keeps its trail: a file added back continues it.
                if let Some(&idx) = self.by_path.get(&path) {
                    self.trails[idx].push(entry(Change::Deleted));
                }
            }
            PathChange::Renamed { from, to } => {
                let idx = match self.by_path.remove(&from) {
                    Some(idx) => idx,
                    None => {
                        self.trails.push(Vec::new());
                        self.trails.len() - 1
                    }
                };
                self.by_path.insert(to, idx);
                self.trails[idx].push(entry(Change::Renamed { from }));
            }
        }
    }

    /// The trails of the paths that exist at the tip.
    fn finish(mut self) -> Trails {
        let mut out = Trails::with_capacity(self.by_path.len());
        for (path, idx) in self.by_path {
            let entries = std::mem::take(&mut self.trails[idx]);
            match entries.last() {
                None
                | Some(TrailEntry {
                    change: Change::Deleted,
                    ..
                }) => {}
                Some(_) => {
                    out.insert(path, FileTrail { entries }.into());
                }
            }
        }
        out
    }
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

/// The first-parent chain from `tip`, oldest first.
fn first_parent_chain<'r>(
    repo: &'r Repository,
    tip: Commit<'r>,
) -> Result<Vec<Commit<'r>>, TrailError> {
    let mut chain = vec![tip];
    loop {
        let last = chain.last().expect("chain starts with the tip");
        let Ok(parent) = last.parent_id(0) else { break };
        match repo.find_commit(parent) {
            Ok(c) => chain.push(c),
            Err(e) => return Err(cut_off(repo, e)),
        }
    }
    chain.reverse();
    Ok(chain)
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
/// The publishing branch: `refs/heads/<branch>`, else `refs/remotes/origin/<branch>` (a CI
/// checkout of a pull request often has the branch only as `origin/<branch>`).
pub fn branch_ref<'r>(
    repo: &'r Repository,
    branch: &str,
) -> Result<git2::Reference<'r>, git2::Error> {
    repo.find_reference(&format!("refs/heads/{branch}"))
        .or_else(|_| repo.find_reference(&format!("refs/remotes/origin/{branch}")))
}

pub fn read_history(repo: &Repository, opts: &TrailOptions) -> Result<History, TrailError> {
    if is_shallow(repo) {
        return Err(TrailError::Shallow {
            git_dir: repo.path().to_path_buf(),
        });
    }
    let reference = match branch_ref(repo, &opts.branch) {
        Ok(r) => r,
        Err(e) if matches!(e.code(), ErrorCode::NotFound | ErrorCode::InvalidSpec) => {
            return Err(TrailError::NoBranch {
                branch: opts.branch.clone(),
            })
        }
        Err(e) => return Err(e.into()),
    };
    let tip = reference.peel_to_commit()?;
    let head = tip.id().to_string();
    let tree = tip.tree_id();
    let import = Import::resolve(repo, opts.import.as_ref())?;

    let chain = first_parent_chain(repo, tip)?;
    let mut merges = MergedCommits::new(&chain);
    let mut state = State::default();
    let mut direct_commits = Vec::new();
    let mut previous: Option<git2::Tree<'_>> = None;

    for commit in &chain {
        let merged = if commit.parent_count() >= 2 {
            merges.merged(repo, commit).map_err(|e| cut_off(repo, e))?
        } else {
            Vec::new()
        };
        let root = commit.tree()?;
        let current = treediff::prefix_tree(repo, &root, &opts.prefix)?;
        let changes = treediff::diff(repo, previous.as_ref(), current.as_ref(), &opts.prefix)?;
        previous = current;
        if changes.is_empty() {
            continue;
        }

        let Approval {
            subject,
            approvers,
            pull_request,
            authors,
            direct,
        } = approval::approval(commit, &merged);
        let time = commit_time(commit);
        let imported = import.contains(commit, &time);
        let id = commit.id().to_string();
        if direct && !imported {
            let short = commit
                .as_object()
                .short_id()
                .ok()
                .and_then(|b| b.as_str().map(str::to_owned))
                .unwrap_or_else(|| id[..7].to_owned());
            direct_commits.push(DirectCommit {
                id: id.clone(),
                short,
                time,
                subject: subject.clone(),
                files: touched(&changes),
            });
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
            state.apply(change, &template);
        }
    }

    Ok(History {
        head,
        tree,
        trails: state.finish(),
        direct_commits,
        commits_walked: chain.len(),
    })
}
