//! The search index of a real site (the example site plus an exempt, a tombstoned and a draft
//! case, each with a word found nowhere else): what is not published may be found in no file
//! of the index; filters and their counts match the pages; words resolve through their shards.

use crate::common::*;

use serde_json::Value;
use std::collections::BTreeMap;

const INDEX: &str = "sok/indeks";
/// Words that exist only in the unpublished cases below.
const EXEMPT_WORD: &str = "taushetsmarkor";
const TOMBSTONE_WORD: &str = "gravsteinmarkor";
const DRAFT_WORD: &str = "utkastmarkor";

/// Every file of the index, as text, by path inside the index.
fn index_files(site: &Site) -> BTreeMap<String, String> {
    snapshot(&site.out_dir().join(INDEX))
        .into_iter()
        .map(|(p, bytes)| {
            let text = String::from_utf8(bytes).expect("the index is UTF-8 JSON");
            (p.display().to_string().replace('\\', "/"), text)
        })
        .collect()
}

fn json(files: &BTreeMap<String, String>, path: &str) -> Value {
    let text = files
        .get(path)
        .unwrap_or_else(|| panic!("no {path} in the index"));
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The example site with an exempt case in a current meeting, a case in a meeting long out of
/// the publishing window (a tombstone), both committed, and an uncommitted (draft) case.
fn site_with_unpublished() -> Site {
    let site = Site::example();
    site.write(
        "content/ssu/2025-09-25/2025.91.md",
        &format!(
            "---\nsaksnr: \"2025.91\"\ntittel: Personalforhold i sekretariatet\n\
             sakstype: [orientering]\noffentlig: false\n\
             skjermingshjemmel: \"offl. § 13 jf. fvl. § 13\"\noffentlig_tittel: Personalsak\n---\n\
             Opplysninger om {EXEMPT_WORD} skal ikke ut.\n"
        ),
    );
    site.write(
        "content/pm/2024-05-30/2024.96.md",
        &format!(
            "---\nsaksnr: \"2024.96\"\ntittel: Gammel sak om {TOMBSTONE_WORD}\n\
             sakstype: [orientering]\n---\nTeksten om {TOMBSTONE_WORD} er utenfor vinduet.\n"
        ),
    );
    site.merge_all("Unntatt og gammel sak");
    site.write(
        "content/ssu/2025-09-25/2025.92.md",
        &format!(
            "---\nsaksnr: \"2025.92\"\ntittel: Utkast om {DRAFT_WORD}\n\
             sakstype: [orientering]\n---\nEt utkast om {DRAFT_WORD}.\n"
        ),
    );
    site
}

/// The `(doc, weight)` postings of a term, from the shard `meta.json` names for it.
fn postings(files: &BTreeMap<String, String>, term: &str) -> Vec<(u64, u64)> {
    let meta = json(files, "meta.json");
    let keys: Vec<&str> = meta["shards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    let max = meta["maxShardChars"].as_u64().unwrap() as usize;
    let Some(key) = motebok_search::shard_of(term, max, |k| keys.contains(&k)) else {
        return Vec::new();
    };
    let shard = json(files, &format!("t/{key}.json"));
    let Some(flat) = shard[term].as_array() else {
        return Vec::new();
    };
    let mut doc = 0;
    flat.chunks(2)
        .map(|p| {
            doc += p[0].as_u64().unwrap();
            (doc, p[1].as_u64().unwrap())
        })
        .collect()
}

fn doc_url(files: &BTreeMap<String, String>, meta: &Value, doc: u64) -> String {
    let per = meta["fragmentDocs"].as_u64().unwrap();
    let fragment = json(files, &format!("d/{}.json", doc / per));
    fragment[(doc % per) as usize]["url"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn search_index_holds_published_pages_only() {
    let site = site_with_unpublished();
    site.build_worktree("2026-11-22");
    let files = index_files(&site);
    let meta = json(&files, "meta.json");
    let n = meta["docs"].as_u64().unwrap();
    assert!(n > 100, "{n} documents");

    // The draft and the tombstone were rendered; the exempt case has only its public title.
    assert!(site.page("ssu/sak/2025.92/").contains(DRAFT_WORD));
    let tomb = site.page("pm/sak/2024.96/");
    assert!(tomb.contains("content=\"noindex\""), "not a tombstone");
    for word in [EXEMPT_WORD, TOMBSTONE_WORD, DRAFT_WORD] {
        for (path, text) in &files {
            assert!(!text.contains(word), "`{word}` is in {path}");
        }
    }
    // The exempt title of the example site's own exempt case, nowhere either.
    let exempt = "Bemanning av sekretariatet";
    assert!(!files.values().any(|t| t.contains(exempt)));

    // No document for an unpublished page, a tombstone or the search page itself.
    let urls: Vec<String> = (0..n).map(|d| doc_url(&files, &meta, d)).collect();
    for url in [
        "ssu/sak/2025.91/",
        "ssu/sak/2025.92/",
        "pm/sak/2024.96/",
        "pm/sak/2024.01/",
        "sok/",
    ] {
        assert!(!urls.iter().any(|u| u == url), "{url} is in the index");
    }
    // Each tombstone of the output is missing from the index.
    let mut tombstones = 0;
    for (path, bytes) in snapshot(&site.out_dir()) {
        let p = path.display().to_string().replace('\\', "/");
        let Some(dir) = p.strip_suffix("index.html") else {
            continue;
        };
        if String::from_utf8_lossy(&bytes).contains("<meta name=\"robots\" content=\"noindex\">") {
            tombstones += 1;
            assert!(!urls.iter().any(|u| u == dir), "tombstone {dir} is indexed");
        }
    }
    assert!(tombstones > 5, "{tombstones} tombstones");
}

#[test]
fn filters_counts_and_terms_match_the_pages() {
    let site = Site::example();
    site.build("2026-11-22");
    let files = index_files(&site);
    let meta = json(&files, "meta.json");
    let docs = json(&files, "docs.json");
    let n = meta["docs"].as_u64().unwrap() as usize;
    assert_eq!(meta["format"], 1);
    assert_eq!(meta["language"], "nb");
    assert_eq!(meta["stemmer"], "norwegian");

    // Every filter's counts are the number of documents pointing at each value.
    for filter in ["organ", "aar", "type"] {
        let values = meta["filters"][filter]["values"].as_array().unwrap();
        let counts = meta["filters"][filter]["counts"].as_array().unwrap();
        let column = docs[filter].as_array().unwrap();
        assert_eq!(column.len(), n);
        for (i, count) in counts.iter().enumerate() {
            let have = column
                .iter()
                .filter(|v| v.as_i64() == Some(i as i64))
                .count();
            assert_eq!(count.as_u64(), Some(have as u64), "{filter}={}", values[i]);
        }
    }
    let organs = &meta["filters"]["organ"]["values"];
    assert!(
        organs.as_array().unwrap().contains(&"SSU".into()),
        "{organs}"
    );

    // The kjernejournal case, found from the inflected word through its stem, with its body,
    // year and type.
    let stem = motebok_search::Stemmer::for_language("nb");
    let term = stem.term("kjernejournalen").into_owned();
    assert_eq!(term, "kjernejournal");
    let hits = postings(&files, &term);
    let urls: Vec<String> = hits
        .iter()
        .map(|&(d, _)| doc_url(&files, &meta, d))
        .collect();
    let at = urls
        .iter()
        .position(|u| u == "ssu/sak/2025.19/")
        .unwrap_or_else(|| panic!("2025.19 not among {urls:?}"));
    let doc = hits[at].0 as usize;
    let value = |f: &str| {
        let i = docs[f][doc].as_i64().unwrap();
        meta["filters"][f]["values"][i as usize].clone()
    };
    assert_eq!(value("organ"), "SSU");
    assert_eq!(value("aar"), "2025");
    assert_eq!(value("type"), "Sak");
    // In the title: weighs more than a word of the text.
    assert!(hits[at].1 > 4, "weight {}", hits[at].1);

    // A case number resolves as typed, to its case first of all.
    let hits = postings(&files, "2025.19");
    let urls: Vec<String> = hits
        .iter()
        .map(|&(d, _)| doc_url(&files, &meta, d))
        .collect();
    assert!(urls.iter().any(|u| u == "ssu/sak/2025.19/"), "{urls:?}");
    let best = hits.iter().max_by_key(|h| h.1).unwrap();
    assert_eq!(doc_url(&files, &meta, best.0), "ssu/sak/2025.19/");

    // The fragment holds what a result shows.
    let per = meta["fragmentDocs"].as_u64().unwrap() as usize;
    let fragment = json(&files, &format!("d/{}.json", doc / per));
    let d = &fragment[doc % per];
    assert!(
        d["title"].as_str().unwrap().contains("kjernejournal"),
        "{d}"
    );
    assert!(d["text"].as_str().unwrap().contains("kjernejournal"));
    assert!(!d["detail"].as_str().unwrap().is_empty());

    // Every shard meta.json names exists, and no other.
    let named: Vec<String> = meta["shards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| format!("t/{}.json", k.as_str().unwrap()))
        .collect();
    let present: Vec<&String> = files.keys().filter(|p| p.starts_with("t/")).collect();
    assert_eq!(present.len(), named.len());
    assert!(named.iter().all(|p| files.contains_key(p)));
}

#[test]
fn same_site_gives_the_same_index_bytes() {
    let site = Site::example();
    site.build("2026-11-22");
    let first = index_files(&site);
    std::fs::remove_dir_all(site.out_dir()).unwrap();
    site.build("2026-11-22");
    assert!(
        first == index_files(&site),
        "the index differs between builds"
    );
}

/// The urls of the documents a term's postings name.
fn urls_of(files: &BTreeMap<String, String>, term: &str) -> std::collections::BTreeSet<String> {
    let meta = json(files, "meta.json");
    postings(files, term)
        .into_iter()
        .map(|(d, _)| doc_url(files, &meta, d))
        .collect()
}

fn stem(word: &str) -> String {
    motebok_search::Stemmer::for_language("nb")
        .term(word)
        .into_owned()
}

#[test]
fn compound_words_are_found_by_their_parts() {
    let site = Site::example();
    site.build("2026-11-22");
    let files = index_files(&site);
    let part = |w: &str| urls_of(&files, &motebok_search::part_key(&stem(w)));
    // "avtale" is the head of "samarbeidsavtale" (linking -s-) and of "delavtale".
    let avtale = part("avtale");
    for url in [
        "dokumenter/samarbeidsavtale-tud/",
        "dokumenter/delavtale-beredskap/",
        "ssu/sak/2025.04/",
    ] {
        assert!(
            avtale.contains(url),
            "«avtale» does not find {url}: {avtale:?}"
        );
    }
    // "kjernejournal": "kjerne" + linking -e- + "journal".
    assert!(part("journal").contains("ssu/sak/2025.19/"));
    // A part is kept apart from the whole word, so that whole words rank first.
    let whole = urls_of(&files, &stem("avtale"));
    assert!(!whole.is_empty());
    assert_ne!(whole, avtale);
    // Short function words are not parts.
    assert!(part("for").is_empty());
}

#[test]
fn a_typo_is_within_reach_of_the_shards_the_browser_scans() {
    use motebok_search::{shard_key, within_one_edit, MIN_TYPO_CHARS};
    let site = Site::example();
    site.build("2026-11-22");
    let files = index_files(&site);
    let typo = stem("kjernejornal");
    assert!(typo.chars().count() >= MIN_TYPO_CHARS);
    assert!(
        postings(&files, &typo).is_empty(),
        "the typo is a word of the site"
    );
    // The browser scans the shards that share the query's first two characters.
    let prefix = format!("t/{}", shard_key(&typo, 2));
    let near: Vec<String> = files
        .iter()
        .filter(|(path, _)| path.starts_with(&prefix))
        .flat_map(|(path, _)| {
            let shard = json(&files, path);
            shard
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect::<Vec<_>>()
        })
        .filter(|t| within_one_edit(&typo, t))
        .collect();
    assert!(near.contains(&"kjernejournal".to_string()), "{near:?}");
    assert!(urls_of(&files, "kjernejournal").contains("ssu/sak/2025.19/"));
}

#[test]
fn only_a_pages_own_content_is_indexed() {
    let site = Site::example();
    site.build("2026-11-22");
    let files = index_files(&site);
    // A word of one case's title, in a thread of nine: the other cases of the thread list the
    // title, but do not say the word themselves.
    assert!(site.page("ssu/sak/2026.37/").contains("overliggerdøgn"));
    let found = urls_of(&files, &stem("overliggerdøgn"));
    assert!(found.contains("ssu/sak/2025.46/"), "{found:?}");
    for thread in ["ssu/sak/2026.37/", "pm/sak/2025.07/", "ssu/sak/2025.05/"] {
        assert!(
            !found.contains(thread),
            "{thread} is found by a word of another case's title"
        );
    }
    // Excerpts come from the page's own text: no labels, no thread listing.
    for (path, text) in files.iter().filter(|(p, _)| p.starts_with("d/")) {
        for label in [
            "Hele saksforløpet",
            "Saksnummer",
            "Møtedato",
            "Sakens gang",
            "Følg saken",
        ] {
            assert!(!text.contains(label), "{path} holds «{label}»");
        }
    }
}
