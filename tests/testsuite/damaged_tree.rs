//! A full build reads every file of the branch from git, and a file whose git object is
//! damaged or gone stops it; every such file is named in the one run (exit status 2), with
//! what to do, as a rebuild names the bodies it cannot read (`body_store`). Nothing is
//! written: a new output folder is not made, an old one stays as it was.

use crate::body_store::{assert_unread, damage, CASE, MEETING};
use crate::common::*;

#[test]
fn a_build_into_a_new_folder_names_every_damaged_file() {
    let site = Site::minimal();
    damage(&site, MEETING, "---\n---\nUlagret endring.\n");
    damage(&site, CASE, "---\n---\nUlagret endring.\n");

    let out = site.path().join("fresh");
    let o = site.motebok(&[
        "build",
        "--as-of",
        "2026-01-01",
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_unread(&o, &[CASE, MEETING]);
    assert!(
        snapshot(&out).is_empty(),
        "nothing written: {:?}",
        snapshot(&out).keys().collect::<Vec<_>>()
    );
}

#[test]
fn a_full_build_over_an_old_output_names_every_damaged_file_and_leaves_it() {
    let site = Site::minimal();
    site.build("2026-01-01");
    let before = snapshot(&site.out_dir());
    assert!(site.page("ssu/2025-05-22/").contains("Velkommen."));

    // A new title in site.toml: every page changes, so the build starts over from the tree
    // rather than from the snapshot.
    site.write(
        "site.toml",
        &MINIMAL_TOML.replace("i Testfold\"\nbase_url", "i Nyfold\"\nbase_url"),
    );
    assert_ne!(site.read_src("site.toml"), MINIMAL_TOML);
    site.merge_all("Nytt navn");
    damage(&site, MEETING, "---\n---\nUlagret endring.\n");
    damage(&site, CASE, "---\n---\nUlagret endring.\n");

    let o = site.try_build("2026-01-01");
    assert_unread(&o, &[CASE, MEETING]);
    assert_eq!(snapshot(&site.out_dir()), before);
}
