//! Rebuilds: an output that is up to date is left alone, and every new commit (an edit, a
//! rename, a deletion) shows up; files that did not change are taken over, not rewritten.

mod common;
use common::*;
use std::os::unix::fs::MetadataExt;

fn inode(site: &Site, url: &str) -> u64 {
    let mut p = site.out_dir().join(url);
    if url.ends_with('/') {
        p = p.join("index.html");
    }
    std::fs::metadata(p).unwrap().ino()
}

#[test]
fn nothing_changed_means_nothing_written() {
    let site = Site::minimal();
    site.build("2026-01-01");
    let before = snapshot(&site.out_dir());
    let ino = inode(&site, "ssu/sak/2025.13/");
    let o = site.build("2026-01-01");
    assert!(stderr(&o).contains("allerede oppdatert"), "{}", stderr(&o));
    assert_eq!(snapshot(&site.out_dir()), before);
    assert_eq!(
        inode(&site, "ssu/sak/2025.13/"),
        ino,
        "the file was not touched"
    );
    // Another date can change windows: it is a real build.
    let o = site.build("2026-01-02");
    assert!(stderr(&o).contains("Bygget"), "{}", stderr(&o));
}

#[test]
fn new_commit_rename_and_deletion_all_show_up() {
    let site = Site::minimal();
    site.build("2026-01-01");
    let untouched = inode(&site, "om-publisering/");

    // An edit in a new commit.
    site.write(
        "content/ssu/2025-05-22/2025.13.md",
        &site
            .read_src("content/ssu/2025-05-22/2025.13.md")
            .replace("Tekst.", "Endret etter møtet."),
    );
    site.merge_all("Rett sak 2025.13");
    let o = site.build("2026-01-01");
    assert!(stderr(&o).contains("Bygget"), "{}", stderr(&o));
    assert!(site
        .page("ssu/sak/2025.13/")
        .contains("Endret etter møtet."));
    assert_eq!(
        inode(&site, "om-publisering/"),
        untouched,
        "unchanged pages are taken over: {}",
        stderr(&o)
    );

    // A rename: the meeting moves to a new date.
    std::fs::rename(
        site.path().join("content/ssu/2025-05-22"),
        site.path().join("content/ssu/2025-05-23"),
    )
    .unwrap();
    site.write(
        "content/ssu/2025-05-23/_mote.md",
        "---\ndato: 2025-05-23\n---\nFlyttet.\n",
    );
    site.merge_all("Flytt møtet");
    site.build("2026-01-01");
    assert!(site.exists("ssu/2025-05-23/"));
    assert!(
        !site.exists("ssu/2025-05-22/"),
        "the old meeting page is gone"
    );
    assert!(site.page("ssu/sak/2025.13/").contains("2025-05-23"));

    // A deletion.
    site.remove("content/ssu/2025-05-23/2025.14.md");
    site.remove("content/ssu/2025-05-23/vedlegg/notat.md");
    site.merge_all("Trekk sak 2025.14");
    site.build("2026-01-01");
    assert!(!site.exists("ssu/sak/2025.14/"));
    assert!(!site.exists("ssu/2025-05-23/vedlegg/notat/"));
    assert!(!site.page("ssu/2025-05-23/").contains("2025.14"));
    assert!(!site.page("sitemap.xml").contains("2025.14"));
}

#[test]
fn a_damaged_output_is_rebuilt() {
    let site = Site::minimal();
    site.build("2026-01-01");
    std::fs::remove_file(site.out_dir().join(".motebok/manifest.json")).unwrap();
    let o = site.build("2026-01-01");
    assert!(stderr(&o).contains("Bygget"), "{}", stderr(&o));
}
