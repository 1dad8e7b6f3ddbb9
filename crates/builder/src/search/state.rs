//! What a build keeps of its search index for the next one: per document what `docs.json`
//! and `meta.json` say of it, and the postings of every term, so that a rebuild tokenises
//! only the pages that changed.

use serde::{Deserialize, Serialize};

/// The index as written, by doc id (the urls' order).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexState {
    pub docs: Vec<DocMeta>,
    /// Every term (stem), sorted.
    pub terms: Vec<String>,
    /// Per term, `(doc, weight)` pairs flattened, doc ids ascending.
    pub postings: Vec<Vec<u32>>,
    /// The shards written, in order: each key with a hash of its terms (a shard whose terms
    /// and their postings are the same is not written again).
    pub shards: Vec<(String, u64)>,
}

/// One indexed document, without its text (that lives in its fragment file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocMeta {
    pub url: String,
    pub organ: Option<String>,
    pub year: Option<i32>,
    pub kind: String,
    /// Length in words, for ranking.
    pub length: u32,
}
