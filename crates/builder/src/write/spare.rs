//! The steps a full build and a rebuild share in the spare folder they make the output in.

use super::beside::OutputLock;
use super::error::{io, WriteError};
use super::manifest::{read_manifest, Manifest, MANIFEST};
use crate::sync::lock;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The spare folder beside the output, ready to be changed, with the manifest it had (if it
/// had a readable one). The manifest is removed first: a spare changed halfway has none, so
/// nothing trusts it afterwards.
pub(super) fn open_spare(lock: &OutputLock) -> Result<(PathBuf, Option<Manifest>), WriteError> {
    let spare = lock.spare();
    // Only a real folder: never write through a link to somewhere else.
    if std::fs::symlink_metadata(&spare).is_ok_and(|m| !m.is_dir()) {
        super::beside::remove_any(&spare);
    }
    std::fs::create_dir_all(&spare).map_err(io(&spare))?;
    let manifest = read_manifest(&spare);
    let mpath = spare.join(MANIFEST);
    match std::fs::remove_file(&mpath) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(&mpath)(e)),
        _ => {}
    }
    Ok((spare, manifest))
}

/// Creates the folder `file` goes in, inside `root`, removing whatever is in the way (a file
/// where a folder goes). `made`: folders known to exist.
pub(super) fn make_parent(
    root: &Path,
    file: &Path,
    made: &Mutex<HashSet<PathBuf>>,
) -> Result<(), WriteError> {
    let Some(d) = file.parent() else {
        return Ok(());
    };
    if lock(made).contains(d) {
        return Ok(());
    }
    if std::fs::create_dir_all(d).is_err() {
        for a in d
            .ancestors()
            .take_while(|a| a.starts_with(root) && *a != root)
        {
            if std::fs::symlink_metadata(a).is_ok_and(|m| !m.is_dir()) {
                super::beside::remove_any(a);
            }
        }
        std::fs::create_dir_all(d).map_err(io(d))?;
    }
    lock(made).insert(d.to_path_buf());
    Ok(())
}

/// Writes `bytes` as a new file at `target`. What may be `there` (a file, which may be a hard
/// link shared with the output, or a folder) is removed first, never written into.
pub(super) fn write_new(target: &Path, bytes: &[u8], there: bool) -> Result<(), WriteError> {
    if there {
        super::beside::remove_any(target);
    }
    std::fs::write(target, bytes).map_err(io(target))
}

/// Removes the folders above `file` that are now empty, up to (not including) `root`.
pub(super) fn remove_empty_parents(root: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == root || !d.starts_with(root) || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// An output holding an identity number is never swapped in, whoever forgot to ask first.
pub(super) fn refuse_leaks(
    backstop: &crate::privacy::Backstop,
    out: &Path,
) -> Result<(), WriteError> {
    match backstop.errors(out).first() {
        None => Ok(()),
        Some(d) => Err(WriteError {
            path: d.path.clone(),
            source: std::io::Error::other(d.message.clone()),
        }),
    }
}
