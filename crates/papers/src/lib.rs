//! The meeting papers as documents: a [`Paper`] is what the builder assembles from the same
//! views and resolved links as the pages; [`typeset`] turns it into one accessible, archival PDF.
//!
//! The model is deliberately plain (blocks and inlines, no Markdown, no HTML): the builder
//! decides *what* a paper says (and never hands it an exempt, draft-only or unmerged item),
//! this crate decides only *how it looks*.

mod model;

pub use model::{Align, Block, Fact, Inline, Paper, PaperKind, Section};

/// Why a paper could not be typeset.
#[derive(Debug, thiserror::Error)]
pub enum PaperError {
    /// Typst rejected the generated document (a bug in this crate, never the editor's fault).
    #[error("typst could not typeset {title:?}: {message}")]
    Typeset {
        /// The paper's title.
        title: String,
        /// Typst's own diagnostics, joined.
        message: String,
    },
    /// The PDF export failed (for instance a PDF/UA or PDF/A rule typst checks itself).
    #[error("the PDF of {title:?} could not be written: {message}")]
    Export {
        /// The paper's title.
        title: String,
        /// Typst's own diagnostics, joined.
        message: String,
    },
}

/// Typeset one paper as a tagged PDF conforming to PDF/UA-1 and PDF/A-2 at once.
/// The same paper gives the same bytes (no clock, no random ids).
pub fn typeset(paper: &Paper) -> Result<Vec<u8>, PaperError> {
    let _ = paper;
    todo!("typst World with embedded fonts: issue 16")
}
