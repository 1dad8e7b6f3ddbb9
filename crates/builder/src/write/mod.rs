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

// What the ways of writing share lives in modules of its own (`error`, `manifest`, `output`,
// `spare`), below them: this module only gathers them.
mod beside;
mod error;
mod manifest;
mod memory;
mod output;
mod patch;
mod spare;
mod staging;
mod swap;

/// Many threads share a lock; one that panicked must not take the rest down (`crate::sync`).
pub(crate) use crate::sync::lock;
pub(crate) use beside::{beside, OutputLock};
pub use error::WriteError;
#[cfg(test)]
pub(crate) use manifest::MANIFEST;
pub(crate) use manifest::{read_manifest, Manifest};
pub use memory::{Files, Memory};
pub use output::{Output, WriteStats};
pub(crate) use patch::Patch;
pub(crate) use staging::Staging;

use rayon::prelude::*;
use std::path::Path;

/// One output file, path relative to the output root (`motebok_site::out`: the pure crates'
/// outputs need no builder type).
pub use motebok_site::out::OutFile;

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
