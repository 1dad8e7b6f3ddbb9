//! Search at `/sok/`: motebok's own static index, written as `OutFile`s under [`BUNDLE_DIR`] so
//! it lands with the rest of the build, atomically. `themes/default/static/search.js` reads it.
//!
//! Only published pages are indexed: a page must be `listed` (not a tombstone, not a draft) and
//! carry [`SearchMeta`] (content pages; exempt items have no page at all).
//!
//! Format (version [`index::FORMAT`]), all plain JSON (static hosts compress it), sorted so the
//! same site gives the same bytes:
//! - `meta.json`: language, stemmer, document count, average length, ranking weights, the
//!   filters' values with their counts, the list of term shards, the fragment size;
//! - `docs.json`: per document (by id) its filter value indices and length, for ranking and
//!   filtering without fetching any document;
//! - `t/<key>.json`: the terms whose first two characters are `key` (hex of their UTF-8), each
//!   with its postings `[doc, weight, doc delta, weight, …]`; a big shard is split a character
//!   deeper (`meta.json` lists the keys: a term is in the longest one that is its prefix), so
//!   a query fetches one small shard a word; beside a term `t` that is part of compounds
//!   ("avtal" in "samarbeidsavtal"), the entry `t~` holds those compounds' postings merged
//!   (`compounds.rs`), so a part is found in the shard of the word;
//! - `d/<n>.json`: documents `n·size … n·size+size-1`: url, title, detail, type and text for
//!   the excerpt (a case's or document's text ends with its PDF attachments' text, and
//!   `vedlegg` says where each begins); fetched only for the results shown.

mod compounds;
mod files;
mod index;
mod state;
mod text;
mod tokens;
mod typos;

use crate::pages::Rendered;
use crate::write::OutFile;

pub use compounds::{part_key, split as split_compound, PART_MARK};
pub use index::MAX_SHARD_CHARS;
pub use state::{DocMeta, IndexState};
pub use text::main_text;
pub use tokens::{normalise, shard_key, shard_of, words, Stemmer, MAX_TERM_CHARS};
pub use typos::{within_one_edit, MIN_TYPO_CHARS};

/// Where the index lands in the output (the search page is `sok/`).
pub const BUNDLE_DIR: &str = "sok/indeks";

/// Filter names as the search page's script knows them.
pub const FILTER_ORGAN: &str = "organ";
/// The year filter.
pub const FILTER_YEAR: &str = "aar";
/// The type filter.
pub const FILTER_TYPE: &str = "type";

/// What search needs to know of a content page beyond its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchMeta {
    /// The result's title.
    pub title: String,
    /// Document type: `Sak`, `Møte`, `Vedlegg`, `Organ`, or a document's `doktype`.
    pub kind: String,
    /// The body's short name (`SSU`), when the page belongs to one.
    pub organ: Option<String>,
    /// The year filtered on.
    pub year: Option<i32>,
    /// A short line shown under the result's title.
    pub detail: String,
    /// The text of its PDF attachments, searched with it.
    pub attachments: Vec<AttachmentText>,
}

/// The text of an attachment, indexed as part of the page that lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentText {
    /// Its title, shown in the result.
    pub title: String,
    /// The attachment's site path (`ssu/2025-05-22/vedlegg/a.pdf`).
    pub url: String,
    /// Its text.
    pub text: String,
}

/// Where an attachment's text begins in a record's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentPart {
    /// In UTF-16 code units, as the search page's script counts.
    pub from: usize,
    /// The attachment's title.
    pub title: String,
    /// Its site path.
    pub url: String,
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
    /// An index file could not be written.
    #[error(transparent)]
    Write(#[from] crate::write::WriteError),
    /// The index in the output is missing a file a rebuild would keep.
    #[error("søkeindeksen i utdataene er ufullstendig ({0} mangler); bygg på nytt med en tom utdatamappe")]
    Stale(String),
}

/// Where index files go as they are made (from any thread).
pub type Sink<'a> = dyn Fn(OutFile) -> Result<(), SearchError> + Sync + 'a;

/// One searchable document: everything the index keeps of a published page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Relative to the site root, as on the page (`ssu/sak/2025.19/`).
    pub url: String,
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

/// The record of a page, or `None` when the page must not be searchable.
pub fn record(page: &Rendered) -> Option<Record> {
    let meta = page.search.as_ref().filter(|_| page.listed)?;
    let mut text = main_text(&page.html);
    let mut attachments = Vec::new();
    for a in &meta.attachments {
        text.push_str("\n\n");
        attachments.push(AttachmentPart {
            from: text.encode_utf16().count(),
            title: a.title.clone(),
            url: a.url.clone(),
        });
        text.push_str(&a.text);
    }
    Some(Record {
        url: page.url.clone(),
        title: meta.title.clone(),
        detail: meta.detail.clone(),
        kind: meta.kind.clone(),
        organ: meta.organ.clone(),
        year: meta.year,
        text,
        attachments,
    })
}

/// Brings the index `old` up to date in `out`: the pages in `removed` leave it, `added` come
/// in (`nb`, `nn`, `no` get Norwegian stemming). From `IndexState::default()`, a full build.
pub fn update_index(
    old: IndexState,
    removed: &std::collections::HashSet<String>,
    added: Vec<Record>,
    language: &str,
    out: &dyn crate::write::Output,
) -> Result<IndexState, SearchError> {
    index::update_into(old, removed, added, language, out)
}
