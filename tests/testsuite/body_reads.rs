//! A body that cannot be read is an error, never an empty page. A rebuild reads from git only
//! the bodies it renders; when one of them cannot be read (its blob damaged in the object store)
//! the build reports it with exit status 2 and the output stays as it was.

use crate::common::*;

const CASE: &str = "content/ssu/2025-05-22/2025.13.md";

#[test]
fn a_body_that_cannot_be_read_stops_the_rebuild_and_leaves_the_output() {
    let site = Site::minimal();
    site.build("2026-01-01");
    let before = snapshot(&site.out_dir());
    let page = site.page("ssu/sak/2025.13/");
    assert!(page.contains("Tekst."), "{page}");

    // A new commit the rebuild takes up, which changes the case's thread (it is rendered).
    site.write(
        "content/ssu/2025-05-22/2025.14.md",
        "---\nsaksnr: \"2025.14\"\ntittel: Oppfølging, endret\nsakstype: [orientering]\noppfolging_av: [\"2025.13\"]\nvedlegg:\n  - tittel: Notat\n    fil: vedlegg/notat.md\n---\nSe [notatet](vedlegg/notat.md).\n",
    );
    site.merge_all("Endre tittel");
    // The case's blob damaged in the object store, and its checkout changed (so the rebuild
    // cannot take the bytes from there).
    crate::body_store::damage(
        &site,
        CASE,
        "---\nsaksnr: \"2025.13\"\n---\nUlagret endring.\n",
    );

    let o = site.try_build("2026-01-01");
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    // It names the file, so the editor knows what to restore.
    assert!(
        err.contains(&format!("kan ikke lese {CASE} fra git")),
        "{err}"
    );
    // Nothing was published: not an empty case page, not the new title.
    assert_eq!(snapshot(&site.out_dir()), before);
}
