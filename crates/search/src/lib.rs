//! Search at `/sok/`: motebok's own static index. Its caller (the builder) turns each
//! searchable page into a [`Record`] and hands the records to [`update_index`], which writes the
//! index's files through an [`Output`] (so they land with the rest of a build, atomically) and
//! returns the [`IndexState`] the next build updates. `themes/default/static/search.js` reads it.
//!
//! The crate knows nothing of motebok's sites: no pages, no URLs beyond the two a [`Record`]
//! carries, no file system. Which pages are searchable is the caller's decision (only
//! published ones: not tombstones, not drafts, never an exempt item).
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
mod output;
mod state;
mod text;
mod tokens;
mod typos;

pub use compounds::{part_key, split as split_compound, PART_MARK};
pub use index::MAX_SHARD_CHARS;
pub use output::{Output, OutputError};
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

/// Brings the index `old` up to date in `out`: the pages in `removed` leave it, `added` come
/// in (`nb`, `nn`, `no` get Norwegian stemming). From `IndexState::default()`, a full build.
/// `lap` is called with the name of each step as it ends (the caller's timings).
pub fn update_index(
    old: IndexState,
    removed: &std::collections::HashSet<String>,
    added: Vec<Record>,
    language: &str,
    out: &dyn Output,
    lap: &mut dyn FnMut(&str),
) -> Result<IndexState, SearchError> {
    index::update_into(old, removed, added, language, out, lap)
}
