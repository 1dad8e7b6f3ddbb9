//! Tests of building and updating the index.
use super::*;
use serde_json::Value;

fn rec(url: &str, title: &str, text: &str, organ: Option<&str>, year: i32) -> Record {
    Record {
        url: url.into(),
        href: url.into(),
        title: title.into(),
        detail: format!("detalj {url}"),
        kind: "Sak".into(),
        organ: organ.map(Into::into),
        year: Some(year),
        text: text.into(),
        attachments: Vec::new(),
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

/// A full build's files and state.
fn full(records: Vec<Record>) -> (Vec<OutFile>, IndexState) {
    let out = Collect::default();
    let state = update_into(
        IndexState::default(),
        &HashSet::new(),
        records,
        "nb",
        &out,
        &mut |_| {},
    )
    .unwrap();
    (out.sorted(), state)
}

/// `old` updated to `new` (changed records listed in `changed`): its files must be a full
/// build's of `new`, byte for byte, and its state too. Returns how many files were kept.
fn check_update(old: &[Record], new: &[Record], changed: &[&str]) -> usize {
    let (old_files, old_state) = full(old.to_vec());
    let new_urls: HashSet<&str> = new.iter().map(|r| r.url.as_str()).collect();
    let removed: HashSet<String> = old
        .iter()
        .filter(|r| !new_urls.contains(r.url.as_str()) || changed.contains(&r.url.as_str()))
        .map(|r| r.url.clone())
        .collect();
    let old_urls: HashSet<&str> = old.iter().map(|r| r.url.as_str()).collect();
    let added: Vec<Record> = new
        .iter()
        .filter(|r| !old_urls.contains(r.url.as_str()) || changed.contains(&r.url.as_str()))
        .cloned()
        .collect();
    let out = Collect {
        old: old_files
            .iter()
            .map(|f| (f.path.clone(), f.bytes.clone()))
            .collect(),
        ..Default::default()
    };
    let kept = std::sync::atomic::AtomicUsize::new(0);
    struct Counted<'a>(&'a Collect, &'a std::sync::atomic::AtomicUsize);
    impl Output for Counted<'_> {
        fn put(&self, p: &str, b: &[u8]) -> Result<(), crate::output::OutputError> {
            self.0.put(p, b)
        }
        fn keep(&self, p: &str) -> bool {
            let k = self.0.keep(p);
            if k {
                self.1.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            k
        }
        fn old_bytes(&self, p: &str) -> Option<Vec<u8>> {
            self.0.old_bytes(p)
        }
    }
    let state = update_into(
        old_state,
        &removed,
        added,
        "nb",
        &Counted(&out, &kept),
        &mut |_| {},
    )
    .unwrap();
    let got = out.sorted();
    let (want, want_state) = full(new.to_vec());
    let paths = |f: &[OutFile]| f.iter().map(|f| f.path.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&got), paths(&want));
    for (g, w) in got.iter().zip(&want) {
        assert!(g.bytes == w.bytes, "{} differs", g.path);
    }
    assert_eq!(state, want_state);
    kept.into_inner()
}

fn numbered(n: usize) -> Vec<Record> {
    (0..n)
        .map(|i| {
            rec(
                &format!("sak/{i:04}/"),
                &format!("Sak {i}"),
                &format!("Sak 2025.{i} om kommunene, tema {}", i % 7),
                Some(if i % 2 == 0 { "SSU" } else { "FSU" }),
                2020 + (i % 5) as i32,
            )
        })
        .collect()
}

#[test]
fn an_updated_index_equals_a_full_build_of_the_same_pages() {
    let old = numbered(600);
    // One page's text changed: its ids stay, most files are kept.
    let mut new = old.clone();
    new[42].text = "Kjernejournal og legevakt, helt ny tekst".into();
    let kept = check_update(&old, &new, &[&new[42].url.clone()]);
    assert!(kept > 590, "only {kept} files kept");
    // Nothing changed: everything is kept.
    let kept = check_update(&old, &old, &[]);
    assert!(kept >= 600);
    // A page added in the middle and one removed: ids shift, fragments move.
    let mut new = old.clone();
    new.remove(10);
    new.push(rec(
        "sak/0300a/",
        "Ny sak",
        "Helt nye ord: fastlegeordningen",
        None,
        2026,
    ));
    check_update(&old, &new, &[]);
    // A filter value changed, a term gone from the whole site.
    let mut new = old.clone();
    new[3].organ = Some("PM".into());
    new[5].text = "Sak uten tema".into();
    let old2: Vec<Record> = old
        .iter()
        .cloned()
        .chain([rec("unik/", "Unik", "eneståendeord", None, 2021)])
        .collect();
    check_update(&old2, &new, &[&new[3].url.clone(), &new[5].url.clone()]);
}

#[test]
fn updates_that_split_or_join_shards_equal_a_full_build() {
    // Thousands of numbered terms split the `20` shard; removing most joins it again.
    let big = numbered(3000);
    let small: Vec<Record> = big.iter().take(200).cloned().collect();
    check_update(&big, &small, &[]);
    check_update(&small, &big, &[]);
    // From nothing, and to nothing.
    check_update(&[], &small, &[]);
    check_update(&small, &[], &[]);
}

/// A stored state changed anywhere (as a faulty build could have written it, the snapshot's
/// checksum being right) either does not decode or is updated without a panic: the update
/// indexes by the ids the state holds, so the decoder checks them.
#[test]
fn a_stored_state_changed_anywhere_is_refused_or_updates_without_panic() {
    let old = numbered(40);
    let (old_files, state) = full(old.clone());
    let bytes = postcard::to_allocvec(&state).unwrap();
    let removed: HashSet<String> = [old[3].url.clone(), old[30].url.clone()].into();
    let mut added = vec![old[3].clone()];
    added[0].text = "Ny tekst om legevakten".into();
    let mut refused = 0;
    for at in 0..bytes.len() {
        for mask in [0x01, 0x10, 0x80, 0xff] {
            let mut b = bytes.clone();
            b[at] ^= mask;
            let Ok(s) = postcard::from_bytes::<IndexState>(&b) else {
                refused += 1;
                continue;
            };
            let out = Collect {
                old: old_files
                    .iter()
                    .map(|f| (f.path.clone(), f.bytes.clone()))
                    .collect(),
                ..Default::default()
            };
            // An error is fine (the rebuild then builds in full); a panic is not.
            let _ = update_into(s, &removed, added.clone(), "nb", &out, &mut |_| {});
        }
    }
    assert!(refused > 0);
}
