//! Turns the file changes of one commit into trail changes, pairing renames:
//! - a deleted and an added path with the same blob id;
//! - a deleted and an added path with the same file name, where the deleted file's folder is
//!   gone entirely and the added file's folder is new in this commit (a meeting folder moved to
//!   a new date, its text edited in the same commit).
//!
//! Each deleted path is paired at most once. Among several candidates the one sharing the
//! longest tail of path components wins (then the one first in tree order).

use super::treediff::TreeChanges;
use git2::Oid;
use std::collections::HashMap;

/// What one commit did to one trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PathChange {
    Added(String),
    Modified(String),
    Deleted(String),
    Renamed { from: String, to: String },
}

fn parent(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

fn file_name(path: &str) -> &str {
    path.rsplit_once('/').map_or(path, |(_, name)| name)
}

/// How many trailing path components two paths share.
fn common_tail(a: &str, b: &str) -> usize {
    a.rsplit('/')
        .zip(b.rsplit('/'))
        .take_while(|(x, y)| x == y)
        .count()
}

/// Picks the best unpaired candidate for `added` among `candidates` (indices into `deleted`).
fn best(
    added: &str,
    candidates: &[usize],
    deleted: &[(String, Oid)],
    paired: &[bool],
) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for &d in candidates {
        if paired[d] {
            continue;
        }
        let score = common_tail(added, &deleted[d].0);
        match best {
            Some((_, s)) if s >= score => {}
            _ => best = Some((d, score)),
        }
    }
    best.map(|(d, _)| d)
}

/// Classifies the changes of one commit. Renames come first in the result.
pub(crate) fn classify(changes: TreeChanges) -> Vec<PathChange> {
    let TreeChanges {
        files,
        added_dirs,
        deleted_dirs,
    } = changes;
    let mut modified = Vec::new();
    let mut deleted: Vec<(String, Oid)> = Vec::new();
    let mut added: Vec<(String, Oid)> = Vec::new();
    for f in files {
        match (f.old, f.new) {
            (Some(_), Some(_)) => modified.push(f.path),
            (Some(old), None) => deleted.push((f.path, old)),
            (None, Some(new)) => added.push((f.path, new)),
            (None, None) => {}
        }
    }

    let mut out = Vec::new();
    if deleted.is_empty() || added.is_empty() {
        out.extend(
            deleted
                .into_iter()
                .map(|(p, _)| PathChange::Deleted(p))
                .chain(added.into_iter().map(|(p, _)| PathChange::Added(p)))
                .chain(modified.into_iter().map(PathChange::Modified)),
        );
        return out;
    }

    let mut paired = vec![false; deleted.len()];
    let mut added_done = vec![false; added.len()];

    // 0. The same path on both sides after NFC (a name re-encoded from NFD): not a new file.
    let by_path: HashMap<&str, usize> = deleted
        .iter()
        .enumerate()
        .map(|(i, (p, _))| (p.as_str(), i))
        .collect();
    for (a, (path, blob)) in added.iter().enumerate() {
        if let Some(&d) = by_path.get(path.as_str()) {
            if !paired[d] {
                paired[d] = true;
                added_done[a] = true;
                if deleted[d].1 != *blob {
                    modified.push(path.clone());
                }
            }
        }
    }

    // 1. Same blob id.
    let mut by_blob: HashMap<Oid, Vec<usize>> = HashMap::new();
    for (d, (_, blob)) in deleted.iter().enumerate() {
        if !paired[d] {
            by_blob.entry(*blob).or_default().push(d);
        }
    }
    for (a, (path, blob)) in added.iter().enumerate() {
        if added_done[a] {
            continue;
        }
        if let Some(d) = by_blob
            .get(blob)
            .and_then(|c| best(path, c, &deleted, &paired))
        {
            paired[d] = true;
            added_done[a] = true;
            out.push(PathChange::Renamed {
                from: deleted[d].0.clone(),
                to: path.clone(),
            });
        }
    }

    // 2. Same file name, the old folder gone and the new one new.
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (d, (path, _)) in deleted.iter().enumerate() {
        if !paired[d] && deleted_dirs.contains(parent(path)) {
            by_name.entry(file_name(path)).or_default().push(d);
        }
    }
    if !by_name.is_empty() {
        for (a, (path, _)) in added.iter().enumerate() {
            if added_done[a] || !added_dirs.contains(parent(path)) {
                continue;
            }
            if let Some(d) = by_name
                .get(file_name(path))
                .and_then(|c| best(path, c, &deleted, &paired))
            {
                paired[d] = true;
                added_done[a] = true;
                out.push(PathChange::Renamed {
                    from: deleted[d].0.clone(),
                    to: path.clone(),
                });
            }
        }
    }

    for (d, (path, _)) in deleted.into_iter().enumerate() {
        if !paired[d] {
            out.push(PathChange::Deleted(path));
        }
    }
    for (a, (path, _)) in added.into_iter().enumerate() {
        if !added_done[a] {
            out.push(PathChange::Added(path));
        }
    }
    out.extend(modified.into_iter().map(PathChange::Modified));
    out
}
