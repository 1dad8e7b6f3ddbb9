//! Bodies come from a store with a fallible read: a rebuild reads from git only the bodies
//! the pages it renders need, and a body it cannot read is an error of the run, never an
//! empty body. Every body that cannot be read is named in the one run (exit status 2), with
//! what to do, and the output stays as it was.

use crate::common::*;

pub(crate) const MEETING: &str = "content/ssu/2025-05-22/_mote.md";
pub(crate) const CASE: &str = "content/ssu/2025-05-22/2025.13.md";

/// Damages the committed blob of `path` in the object store, and changes its checkout to
/// `checkout` (so a rebuild cannot take the bytes from there).
pub(crate) fn damage(site: &Site, path: &str, checkout: &str) {
    let blob = String::from_utf8(site.git(&["rev-parse", &format!("HEAD:{path}")]).stdout).unwrap();
    let blob = blob.trim();
    let object = site
        .path()
        .join(".git/objects")
        .join(&blob[..2])
        .join(&blob[2..]);
    assert!(object.exists(), "a loose object: {}", object.display());
    let mut perms = std::fs::metadata(&object).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&object, perms).unwrap();
    std::fs::write(&object, b"not a zlib stream").unwrap();
    site.write(path, checkout);
}

/// The run stopped with exit status 2, naming every one of `paths` as not read from git, and
/// saying what to do about them.
pub(crate) fn assert_unread(o: &std::process::Output, paths: &[&str]) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    for path in paths {
        assert!(
            err.contains(&format!("kan ikke lese {path} fra git")),
            "{err}"
        );
    }
    assert!(err.contains("hent dem igjen"), "{err}");
}

#[test]
fn every_body_that_cannot_be_read_is_named_in_one_run() {
    let site = Site::minimal();
    site.build("2026-01-01");
    let before = snapshot(&site.out_dir());
    assert!(site.page("ssu/2025-05-22/").contains("Velkommen."));

    // A new commit the rebuild takes up: the follow-up's title changes, so the meeting page,
    // its papers and the case it follows up are rendered again, and read both bodies.
    site.write(
        "content/ssu/2025-05-22/2025.14.md",
        "---\nsaksnr: \"2025.14\"\ntittel: Oppfølging, endret\nsakstype: [orientering]\noppfolging_av: [\"2025.13\"]\nvedlegg:\n  - tittel: Notat\n    fil: vedlegg/notat.md\n---\nSe [notatet](vedlegg/notat.md).\n",
    );
    site.merge_all("Endre tittel");
    damage(&site, MEETING, "---\n---\nUlagret endring.\n");
    damage(&site, CASE, "---\n---\nUlagret endring.\n");

    // Both files, in one run, and what to do about them.
    assert_unread(&site.try_build("2026-01-01"), &[CASE, MEETING]);
    // Nothing was published: no page without its text, not the new title.
    assert_eq!(snapshot(&site.out_dir()), before);
}
