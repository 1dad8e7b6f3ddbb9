//! What left the publishing branch, read in the load phase: every departed path, and each
//! page-bearing file as it was just before it left (`motebok_render::Departures`, plain data).
//! Which of their URLs stay is decided after `resolve`, by the render crate's `gone`
//! (CONTENT.md §7).

use motebok_git::trail::Departed;
use motebok_render::{Departures, Old};
use std::sync::Arc;

/// What left the branch, read from `repo`: the page-bearing files as they were, and every path.
pub(crate) fn read(repo: &motebok_git::Repo, departed: Vec<Departed>) -> Departures {
    Departures {
        pages: read_pages(repo, &departed),
        files: departed,
    }
}

/// Reads each departed page-bearing file as it was in the first parent of the commit that
/// took it away. What cannot be read or parsed had no page to keep.
fn read_pages(repo: &motebok_git::Repo, departed: &[Departed]) -> Vec<Old> {
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
