//! Where the index's files go: the caller's output, which may hold the previous build's files.

/// An [`Output`]'s failure to write a file, as the output describes it.
pub type OutputError = Box<dyn std::error::Error + Send + Sync>;

/// Where the index's files are written, from any thread.
pub trait Output: Sync {
    /// Writes `bytes` at `path` (relative to the site root).
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), OutputError>;
    /// Takes the previous output's file at `path` over unchanged; false when there is none.
    fn keep(&self, path: &str) -> bool;
    /// The previous output's bytes at `path`, if it had that file.
    fn old_bytes(&self, path: &str) -> Option<Vec<u8>>;
}
