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
    "motebok-site",
];

/// Each pure crate, with the motebok crates it may use: those below it in the flow.
const BELOW: &[(&str, &[&str])] = &[
    ("motebok-parser", &[]),
    ("motebok-domain", &["motebok-parser"]),
    ("motebok-search", &["motebok-parser", "motebok-domain"]),
    ("motebok-papers", &["motebok-parser", "motebok-domain"]),
    ("motebok-site", &["motebok-parser", "motebok-domain"]),
];

/// Crates that bring I/O a pure crate must not have.
const IMPURE: &[&str] = &["git2", "walkdir", "notify", "tempfile"];

/// The one crate that may speak to git through libgit2.
const GIT: &str = "motebok-git";

/// The one crate that watches files (notify): the live preview, above the builder.
const WATCHER: &str = "motebok-serve";

/// Every workspace crate, lowest first: a crate may depend only on crates before it, so the
/// arrows point down the flow of a build. A new crate must take its place here.
const LAYERS: &[&str] = &[
    "motebok-parser",
    "motebok-domain",
    "motebok-search",
    "motebok-papers",
    "motebok-site",
    "motebok-git",
    "motebok-verify",
    "motebok-builder",
    "motebok-archive",
    "motebok-serve",
    "motebok",
];

/// The pure crates' clippy rules are those of the domain (its `clippy.toml`), so the clock, the
/// file system, processes and git stay out of every one of them.
const PURE_RULES_OF: &str = "crates/domain/clippy.toml";

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

#[test]
fn only_motebok_serve_watches_files() {
    let graph = graph();
    let watchers: Vec<&String> = graph
        .iter()
        .filter(|(_, deps)| deps.iter().any(|d| d == "notify"))
        .map(|(name, _)| name)
        .collect();
    assert_eq!(watchers, [WATCHER], "only {WATCHER} may use notify");
}

/// `motebok serve` is a crate above the builder (issue 15): the builder runs the pipeline and
/// knows nothing of the preview that runs it over a file watcher.
#[test]
fn the_builder_holds_no_serve_module() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/builder/src");
    for module in ["serve", "serve.rs"] {
        assert!(
            !src.join(module).exists(),
            "crates/builder/src/{module} belongs to crates/serve"
        );
    }
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("the builder's lib.rs");
    assert!(
        !lib.lines().any(|l| l.trim_end().ends_with("mod serve;")),
        "the builder declares a serve module"
    );
}

/// The views (what the templates see), the URLs and the meeting papers' places are pure (issue
/// 15): they live in `motebok-site`, and the builder only re-exports them.
#[test]
fn the_views_urls_and_paper_files_live_in_the_site_crate() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut wrong = Vec::new();
    for module in ["views", "urls", "paper_files"] {
        for (dir, belongs) in [("crates/builder/src", false), ("crates/site/src", true)] {
            let dir = root.join(dir);
            let found = dir.join(module).is_dir() || dir.join(format!("{module}.rs")).is_file();
            if found != belongs {
                wrong.push(format!(
                    "{module} is {}in {}",
                    if found { "" } else { "not " },
                    dir.display()
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_crate_depends_only_on_crates_below_it() {
    let graph = graph();
    let mut wrong = Vec::new();
    for (name, deps) in &graph {
        let Some(at) = LAYERS.iter().position(|l| l == name) else {
            wrong.push(format!("{name} has no place in LAYERS"));
            continue;
        };
        for dep in deps.iter().filter(|d| d.starts_with("motebok")) {
            match LAYERS.iter().position(|l| l == dep) {
                Some(d) if d < at => {}
                _ => wrong.push(format!("{name} depends on {dep}, which is not below it")),
            }
        }
    }
    for layer in LAYERS {
        if !graph.contains_key(*layer) {
            wrong.push(format!("{layer} is not a workspace member"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The `path = "..."` entries of a clippy.toml.
fn rule_paths(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| l.split("path = \"").nth(1))
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_pure_crate_keeps_the_clock_the_file_system_and_git_out_by_clippy() {
    let root = env!("CARGO_MANIFEST_DIR");
    let rules = rule_paths(
        &std::fs::read_to_string(format!("{root}/{PURE_RULES_OF}")).expect("domain's clippy.toml"),
    );
    assert!(
        rules.iter().any(|r| r == "std::fs::read_to_string")
            && rules.iter().any(|r| r == "chrono::Utc::now"),
        "{PURE_RULES_OF} forbids the file system and the clock: {rules:?}"
    );
    let mut wrong = Vec::new();
    for pure in PURE {
        let dir = pure.strip_prefix("motebok-").expect("motebok- crate");
        let path = format!("{root}/crates/{dir}/clippy.toml");
        let Ok(text) = std::fs::read_to_string(&path) else {
            wrong.push(format!("{pure} has no crates/{dir}/clippy.toml"));
            continue;
        };
        let own = rule_paths(&text);
        for rule in rules.iter().filter(|r| !own.contains(r)) {
            wrong.push(format!("crates/{dir}/clippy.toml does not forbid {rule}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// What the builder's open data (`crates/builder/src/publish/`: `/api/`, feeds, calendars,
/// sitemap; the `motebok-publish` crate to be, issue 15) may name of the rest of the builder:
/// what moves with it to `motebok-site` (views, urls, paper_files, `write::OutFile`), the body
/// store (a trait there) and digest. Anything else would hold it inside the builder.
const PUBLISH_MAY_NAME: &[&str] = &[
    "publish",
    "views",
    "urls",
    "paper_files",
    "digest",
    "store",
    "write::OutFile",
];

/// Every path `text`'s code names through `crate::` (`crate::a::b::{c, d::e}` gives `a::b::c`
/// and `a::b::d::e`), comments and the `#[cfg(test)]` module at its end left out.
fn crate_paths(text: &str) -> Vec<String> {
    // A `#[cfg(test)] mod x;` line goes, a `#[cfg(test)] mod x { … }` (last in a file) with
    // all that follows it.
    let mut code = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("#[cfg(test)]") {
        code.push_str(&rest[..at]);
        let after = &rest[at + "#[cfg(test)]".len()..];
        let decl = after.find([';', '{']).unwrap_or(after.len());
        if after[decl..].starts_with(';') {
            rest = &after[decl + 1..];
        } else {
            rest = "";
        }
    }
    code.push_str(rest);
    let code: String = code
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    // The path at the start of `s` (after `prefix`), with each item of a `{…}` group.
    fn paths(prefix: &str, s: &str, out: &mut Vec<String>) {
        let s = s.trim_start();
        let end = s
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .unwrap_or(s.len());
        let path = format!("{prefix}{}", &s[..end]);
        let Some(group) = s[end..]
            .strip_prefix('{')
            .filter(|_| path.ends_with("::") || path.is_empty())
        else {
            out.push(path.trim_end_matches(':').to_string());
            return;
        };
        let mut depth = 0;
        let mut from = 0;
        for (i, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth > 0 => depth -= 1,
                ',' | '}' if depth == 0 => {
                    let item = &group[from..i];
                    if !item.trim().is_empty() {
                        paths(&path, item, out);
                    }
                    from = i + 1;
                    if c == '}' {
                        return;
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for rest in code.split("crate::").skip(1) {
        paths("", rest, &mut out);
    }
    out
}

#[test]
fn the_open_data_names_nothing_of_the_builder_but_what_moves_with_it() {
    let publish =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/builder/src/publish");
    let files: Vec<std::path::PathBuf> = walkdir::WalkDir::new(&publish)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        // Unit tests render whole sites through the builder (`crate::testkit`).
        .filter(|p| !p.ends_with("tests.rs"))
        .collect();
    assert!(
        files.len() >= 5,
        "the open data is not gathered under crates/builder/src/publish/ ({} files there)",
        files.len()
    );
    let mut wrong = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("builder source");
        for path in crate_paths(&text) {
            let allowed = PUBLISH_MAY_NAME
                .iter()
                .any(|a| path == *a || path.starts_with(&format!("{a}::")));
            if !allowed {
                wrong.push(format!(
                    "{} names crate::{path}",
                    f.strip_prefix(env!("CARGO_MANIFEST_DIR"))
                        .unwrap_or(f)
                        .display()
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn crate_paths_reads_groups_and_leaves_comments_and_tests_out() {
    let text = "#[cfg(test)]\nmod tests;\nuse crate::a::b;\nuse crate::{c, d::{e, f::G}};\n// crate::h\nlet x = crate::i::j(1);\n#[cfg(test)]\nmod tests { use crate::k; }\n";
    assert_eq!(crate_paths(text), ["a::b", "c", "d::e", "d::f::G", "i::j"]);
}
