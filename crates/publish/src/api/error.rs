//! Why `/api/` could not be made.

/// Why an object or list of `/api/` could not be made; the caller's own errors (writing a
/// file) are its `E` (see `files`).
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// An object could not be serialised.
    #[error("kunne ikke lage JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// A body could not be read.
    #[error(transparent)]
    Body(#[from] motebok_site::views::Unread),
}
