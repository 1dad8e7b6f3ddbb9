//! The settings readers see besides `content/`: `site.toml` and `themes/` (CONTENT.md §6). A
//! direct commit to them fails like one to `content/`: a window, a branch or a template changes
//! what is published and for how long.

use super::treediff;
use git2::{Repository, Tree};

/// The settings outside the content prefix: a file and a folder at the top of the tree.
const SETTINGS_FILE: &str = "site.toml";
const SETTINGS_DIR: &str = "themes/";

/// The settings paths that changed between `old` (a commit's first parent's root tree, `None`
/// for a root commit) and `new`, sorted. Paths below `prefix` are left out: the walk sees those.
pub(super) fn changed(
    repo: &Repository,
    old: Option<&Tree<'_>>,
    new: &Tree<'_>,
    prefix: &str,
) -> Result<Vec<String>, git2::Error> {
    let below_prefix = |p: &str| p.starts_with(prefix.trim_start_matches('/'));
    let mut files = Vec::new();
    if !below_prefix(SETTINGS_FILE) {
        let entry = |t: &Tree<'_>| t.get_name(SETTINGS_FILE).map(|e| (e.id(), e.filemode()));
        if old.and_then(entry) != entry(new) {
            files.push(SETTINGS_FILE.to_string());
        }
    }
    if !below_prefix(SETTINGS_DIR) {
        let before = old
            .map(|t| treediff::prefix_tree(repo, t, SETTINGS_DIR))
            .transpose()?
            .flatten();
        let after = treediff::prefix_tree(repo, new, SETTINGS_DIR)?;
        // Equal ids (the usual case) return at once, without entering the folder.
        let changes = treediff::diff(repo, before.as_ref(), after.as_ref(), SETTINGS_DIR)?;
        files.extend(changes.files.into_iter().map(|f| f.path));
    }
    files.sort();
    files.dedup();
    Ok(files)
}
