//! The browser must see words as the builder indexed them: `themes/default/static/words.js`
//! and `stemmer.js` (words, stems, shard keys), run in node, against `motebok_search`
//! (rust-stemmers) over every
//! text of the example site and a list of tricky words and texts. Needs node: fails (never
//! skips) without it, pointing at `scripts/install-test-deps`.

use motebok_search::{shard_key, words, Stemmer};
use serde_json::{json, Value};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// Words that exercise each rule of the Norwegian stemmer, and texts that exercise the word
/// rules: case numbers, dates, decomposed letters, other scripts, case mappings.
const TRICKY: &[&str] = &[
    "kjernejournalen",
    "kjernejournalene",
    "sykehusenes",
    "kommunene",
    "hetslov",
    "arbeidsmiljølov",
    "skattelov",
    "elegant",
    "ordentlig",
    "vennlig",
    "herlig",
    "fiskeleg",
    "sakens",
    "bords",
    "sterks",
    "kakes",
    "eks",
    "konserte",
    "konsert",
    "havt",
    "godt",
    "hardt",
    "reisetid",
    "åsene",
    "ås",
    "bønnene",
    "færre",
    "a",
    "at",
    "en",
    "ene",
    "heten",
    "hetene",
    "hetenes",
    "ærlighetens",
    "øyeblikkets",
    "naïve",
    "cafés",
    "straße",
];
const TEXTS: &[&str] = &[
    "Sak 2025.12: Helse-Bergen, «Kjernejournal»! 12.03.2025. 3.a a.3 1..2 v2.0.1",
    "Ga\u{30a}rd O\u{308}YVIND A\u{30a}SEN ÆØÅ æøå",
    "İstanbul ΟΔΟΣ Ὀδυσσεύς ǅemal ﬁnal Ⅻ ½ ٣٤ 東京 한국어",
    "e-post@example.org https://example.org/a_b?c=d#e covid-19 3D-print 40%",
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
];

/// Normalises every text, stems every word, in node, over the theme's own modules.
const SCRIPT: &str = r#"
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const dir = pathToFileURL(process.argv[1] + "/").href;
const { words, term, shardKey } = await import(dir + "words.js");
const input = JSON.parse(readFileSync(0, "utf8"));
const texts = input.texts.map((t) => words(t).map((w) => w.word));
const terms = input.words.map((w) => term(w, "norwegian"));
const keys = input.words.map((w) => [shardKey(w, 1), shardKey(w, 2), shardKey(w, 3)]);
const spans = input.texts.map((t) => words(t).every((w) => t.slice(w.start, w.end).length > 0));
process.stdout.write(JSON.stringify({ texts, terms, keys, spans }));
"#;

fn rust_words(text: &str) -> Vec<String> {
    let mut v = Vec::new();
    words(text, |w| v.push(w.to_string()));
    v
}

#[test]
fn javascript_words_and_stems_equal_rust() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The theme's modules as ES modules, wherever node would guess otherwise.
    let dir = tempfile::tempdir().unwrap();
    for f in ["words.js", "stemmer.js"] {
        std::fs::copy(
            root.join("themes/default/static").join(f),
            dir.path().join(f),
        )
        .unwrap();
    }
    std::fs::write(dir.path().join("package.json"), r#"{"type":"module"}"#).unwrap();

    let mut texts: Vec<String> = TEXTS.iter().map(|t| t.to_string()).collect();
    for e in walkdir::WalkDir::new(root.join("content"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
    {
        texts.push(std::fs::read_to_string(e.path()).unwrap());
    }
    let mut all: Vec<String> = TRICKY.iter().map(|w| w.to_string()).collect();
    for t in &texts {
        all.extend(rust_words(t));
    }
    all.sort();
    all.dedup();
    assert!(all.len() > 3000, "only {} distinct words", all.len());

    let child = Command::new("node")
        .args(["--input-type=module", "-e", SCRIPT])
        .arg(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = child
        .unwrap_or_else(|e| panic!("this test needs node ({e}): run scripts/install-test-deps"));
    let input = json!({ "texts": texts, "words": all });
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let js: Value = serde_json::from_slice(&out.stdout).unwrap();

    for (i, text) in texts.iter().enumerate() {
        let want = rust_words(text);
        let got: Vec<&str> = js["texts"][i]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(
            got,
            want,
            "words of text {i} differ: {}",
            &text[..text.len().min(80)]
        );
        assert_eq!(js["spans"][i], true);
    }
    let nb = Stemmer::for_language("nb");
    let mut differ = Vec::new();
    for (i, word) in all.iter().enumerate() {
        let rust = nb.term(word);
        let node = js["terms"][i].as_str().unwrap();
        if rust != node {
            differ.push(format!("{word}: rust {rust}, js {node}"));
        }
        let keys: Vec<String> = (1..=3).map(|n| shard_key(word, n)).collect();
        assert_eq!(js["keys"][i], json!(keys), "shard keys of {word}");
    }
    assert!(
        differ.is_empty(),
        "{} of {} words stem differently:\n{}",
        differ.len(),
        all.len(),
        differ.join("\n")
    );
}

/// Every one-letter change of `word` that `typos.rs` names (left out, added, replaced,
/// swapped), and some of two.
fn edits(word: &str) -> Vec<String> {
    let c: Vec<char> = word.chars().collect();
    let join = |v: Vec<char>| v.into_iter().collect::<String>();
    let mut out = Vec::new();
    for i in 0..c.len() {
        let mut v = c.clone();
        v.remove(i);
        out.push(join(v.clone()));
        if !v.is_empty() {
            v.remove(i.min(v.len() - 1));
            out.push(join(v));
        }
        let mut v = c.clone();
        v.insert(i, 'ø');
        out.push(join(v));
        let mut v = c.clone();
        v[i] = if v[i] == 'a' { 'e' } else { 'a' };
        out.push(join(v));
        if i + 1 < c.len() {
            let mut v = c.clone();
            v.swap(i, i + 1);
            out.push(join(v.clone()));
            v[0] = 'å';
            out.push(join(v));
        }
    }
    out
}

#[test]
fn javascript_typos_equal_rust() {
    use motebok_search::{within_one_edit, MIN_TYPO_CHARS};
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root.join("themes/default/static/typos.js"),
        dir.path().join("typos.js"),
    )
    .unwrap();
    std::fs::write(dir.path().join("package.json"), r#"{"type":"module"}"#).unwrap();
    let words = [
        "kjernejournal",
        "samarbeidsavtale",
        "møtebok",
        "ås",
        "abba",
        "a",
        "",
    ];
    let mut pairs: Vec<(String, String)> = Vec::new();
    for w in words {
        for e in edits(w) {
            pairs.push((w.to_string(), e.clone()));
            pairs.push((e, w.to_string()));
        }
        for v in words {
            pairs.push((w.to_string(), v.to_string()));
        }
    }
    let script = r#"
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const { oneEdit, MIN_TYPO_CHARS } = await import(pathToFileURL(process.argv[1] + "/").href + "typos.js");
const pairs = JSON.parse(readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify({ min: MIN_TYPO_CHARS, same: pairs.map(([a, b]) => oneEdit(a, b)) }));
"#;
    let mut child = Command::new("node")
        .args(["--input-type=module", "-e", script])
        .arg(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("this test needs node ({e}): run scripts/install-test-deps"));
    child
        .stdin
        .take()
        .unwrap()
        .write_all(json!(pairs).to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let js: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(js["min"], json!(MIN_TYPO_CHARS));
    let mut yes = 0;
    for (i, (a, b)) in pairs.iter().enumerate() {
        let rust = within_one_edit(a, b);
        yes += usize::from(rust);
        assert_eq!(js["same"][i], json!(rust), "one edit from {a:?} to {b:?}");
    }
    // Both answers occur, many times.
    assert!(
        yes > 100 && yes < pairs.len() - 100,
        "{yes} of {}",
        pairs.len()
    );
}
