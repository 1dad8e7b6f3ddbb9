//! The error of a file or folder of the output that could not be written.

use std::path::Path;

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

/// The error of an I/O failure at `path`.
pub(super) fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |source| WriteError {
        path: path.display().to_string(),
        source,
    }
}
