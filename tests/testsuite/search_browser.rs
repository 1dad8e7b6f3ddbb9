//! The search page in a real browser over the example site (`tests/browser/search.mjs` in
//! Debian's Chromium): a part of a compound finds the compound, ranked below whole words; a
//! typo is forgiven, ranked below both; a word of a case's title does not find the other
//! cases of its thread; the first results show before the fragments of the later ones come.
//!
//! Needs node, Chromium and the npm packages of `tests/browser/`: fails (never skips) without
//! them, pointing at `scripts/install-test-deps`.

use crate::common::*;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn browser_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser")
}

fn require_tools() {
    let dir = browser_dir();
    let mut missing = Vec::new();
    if Command::new("node").arg("--version").output().is_err() {
        missing.push("node".to_string());
    }
    for path in [
        PathBuf::from("/usr/bin/chromium"),
        dir.join("node_modules/playwright-core/package.json"),
    ] {
        if !path.exists() {
            missing.push(path.display().to_string());
        }
    }
    assert!(
        missing.is_empty(),
        "the search test needs {}: run scripts/install-test-deps",
        missing.join(", ")
    );
}

/// Runs `search.mjs` over `site` with `args`: whether it passed, its report and its output.
fn run(site: &Path, args: &[&str]) -> (bool, Value, String) {
    require_tools();
    let report = tempfile::NamedTempFile::new().unwrap();
    let out = Command::new("node")
        .arg(browser_dir().join("search.mjs"))
        .arg("--site")
        .arg(site)
        .args(args)
        .arg("--report")
        .arg(report.path())
        .output()
        .expect("node runs");
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.code() != Some(2),
        "the test could not run:\n{log}"
    );
    let json: Value = serde_json::from_slice(&std::fs::read(report.path()).unwrap())
        .unwrap_or_else(|e| panic!("no report ({e}):\n{log}"));
    (out.status.success(), json, log)
}

#[test]
fn compounds_typos_and_title_words_in_the_browser() {
    let site = Site::example();
    site.build("2026-11-22");
    let (ok, report, log) = run(
        &site.out_dir(),
        &[
            // "avtale": whole in the cooperation agreement (which is also found as a
            // compound of it, "samarbeidsavtale", but a whole word ranks first).
            "--expect",
            "avtale=dokumenter/samarbeidsavtale-tud/:ord",
            // "journal" in "kjernejournal" (kjerne-journal), in a case that never says
            // "journal" alone.
            "--expect",
            "journal=ssu/sak/2025.19/:del",
            // One letter left out.
            "--expect",
            "kjernejornal=ssu/sak/2025.19/:skrivefeil",
            // A word of one case's title: not the other cases of its thread.
            "--expect",
            "overliggerdøgn=ssu/sak/2025.46/:ord",
            "--absent",
            "overliggerdøgn=ssu/sak/2026.37/",
            "--absent",
            "overliggerdøgn=pm/sak/2025.07/",
            "--progressive",
            "avtale",
        ],
    );
    eprintln!("{log}");
    assert!(ok, "{log}");
    assert_eq!(report["failures"].as_array().unwrap().len(), 0);
    // The typo found the case and nothing the site does not say.
    assert!(!report["results"]["kjernejornal"]
        .as_array()
        .unwrap()
        .is_empty());
}
