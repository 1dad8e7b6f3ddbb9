//! Universal design proven in a real browser: `tests/browser/audit.mjs` runs axe-core (WCAG 2.1
//! A/AA), the Nu Html Checker, a keyboard, a structure and a reflow test, and a search by
//! keyboard over the example site in Debian's Chromium (an inflected word, hits marked in the
//! excerpt, a filter that narrows the results to the count it shows). The same audit must fail every one of
//! its checks on a deliberately broken fixture, so none can pass vacuously.
//!
//! Needs node, Chromium, java and the npm packages of `tests/browser/`: the tests fail (never
//! skip) without them, pointing at `scripts/install-test-deps`.

use crate::common::browser::{browser_dir, require_browser_tools, run_browser_script};
use crate::common::*;

use serde_json::Value;
use std::path::Path;

const CHECKS: &[&str] = &[
    "axe",
    "html",
    "keyboard",
    "structure",
    "reflow",
    "text200",
    "search",
];
/// An inflected form: the search must stem it to find the case about kjernejournal.
const SEARCH: &str = "kjernejournalen=ssu/sak/2025.19/";

/// Runs the audit over `site`: whether it passed, its JSON report and its output.
fn audit(site: &Path) -> (bool, Value, String) {
    require_browser_tools(
        "the browser audit",
        &[("java", "-version")],
        &["axe-core/axe.min.js", "vnu-jar/build/dist/vnu.jar"],
    );
    run_browser_script("audit.mjs", site, &["--search", SEARCH, "--parallel", "3"])
}

fn failures(report: &Value, check: &str) -> usize {
    report["checks"][check]["failures"]
        .as_array()
        .unwrap_or_else(|| panic!("the report has no check `{check}`"))
        .len()
}

#[test]
fn example_site_passes_the_browser_audit() {
    let site = Site::example();
    site.build("2026-11-22");
    let (ok, report, log) = audit(&site.out_dir());
    eprintln!("{log}");
    for check in CHECKS {
        assert_eq!(failures(&report, check), 0, "{check} failed:\n{log}");
    }
    assert!(ok, "{log}");
    let pages = report["pages"].as_u64().unwrap();
    assert!(pages > 100, "only {pages} pages audited");
    assert_eq!(report["checks"]["axe"]["violations"], 0);
    assert_eq!(report["checks"]["html"]["errors"], 0);
}

#[test]
fn every_check_fails_on_a_broken_page() {
    let fixture = browser_dir().join("fixtures/broken");
    let (ok, report, log) = audit(&fixture);
    assert!(!ok, "the audit passed a broken site:\n{log}");
    for check in CHECKS {
        assert!(
            failures(&report, check) > 0,
            "{check} did not catch the broken fixture:\n{log}"
        );
    }
}
