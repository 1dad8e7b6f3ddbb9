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
mod record;
mod state;
mod text;
mod tokens;
mod typos;

pub use compounds::{part_key, split as split_compound, PART_MARK};
pub use index::MAX_SHARD_CHARS;
pub use output::{Output, OutputError};
pub use record::{
    AttachmentPart, Record, SearchError, BUNDLE_DIR, FILTER_ORGAN, FILTER_TYPE, FILTER_YEAR,
};
pub use state::{DocMeta, IndexState};
pub use text::main_text;
pub use tokens::{normalise, shard_key, shard_of, words, Stemmer, MAX_TERM_CHARS};
pub use typos::{within_one_edit, MIN_TYPO_CHARS};

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
