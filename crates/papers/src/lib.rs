//! The meeting papers as documents: a [`Paper`] is what the builder assembles from the same
//! views and resolved links as the pages; [`typeset`] turns it into one accessible, archival PDF.
//!
//! The model is deliberately plain (blocks and inlines, no Markdown, no HTML): the builder
//! decides *what* a paper says (and never hands it an exempt, draft-only or unmerged item),
//! this crate decides only *how it looks*.

mod model;
mod wire;
mod world;

pub use model::{Align, Block, Fact, Inline, Paper, PaperKind, Section};

use chrono::{Datelike, Timelike};
use std::sync::atomic::{AtomicUsize, Ordering};
use typst::diag::SourceDiagnostic;
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

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

/// Typeset one paper as a tagged PDF conforming to PDF/UA-1 and PDF/A-2a at once.
/// The same paper gives the same bytes (no clock, no random ids). Thread-safe: fonts, the
/// standard library and the template are parsed once per process and shared.
pub fn typeset(paper: &Paper) -> Result<Vec<u8>, PaperError> {
    let wire = wire::wire(paper);
    let world = world::PaperWorld::new(wire.json, wire.images);
    let document = typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|errors| PaperError::Typeset {
            title: paper.title.clone(),
            message: join_diagnostics(&errors),
        })?;
    let options = pdf_options(paper).map_err(|message| PaperError::Export {
        title: paper.title.clone(),
        message,
    })?;
    let pdf = typst_pdf::pdf(&document, &options).map_err(|errors| PaperError::Export {
        title: paper.title.clone(),
        message: join_diagnostics(&errors),
    });
    evict_now_and_then();
    pdf
}

/// PDF/UA-1 together with the strictest PDF/A-2 level (2a: tagged, Unicode text).
/// Typst memoizes across compilations; keep what recent papers share (the template, the
/// fonts' shaping) and let the rest go, so a build of thousands of papers stays small. An
/// eviction walks the whole cache (7-8 % of a build's cpu when done after every paper), so it
/// runs after every [`EVICT_EVERY`]th paper, keeping what the last ~32 papers used as before.
fn evict_now_and_then() {
    static TYPESET: AtomicUsize = AtomicUsize::new(0);
    if TYPESET.fetch_add(1, Ordering::Relaxed) % EVICT_EVERY == EVICT_EVERY - 1 {
        typst::comemo::evict(32 / EVICT_EVERY);
    }
}

const EVICT_EVERY: usize = 8;

fn pdf_options(paper: &Paper) -> Result<PdfOptions, String> {
    let standards = PdfStandards::new(&[PdfStandard::A_2a, PdfStandard::Ua_1])
        .map_err(|error| error.message().to_string())?;
    let made = paper.made;
    let timestamp = Datetime::from_ymd_hms(
        made.year(),
        made.month() as u8,
        made.day() as u8,
        made.hour() as u8,
        made.minute() as u8,
        made.second() as u8,
    )
    .map(Timestamp::new_utc);
    Ok(PdfOptions {
        // The document id is a hash of this: stable across builds, distinct per paper.
        ident: Smart::Custom(format!("motebok/{:?}/{}", paper.kind, paper.title)),
        creator: Smart::Custom(Some(format!(
            "motebok {} (Typst)",
            env!("CARGO_PKG_VERSION")
        ))),
        timestamp,
        page_ranges: None,
        standards,
        tagged: true,
        pretty: false,
    })
}

fn join_diagnostics(errors: &[SourceDiagnostic]) -> String {
    errors
        .iter()
        .map(|error| {
            let hints = error
                .hints
                .iter()
                .map(|hint| format!(" (hint: {})", hint.v));
            std::iter::once(error.message.to_string())
                .chain(hints)
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("; ")
}
