//! The scripts of `tests/browser/` in Debian's Chromium: the tools they need, and one run.

use super::tools::repo_root;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// `tests/browser/`.
pub(crate) fn browser_dir() -> PathBuf {
    repo_root().join("tests/browser")
}

/// node, Chromium and playwright, the `commands` (run with their version argument) and the
/// `packages` (paths under `tests/browser/node_modules/`) that `what` needs, or a failure that
/// says how to install them (never a skip).
pub(crate) fn require_browser_tools(what: &str, commands: &[(&str, &str)], packages: &[&str]) {
    let modules = browser_dir().join("node_modules");
    let mut missing = Vec::new();
    for (tool, arg) in [("node", "--version")].iter().chain(commands) {
        if Command::new(tool).arg(arg).output().is_err() {
            missing.push(tool.to_string());
        }
    }
    let files = ["playwright-core/package.json"].iter().chain(packages);
    for path in
        std::iter::once(PathBuf::from("/usr/bin/chromium")).chain(files.map(|p| modules.join(p)))
    {
        if !path.exists() {
            missing.push(path.display().to_string());
        }
    }
    assert!(
        missing.is_empty(),
        "{what} needs {}: run scripts/install-test-deps",
        missing.join(", ")
    );
}

/// Runs `tests/browser/<script>` over `site` with `args`: whether it passed, its JSON report
/// and its output. Exit status 2 (it could not run) and a missing report are failures.
pub(crate) fn run_browser_script(
    script: &str,
    site: &Path,
    args: &[&str],
) -> (bool, Value, String) {
    let report = tempfile::NamedTempFile::new().unwrap();
    let out = Command::new("node")
        .arg(browser_dir().join(script))
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
        "{script} could not run:\n{log}"
    );
    let json: Value = serde_json::from_slice(&std::fs::read(report.path()).unwrap())
        .unwrap_or_else(|e| panic!("no report ({e}):\n{log}"));
    (out.status.success(), json, log)
}
