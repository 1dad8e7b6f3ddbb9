//! What a build keeps of its search index for the next one: per document what `docs.json`
//! and `meta.json` say of it, and the postings of every term, so that a rebuild tokenises
//! only the pages that changed.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The index as written, by doc id (the urls' order).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexState {
    /// The documents, by doc id.
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
    /// Its site path.
    pub url: String,
    /// Its body's short name, for the filter.
    pub organ: Option<String>,
    /// Its year, for the filter.
    pub year: Option<i32>,
    /// Its document type, for the filter.
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
    /// Postings per term as LEB128 numbers: each list's length, then its pairs (the doc id
    /// as the difference from the previous one, the weight).
    #[serde(with = "serde_bytes")]
    postings: Vec<u8>,
    shards: Vec<(String, u64)>,
}

impl Serialize for IndexState {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let n: usize = self.postings.iter().map(|p| p.len() + 1).sum();
        let mut postings = Vec::with_capacity(n * 2);
        for p in &self.postings {
            varint(&mut postings, p.len() as u32);
            // Doc ids ascend: their differences are small numbers, mostly one byte.
            let mut prev = 0;
            for pair in p.chunks_exact(2) {
                varint(&mut postings, pair[0] - prev);
                varint(&mut postings, pair[1]);
                prev = pair[0];
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

/// LEB128: seven bits a byte, low first, the high bit set on all but the last.
fn varint(out: &mut Vec<u8>, mut x: u32) {
    while x >= 0x80 {
        out.push((x as u8) | 0x80);
        x >>= 7;
    }
    out.push(x as u8);
}

/// Reads LEB128 numbers from a byte slice.
struct Varints<'a>(&'a [u8]);

impl Iterator for Varints<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        let mut x: u32 = 0;
        for (i, &b) in self.0.iter().enumerate().take(5) {
            x |= u32::from(b & 0x7f) << (7 * i);
            if b & 0x80 == 0 {
                self.0 = &self.0[i + 1..];
                return Some(x);
            }
        }
        None
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
        let bad = |why: &str| serde::de::Error::custom(why);
        // What the index update relies on, checked here rather than trusted: urls and terms
        // in order, and each posting naming a document there is, in ascending order.
        if s.docs.windows(2).any(|w| w[0].url >= w[1].url) {
            return Err(bad("documents out of order"));
        }
        if terms.windows(2).any(|w| w[0] >= w[1]) {
            return Err(bad("terms out of order"));
        }
        let docs = s.docs.len() as u64;
        let mut nums = Varints(&s.postings);
        let mut postings = Vec::with_capacity(terms.len());
        for _ in 0..terms.len() {
            let len = nums.next().ok_or_else(|| bad("postings cut short"))? as usize;
            // A pair takes two bytes at least: a length beyond the bytes left is damage,
            // and must not be allocated.
            if !len.is_multiple_of(2) || len > nums.0.len() {
                return Err(bad("a postings list of impossible length"));
            }
            let mut p = Vec::with_capacity(len);
            let mut doc: u64 = 0;
            for i in 0..len / 2 {
                let step = u64::from(nums.next().ok_or_else(|| bad("postings cut short"))?);
                if i > 0 && step == 0 {
                    return Err(bad("a document twice in a postings list"));
                }
                doc += step;
                if doc >= docs {
                    return Err(bad("a posting names no document"));
                }
                p.push(doc as u32);
                p.push(nums.next().ok_or_else(|| bad("postings cut short"))?);
            }
            postings.push(p);
        }
        if !nums.0.is_empty() {
            return Err(bad("postings left over"));
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

    fn doc(url: String) -> DocMeta {
        DocMeta {
            url,
            organ: Some("SSU".into()),
            year: Some(2025),
            kind: "Sak".into(),
            length: 12,
        }
    }

    #[test]
    fn the_state_reads_back_as_it_was_written() {
        // Doc ids far apart and large weights: numbers of one to five bytes.
        let s = IndexState {
            docs: (0..70_001).map(|i| doc(format!("sak/{i:06}/"))).collect(),
            terms: vec!["kjernejournal".into(), "kommun".into()],
            postings: vec![vec![0, 5], vec![0, 1, 3, 300_000, 70_000, u32::MAX / 2]],
            shards: vec![("6b6a".into(), 7)],
        };
        let bytes = postcard::to_allocvec(&s).unwrap();
        assert_eq!(postcard::from_bytes::<IndexState>(&bytes).unwrap(), s);
        let empty = IndexState::default();
        let bytes = postcard::to_allocvec(&empty).unwrap();
        assert_eq!(postcard::from_bytes::<IndexState>(&bytes).unwrap(), empty);
    }

    #[test]
    fn a_state_that_does_not_hold_together_is_refused() {
        let good = IndexState {
            docs: vec![doc("a/".into()), doc("b/".into())],
            terms: vec!["kommun".into(), "legevakt".into()],
            postings: vec![vec![0, 1, 1, 2], vec![1, 1]],
            shards: Vec::new(),
        };
        let refused = |s: &IndexState| {
            let bytes = postcard::to_allocvec(s).unwrap();
            postcard::from_bytes::<IndexState>(&bytes).is_err()
        };
        assert!(!refused(&good));
        let mut s = good.clone();
        s.postings[1] = vec![2, 1];
        assert!(refused(&s), "a posting naming no document");
        let mut s = good.clone();
        s.postings[0] = vec![1, 1, 1, 2];
        assert!(refused(&s), "a document twice");
        let mut s = good.clone();
        s.terms.swap(0, 1);
        assert!(refused(&s), "terms out of order");
        let mut s = good.clone();
        s.docs.swap(0, 1);
        assert!(refused(&s), "documents out of order");
        // A list said to be four billion numbers long is refused, not allocated.
        let mut postings = Vec::new();
        varint(&mut postings, u32::MAX - 1);
        postings.extend([0, 1]);
        let bytes = postcard::to_allocvec(&Stored {
            docs: good.docs.clone(),
            terms: "kommun".into(),
            postings,
            shards: Vec::new(),
        })
        .unwrap();
        assert!(postcard::from_bytes::<IndexState>(&bytes).is_err());
    }
}
