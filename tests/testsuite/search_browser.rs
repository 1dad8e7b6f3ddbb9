//! The search page in a real browser over the example site (`tests/browser/search.mjs` in
//! Debian's Chromium): a part of a compound finds the compound, ranked below whole words; a
//! typo is forgiven, ranked below both; a word of a case's title does not find the other
//! cases of its thread; the first results show before the fragments of the later ones come.
//!
//! Needs node, Chromium and the npm packages of `tests/browser/`: fails (never skips) without
//! them, pointing at `scripts/install-test-deps`.

use crate::common::browser::{require_browser_tools, run_browser_script};
use crate::common::*;

use serde_json::Value;
use std::path::Path;

/// Runs `search.mjs` over `site` with `args`: whether it passed, its report and its output.
fn run(site: &Path, args: &[&str]) -> (bool, Value, String) {
    require_browser_tools("the search test", &[], &[]);
    run_browser_script("search.mjs", site, args)
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
