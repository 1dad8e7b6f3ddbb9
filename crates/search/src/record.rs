//! What the index takes in (a [`Record`] for each searchable page), what can go wrong, and the
//! names the search page's script shares with it.

use crate::output::OutputError;

/// Where the index lands in the output (the search page is `sok/`).
pub const BUNDLE_DIR: &str = "sok/indeks";

/// Filter names as the search page's script knows them.
pub const FILTER_ORGAN: &str = "organ";
/// The year filter.
pub const FILTER_YEAR: &str = "aar";
/// The type filter.
pub const FILTER_TYPE: &str = "type";

/// Where an attachment's text begins in a record's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentPart {
    /// In UTF-16 code units, as the search page's script counts.
    pub from: usize,
    /// The attachment's title.
    pub title: String,
    /// Its URL as it stands in a link, relative to the site root.
    pub href: String,
}

/// Why the search index could not be made.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// More pages than doc ids can number.
    #[error("søkeindeksen kan ikke ha mer enn {max} dokumenter (fikk {got})")]
    TooManyDocuments {
        /// Pages to index.
        got: usize,
        /// The most the doc ids can number.
        max: usize,
    },
    /// Two pages with one URL (a bug upstream, not content).
    #[error("to sider har samme adresse i søkeindeksen: {0}")]
    DuplicateUrl(String),
    /// The index could not be written as JSON.
    #[error("kunne ikke skrive søkeindeksen som JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// An index file could not be written (the [`Output`]'s error, as it says it).
    #[error(transparent)]
    Write(OutputError),
    /// The index in the output is missing a file a rebuild would keep.
    #[error("søkeindeksen i utdataene er ufullstendig ({0} mangler); bygg på nytt med en tom utdatamappe")]
    Stale(String),
}

/// One searchable document: everything the index keeps of a published page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Relative to the site root, as on the page (`ssu/sak/2025.19/`): the document's
    /// identity and order in the index.
    pub url: String,
    /// `url` as it stands in a link (`a%20b/` for a page of a file named with a space),
    /// written into the document's fragment.
    pub href: String,
    /// The result's title.
    pub title: String,
    /// A short line under the title.
    pub detail: String,
    /// Document type (`Sak`, `Møte`, …), for the type filter.
    pub kind: String,
    /// The body's short name, for the body filter.
    pub organ: Option<String>,
    /// The year, for the year filter.
    pub year: Option<i32>,
    /// Plain text of the page's main content, then the text of its attachments.
    pub text: String,
    /// Where each attachment's text begins in `text`.
    pub attachments: Vec<AttachmentPart>,
}
