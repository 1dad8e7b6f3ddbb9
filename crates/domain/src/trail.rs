//! The approval trail of a file, as plain data. The builder reads it from git; the domain only
//! uses it, and tests can write one by hand.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::HashMap;

/// What a first-parent commit did to a file.
///
/// Serialised as `{"type": "renamed", "from": ...}` in human-readable formats (JSON for
/// templates and tools), as a plain enum in binary ones (a saved history walk), which cannot
/// read an internally tagged enum back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Created.
    Added,
    /// Content changed in place.
    Modified,
    /// Moved from `from` (its content unchanged, or with its folder under the same name).
    Renamed {
        /// The repository path it had.
        from: String,
    },
    /// Removed.
    Deleted,
}

#[derive(Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum Tagged<S> {
    Added,
    Modified,
    Renamed { from: S },
    Deleted,
}

#[derive(Serialize, Deserialize)]
enum Plain<S> {
    Added,
    Modified,
    Renamed { from: S },
    Deleted,
}

impl Serialize for Change {
    fn serialize<Ser: Serializer>(&self, s: Ser) -> Result<Ser::Ok, Ser::Error> {
        match (self, s.is_human_readable()) {
            (Change::Added, true) => Tagged::<&str>::Added.serialize(s),
            (Change::Modified, true) => Tagged::<&str>::Modified.serialize(s),
            (Change::Renamed { from }, true) => Tagged::Renamed {
                from: from.as_str(),
            }
            .serialize(s),
            (Change::Deleted, true) => Tagged::<&str>::Deleted.serialize(s),
            (Change::Added, false) => Plain::<&str>::Added.serialize(s),
            (Change::Modified, false) => Plain::<&str>::Modified.serialize(s),
            (Change::Renamed { from }, false) => Plain::Renamed {
                from: from.as_str(),
            }
            .serialize(s),
            (Change::Deleted, false) => Plain::<&str>::Deleted.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Change {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(if d.is_human_readable() {
            match Tagged::<String>::deserialize(d)? {
                Tagged::Added => Change::Added,
                Tagged::Modified => Change::Modified,
                Tagged::Renamed { from } => Change::Renamed { from },
                Tagged::Deleted => Change::Deleted,
            }
        } else {
            match Plain::<String>::deserialize(d)? {
                Plain::Added => Change::Added,
                Plain::Modified => Change::Modified,
                Plain::Renamed { from } => Change::Renamed { from },
                Plain::Deleted => Change::Deleted,
            }
        })
    }
}

/// One first-parent commit that changed a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// What the commit did to the file.
    pub change: Change,
    /// Neither a merge, nor a squash with a PR number, nor carrying `Approved-by:`.
    pub direct: bool,
    /// Before the site's import mark (`[approval] imported_until`): counts as approved.
    pub imported: bool,
}

/// Every first-parent commit that changed one file, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct FileTrail {
    /// The commits, oldest first.
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

/// A path that was on the branch and is not at the tip: its file moved or was deleted
/// (CONTENT.md §7: its URL keeps a page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Departed {
    /// The path it had (NFC).
    pub path: String,
    /// The trail of the file that had it, to this day.
    pub trail: std::sync::Arc<FileTrail>,
    /// Where that file is at the tip, when it moved and is still there.
    pub now: Option<String>,
    /// The entry of `trail` that took it from `path`: its move or its deletion.
    pub left: usize,
}
