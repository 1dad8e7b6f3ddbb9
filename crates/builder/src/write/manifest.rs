//! The manifest inside every output: what a build wrote, under which key.

use super::error::{io, WriteError};
use std::collections::BTreeMap;
use std::path::Path;

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

/// Writes `manifest` into the output folder `out`.
pub(super) fn write_manifest(out: &Path, manifest: &Manifest) -> Result<(), WriteError> {
    let mpath = out.join(MANIFEST);
    std::fs::create_dir_all(mpath.parent().unwrap_or(out)).map_err(io(&mpath))?;
    // Compact: on a large archive it lists some 45,000 files, read back on every rebuild.
    let json = serde_json::to_vec(manifest).map_err(|e| io(&mpath)(std::io::Error::other(e)))?;
    std::fs::write(&mpath, json).map_err(io(&mpath))
}
