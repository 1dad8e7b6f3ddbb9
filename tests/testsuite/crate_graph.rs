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
    "motebok-publish",
    "motebok-render",
];

/// Each pure crate, with the motebok crates it may use: those below it in the flow.
const BELOW: &[(&str, &[&str])] = &[
    ("motebok-parser", &[]),
    ("motebok-domain", &["motebok-parser"]),
    ("motebok-search", &["motebok-parser", "motebok-domain"]),
    ("motebok-papers", &["motebok-parser", "motebok-domain"]),
    ("motebok-site", &["motebok-parser", "motebok-domain"]),
    (
        "motebok-publish",
        &["motebok-parser", "motebok-domain", "motebok-site"],
    ),
    (
        "motebok-render",
        &[
            "motebok-parser",
            "motebok-domain",
            "motebok-papers",
            "motebok-site",
            "motebok-publish",
        ],
    ),
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
    "motebok-publish",
    "motebok-render",
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

/// The open data (`/api/`, feeds, calendars, sitemap) is the crate `motebok-publish` (issue 15):
/// its modules live in `crates/publish/src`, none is left in the builder, and the builder
/// declares no `publish` module. `LAYERS` and the pure crates' checks above keep its arrows
/// downward and its code pure.
#[test]
fn the_open_data_lives_in_the_publish_crate() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut wrong = Vec::new();
    for module in [
        "api",
        "follow",
        "feeds.rs",
        "calendar.rs",
        "sitemap.rs",
        "stamp.rs",
    ] {
        if !root.join("crates/publish/src").join(module).exists() {
            wrong.push(format!("crates/publish/src/{module} is missing"));
        }
    }
    let builder = root.join("crates/builder/src");
    for module in ["publish", "publish.rs"] {
        if builder.join(module).exists() {
            wrong.push(format!(
                "crates/builder/src/{module} belongs to crates/publish"
            ));
        }
    }
    let lib = std::fs::read_to_string(builder.join("lib.rs")).expect("the builder's lib.rs");
    if lib.lines().any(|l| l.trim_end().ends_with("mod publish;")) {
        wrong.push("the builder declares a publish module".into());
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The pure rendering (the page list and each page rendered, tombstones by shape, fingerprints,
/// the URLs that stay, the accessibility findings, the meeting papers' content) is the crate
/// `motebok-render` (issue 15): its modules live in `crates/render/src`, none is left in the
/// builder, which keeps the papers' jobs, keys, typesetting, cache and threads.
#[test]
fn the_rendering_lives_in_the_render_crate() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let moved = [
        "pages.rs",
        "skeleton.rs",
        "deps.rs",
        "gone.rs",
        "moved_files.rs",
        "search_meta.rs",
        "accessibility.rs",
        "papers/assemble.rs",
        "papers/markdown.rs",
        "papers/gone.rs",
    ];
    let mut wrong = Vec::new();
    for module in moved {
        if !root.join("crates/render/src").join(module).is_file() {
            wrong.push(format!("crates/render/src/{module} is missing"));
        }
        if root.join("crates/builder/src").join(module).exists() {
            wrong.push(format!(
                "crates/builder/src/{module} belongs to crates/render"
            ));
        }
    }
    for kept in ["papers/mod.rs", "papers/cache.rs", "papers/threads.rs"] {
        if !root.join("crates/builder/src").join(kept).is_file() {
            wrong.push(format!(
                "crates/builder/src/{kept} (I/O, typesetting) is missing"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
