//! A hand-written comparison of two trees below a prefix.
//!
//! libgit2's `diff_tree_to_tree` expands unchanged subtrees too and takes a minute on a long
//! history; here both trees are walked side by side in git's entry order, and only subtrees
//! whose ids differ are entered.

use git2::{Oid, Repository, Tree, TreeEntry};
use std::cmp::Ordering;
use std::collections::HashSet;
use std::path::Path;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

const MODE_TREE: i32 = 0o040000;
const MODE_GITLINK: i32 = 0o160000;

/// A file (blob or symlink) that differs between the two trees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FileChange {
    /// Full path (prefix included), NFC.
    pub path: String,
    /// Blob id before, `None` if added.
    pub old: Option<Oid>,
    /// Blob id after, `None` if deleted.
    pub new: Option<Oid>,
}

/// What differs below the prefix between two trees.
#[derive(Debug, Default)]
pub(crate) struct TreeChanges {
    /// Files in git's tree order (a path sorted depth first).
    pub files: Vec<FileChange>,
    /// Folders that exist only in the new tree (full path, NFC, no trailing `/`).
    pub added_dirs: HashSet<String>,
    /// Folders that exist only in the old tree.
    pub deleted_dirs: HashSet<String>,
}

impl TreeChanges {
    pub(super) fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// Decodes a git path (bytes) as UTF-8, lossy if need be, in Unicode NFC.
pub(crate) fn decode_path(bytes: &[u8]) -> String {
    let s = String::from_utf8_lossy(bytes);
    if s.is_ascii() || is_nfc_quick(s.chars()) == IsNormalized::Yes {
        s.into_owned()
    } else {
        s.nfc().collect()
    }
}

/// The subtree at `prefix` (`content` or `content/`; `""` for the root), if there is one.
pub(crate) fn prefix_tree<'r>(
    repo: &'r Repository,
    root: &Tree<'r>,
    prefix: &str,
) -> Result<Option<Tree<'r>>, git2::Error> {
    let trimmed = prefix.trim_matches('/');
    if trimmed.is_empty() {
        return Ok(Some(root.clone()));
    }
    match root.get_path(Path::new(trimmed)) {
        Ok(entry) if entry.filemode() == MODE_TREE => Ok(Some(repo.find_tree(entry.id())?)),
        Ok(_) => Ok(None),
        Err(e) if e.code() == git2::ErrorCode::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Compares the prefix subtrees `old` and `new` (either may be missing). `prefix` is the
/// folder they stand for (`content/`), put in front of every path reported.
pub(crate) fn diff(
    repo: &Repository,
    old: Option<&Tree<'_>>,
    new: Option<&Tree<'_>>,
    prefix: &str,
) -> Result<TreeChanges, git2::Error> {
    let mut changes = TreeChanges::default();
    if let (Some(a), Some(b)) = (old, new) {
        if a.id() == b.id() {
            return Ok(changes);
        }
    }
    let trimmed = prefix.trim_matches('/');
    let mut path: Vec<u8> = Vec::with_capacity(128);
    if !trimmed.is_empty() {
        path.extend_from_slice(trimmed.as_bytes());
        path.push(b'/');
        match (old.is_some(), new.is_some()) {
            (false, true) => {
                changes.added_dirs.insert(decode_path(trimmed.as_bytes()));
            }
            (true, false) => {
                changes.deleted_dirs.insert(decode_path(trimmed.as_bytes()));
            }
            _ => {}
        }
    }
    let mut differ = Differ {
        repo,
        out: &mut changes,
    };
    differ.trees(old, new, &mut path)?;
    Ok(changes)
}

struct Differ<'a, 'r> {
    repo: &'r Repository,
    out: &'a mut TreeChanges,
}

/// Git's tree order: by name bytes, a tree's name compared as if it ended in `/`.
fn entry_order(a: &TreeEntry<'_>, b: &TreeEntry<'_>) -> Ordering {
    let (an, bn) = (a.name_bytes(), b.name_bytes());
    let n = an.len().min(bn.len());
    match an[..n].cmp(&bn[..n]) {
        Ordering::Equal => {}
        other => return other,
    }
    let tail = |name: &[u8], e: &TreeEntry<'_>| -> u8 {
        match name.get(n) {
            Some(&c) => c,
            None if e.filemode() == MODE_TREE => b'/',
            None => 0,
        }
    };
    tail(an, a).cmp(&tail(bn, b))
}

impl Differ<'_, '_> {
    /// Compares two trees whose path (ending in `/`, or empty) is in `path`.
    fn trees(
        &mut self,
        old: Option<&Tree<'_>>,
        new: Option<&Tree<'_>>,
        path: &mut Vec<u8>,
    ) -> Result<(), git2::Error> {
        let (old_len, new_len) = (old.map_or(0, Tree::len), new.map_or(0, Tree::len));
        let (mut i, mut j) = (0, 0);
        while i < old_len || j < new_len {
            let a = if i < old_len {
                old.and_then(|t| t.get(i))
            } else {
                None
            };
            let b = if j < new_len {
                new.and_then(|t| t.get(j))
            } else {
                None
            };
            match (a, b) {
                (Some(a), Some(b)) => match entry_order(&a, &b) {
                    Ordering::Less => {
                        self.one_side(&a, false, path)?;
                        i += 1;
                    }
                    Ordering::Greater => {
                        self.one_side(&b, true, path)?;
                        j += 1;
                    }
                    Ordering::Equal => {
                        self.both(&a, &b, path)?;
                        i += 1;
                        j += 1;
                    }
                },
                (Some(a), None) => {
                    self.one_side(&a, false, path)?;
                    i += 1;
                }
                (None, Some(b)) => {
                    self.one_side(&b, true, path)?;
                    j += 1;
                }
                (None, None) => break,
            }
        }
        Ok(())
    }

    /// An entry with the same name (and kind: tree or not) on both sides.
    fn both(
        &mut self,
        a: &TreeEntry<'_>,
        b: &TreeEntry<'_>,
        path: &mut Vec<u8>,
    ) -> Result<(), git2::Error> {
        if a.id() == b.id() && a.filemode() == b.filemode() {
            return Ok(());
        }
        let (ma, mb) = (a.filemode(), b.filemode());
        if ma == MODE_TREE {
            // Same order key with a tree means both are trees.
            let len = path.len();
            push_name(path, a.name_bytes(), true);
            let (ta, tb) = (self.repo.find_tree(a.id())?, self.repo.find_tree(b.id())?);
            self.trees(Some(&ta), Some(&tb), path)?;
            path.truncate(len);
            return Ok(());
        }
        match (ma == MODE_GITLINK, mb == MODE_GITLINK) {
            (true, true) => Ok(()),
            (true, false) => self.file(b.name_bytes(), None, Some(b.id()), path),
            (false, true) => self.file(a.name_bytes(), Some(a.id()), None, path),
            (false, false) => self.file(a.name_bytes(), Some(a.id()), Some(b.id()), path),
        }
    }

    /// An entry only in the old tree (`added == false`) or only in the new one.
    fn one_side(
        &mut self,
        e: &TreeEntry<'_>,
        added: bool,
        path: &mut Vec<u8>,
    ) -> Result<(), git2::Error> {
        match e.filemode() {
            MODE_GITLINK => Ok(()),
            MODE_TREE => {
                let len = path.len();
                push_name(path, e.name_bytes(), false);
                let dir = decode_path(path);
                if added {
                    self.out.added_dirs.insert(dir);
                } else {
                    self.out.deleted_dirs.insert(dir);
                }
                path.push(b'/');
                let t = self.repo.find_tree(e.id())?;
                if added {
                    self.trees(None, Some(&t), path)?;
                } else {
                    self.trees(Some(&t), None, path)?;
                }
                path.truncate(len);
                Ok(())
            }
            _ if added => self.file(e.name_bytes(), None, Some(e.id()), path),
            _ => self.file(e.name_bytes(), Some(e.id()), None, path),
        }
    }

    fn file(
        &mut self,
        name: &[u8],
        old: Option<Oid>,
        new: Option<Oid>,
        path: &mut Vec<u8>,
    ) -> Result<(), git2::Error> {
        let len = path.len();
        path.extend_from_slice(name);
        let full = decode_path(path);
        path.truncate(len);
        self.out.files.push(FileChange {
            path: full,
            old,
            new,
        });
        Ok(())
    }
}

fn push_name(path: &mut Vec<u8>, name: &[u8], slash: bool) {
    path.extend_from_slice(name);
    if slash {
        path.push(b'/');
    }
}
