//! Writing the output so that readers see the old output or the new one, whatever happens to
//! the build (an error, a full disk, a kill at any point):
//!
//! - every build takes a lock beside the output first ([`OutputLock`]: one build at a time;
//!   it also repairs and removes what an interrupted run left, see [`beside`]);
//! - the new output is made complete in the spare folder beside it, never in the output:
//!   the spare holds the previous output (the one before the current), so only what differs
//!   is written. A full build ([`Staging`]) checks every file already there against the
//!   bytes it would write, and removes anything else; a rebuild ([`Patch`]) trusts the
//!   manifests and hard-links from the output the files it takes over;
//! - the manifest goes in last, and the spare is then exchanged with the output in one
//!   step ([`swap`]). A failed build stops before the exchange: the output is untouched.
//!
//! A file is never written in place in the spare (it may be a hard link shared with the
//! output): it is unlinked first and written anew.

mod beside;
mod memory;
mod patch;
mod staging;
mod swap;

pub(crate) use beside::{beside, OutputLock};
pub use memory::{Files, Memory};
pub(crate) use patch::Patch;
pub(crate) use staging::Staging;

use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// One output file, path relative to the output root (`motebok_site::out`: the pure crates'
/// outputs need no builder type).
pub use motebok_site::out::OutFile;

/// A file or folder of the output that could not be written, removed or renamed.
#[derive(Debug, thiserror::Error)]
#[error("kan ikke skrive {path}: {source}")]
pub struct WriteError {
    /// The path on disk.
    pub path: String,
    /// What the system said.
    #[source]
    pub source: std::io::Error,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |source| WriteError {
        path: path.display().to_string(),
        source,
    }
}

/// Where a build records what it wrote: the build's key and a hash of every file. It lives
/// inside the output, so it is swapped in with it and always describes it.
pub(crate) const MANIFEST: &str = ".motebok/manifest.json";

/// The manifest's format: raised when what it records changes meaning (2: the files' hashes
/// are `digest::hash64`, no longer SipHash). A manifest of another format is not read: its
/// output or spare is treated as having none, so it is rebuilt, never misread.
pub(crate) const MANIFEST_FORMAT: u32 = 2;

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
pub(crate) struct Manifest {
    /// [`MANIFEST_FORMAT`] when written; absent (0) in manifests from before it was named.
    #[serde(default)]
    pub format: u32,
    /// Everything a build's output depends on (binary, commit, date, theme): equal keys mean
    /// equal output.
    pub key: String,
    /// Each file's `digest::hash64_hex`.
    pub files: BTreeMap<String, String>,
}

impl Default for Manifest {
    fn default() -> Manifest {
        Manifest {
            format: MANIFEST_FORMAT,
            key: String::new(),
            files: BTreeMap::new(),
        }
    }
}

/// The manifest of the output at `out`, if it has a readable one of this format.
pub(crate) fn read_manifest(out: &Path) -> Option<Manifest> {
    let text = std::fs::read_to_string(out.join(MANIFEST)).ok()?;
    serde_json::from_str(&text)
        .ok()
        .filter(|m: &Manifest| m.format == MANIFEST_FORMAT)
}

/// Where a build's files go: the spare folder, checked file by file ([`Staging`]) or updated
/// from the manifests ([`Patch`]). Called from any thread.
pub trait Output: Sync {
    /// Writes `bytes` at `path` (relative to the output root).
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), WriteError>;
    /// Takes the previous output's file at `path` over unchanged; false when there is none.
    fn keep(&self, path: &str) -> bool;
    /// The previous output's bytes at `path`, if it had that file.
    fn old_bytes(&self, path: &str) -> Option<Vec<u8>>;
}

impl Output for Staging<'_> {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), WriteError> {
        Staging::put(self, path, bytes)
    }
    fn keep(&self, _: &str) -> bool {
        false
    }
    fn old_bytes(&self, _: &str) -> Option<Vec<u8>> {
        None
    }
}

impl Output for Patch<'_> {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), WriteError> {
        Patch::put(self, path, bytes)
    }
    fn keep(&self, path: &str) -> bool {
        Patch::keep(self, path)
    }
    fn old_bytes(&self, path: &str) -> Option<Vec<u8>> {
        Patch::old_bytes(self, path)
    }
}

/// Writes `manifest` into the output folder `out`.
fn write_manifest(out: &Path, manifest: &Manifest) -> Result<(), WriteError> {
    let mpath = out.join(MANIFEST);
    std::fs::create_dir_all(mpath.parent().unwrap_or(out)).map_err(io(&mpath))?;
    // Compact: on a large archive it lists some 45,000 files, read back on every rebuild.
    let json = serde_json::to_vec(manifest).map_err(|e| io(&mpath)(std::io::Error::other(e)))?;
    std::fs::write(&mpath, json).map_err(io(&mpath))
}

/// How many files a write created anew and how many it took over unchanged.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteStats {
    /// Files written anew.
    pub written: usize,
    /// Files taken over unchanged.
    pub reused: usize,
}

/// Writes `files` to `out` atomically. With a `key`, a manifest records the build and the
/// previous output is kept beside as the spare for the next build; without one (an archive
/// package) the output holds exactly `files` and nothing is kept.
pub fn write_atomic(
    out: &Path,
    files: &[OutFile],
    key: Option<&str>,
) -> Result<WriteStats, WriteError> {
    let lock = OutputLock::acquire(out)?;
    let staging = Staging::new(&lock, key.is_some())?;
    files
        .par_iter()
        .try_for_each(|f| staging.put(&f.path, &f.bytes))?;
    staging.finish(key)
}

/// The spare folder beside the output, ready to be changed, with the manifest it had (if it
/// had a readable one). The manifest is removed first: a spare changed halfway has none, so
/// nothing trusts it afterwards.
fn open_spare(lock: &OutputLock) -> Result<(PathBuf, Option<Manifest>), WriteError> {
    let spare = lock.spare();
    // Only a real folder: never write through a link to somewhere else.
    if std::fs::symlink_metadata(&spare).is_ok_and(|m| !m.is_dir()) {
        beside::remove_any(&spare);
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
fn make_parent(root: &Path, file: &Path, made: &Mutex<HashSet<PathBuf>>) -> Result<(), WriteError> {
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
                beside::remove_any(a);
            }
        }
        std::fs::create_dir_all(d).map_err(io(d))?;
    }
    lock(made).insert(d.to_path_buf());
    Ok(())
}

/// Writes `bytes` as a new file at `target`. What may be `there` (a file, which may be a hard
/// link shared with the output, or a folder) is removed first, never written into.
fn write_new(target: &Path, bytes: &[u8], there: bool) -> Result<(), WriteError> {
    if there {
        beside::remove_any(target);
    }
    std::fs::write(target, bytes).map_err(io(target))
}

/// Removes the folders above `file` that are now empty, up to (not including) `root`.
fn remove_empty_parents(root: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == root || !d.starts_with(root) || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// An output holding an identity number is never swapped in, whoever forgot to ask first.
fn refuse_leaks(backstop: &crate::privacy::Backstop, out: &Path) -> Result<(), WriteError> {
    match backstop.errors(out).first() {
        None => Ok(()),
        Some(d) => Err(WriteError {
            path: d.path.clone(),
            source: std::io::Error::other(d.message.clone()),
        }),
    }
}

pub(crate) fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
