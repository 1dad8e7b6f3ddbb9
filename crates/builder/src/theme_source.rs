//! Where a site's theme overrides (`themes/<name>/`) come from. CONTENT.md §1: only files
//! tracked on the publishing branch are published, theme files included, so a production
//! build reads them from the branch's tree, like content. Previews read the working tree and
//! name every file that differs from the branch (the pages say so, as draft pages do).
//! Symbolic links are refused in both, as everywhere: they could publish files from outside
//! the repository. A link is a problem reported with the content errors, and nothing is read
//! through it.

use crate::source::{blob_id, symlink_problem};
use motebok_git::Kind;
use motebok_parser::Diagnostic;
use motebok_site::theme::{TemplateError, Theme};
use std::collections::BTreeMap;
use std::path::Path;

/// Why the theme could not be had: read from git or disk, or compiled.
#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    #[error("kan ikke lese temaet {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("temafilen {path} er ikke UTF-8")]
    NotUtf8 { path: String },
    #[error("kan ikke lese temaet fra git: {0}")]
    Git(#[from] motebok_git::Error),
    #[error(transparent)]
    Template(#[from] TemplateError),
}

const LINK: u32 = 0o120000;

/// A theme and the problems found reading it (symbolic links, an unusable name).
pub(crate) type Read = (Theme, Vec<Diagnostic>);

/// `themes/<name>` as a repository path, if `name` is one folder name.
fn folder(name: &str) -> Result<String, Diagnostic> {
    let ok = !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\', ':'])
        && name != "..";
    if ok {
        Ok(format!("themes/{name}"))
    } else {
        Err(Diagnostic::new(
            "site.toml",
            format!("`theme = \"{name}\"` er ikke navnet på en mappe i themes/"),
        )
        .hint("skriv navnet på temamappen, for eksempel `theme = \"default\"`"))
    }
}

/// The theme as committed in `tree` (production builds and the up-to-date check).
pub(crate) fn from_git(
    repo: &motebok_git::Repo,
    tree: &motebok_git::Tree,
    name: &str,
) -> Result<Read, ThemeError> {
    let dir = match folder(name) {
        Ok(d) => d,
        Err(d) => return Ok((Theme::default_only(), vec![d])),
    };
    let mut problems = Vec::new();
    let mut overrides = BTreeMap::new();
    // `themes`, then `themes/<name>`: either may itself be a link.
    let mut at = tree.clone();
    for (i, part) in dir.split('/').enumerate() {
        let Some((id, mode)) = at.get_name(part).map(|e| (e.id(), e.mode() as u32)) else {
            return Ok((Theme::default_only(), problems));
        };
        if mode == LINK {
            let path = dir.split('/').take(i + 1).collect::<Vec<_>>().join("/");
            problems.push(symlink_problem(&path));
            return Ok((Theme::default_only(), problems));
        }
        let Ok(t) = repo.tree(id) else {
            return Ok((Theme::default_only(), problems));
        };
        at = t;
    }
    let mut stack = vec![(String::new(), at)];
    while let Some((prefix, t)) = stack.pop() {
        for e in t.iter() {
            let rel = format!("{prefix}{}", String::from_utf8_lossy(e.name_bytes()));
            let path = format!("{dir}/{rel}");
            match e.kind() {
                Kind::Tree => stack.push((format!("{rel}/"), repo.tree(e.id())?)),
                Kind::Blob if e.mode() as u32 == LINK => problems.push(symlink_problem(&path)),
                Kind::Blob => {
                    let blob = repo.blob(e.id())?;
                    let text = std::str::from_utf8(blob.content())
                        .map_err(|_| ThemeError::NotUtf8 { path: path.clone() })?;
                    overrides.insert(rel, text.to_string());
                }
                Kind::Other => {}
            }
        }
    }
    Ok((Theme::with_overrides(overrides, Vec::new()), problems))
}

/// The theme in the working tree (previews), with the files that differ from `branch`
/// (all of them when there is no repository or no such branch) as drafts.
pub fn from_worktree(root: &Path, name: &str, branch: &str) -> Result<Read, ThemeError> {
    let dir = match folder(name) {
        Ok(d) => d,
        Err(d) => return Ok((Theme::default_only(), vec![d])),
    };
    let mut problems = Vec::new();
    let mut overrides = BTreeMap::new();
    let mut present = true;
    for top in ["themes", dir.as_str()] {
        match std::fs::symlink_metadata(root.join(top)) {
            Ok(m) if m.file_type().is_symlink() => {
                problems.push(symlink_problem(top));
                return Ok((Theme::default_only(), problems));
            }
            Ok(m) if m.is_dir() => {}
            _ => present = false,
        }
    }
    // A theme folder deleted from the working tree is a draft change too.
    if present {
        read_folder(root, &dir, &mut overrides, &mut problems)?;
    }
    let drafts = drafts(root, &dir, branch, &overrides);
    Ok((Theme::with_overrides(overrides, drafts), problems))
}

/// The files of the theme folder `dir` by their path inside it; a link is a problem.
fn read_folder(
    root: &Path,
    dir: &str,
    files: &mut BTreeMap<String, String>,
    problems: &mut Vec<Diagnostic>,
) -> Result<(), ThemeError> {
    let abs = root.join(dir);
    for e in walkdir::WalkDir::new(&abs).sort_by_file_name() {
        let e = e.map_err(|e| ThemeError::Io {
            path: dir.to_string(),
            source: e.into(),
        })?;
        let rel = e
            .path()
            .strip_prefix(&abs)
            .unwrap_or(e.path())
            .to_string_lossy()
            .replace('\\', "/");
        let path = format!("{dir}/{rel}");
        if e.path_is_symlink() {
            problems.push(symlink_problem(&path));
            continue;
        }
        if !e.file_type().is_file() {
            continue;
        }
        let text = std::fs::read_to_string(e.path()).map_err(|source| ThemeError::Io {
            path: path.clone(),
            source,
        })?;
        files.insert(rel, text);
    }
    Ok(())
}

/// The override files (repository paths) not on `branch` as they are on disk, and those on the
/// branch that are gone from disk.
fn drafts(root: &Path, dir: &str, branch: &str, on_disk: &BTreeMap<String, String>) -> Vec<String> {
    let committed: BTreeMap<String, [u8; 20]> = motebok_git::Repo::open(root)
        .ok()
        .and_then(|repo| {
            let tree = repo.branch_tree(branch)?;
            let e = tree.get_path(dir)?;
            let theme = repo.tree(e.id()).ok()?;
            let mut out = BTreeMap::new();
            theme
                .walk(|prefix, e| {
                    if e.kind() == Kind::Blob {
                        let rel = format!("{prefix}{}", String::from_utf8_lossy(e.name_bytes()));
                        if let Ok(id) = e.id().as_bytes().try_into() {
                            out.insert(rel, id);
                        }
                    }
                    true
                })
                .ok()?;
            Some(out)
        })
        .unwrap_or_default();
    let mut drafts: Vec<String> = on_disk
        .iter()
        .filter(|(rel, text)| committed.get(*rel) != Some(&blob_id(text.as_bytes())))
        .map(|(rel, _)| format!("{dir}/{rel}"))
        .collect();
    drafts.extend(
        committed
            .keys()
            .filter(|rel| !on_disk.contains_key(*rel))
            .map(|rel| format!("{dir}/{rel}")),
    );
    drafts.sort();
    drafts
}

#[cfg(test)]
mod tests {
    use super::folder;

    #[test]
    fn a_theme_is_one_folder_of_themes() {
        assert_eq!(folder("default").unwrap(), "themes/default");
        for bad in ["", "..", ".skjult", "../../etc", "a/b", "a\\b", "C:x"] {
            let d = folder(bad).unwrap_err();
            assert_eq!(d.path, "site.toml", "{bad}");
        }
    }
}
