//! What left the publishing branch, read in the load phase: every departed path, and each
//! page-bearing file as it was just before it left. Which of their URLs stay is decided after
//! `resolve`, by `gone` (CONTENT.md §7).

use motebok_domain::FileTrail;
use motebok_git::trail::Departed;
use motebok_parser::raw::RawFile;
use std::sync::Arc;

/// What left the branch: the page-bearing files as they were, and every path (files copied as
/// they are keep their old URL too: `moved_files`). Production builds and previews alike.
#[derive(Debug, Clone, Default)]
pub struct Departures {
    pub pages: Vec<Old>,
    pub files: Vec<Departed>,
}

impl Departures {
    pub fn read(repo: &motebok_git::Repo, departed: Vec<Departed>) -> Departures {
        Departures {
            pages: read(repo, &departed),
            files: departed,
        }
    }
}

/// A path that left the branch, with its file as it was just before.
#[derive(Debug, Clone)]
pub struct Old {
    pub file: RawFile,
    pub trail: Arc<FileTrail>,
    /// Its file's path at the tip, when it moved and is still there.
    pub now: Option<String>,
    /// The entry of `trail` that took it away.
    pub left: usize,
}

/// Reads each departed page-bearing file as it was in the first parent of the commit that
/// took it away. What cannot be read or parsed had no page to keep.
pub(crate) fn read(repo: &motebok_git::Repo, departed: &[Departed]) -> Vec<Old> {
    departed
        .iter()
        .filter(|d| d.path.ends_with(".md"))
        .filter_map(|d| {
            let commit = motebok_git::Oid::from_hex(&d.trail.entries.get(d.left)?.commit).ok()?;
            let tree = repo.first_parent_tree(commit).ok()?;
            let entry = tree.get_path(&d.path)?;
            let blob = repo.blob(entry.id()).ok()?;
            let file = motebok_parser::parse_file(&d.path, blob.content()).ok()?;
            Some(Old {
                file,
                trail: Arc::clone(&d.trail),
                now: d.now.clone(),
                left: d.left,
            })
        })
        .collect()
}
