//! Building the index: documents tokenised in parallel, postings merged per term, written as
//! term shards, document fragments and metadata (the format is described in `mod.rs`).

use super::files::{filters, shard_json, Docs, Fragment, Meta, Postings};
use super::tokens::{shard_key, words, Stemmer, MAX_TERM_CHARS};
use super::{Record, SearchError, BUNDLE_DIR};
use crate::write::OutFile;
use foldhash::HashMap;
use rayon::prelude::*;
use std::borrow::Cow;
use std::ops::Range;

/// Bumped whenever `search.js` would misread an older index.
pub const FORMAT: u32 = 1;
/// Documents per fragment file. Results rarely sit next to each other by id, so a fragment
/// fetched for one result seldom serves another: with 30 results shown, 8 documents a fragment
/// meant ~8 times the bytes. One a file, like Pagefind, keeps a query's bytes to its results.
pub const FRAGMENT_DOCS: usize = 1;
/// A word in the title counts this much more than one in the text (the title is also in the
/// text: a title hit weighs `1 + TITLE_WEIGHT`).
pub const TITLE_WEIGHT: u32 = 4;
/// BM25 parameters, recorded in `meta.json` for `search.js` to rank with.
const K1: f64 = 1.2;
const B: f64 = 0.75;
/// A shard bigger than this (estimated, uncompressed) is split one character deeper…
const MAX_SHARD_BYTES: usize = 32 * 1024;
/// …down to shards of terms sharing this many characters.
pub const MAX_SHARD_CHARS: usize = 6;
/// Documents per parallel work unit when tokenising.
const CHUNK_DOCS: usize = 256;

/// The index files of `records`, collected and sorted (what the tests read).
#[cfg(test)]
pub fn build(records: Vec<Record>, language: &str) -> Result<Vec<OutFile>, SearchError> {
    let files = std::sync::Mutex::new(Vec::new());
    build_into(records, language, &|f| {
        files.lock().unwrap_or_else(|e| e.into_inner()).push(f);
        Ok(())
    })?;
    let mut files = files.into_inner().unwrap_or_else(|e| e.into_inner());
    files.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// The index files of `records`, each handed to `put` as soon as it is made: the fragments
/// hold the text of the whole site, so they are not kept until the end.
pub fn build_into(
    mut records: Vec<Record>,
    language: &str,
    put: &super::Sink,
) -> Result<(), SearchError> {
    // Doc ids by url: the same site gives the same ids, whatever order pages rendered in.
    records.par_sort_unstable_by(|a, b| a.url.cmp(&b.url));
    if let Some(w) = records.windows(2).find(|w| w[0].url == w[1].url) {
        return Err(SearchError::DuplicateUrl(w[0].url.clone()));
    }
    if records.len() > u32::MAX as usize / 2 {
        return Err(SearchError::TooManyDocuments {
            got: records.len(),
            max: u32::MAX as usize / 2,
        });
    }
    let stemmer = Stemmer::for_language(language);
    let mut t = crate::build::Timer::new();

    // Tokenised in parallel, by chunks with a vocabulary each, so that a word is looked up
    // (not copied) at each occurrence and stemmed once in the whole site.

    let chunks: Vec<Chunk> = records.par_chunks(CHUNK_DOCS).map(tokenise).collect();
    t.lap("search words");

    // One id for each distinct word of the site; each chunk's own ids mapped to it.
    let mut ids: HashMap<&str, u32> = HashMap::default();
    let mut vocab: Vec<&str> = Vec::new();
    let mut to_global: Vec<Vec<u32>> = Vec::with_capacity(chunks.len());
    for c in &chunks {
        let mut map = Vec::with_capacity(c.vocab.len());
        for w in &c.vocab {
            let id = *ids.entry(w).or_insert_with(|| {
                vocab.push(w);
                (vocab.len() - 1) as u32
            });
            map.push(id);
        }
        to_global.push(map);
    }
    drop(ids);
    // Each distinct word stemmed once; term ids follow the stems' order, so the terms of a
    // shard are neighbours.
    let stems: Vec<Cow<str>> = vocab.par_iter().map(|w| stemmer.term(w)).collect();
    let mut order: Vec<u32> = (0..vocab.len() as u32).collect();
    order.par_sort_unstable_by(|&a, &b| stems[a as usize].cmp(&stems[b as usize]));
    let mut terms: Vec<&str> = Vec::new();
    let mut term_of = vec![0u32; vocab.len()];
    for &w in &order {
        let stem: &str = &stems[w as usize];
        if terms.last() != Some(&stem) {
            terms.push(stem);
        }
        term_of[w as usize] = (terms.len() - 1) as u32;
    }
    t.lap("search stems");

    // Per document, its terms and weights (two words may share a stem), then appended in doc
    // order: postings come out sorted by doc id.
    let by_doc: Vec<Vec<Vec<(u32, u32)>>> = chunks
        .par_iter()
        .zip(&to_global)
        .map(|(c, map)| {
            c.docs
                .iter()
                .map(|d| {
                    merged(
                        d.iter()
                            .map(|&(l, w)| (term_of[map[l as usize] as usize], w)),
                    )
                })
                .collect()
        })
        .collect();
    let mut postings: Vec<Postings> = vec![Vec::new(); terms.len()];
    for (doc, pairs) in by_doc.into_iter().flatten().enumerate() {
        for (term, weight) in pairs {
            let p = &mut postings[term as usize];
            p.push(doc as u32);
            p.push(weight);
        }
    }
    let lengths: Vec<u32> = chunks
        .iter()
        .flat_map(|c| c.lengths.iter().copied())
        .collect();
    t.lap("search postings");

    // Terms sorted are terms grouped by shard (a shard is a prefix): ranges of term ids.
    let mut shards: Vec<(String, Range<usize>)> = Vec::new();
    for (i, term) in terms.iter().enumerate() {
        let key = shard_key(term, 2);
        match shards.last_mut() {
            Some((k, range)) if *k == key => range.end = i + 1,
            _ => shards.push((key, i..i + 1)),
        }
    }
    let shards: Vec<(String, Range<usize>)> = shards
        .into_iter()
        .flat_map(|(key, range)| {
            let mut out = Vec::new();
            split(&terms, &postings, key, range, 2, &mut out);
            out
        })
        .collect();
    shards.par_iter().try_for_each(|(key, range)| {
        put(OutFile {
            path: format!("{BUNDLE_DIR}/t/{key}.json"),
            bytes: shard_json(&terms[range.clone()], &postings[range.clone()]).into_bytes(),
        })
    })?;
    records
        .par_chunks(FRAGMENT_DOCS)
        .enumerate()
        .try_for_each(|(n, chunk)| {
            let docs: Vec<Fragment> = chunk.iter().map(Fragment::of).collect();
            put(OutFile {
                path: format!("{BUNDLE_DIR}/d/{n}.json"),
                bytes: serde_json::to_vec(&docs)?,
            })
        })?;
    t.lap("search files");

    let (filters, columns) = filters(&records);
    let total: u64 = lengths.iter().map(|&l| u64::from(l)).sum();
    let meta = Meta {
        format: FORMAT,
        language,
        stemmer: stemmer.name(),
        max_term_chars: MAX_TERM_CHARS,
        docs: records.len(),
        // Rounded: the same on every platform, and precise enough for ranking.
        average_length: (total as f64 / records.len().max(1) as f64 * 100.0).round() / 100.0,
        k1: K1,
        b: B,
        title_weight: TITLE_WEIGHT,
        fragment_docs: FRAGMENT_DOCS,
        max_shard_chars: MAX_SHARD_CHARS,
        filters,
        shards: shards.iter().map(|(k, _)| k.as_str()).collect(),
    };
    put(OutFile {
        path: format!("{BUNDLE_DIR}/meta.json"),
        bytes: serde_json::to_vec(&meta)?,
    })?;
    let docs = Docs {
        organ: &columns[0],
        aar: &columns[1],
        kind: &columns[2],
        length: &lengths,
    };
    put(OutFile {
        path: format!("{BUNDLE_DIR}/docs.json"),
        bytes: serde_json::to_vec(&docs)?,
    })
}

/// A chunk of documents, tokenised: its own vocabulary, and per document its words (by index
/// in that vocabulary) with their weights, and its length in words.
struct Chunk {
    vocab: Vec<Box<str>>,
    docs: Vec<Vec<(u32, u32)>>,
    lengths: Vec<u32>,
}

fn tokenise(chunk: &[Record]) -> Chunk {
    let mut ids: HashMap<Box<str>, u32> = HashMap::default();
    // Weights by word id for the current document, and the ids it touched: counting in place
    // is cheaper than sorting every occurrence.
    let mut weights: Vec<u32> = Vec::new();
    let mut seen: Vec<u32> = Vec::new();
    let mut docs = Vec::with_capacity(chunk.len());
    let mut lengths = Vec::with_capacity(chunk.len());
    for r in chunk {
        let mut add = |w: &str, weight: u32| {
            let i = match ids.get(w) {
                Some(&i) => i as usize,
                None => {
                    let i = ids.len();
                    ids.insert(w.into(), i as u32);
                    weights.push(0);
                    i
                }
            };
            if weights[i] == 0 {
                seen.push(i as u32);
            }
            weights[i] += weight;
        };
        let mut length = 0u32;
        words(&r.text, |w| {
            length += 1;
            add(w, 1);
        });
        words(&r.title, |w| add(w, TITLE_WEIGHT));
        seen.sort_unstable();
        docs.push(
            seen.drain(..)
                .map(|i| (i, std::mem::take(&mut weights[i as usize])))
                .collect(),
        );
        lengths.push(length.max(1));
    }
    let mut vocab: Vec<Box<str>> = vec![Box::from(""); ids.len()];
    for (w, i) in ids {
        vocab[i as usize] = w;
    }
    Chunk {
        vocab,
        docs,
        lengths,
    }
}

/// `(id, weight)` pairs sorted by id, the weights of an id summed.
fn merged(pairs: impl IntoIterator<Item = (u32, u32)>) -> Vec<(u32, u32)> {
    let mut v: Vec<(u32, u32)> = pairs.into_iter().collect();
    v.sort_unstable_by_key(|p| p.0);
    let mut out: Vec<(u32, u32)> = Vec::with_capacity(v.len());
    for (id, w) in v {
        match out.last_mut() {
            Some(last) if last.0 == id => last.1 += w,
            _ => out.push((id, w)),
        }
    }
    out
}

/// Splits the shard `key` (of terms starting with its `depth` characters) one character
/// deeper while it is bigger than [`MAX_SHARD_BYTES`]: numbers (`2025.12`, `2024.03`) and
/// common beginnings would otherwise make a few shards most of the index. Terms of exactly
/// `depth` characters stay in `key`.
fn split(
    terms: &[&str],
    postings: &[Postings],
    key: String,
    range: Range<usize>,
    depth: usize,
    out: &mut Vec<(String, Range<usize>)>,
) {
    let size: usize = range
        .clone()
        .map(|i| terms[i].len() + 4 + postings[i].len() * 3)
        .sum();
    if size <= MAX_SHARD_BYTES || depth >= MAX_SHARD_CHARS || range.len() < 2 {
        out.push((key, range));
        return;
    }
    // Sorted: the term that is the key itself (if any) comes first.
    let mut start = range.start;
    if terms[start].chars().count() == depth {
        out.push((key, start..start + 1));
        start += 1;
    }
    let mut groups: Vec<(String, Range<usize>)> = Vec::new();
    for (i, term) in terms.iter().enumerate().take(range.end).skip(start) {
        let k = shard_key(term, depth + 1);
        match groups.last_mut() {
            Some((g, r)) if *g == k => r.end = i + 1,
            _ => groups.push((k, i..i + 1)),
        }
    }
    for (k, r) in groups {
        split(terms, postings, k, r, depth + 1, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn rec(url: &str, title: &str, text: &str, organ: Option<&str>, year: i32) -> Record {
        Record {
            url: url.into(),
            title: title.into(),
            detail: format!("detalj {url}"),
            kind: "Sak".into(),
            organ: organ.map(Into::into),
            year: Some(year),
            text: text.into(),
        }
    }

    fn sample() -> Vec<Record> {
        vec![
            rec(
                "ssu/sak/2025.19/",
                "Kjernejournal",
                "Kjernejournal for kommunene. Sak 2025.19 om kjernejournalen.",
                Some("SSU"),
                2025,
            ),
            rec(
                "ssu/sak/2024.02/",
                "Budsjett",
                "Budsjett for kommunene i 2024.",
                Some("SSU"),
                2024,
            ),
            rec("om/", "Om", "Helsefellesskapet og kommunene.", None, 2024),
        ]
    }

    fn file(files: &[OutFile], path: &str) -> Value {
        let f = files
            .iter()
            .find(|f| f.path == format!("{BUNDLE_DIR}/{path}"))
            .unwrap_or_else(|| panic!("no {path}"));
        serde_json::from_slice(&f.bytes).unwrap()
    }

    /// The `(doc, weight)` postings of `term`, decoded from its shard.
    fn lookup(files: &[OutFile], term: &str) -> Vec<(u64, u64)> {
        let meta = file(files, "meta.json");
        let keys: Vec<&str> = meta["shards"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k.as_str().unwrap())
            .collect();
        let key = super::super::tokens::shard_of(term, MAX_SHARD_CHARS, |k| keys.contains(&k))
            .unwrap_or_else(|| panic!("no shard for {term}"));
        let shard = file(files, &format!("t/{key}.json"));
        let flat: Vec<u64> = shard[term]
            .as_array()
            .unwrap_or_else(|| panic!("{term} not in {shard}"))
            .iter()
            .map(|v| v.as_u64().unwrap())
            .collect();
        let mut doc = 0;
        flat.chunks(2)
            .map(|p| {
                doc += p[0];
                (doc, p[1])
            })
            .collect()
    }

    #[test]
    fn shards_hold_stemmed_terms_with_weighted_delta_postings() {
        let files = build(sample(), "nb").unwrap();
        // Ids by url: om/ = 0, ssu/sak/2024.02/ = 1, ssu/sak/2025.19/ = 2.
        assert_eq!(lookup(&files, "kommun"), [(0, 1), (1, 1), (2, 1)]);
        // Twice in the text (inflected once), once in the title.
        assert_eq!(
            lookup(&files, "kjernejournal"),
            [(2, 2 + TITLE_WEIGHT as u64)]
        );
        assert_eq!(lookup(&files, "2025.19"), [(2, 1)]);
        let meta = file(&files, "meta.json");
        assert_eq!(meta["stemmer"], "norwegian");
        assert_eq!(meta["docs"], 3);
        let shards: Vec<&str> = meta["shards"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert!(shards.contains(&"6b6a") && shards.windows(2).all(|w| w[0] < w[1]));
        for key in shards {
            file(&files, &format!("t/{key}.json"));
        }
    }

    #[test]
    fn filters_count_documents_and_docs_columns_point_at_values() {
        let files = build(sample(), "nb").unwrap();
        let meta = file(&files, "meta.json");
        assert_eq!(
            meta["filters"]["organ"]["values"],
            serde_json::json!(["SSU"])
        );
        assert_eq!(meta["filters"]["organ"]["counts"], serde_json::json!([2]));
        assert_eq!(
            meta["filters"]["aar"]["values"],
            serde_json::json!(["2024", "2025"])
        );
        assert_eq!(meta["filters"]["aar"]["counts"], serde_json::json!([2, 1]));
        let docs = file(&files, "docs.json");
        assert_eq!(docs["organ"], serde_json::json!([-1, 0, 0]));
        assert_eq!(docs["aar"], serde_json::json!([0, 0, 1]));
        assert_eq!(docs["type"], serde_json::json!([0, 0, 0]));
        // Document 2, wherever the fragment size puts it.
        let per = meta["fragmentDocs"].as_u64().unwrap() as usize;
        let frag = file(&files, &format!("d/{}.json", 2 / per));
        assert_eq!(frag[2 % per]["url"], "ssu/sak/2025.19/");
        assert_eq!(frag[2 % per]["type"], "Sak");
    }

    #[test]
    fn same_records_in_any_order_give_the_same_bytes() {
        let a = build(sample(), "nb").unwrap();
        let mut reversed = sample();
        reversed.reverse();
        let b = build(reversed, "nb").unwrap();
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(&b) {
            assert_eq!((&x.path, &x.bytes), (&y.path, &y.bytes));
        }
    }

    #[test]
    fn other_languages_are_not_stemmed() {
        let files = build(sample(), "en").unwrap();
        assert_eq!(file(&files, "meta.json")["stemmer"], Value::Null);
        assert_eq!(lookup(&files, "kommunene").len(), 3);
    }

    #[test]
    fn big_shards_split_deeper_and_every_term_is_found() {
        let records: Vec<Record> = (0..3000)
            .map(|i| {
                rec(
                    &format!("sak/{i:04}/"),
                    "Sak",
                    &format!("Sak 2025.{i}"),
                    None,
                    2025,
                )
            })
            .collect();
        let files = build(records, "nb").unwrap();
        let meta = file(&files, "meta.json");
        let keys: Vec<&str> = meta["shards"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k.as_str().unwrap())
            .collect();
        assert!(keys.iter().any(|k| k.len() > 4), "nothing split: {keys:?}");
        assert!(keys.windows(2).all(|w| w[0] < w[1]));
        // Ids by url: sak/0042/ is doc 42.
        for i in [0, 7, 42, 420, 2999] {
            assert_eq!(lookup(&files, &format!("2025.{i}")), [(i, 1)]);
        }
        assert_eq!(lookup(&files, "sak").len(), 3000);
        // Split shards are smaller, except one holding a single huge term.
        for f in files.iter().filter(|f| f.path.contains("/t/")) {
            let shard: Value = serde_json::from_slice(&f.bytes).unwrap();
            let terms = shard.as_object().unwrap().len();
            assert!(
                terms == 1 || f.bytes.len() < 2 * MAX_SHARD_BYTES,
                "{}",
                f.path
            );
        }
    }

    #[test]
    fn duplicate_urls_are_an_error() {
        let mut r = sample();
        r.push(r[0].clone());
        assert!(matches!(build(r, "nb"), Err(SearchError::DuplicateUrl(_))));
    }
}
