//! Where a build's files go, whichever way they are written.

use super::error::WriteError;

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

/// How many files a write created anew and how many it took over unchanged.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteStats {
    /// Files written anew.
    pub written: usize,
    /// Files taken over unchanged.
    pub reused: usize,
}
