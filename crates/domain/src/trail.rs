//! The approval trail of a file, as plain data. The builder reads it from git; the domain only
//! uses it, and tests can write one by hand.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use std::collections::HashMap;

/// What a first-parent commit did to a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Change {
    Added,
    Modified,
    /// Moved from `from` (its content unchanged, or with its folder under the same name).
    Renamed {
        from: String,
    },
    Deleted,
}

/// One first-parent commit that changed a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrailEntry {
    /// Full commit id (hex).
    pub commit: String,
    /// Committer time of the first-parent commit, with its own UTC offset.
    pub time: DateTime<FixedOffset>,
    /// First line of the commit message.
    pub subject: String,
    /// Who approved: merge author, squash committer (unless GitHub), `Approved-by:`/`Reviewed-by:`.
    pub approvers: Vec<String>,
    /// Pull-request number, from `Merge pull request #N` or a title ending in `(#N)`.
    pub pull_request: Option<u32>,
    /// Authors of the change (of the merged commits, or the commit's author and co-authors).
    pub authors: Vec<String>,
    pub change: Change,
    /// Neither a merge, nor a squash with a PR number, nor carrying `Approved-by:`.
    pub direct: bool,
    /// Before the site's import mark (`[approval] imported_until`): counts as approved.
    pub imported: bool,
}

/// Every first-parent commit that changed one file, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct FileTrail {
    pub entries: Vec<TrailEntry>,
}

impl FileTrail {
    /// When the file first appeared on the branch.
    pub fn published(&self) -> Option<&TrailEntry> {
        self.entries.first()
    }
    /// The last commit that changed it.
    pub fn changed(&self) -> Option<&TrailEntry> {
        self.entries.last()
    }
}

/// Trails by current repository path (`content/...`, Unicode NFC).
pub type Trails = HashMap<String, std::sync::Arc<FileTrail>>;
