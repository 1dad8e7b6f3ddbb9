//! Each fact of a run is computed once: `site.toml` is read once per build (full or a
//! rebuild), and the date comes from the command line alone (`--as-of`, else the clock read
//! in `src/`), never from the clock inside the builder, so a build across midnight cannot
//! write a key for one date and content for the next.
//!
//! Needs `strace` (scripts/install-test-deps installs it).

use crate::common::*;
use std::process::Command;

/// How often one `motebok build` opens `site.toml`, counted by strace.
fn site_toml_opens(site: &Site) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("trace");
    let out = site.out_dir();
    let o = Command::new("strace")
        .args(["-f", "-qq", "-e", "trace=open,openat,openat2", "-o"])
        .arg(&log)
        .arg(env!("CARGO_BIN_EXE_motebok"))
        .args(["build", "--as-of", "2026-01-01", "--output"])
        .arg(&out)
        .arg("--root")
        .arg(site.path())
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .output()
        .expect("strace runs: scripts/install-test-deps installs it");
    assert!(o.status.success(), "build failed: {}", stderr(&o));
    let trace = std::fs::read_to_string(&log).unwrap();
    trace
        .lines()
        .filter(|l| l.contains("site.toml\"") && !l.contains("ENOENT"))
        .count()
}

#[test]
fn a_full_build_and_a_rebuild_read_site_toml_once() {
    let site = Site::example();
    assert_eq!(site_toml_opens(&site), 1, "the first (full) build");
    // One commit on: the build continues from the snapshot.
    let rel = "content/dokumenter/arsmelding-2025.md";
    site.write(rel, &format!("{}\nEn linje til.\n", site.read_src(rel)));
    site.merge_all("Ny side");
    assert_eq!(site_toml_opens(&site), 1, "the rebuild");
    // Nothing new: the output is up to date.
    assert_eq!(site_toml_opens(&site), 1, "the up-to-date build");
}
