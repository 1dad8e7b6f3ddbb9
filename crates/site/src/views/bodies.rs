//! Where the views read bodies' texts, and the error of a read that failed.

use std::sync::Arc;

/// Where the views read a body's text: in memory, or from git on a rebuild (the builder's
/// store). A read can fail; the views pass that on, never showing an empty body.
pub trait Bodies: Sync {
    /// The text of `body`, of the file at `path`.
    fn text(&self, path: &str, body: &motebok_parser::Body) -> Result<Arc<str>, Unread>;
}

/// A body's text that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("kan ikke lese {path}: {why}")]
pub struct Unread {
    /// Repository path of the file.
    pub path: String,
    /// Why it could not be read.
    pub why: String,
}
