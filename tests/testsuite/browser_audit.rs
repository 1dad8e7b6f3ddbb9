//! Universal design proven in a real browser: `tests/browser/audit.mjs` runs axe-core (WCAG 2.1
//! A/AA), the Nu Html Checker, a keyboard, a structure and a reflow test, and a search by
//! keyboard over the example site in Debian's Chromium (an inflected word, hits marked in the
//! excerpt, a filter that narrows the results to the count it shows). The same audit must fail every one of
//! its checks on a deliberately broken fixture, so none can pass vacuously.
//!
//! Needs node, Chromium, java and the npm packages of `tests/browser/`: the tests fail (never
//! skip) without them, pointing at `scripts/install-test-deps`.

use crate::common::*;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

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

fn browser_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser")
}

/// Every tool the audit needs, or a failure that says how to install them.
fn require_tools() {
    let dir = browser_dir();
    let mut missing = Vec::new();
    for (tool, arg) in [("node", "--version"), ("java", "-version")] {
        if Command::new(tool).arg(arg).output().is_err() {
            missing.push(tool.to_string());
        }
    }
    for path in [
        PathBuf::from("/usr/bin/chromium"),
        dir.join("node_modules/playwright-core/package.json"),
        dir.join("node_modules/axe-core/axe.min.js"),
        dir.join("node_modules/vnu-jar/build/dist/vnu.jar"),
    ] {
        if !path.exists() {
            missing.push(path.display().to_string());
        }
    }
    assert!(
        missing.is_empty(),
        "the browser audit needs {}: run scripts/install-test-deps",
        missing.join(", ")
    );
}

/// Runs the audit over `site` and returns its JSON report.
fn audit(site: &Path) -> (bool, Value, String) {
    require_tools();
    let report = tempfile::NamedTempFile::new().unwrap();
    let out = Command::new("node")
        .arg(browser_dir().join("audit.mjs"))
        .arg("--site")
        .arg(site)
        .args(["--search", SEARCH, "--parallel", "3", "--report"])
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
        "the audit could not run:\n{log}"
    );
    let json: Value = serde_json::from_slice(&std::fs::read(report.path()).unwrap())
        .unwrap_or_else(|e| panic!("no report ({e}):\n{log}"));
    (out.status.success(), json, log)
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
