//! The JSON of the index files (the format is described in `mod.rs`): written by hand for the
//! shards, which are most of the bytes, with serde for the rest.

use super::state::DocMeta;
use crate::record::{Record, FILTER_ORGAN, FILTER_TYPE, FILTER_YEAR};
use foldhash::HashMap;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Postings of one term: `(doc, weight)` pairs flattened, doc ids ascending.
pub(super) type Postings = Vec<u32>;

/// `{"term":[doc,weight,delta,weight,…],…}`, terms sorted, doc ids delta-coded.
pub(super) fn shard_json<'a>(entries: impl IntoIterator<Item = (&'a str, &'a [u32])>) -> String {
    let mut out = String::new();
    out.push('{');
    for (i, (term, postings)) in entries.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        // A term is letters and digits, but escaping is cheap and certain.
        out.push_str(&serde_json::to_string(term).expect("a string serialises"));
        out.push_str(":[");
        let mut prev = 0;
        for (j, pair) in postings.chunks_exact(2).enumerate() {
            let sep = if j > 0 { "," } else { "" };
            let _ = write!(out, "{sep}{},{}", pair[0] - prev, pair[1]);
            prev = pair[0];
        }
        out.push(']');
    }
    out.push('}');
    out
}

/// The filters' values (sorted, with document counts) and, per filter, each document's value
/// index (`-1`: none).
pub(super) fn filters(docs: &[DocMeta]) -> (BTreeMap<&'static str, Filter>, [Vec<i32>; 3]) {
    let values: [Vec<Option<String>>; 3] = [
        docs.iter().map(|r| r.organ.clone()).collect(),
        docs.iter().map(|r| r.year.map(|y| y.to_string())).collect(),
        docs.iter().map(|r| Some(r.kind.clone())).collect(),
    ];
    let mut out = BTreeMap::new();
    let mut columns: [Vec<i32>; 3] = Default::default();
    for (n, (name, vals)) in [FILTER_ORGAN, FILTER_YEAR, FILTER_TYPE]
        .into_iter()
        .zip(values)
        .enumerate()
    {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for v in vals.iter().flatten() {
            *counts.entry(v.clone()).or_default() += 1;
        }
        let index: HashMap<&str, i32> = counts
            .keys()
            .enumerate()
            .map(|(i, v)| (v.as_str(), i as i32))
            .collect();
        columns[n] = vals
            .iter()
            .map(|v| v.as_deref().map_or(-1, |v| index[v]))
            .collect();
        out.insert(
            name,
            Filter {
                counts: counts.values().copied().collect(),
                values: counts.into_keys().collect(),
            },
        );
    }
    (out, columns)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Meta<'a> {
    pub(super) format: u32,
    pub(super) language: &'a str,
    /// `norwegian`, or `null`: words are indexed unstemmed.
    pub(super) stemmer: Option<&'static str>,
    pub(super) max_term_chars: usize,
    pub(super) docs: usize,
    pub(super) average_length: f64,
    pub(super) k1: f64,
    pub(super) b: f64,
    pub(super) title_weight: u32,
    pub(super) fragment_docs: usize,
    pub(super) max_shard_chars: usize,
    pub(super) filters: BTreeMap<&'static str, Filter>,
    pub(super) shards: Vec<&'a str>,
}

#[derive(Serialize)]
pub(super) struct Filter {
    pub(super) values: Vec<String>,
    pub(super) counts: Vec<usize>,
}

/// Columns by doc id.
#[derive(Serialize)]
pub(super) struct Docs<'a> {
    pub(super) organ: &'a [i32],
    pub(super) aar: &'a [i32],
    #[serde(rename = "type")]
    pub(super) kind: &'a [i32],
    pub(super) length: &'a [u32],
}

#[derive(Serialize)]
pub(super) struct Fragment<'a> {
    /// As it stands in a link: a page of a file named with a space is `a%20b/`.
    pub(super) url: &'a str,
    pub(super) title: &'a str,
    pub(super) detail: &'a str,
    #[serde(rename = "type")]
    pub(super) kind: &'a str,
    pub(super) text: &'a str,
    /// Where the text of each attachment begins (left out when there are none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) vedlegg: Vec<Part<'a>>,
}

/// An attachment's text within a document's: from `fra` (UTF-16 units) on.
#[derive(Serialize)]
pub(super) struct Part<'a> {
    pub(super) fra: usize,
    pub(super) tittel: &'a str,
    pub(super) url: &'a str,
}

impl<'a> Fragment<'a> {
    pub(super) fn of(r: &'a Record) -> Fragment<'a> {
        Fragment {
            url: &r.href,
            title: &r.title,
            detail: &r.detail,
            kind: &r.kind,
            text: &r.text,
            vedlegg: r
                .attachments
                .iter()
                .map(|a| Part {
                    fra: a.from,
                    tittel: &a.title,
                    url: &a.href,
                })
                .collect(),
        }
    }
}
