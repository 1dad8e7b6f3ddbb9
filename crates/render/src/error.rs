//! A page that could not be made: the error of the render, which the builder's `BuildError`
//! wraps.

use motebok_site::views::Unread;

/// A page that could not be made from its template.
#[derive(Debug, thiserror::Error)]
#[error("kunne ikke lage siden {url} med malen {template}: {source:#}")]
pub struct RenderError {
    /// The page's site path.
    pub url: String,
    /// The template it was rendered with (empty when a body could not be read).
    pub template: String,
    /// Why.
    #[source]
    pub source: minijinja::Error,
}

impl RenderError {
    /// The page at `url` could not be made: a body it shows could not be read. Only the
    /// builder's store reading git fails a read (the run reports every such read itself), so
    /// it is said as the store's failed read from git is.
    pub fn unread(url: &str, e: Unread) -> RenderError {
        RenderError {
            url: url.to_string(),
            template: String::new(),
            source: minijinja::Error::new(
                minijinja::ErrorKind::InvalidOperation,
                format!("kan ikke lese {} fra git: {}", e.path, e.why),
            ),
        }
    }
}
