//! Compound words found by their parts: Norwegian writes its terms as one word
//! ("samarbeidsavtale", "kjernejournal"), so a reader's "avtale" must find them. Each term of
//! the site is split into other terms of the site (its own vocabulary, no dictionary to keep),
//! joined directly or by a linking `s` or `e` ("samarbeid-s-avtal", "kjern-e-journal"); each
//! part then gets an entry of its own, `part_key(part)`, holding the postings of the compounds
//! it is part of. That entry sorts beside the part itself, so it lands in the same shard and a
//! query fetches nothing more; `search.js` ranks its hits below whole words.
//!
//! Hand-written: the crates that split compounds (e.g. `hyphenation`) need a dictionary per
//! language and split into syllables, not into words a reader would type.

use super::files::Postings;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};

/// Marks a part's entry in a shard: not a word character, so no term of the site ends in it.
pub const PART_MARK: char = '~';
/// The shortest part: "del" in "delavtale".
pub(super) const MIN_PART_CHARS: usize = 3;
/// The shortest last part (the head, which a compound is a kind of): shorter heads are
/// mostly endings ("for-del", "til-syn"), not words.
pub(super) const MIN_HEAD_CHARS: usize = 4;
/// Letters that join parts: "samarbeid-s-avtale", "helse-fellesskap" (the stem of "helse"
/// is "hels", so its `e` works as a link too).
const LINKS: [char; 2] = ['s', 'e'];
/// Function words and endings, which would split words that are not compounds of them
/// ("forhold", "tilsyn", "oppgave", "godkjent", "gjennomgang"; "vurd-e-ring", "endring").
const NOT_PARTS: &[&str] = &[
    "all", "alle", "and", "att", "bak", "blant", "der", "det", "den", "dem", "din", "else", "end",
    "enn", "ett", "for", "fra", "fram", "før", "gjennom", "god", "han", "her", "hva", "hvor",
    "ikk", "ing", "inn", "ling", "med", "mel", "men", "mot", "ned", "ning", "nå", "når", "opp",
    "over", "ring", "sam", "seg", "selv", "sin", "som", "tilbak", "til", "und", "under", "ute",
    "uten", "ved", "var", "vider", "vår",
];

/// The key under which the documents holding `part` inside a compound are listed.
pub fn part_key(part: &str) -> String {
    format!("{part}{PART_MARK}")
}

fn can_be_part(t: &str, chars: usize) -> bool {
    chars >= MIN_PART_CHARS && t.chars().all(char::is_alphabetic) && !NOT_PARTS.contains(&t)
}

/// A first part the site does not have as a word of its own ("kjerne" in "kjernejournal" on
/// a site that never writes "kjerne" alone) is allowed when it is this long…
const MIN_UNKNOWN_CHARS: usize = 4;
/// …and the part after it this long: a known word of some length at the end of a longer one
/// is rarely there by chance.
const MIN_AFTER_UNKNOWN_CHARS: usize = 5;
/// Costs of a split: a known part, and an unknown first part. Fewer parts win; a known first
/// part wins over an unknown one, but not over a split into one part less.
const KNOWN: u32 = 2;
const UNKNOWN: u32 = 3;

/// The parts of `term` that are terms (for which `is_term` holds), in its split into the
/// fewest parts: at least two, each but the last followed by at most one linking letter, the
/// first possibly unknown (then not returned). `None` when it is no compound.
pub fn split(term: &str, is_term: impl Fn(&str) -> bool) -> Option<Vec<&str>> {
    // Char boundaries, so that parts are cut between characters.
    let bounds: Vec<usize> = term
        .char_indices()
        .map(|(i, _)| i)
        .chain([term.len()])
        .collect();
    let n = bounds.len() - 1;
    if n < MIN_PART_CHARS + MIN_HEAD_CHARS || !term.chars().all(char::is_alphabetic) {
        return None;
    }
    let word = |start: usize, end: usize| &term[bounds[start]..bounds[end]];
    // best[i]: the cheapest split of the first i characters (links included): its cost, where
    // its last part starts and ends, and whether that part is a known term.
    let mut best: Vec<Option<(u32, usize, usize, bool)>> = vec![None; n + 1];
    best[0] = Some((0, 0, 0, true));
    let link_after = |end: usize| {
        end < n
            && term[bounds[end]..]
                .chars()
                .next()
                .is_some_and(|c| LINKS.contains(&c))
    };
    for (end, slot) in best.iter_mut().enumerate().take(n).skip(MIN_UNKNOWN_CHARS) {
        let w = word(0, end);
        if !NOT_PARTS.contains(&w) && !is_term(w) {
            *slot = Some((UNKNOWN, 0, end, false));
        }
    }
    for end in MIN_PART_CHARS..=n {
        for start in 0..=end - MIN_PART_CHARS {
            let Some((cost, _, _, known)) = best[start] else {
                continue;
            };
            let head = end == n;
            let chars = end - start;
            if head && (start == 0 || chars < MIN_HEAD_CHARS) {
                continue;
            }
            if !known && chars < MIN_AFTER_UNKNOWN_CHARS {
                continue;
            }
            let w = word(start, end);
            if !can_be_part(w, chars) || !is_term(w) {
                continue;
            }
            let cost = cost + KNOWN;
            let mut offer = |at: usize| {
                if best[at].is_none_or(|(c, _, _, _)| cost < c) {
                    best[at] = Some((cost, start, end, true));
                }
            };
            offer(end);
            if !head && link_after(end) {
                offer(end + 1);
            }
        }
    }
    best[n]?;
    let mut parts = Vec::new();
    let mut at = n;
    let mut segments = 0;
    while at > 0 {
        let (_, start, end, known) = best[at].expect("a covered prefix has a last part");
        if known {
            parts.push(word(start, end));
        }
        segments += 1;
        at = start;
    }
    if segments < 2 {
        return None;
    }
    parts.reverse();
    Some(parts)
}

/// The part entries of a vocabulary: for each term that is a part of other terms, its
/// [`part_key`] and the postings of those compounds merged (weights of a document summed),
/// sorted by key. Computed from the whole vocabulary after every build, full or not, so an
/// incremental build writes what a full one would.
pub(super) fn part_entries(terms: &[String], postings: &[Postings]) -> Vec<(String, Postings)> {
    let known: HashSet<&str> = terms.iter().map(String::as_str).collect();
    let splits: Vec<(usize, Vec<&str>)> = terms
        .par_iter()
        .enumerate()
        .filter_map(|(i, t)| split(t, |w| known.contains(w)).map(|p| (i, p)))
        .collect();
    let mut by_part: BTreeMap<&str, BTreeMap<u32, u32>> = BTreeMap::new();
    for (i, parts) in &splits {
        let mut seen = HashSet::new();
        for part in parts.iter().filter(|p| seen.insert(**p)) {
            let docs = by_part.entry(part).or_default();
            for pair in postings[*i].chunks_exact(2) {
                *docs.entry(pair[0]).or_default() += pair[1];
            }
        }
    }
    by_part
        .into_iter()
        .map(|(part, docs)| {
            let flat = docs.into_iter().flat_map(|(d, w)| [d, w]).collect();
            (part_key(part), flat)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_in<'a>(term: &'a str, vocabulary: &[&str]) -> Option<Vec<&'a str>> {
        split(term, |w| vocabulary.contains(&w))
    }

    #[test]
    fn compounds_split_into_terms_of_the_vocabulary_with_linking_letters() {
        let v = [
            "samarbeid",
            "avtal",
            "del",
            "kjern",
            "journal",
            "hels",
            "fellesskap",
            "struktur",
            "felle",
            "skap",
            "tilsyn",
            "syn",
            "forhold",
            "hold",
        ];
        assert_eq!(split_in("delavtal", &v), Some(vec!["del", "avtal"]));
        assert_eq!(
            split_in("samarbeidsavtal", &v),
            Some(vec!["samarbeid", "avtal"])
        );
        assert_eq!(
            split_in("kjernejournal", &v),
            Some(vec!["kjern", "journal"])
        );
        assert_eq!(
            split_in("avtalestruktur", &v),
            Some(vec!["avtal", "struktur"])
        );
        // The fewest parts: "fellesskap" is a term, so not felle-s-skap.
        assert_eq!(
            split_in("helsefellesskap", &v),
            Some(vec!["hels", "fellesskap"])
        );
        // A first part the site does not write alone, when long enough and before a long
        // enough part.
        assert_eq!(
            split_in("kjernejournal", &["journal"]),
            Some(vec!["journal"])
        );
        assert_eq!(split_in("strekavtal", &v), Some(vec!["avtal"]));
        assert_eq!(split_in("strekplan", &["plan"]), None);
        assert_eq!(split_in("avtal", &["tal"]), None);
        // A term is not a compound of itself, nor of parts that leave letters over.
        assert_eq!(split_in("journal", &v), None);
        assert_eq!(split_in("xxavtal", &["avtal"]), None);
        assert_eq!(split_in("avtalxxplan", &["avtal", "plan"]), None);
        // Short heads and function words are no parts.
        assert_eq!(split_in("forhold", &v), None);
        assert_eq!(split_in("tilsyn", &v), None);
        // Numbers are no compounds.
        assert_eq!(split_in("2025del", &v), None);
    }

    #[test]
    fn part_entries_merge_the_postings_of_every_compound_of_a_part() {
        let terms: Vec<String> = ["avtal", "del", "delavtal", "samarbeid", "samarbeidsavtal"]
            .map(String::from)
            .to_vec();
        let postings = vec![
            vec![0, 1],
            vec![1, 1],
            vec![1, 2, 2, 1],
            vec![3, 1],
            vec![2, 3, 4, 1],
        ];
        let entries = part_entries(&terms, &postings);
        assert_eq!(
            entries,
            vec![
                ("avtal~".to_string(), vec![1, 2, 2, 4, 4, 1]),
                ("del~".to_string(), vec![1, 2, 2, 1]),
                ("samarbeid~".to_string(), vec![2, 3, 4, 1]),
            ]
        );
    }
}
