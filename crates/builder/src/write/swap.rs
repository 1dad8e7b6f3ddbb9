//! Putting a complete tree in place of the output, so that readers see the old output or the
//! new one whenever the process dies.
//!
//! On Linux (and macOS) the two folders are exchanged in one step (`renameat2` with
//! `RENAME_EXCHANGE`): the new tree takes the output's name and the old one the spare's.
//! Where that is unsupported (another system, or a file system that refuses it with `EINVAL`)
//! two renames are used instead: the output to `.<name>.motebok-old-<random>`, the new tree
//! in. Killed between them, the output is missing for an instant; the next build (which
//! takes the lock, [`super::OutputLock`]) moves the old one back before anything else.

use super::beside::{exists, OutputLock};
use super::error::{io, WriteError};
use std::path::Path;

/// Swaps the complete tree at `staged` in for the output. Afterwards `staged` holds the
/// previous output, if there was one.
///
/// The single point between "staged tree complete" and "readers see it": a check of the
/// whole staged output belongs right before the exchange here.
pub(crate) fn swap_in(lock: &OutputLock, staged: &Path) -> Result<(), WriteError> {
    let out = &lock.out;
    if !exists(out) {
        return std::fs::rename(staged, out).map_err(io(out));
    }
    match exchange(staged, out) {
        Ok(()) => Ok(()),
        Err(e) if unsupported(&e) => two_renames(lock, staged),
        Err(e) => Err(io(out)(e)),
    }
}

#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(Into::into)
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// The kernel or file system cannot exchange: fall back to two renames.
fn unsupported(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::Unsupported
        || matches!(
            e.raw_os_error(),
            Some(c) if c == rustix::io::Errno::INVAL.raw_os_error()
                || c == rustix::io::Errno::NOSYS.raw_os_error()
                || c == rustix::io::Errno::NOTSUP.raw_os_error()
        )
}

/// The fallback: output aside (under a fresh random name), new tree in, old tree to the
/// spare's name.
pub(crate) fn two_renames(lock: &OutputLock, staged: &Path) -> Result<(), WriteError> {
    let out = &lock.out;
    // An empty folder with a fresh name, which the rename of the output replaces.
    let aside = tempfile::Builder::new()
        .prefix(&format!(".{}.motebok-old-", lock.name))
        .tempdir_in(&lock.parent)
        .map_err(io(&lock.parent))?
        .keep();
    std::fs::rename(out, &aside).map_err(io(out))?;
    if let Err(e) = std::fs::rename(staged, out) {
        let _ = std::fs::rename(&aside, out);
        return Err(io(out)(e));
    }
    std::fs::rename(&aside, staged).map_err(io(staged))
}
