//! What a build keeps of its search index for the next one: per document what `docs.json`
//! and `meta.json` say of it, and the postings of every term, so that a rebuild tokenises
//! only the pages that changed.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The index as written, by doc id (the urls' order).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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

/// How the state is stored: a large archive has hundreds of thousands of terms and millions
/// of postings, so they go as a few long runs of bytes rather than one value each.
#[derive(Serialize, Deserialize)]
struct Stored {
    docs: Vec<DocMeta>,
    /// The terms joined by `\n` (a term is letters and digits).
    terms: String,
    /// Postings per term, as little-endian `u32`s: each list's length, then its numbers.
    #[serde(with = "serde_bytes")]
    postings: Vec<u8>,
    shards: Vec<(String, u64)>,
}

impl Serialize for IndexState {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let n: usize = self.postings.iter().map(|p| p.len() + 1).sum();
        let mut postings = Vec::with_capacity(n * 4);
        for p in &self.postings {
            postings.extend_from_slice(&(p.len() as u32).to_le_bytes());
            for x in p {
                postings.extend_from_slice(&x.to_le_bytes());
            }
        }
        Stored {
            docs: self.docs.clone(),
            terms: self.terms.join("\n"),
            postings,
            shards: self.shards.clone(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for IndexState {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Stored::deserialize(d)?;
        let terms: Vec<String> = if s.terms.is_empty() {
            Vec::new()
        } else {
            s.terms.split('\n').map(str::to_string).collect()
        };
        let mut words = s
            .postings
            .chunks_exact(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        let mut postings = Vec::with_capacity(terms.len());
        for _ in 0..terms.len() {
            let len = words
                .next()
                .ok_or_else(|| serde::de::Error::custom("postings cut short"))?;
            let p: Vec<u32> = words.by_ref().take(len as usize).collect();
            if p.len() != len as usize {
                return Err(serde::de::Error::custom("postings cut short"));
            }
            postings.push(p);
        }
        Ok(IndexState {
            docs: s.docs,
            terms,
            postings,
            shards: s.shards,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_reads_back_as_it_was_written() {
        let s = IndexState {
            docs: vec![DocMeta {
                url: "ssu/sak/2025.19/".into(),
                organ: Some("SSU".into()),
                year: Some(2025),
                kind: "Sak".into(),
                length: 12,
            }],
            terms: vec!["kjernejournal".into(), "kommun".into()],
            postings: vec![vec![0, 5], vec![0, 1, 3, 300_000]],
            shards: vec![("6b6a".into(), 7)],
        };
        let bytes = postcard::to_allocvec(&s).unwrap();
        assert_eq!(postcard::from_bytes::<IndexState>(&bytes).unwrap(), s);
        let empty = IndexState::default();
        let bytes = postcard::to_allocvec(&empty).unwrap();
        assert_eq!(postcard::from_bytes::<IndexState>(&bytes).unwrap(), empty);
    }
}
