//! The approval trail: one walk of the first-parent history of the publishing branch
//! (CONTENT.md §6), turned into plain data for the domain (`motebok_domain::trail`).
//!
//! - [`read_history`] collects the first-parent chain of `refs/heads/<branch>` once and walks it
//!   oldest → newest, comparing each commit's tree with its first parent's by hand
//!   (`treediff`), only below `prefix`, recursing only into subtrees whose ids differ.
//! - Renames are paired per commit (`renames`): same blob id, or same file name when the old
//!   folder is gone and the new one is new in that commit (a meeting moved to a new date).
//! - Who approved a commit is read from its parents and message (`approval`).
//! - A shallow clone is refused (`shallow`): it cannot tell the trail.
//! - [`read_history_from`] resumes from a [`WalkState`] saved by an earlier walk: the fold only
//!   ever appends, so after new commits on the branch only those are walked.
//!
//! Decisions where CONTENT.md is silent:
//! - Only `Approved-by:` makes a plain commit approved; `Reviewed-by:` names an approver but
//!   alone leaves the commit direct.
//! - The authors of a merge are exactly those of the commits reachable from its other parents
//!   and not from its first parent (plus their `Co-authored-by:`), oldest first; a plain or
//!   squash commit's authors are its author and `Co-authored-by:` names.
//! - A pull-request number is read from `Merge pull request #N` and from a subject ending in
//!   `(#N)`, on merges and non-merges alike; only a non-merge with `(#N)` is a squash merge.
//! - A file whose name only changed its Unicode normalisation (NFD → NFC) is the same path:
//!   no entry if its text is unchanged, `Modified` otherwise.
//! - When several deleted files could be the source of a rename, the one sharing the longest
//!   tail of path components wins, then the first in tree order.
//! - A commit named in the history but missing from the object store is reported as
//!   [`TrailError::Shallow`]: the history is cut off.

mod approval;
mod renames;
mod settings;
mod shallow;
mod treediff;
mod walk;

#[cfg(test)]
mod tests;

use chrono::{DateTime, FixedOffset, NaiveDate};
use motebok_domain::trail::Trails;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

pub use walk::{read_history, read_history_from, WalkState};

/// Where the import of pre-existing papers ends: history on or before it counts as approved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportMark {
    /// Every first-parent commit whose committer date, in Europe/Oslo, is on or before this day.
    Until(NaiveDate),
    /// This commit (any revision git understands: full or short id, tag, ...) and its
    /// first-parent ancestors.
    Commit(String),
}

/// What to walk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrailOptions {
    /// The publishing branch, without `refs/heads/` (`main`).
    pub branch: String,
    /// Only paths below this folder get trails (`content/`; a trailing `/` is optional, and an
    /// empty prefix means the whole tree).
    pub prefix: String,
    /// The import mark (`[approval] imported_until` in `site.toml`), if any.
    pub import: Option<ImportMark>,
}

impl TrailOptions {
    /// Options for `branch` with prefix `content/` and no import mark.
    pub fn new(branch: impl Into<String>) -> Self {
        TrailOptions {
            branch: branch.into(),
            prefix: "content/".to_owned(),
            import: None,
        }
    }
}

/// A first-parent commit that is neither a merge, nor a squash merge with a PR number, nor
/// carries `Approved-by:`, that touches the prefix, `site.toml` or `themes/` and is not part of
/// the import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectCommit {
    /// Full commit id (hex).
    pub id: String,
    /// Abbreviated id (7 hex digits), for messages.
    pub short: String,
    /// Committer time, with its own offset.
    pub time: DateTime<FixedOffset>,
    /// First line of the message.
    pub subject: String,
    /// The paths below the prefix, and of `site.toml` and `themes/`, it touched (NFC, sorted;
    /// both sides of a rename).
    pub files: Vec<String>,
}

/// A path that was on the branch and is not at the tip (plain data, so the pure crates that
/// decide which URLs stay read it without git).
pub use motebok_domain::trail::Departed;

/// The result of one walk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    /// Commit id (hex) of the branch tip.
    pub head: String,
    /// Tree of the branch tip: what the production build publishes.
    pub tree: crate::Oid,
    /// Trails of the paths below the prefix that exist at the tip, keyed by their path there
    /// (NFC).
    pub trails: Trails,
    /// Paths below the prefix that were on the branch and are not at the tip, by path.
    pub departed: Vec<Departed>,
    /// Direct commits touching the prefix, `site.toml` or `themes/`, not imported, oldest first.
    pub direct_commits: Vec<DirectCommit>,
    /// How many first-parent commits were walked this time (all of them, or those after the
    /// tip of the [`WalkState`] resumed from).
    pub commits_walked: usize,
}

/// Why the trail could not be read.
#[derive(Debug, thiserror::Error)]
pub enum TrailError {
    /// The publishing branch does not exist.
    #[error("the publishing branch `{branch}` does not exist in the repository (no `refs/heads/{branch}`)")]
    NoBranch {
        /// `branch` of site.toml.
        branch: String,
    },
    #[error(
        "the repository at {} is a shallow clone: its history cannot tell when files were published \
         and who approved them. Fetch the full history with `git fetch --unshallow` (in GitHub \
         Actions: `actions/checkout` with `fetch-depth: 0`)",
        git_dir.display()
    )]
    /// A shallow clone lacks the history the trail needs.
    Shallow {
        /// The repository's git folder.
        git_dir: PathBuf,
    },
    /// `[approval] imported_commit` does not name a commit.
    #[error("the import mark `{mark}` is not a commit in the repository: {source}")]
    ImportMark {
        /// The revision as written.
        mark: String,
        /// What git said.
        #[source]
        source: crate::Error,
    },
    /// Reading the repository failed.
    #[error("git: {0}")]
    Git(#[from] crate::Error),
}

impl From<git2::Error> for TrailError {
    fn from(e: git2::Error) -> Self {
        TrailError::Git(e.into())
    }
}
