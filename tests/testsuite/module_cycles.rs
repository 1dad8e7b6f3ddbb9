//! The builder's modules follow the flow of a build (load → resolve → render → write) with
//! arrows only downward (issue 15): none of loading, orchestration and writing is in a cycle
//! of modules, as `scripts/module-cycles.py` finds them. The cycles left among the render
//! modules (`pages`, `views`, `api`, feeds) are cut by moving those into crates of their own.

use std::process::Command;

/// The render modules that still import each other: `views` goes to `motebok-site`, the open
/// data (`api`, feeds, calendars, sitemap) to a `publish` crate, and the rest of the cycle with
/// them (issue 15). Any other module of the builder (loading, orchestration, writing, the crate
/// root) in a cycle fails. A submodule counts as its top-level module (`api::make` is `api`;
/// the open data on its way out gathers under `publish/`).
const RENDER: &[&str] = &[
    "views", "skeleton", "pages", "sitemap", "api", "feeds", "calendar", "follow", "deps",
    "papers", "publish",
];

/// The groups of modules in a cycle in `crates/<krate>/src`, each as its module paths.
fn cycles(krate: &str) -> Vec<Vec<String>> {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = Command::new("python3")
        .arg(format!("{root}/scripts/module-cycles.py"))
        .arg(format!("{root}/crates/{krate}/src"))
        .output()
        .expect("python3 runs scripts/module-cycles.py");
    assert!(
        out.status.success(),
        "module-cycles.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("the script prints UTF-8");
    // The summary line: a script that found no modules would find no cycles either.
    let modules: usize = text
        .strip_prefix(&format!("{root}/crates/{krate}/src: "))
        .and_then(|rest| rest.split(" modules").next()?.parse().ok())
        .unwrap_or_else(|| panic!("the script's summary line: {text}"));
    assert!(
        modules > RENDER.len(),
        "{modules} modules in crates/{krate}/src"
    );
    text.lines()
        .filter_map(|l| l.trim_start().strip_prefix("cycle of "))
        .map(|l| {
            let (_, modules) = l.split_once(" : ").expect("`cycle of N : a, b`");
            modules.split(", ").map(str::to_owned).collect()
        })
        .collect()
}

#[test]
fn no_module_but_the_render_ones_is_in_a_cycle() {
    let mut wrong = Vec::new();
    for cycle in cycles("builder") {
        let ours: Vec<&String> = cycle
            .iter()
            .filter(|m| !RENDER.contains(&m.split("::").next().unwrap_or_default()))
            .collect();
        if !ours.is_empty() {
            wrong.push(format!(
                "{} in the cycle {}",
                ours.iter()
                    .map(|m| m.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                cycle.join(", ")
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
