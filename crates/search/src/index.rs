//! Building the index: documents tokenised in parallel, postings merged per term, written as
//! term shards, document fragments and metadata (the format is described in `mod.rs`).

use super::compounds::part_entries;
use super::files::{filters, shard_json, Docs, Fragment, Meta, Postings};
use super::state::{DocMeta, IndexState};
use super::tokens::{shard_key, shard_of, words, Stemmer, MAX_TERM_CHARS};
use crate::output::Output;
use crate::record::{Record, SearchError, BUNDLE_DIR};
use foldhash::HashMap;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;

/// Bumped whenever `search.js` would misread an older index.
pub(super) const FORMAT: u32 = 1;
/// Documents per fragment file. Results rarely sit next to each other by id, so a fragment
/// fetched for one result seldom serves another: with 30 results shown, 8 documents a fragment
/// meant ~8 times the bytes. One a file, like Pagefind, keeps a query's bytes to its results.
pub(super) const FRAGMENT_DOCS: usize = 1;
/// A word in the title counts this much more than one in the text (the title is also in the
/// text: a title hit weighs `1 + TITLE_WEIGHT`). High enough that a long document named by
/// the word (an agreement, 700 words) ranks above a short case that mentions it three times,
/// as readers judged against Pagefind (docs/accessibility-and-search.md).
pub(super) const TITLE_WEIGHT: u32 = 9;
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
pub(super) fn build(records: Vec<Record>, language: &str) -> Result<Vec<OutFile>, SearchError> {
    let out = Collect::default();
    update_into(
        IndexState::default(),
        &Default::default(),
        records,
        language,
        &out,
        &mut |_| {},
    )?;
    Ok(out.sorted())
}

/// A file the tests collect.
#[cfg(test)]
#[derive(Debug, Clone)]
pub(crate) struct OutFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A test output: collects what is put; `old` plays the previous output.
#[cfg(test)]
#[derive(Default)]
pub(crate) struct Collect {
    pub files: std::sync::Mutex<Vec<OutFile>>,
    pub old: std::collections::BTreeMap<String, Vec<u8>>,
}

#[cfg(test)]
impl Collect {
    pub(super) fn sorted(self) -> Vec<OutFile> {
        let mut files = self.files.into_inner().unwrap();
        files.sort_unstable_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

#[cfg(test)]
impl Output for Collect {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), crate::output::OutputError> {
        self.files.lock().unwrap().push(OutFile {
            path: path.into(),
            bytes: bytes.to_vec(),
        });
        Ok(())
    }
    fn keep(&self, path: &str) -> bool {
        let old = self.old.get(path);
        if let Some(b) = old {
            self.put(path, b).unwrap();
        }
        old.is_some()
    }
    fn old_bytes(&self, path: &str) -> Option<Vec<u8>> {
        self.old.get(path).cloned()
    }
}

/// Brings the index `old` (as the previous build left it in `out`) up to date: the documents
/// whose url is in `removed` leave it, `added` come in (a changed page is removed and added
/// again), and every file whose bytes may differ is put into `out`; the others are kept.
/// From an empty `old`, this is a full build. Either way the files are exactly those a full
/// build of the same documents writes: doc ids follow the urls' order, and shards are split
/// by the same rule over the same terms.
pub(super) fn update_into(
    old: IndexState,
    removed: &HashSet<String>,
    mut added: Vec<Record>,
    language: &str,
    out: &dyn Output,
    lap: &mut dyn FnMut(&str),
) -> Result<IndexState, SearchError> {
    let put = |path: String, bytes: Vec<u8>| -> Result<(), SearchError> {
        out.put(&path, &bytes).map_err(SearchError::Write)
    };
    added.par_sort_unstable_by(|a, b| a.url.cmp(&b.url));
    if let Some(w) = added.windows(2).find(|w| w[0].url == w[1].url) {
        return Err(SearchError::DuplicateUrl(w[0].url.clone()));
    }
    let stemmer = Stemmer::for_language(language);
    let new = tokenise_all(&added, &stemmer);
    lap("search words");

    // The documents: those kept and those added, merged in url order.
    let gone = |d: &DocMeta| removed.contains(&d.url);
    let mut docs: Vec<DocMeta> = Vec::with_capacity(old.docs.len() + added.len());
    // New id of each old document (u32::MAX: removed), and of each added one.
    let mut old_to_new = vec![u32::MAX; old.docs.len()];
    let mut added_to_new = vec![0u32; added.len()];
    let (mut i, mut j) = (0, 0);
    while i < old.docs.len() || j < added.len() {
        if i < old.docs.len() && gone(&old.docs[i]) {
            i += 1;
            continue;
        }
        let take_old = j == added.len()
            || (i < old.docs.len() && old.docs[i].url.as_str() < added[j].url.as_str());
        if take_old {
            old_to_new[i] = docs.len() as u32;
            docs.push(old.docs[i].clone());
            i += 1;
        } else {
            if i < old.docs.len() && old.docs[i].url == added[j].url {
                return Err(SearchError::DuplicateUrl(added[j].url.clone()));
            }
            added_to_new[j] = docs.len() as u32;
            let r = &added[j];
            docs.push(DocMeta {
                url: r.url.clone(),
                organ: r.organ.clone(),
                year: r.year,
                kind: r.kind.clone(),
                length: new.lengths[j],
            });
            j += 1;
        }
    }
    if docs.len() > u32::MAX as usize / 2 {
        return Err(SearchError::TooManyDocuments {
            got: docs.len(),
            max: u32::MAX as usize / 2,
        });
    }
    let identity = old_to_new
        .iter()
        .enumerate()
        .all(|(i, &n)| n == i as u32 || n == u32::MAX);

    // Postings of the added documents by their term, in new doc order.
    let mut fresh: Vec<Postings> = vec![Vec::new(); new.terms.len()];
    let mut order: Vec<usize> = (0..added.len()).collect();
    order.sort_unstable_by_key(|&j| added_to_new[j]);
    for j in order {
        for &(term, weight) in &new.docs[j] {
            let p = &mut fresh[term as usize];
            p.push(added_to_new[j]);
            p.push(weight);
        }
    }
    // Old and new terms merged in order; a term is touched when its postings changed.
    let IndexState {
        terms: old_terms,
        postings: old_postings,
        shards: old_shards,
        ..
    } = old;
    let mut terms: Vec<String> = Vec::with_capacity(old_terms.len() + new.terms.len());
    let mut postings: Vec<Postings> = Vec::with_capacity(terms.capacity());
    let mut touched: Vec<bool> = Vec::with_capacity(terms.capacity());
    // Terms no document has any more: their shards change too.
    let mut gone: Vec<String> = Vec::new();
    let mut olds = old_terms.into_iter().zip(old_postings).peekable();
    let mut news = new.terms.into_iter().zip(fresh).peekable();
    loop {
        let which = match (olds.peek(), news.peek()) {
            (None, None) => break,
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (Some((a, _)), Some((b, _))) => a.as_str().cmp(b.as_str()),
        };
        let (term, kept, changed) = match which {
            std::cmp::Ordering::Less => {
                let (term, p) = olds.next().expect("peeked");
                let (kept, changed) = remap(p, &old_to_new, identity);
                (term, kept, changed)
            }
            std::cmp::Ordering::Greater => {
                let (term, p) = news.next().expect("peeked");
                (term, p, true)
            }
            std::cmp::Ordering::Equal => {
                // A changed page added back with the same words leaves most terms as they
                // were: only a term whose postings differ makes its shard be written again.
                let (term, p) = olds.next().expect("peeked");
                let (_, q) = news.next().expect("peeked");
                let before = p.clone();
                let (kept, _) = remap(p, &old_to_new, identity);
                let merged = merge_postings(&kept, &q);
                let changed = merged != before;
                (term, merged, changed)
            }
        };
        if !kept.is_empty() {
            terms.push(term);
            postings.push(kept);
            touched.push(changed);
        } else {
            gone.push(term);
        }
    }
    lap("search postings");

    // Terms sorted are terms grouped by shard (a shard is a prefix): ranges of term ids.
    let refs: Vec<&str> = terms.iter().map(String::as_str).collect();
    let mut shards: Vec<(String, Range<usize>)> = Vec::new();
    for (i, term) in refs.iter().enumerate() {
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
            split(&refs, &postings, key, range, 2, &mut out);
            out
        })
        .collect();
    let old_shards: HashMap<&str, u64> = old_shards.iter().map(|(k, h)| (k.as_str(), *h)).collect();
    let new_keys: HashSet<&str> = shards.iter().map(|(k, _)| k.as_str()).collect();
    // Parts of compounds, each in the shard of its part (`t~` sorts beside `t`, so the same
    // longest key is its prefix). Only for Norwegian, whose linking letters the splitter knows.
    let parts = match stemmer.name() {
        Some(_) => part_entries(&terms, &postings),
        None => Vec::new(),
    };
    lap("search compounds");
    let shard_index: HashMap<&str, usize> = shards
        .iter()
        .enumerate()
        .map(|(i, (k, _))| (k.as_str(), i))
        .collect();
    let mut parts_in: Vec<Vec<usize>> = vec![Vec::new(); shards.len()];
    for (i, (key, _)) in parts.iter().enumerate() {
        let shard = shard_of(key, MAX_SHARD_CHARS, |k| new_keys.contains(k))
            .expect("a part is a term, so its shard exists");
        parts_in[shard_index[shard.as_str()]].push(i);
    }
    // A shard's hash covers its part entries: they change with other shards' terms.
    let term_hashes: Vec<u64> = shards
        .par_iter()
        .zip(&parts_in)
        .map(|((_, range), mine)| shard_hash(&refs[range.clone()], mine.iter().map(|&i| &parts[i])))
        .collect();
    let gone_in: HashSet<String> = gone
        .iter()
        .filter_map(|t| shard_of(t, MAX_SHARD_CHARS, |k| new_keys.contains(k)))
        .collect();
    shards
        .par_iter()
        .zip(&term_hashes)
        .zip(&parts_in)
        .try_for_each(|(((key, range), h), mine)| {
            let path = format!("{BUNDLE_DIR}/t/{key}.json");
            let dirty = old_shards.get(key.as_str()) != Some(h)
                || gone_in.contains(key)
                || touched[range.clone()].contains(&true);
            if !dirty && out.keep(&path) {
                return Ok(());
            }
            let entries = refs[range.clone()]
                .iter()
                .copied()
                .zip(postings[range.clone()].iter().map(Vec::as_slice))
                .chain(
                    mine.iter()
                        .map(|&i| (parts[i].0.as_str(), parts[i].1.as_slice())),
                );
            put(path, shard_json(entries).into_bytes())
        })?;
    // Fragments: written for added documents, kept or moved for the others.
    let fragment = |n: u32| format!("{BUNDLE_DIR}/d/{n}.json");
    old_to_new
        .par_iter()
        .enumerate()
        .filter(|(_, &n)| n != u32::MAX)
        .try_for_each(|(i, &n)| {
            if n == i as u32 && out.keep(&fragment(n)) {
                return Ok(());
            }
            match out.old_bytes(&fragment(i as u32)) {
                Some(bytes) => put(fragment(n), bytes),
                None => Err(SearchError::Stale(fragment(i as u32))),
            }
        })?;
    added
        .par_iter()
        .zip(&added_to_new)
        .try_for_each(|(r, &n)| put(fragment(n), serde_json::to_vec(&[Fragment::of(r)])?))?;
    drop(added);
    lap("search files");

    let (filters, columns) = filters(&docs);
    let lengths: Vec<u32> = docs.iter().map(|d| d.length).collect();
    let total: u64 = lengths.iter().map(|&l| u64::from(l)).sum();
    let shard_keys: Vec<(String, u64)> = shards
        .iter()
        .zip(&term_hashes)
        .map(|((k, _), h)| (k.clone(), *h))
        .collect();
    let meta = Meta {
        format: FORMAT,
        language,
        stemmer: stemmer.name(),
        max_term_chars: MAX_TERM_CHARS,
        docs: docs.len(),
        // Rounded: the same on every platform, and precise enough for ranking.
        average_length: (total as f64 / docs.len().max(1) as f64 * 100.0).round() / 100.0,
        k1: K1,
        b: B,
        title_weight: TITLE_WEIGHT,
        fragment_docs: FRAGMENT_DOCS,
        max_shard_chars: MAX_SHARD_CHARS,
        filters,
        shards: shard_keys.iter().map(|(k, _)| k.as_str()).collect(),
    };
    put(
        format!("{BUNDLE_DIR}/meta.json"),
        serde_json::to_vec(&meta)?,
    )?;
    let columns_json = Docs {
        organ: &columns[0],
        aar: &columns[1],
        kind: &columns[2],
        length: &lengths,
    };
    put(
        format!("{BUNDLE_DIR}/docs.json"),
        serde_json::to_vec(&columns_json)?,
    )?;
    Ok(IndexState {
        docs,
        terms,
        postings,
        shards: shard_keys,
    })
}

/// A hash of a shard's terms and part entries (keys and postings): a shard that gained or
/// lost terms (by a split or a join) must be written again even when none of its terms'
/// postings changed. foldhash with a fixed seed, the same in every run of one binary (the
/// hashes live in the snapshot, which is bound to its binary).
fn shard_hash<'a>(terms: &[&str], parts: impl Iterator<Item = &'a (String, Postings)>) -> u64 {
    use std::hash::{BuildHasher, Hash, Hasher};
    let mut h = foldhash::fast::FixedState::with_seed(0).build_hasher();
    terms.hash(&mut h);
    for e in parts {
        e.hash(&mut h);
    }
    h.finish()
}

/// `p` with its documents renumbered by `map` (removed ones dropped), and whether anything
/// changed.
fn remap(p: Postings, map: &[u32], identity: bool) -> (Postings, bool) {
    if identity
        && p.chunks_exact(2)
            .all(|pair| map[pair[0] as usize] != u32::MAX)
    {
        return (p, false);
    }
    let mut out = Vec::with_capacity(p.len());
    for pair in p.chunks_exact(2) {
        let n = map[pair[0] as usize];
        if n != u32::MAX {
            out.push(n);
            out.push(pair[1]);
        }
    }
    let changed = out != p;
    (out, changed)
}

/// Two postings lists (sorted by doc, no doc in both) merged.
fn merge_postings(a: &[u32], b: &[u32]) -> Postings {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if j >= b.len() || (i < a.len() && a[i] < b[j]) {
            out.extend_from_slice(&a[i..i + 2]);
            i += 2;
        } else {
            out.extend_from_slice(&b[j..j + 2]);
            j += 2;
        }
    }
    out
}

/// The added documents tokenised: the sorted terms (stems) of all of them, and per document
/// its `(term, weight)` pairs and length.
struct Tokenised {
    terms: Vec<String>,
    docs: Vec<Vec<(u32, u32)>>,
    lengths: Vec<u32>,
}

fn tokenise_all(records: &[Record], stemmer: &Stemmer) -> Tokenised {
    // Tokenised in parallel, by chunks with a vocabulary each, so that a word is looked up
    // (not copied) at each occurrence and stemmed once in the whole site.
    let chunks: Vec<Chunk> = records.par_chunks(CHUNK_DOCS).map(tokenise).collect();
    // One id for each distinct word; each chunk's own ids mapped to it.
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
    // Each distinct word stemmed once; term ids follow the stems' order.
    let stems: Vec<Cow<str>> = vocab.par_iter().map(|w| stemmer.term(w)).collect();
    let mut order: Vec<u32> = (0..vocab.len() as u32).collect();
    order.par_sort_unstable_by(|&a, &b| stems[a as usize].cmp(&stems[b as usize]));
    let mut terms: Vec<String> = Vec::new();
    let mut term_of = vec![0u32; vocab.len()];
    for &w in &order {
        let stem: &str = &stems[w as usize];
        if terms.last().map(String::as_str) != Some(stem) {
            terms.push(stem.to_string());
        }
        term_of[w as usize] = (terms.len() - 1) as u32;
    }
    // Per document, its terms and weights (two words may share a stem).
    let docs: Vec<Vec<(u32, u32)>> = chunks
        .par_iter()
        .zip(&to_global)
        .flat_map_iter(|(c, map)| {
            c.docs.iter().map(|d| {
                merged(
                    d.iter()
                        .map(|&(l, w)| (term_of[map[l as usize] as usize], w)),
                )
            })
        })
        .collect();
    let lengths = chunks
        .iter()
        .flat_map(|c| c.lengths.iter().copied())
        .collect();
    Tokenised {
        terms,
        docs,
        lengths,
    }
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
#[path = "index_tests.rs"]
mod tests;
