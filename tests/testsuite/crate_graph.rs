//! The shape of the workspace (issue 15): crates along the flow, arrows only downward. Read
//! from `cargo metadata`, so a new dependency that breaks the shape fails here, naming the crate
//! and the dependency.
//!
//! Only normal and build dependencies count: dev-dependencies (tests that make git
//! repositories to build from) do not reach the crate's users.

use serde_json::Value;
use std::collections::BTreeMap;
use std::process::Command;

/// The crates that do no I/O of their own (no git, no file tree, no watching, no temp files).
const PURE: &[&str] = &[
    "motebok-parser",
    "motebok-domain",
    "motebok-search",
    "motebok-papers",
];

/// Each pure crate, with the motebok crates it may use: those below it in the flow.
const BELOW: &[(&str, &[&str])] = &[
    ("motebok-parser", &[]),
    ("motebok-domain", &["motebok-parser"]),
    ("motebok-search", &["motebok-parser", "motebok-domain"]),
    ("motebok-papers", &["motebok-parser", "motebok-domain"]),
];

/// Crates that bring I/O a pure crate must not have.
const IMPURE: &[&str] = &["git2", "walkdir", "notify", "tempfile"];

/// The one crate that may speak to git through libgit2.
const GIT: &str = "motebok-git";

/// Workspace package → names of its normal and build dependencies.
fn graph() -> BTreeMap<String, Vec<String>> {
    let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
    let out = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .args(["--manifest-path", manifest])
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: Value = serde_json::from_slice(&out.stdout).expect("cargo metadata is JSON");
    let mut graph = BTreeMap::new();
    for package in meta["packages"].as_array().expect("packages") {
        let name = package["name"].as_str().expect("package name").to_owned();
        let deps = package["dependencies"]
            .as_array()
            .expect("dependencies")
            .iter()
            .filter(|d| d["kind"].as_str() != Some("dev"))
            .map(|d| d["name"].as_str().expect("dependency name").to_owned())
            .collect();
        graph.insert(name, deps);
    }
    graph
}

#[test]
fn pure_crates_depend_only_downward_and_on_no_io_crate() {
    let graph = graph();
    let mut wrong = Vec::new();
    for pure in PURE {
        let deps = graph
            .get(*pure)
            .unwrap_or_else(|| panic!("{pure} is a workspace member"));
        let below = BELOW
            .iter()
            .find(|(name, _)| name == pure)
            .map(|(_, below)| *below)
            .expect("every pure crate has its place in BELOW");
        for dep in deps {
            if dep.starts_with("motebok") && !below.contains(&dep.as_str()) {
                wrong.push(format!("{pure} depends on {dep}, which is not below it"));
            }
            if IMPURE.contains(&dep.as_str()) {
                wrong.push(format!("{pure} depends on {dep}, which does I/O"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn only_motebok_git_uses_git2() {
    let graph = graph();
    let users: Vec<String> = graph
        .iter()
        .filter(|(name, deps)| *name != GIT && deps.iter().any(|d| d == "git2"))
        .map(|(name, _)| format!("{name} depends on git2"))
        .collect();
    assert!(
        users.is_empty(),
        "only {GIT} may use git2:\n{}",
        users.join("\n")
    );
    assert!(graph.contains_key(GIT), "{GIT} is a workspace member");
}
