//! A rebuild typesets a meeting's paper again only when what the paper says has changed
//! (issue 16, item 5): a case page's fingerprint changes with its thread, but the summons
//! that holds that case does not show the thread, so it is kept as it was.

use crate::common::*;

/// `(typeset, kept)` of a build's papers, built into the site's output folder.
fn build_counting(site: &Site, as_of: &str) -> (usize, usize) {
    let (p, _) = build_papers(site, &site.out_dir(), as_of);
    (p.typeset, p.kept)
}

#[test]
fn a_paper_whose_content_did_not_change_is_not_typeset_again() {
    let site = Site::minimal();
    site.write(
        "content/ssu/2025-09-01/_mote.md",
        "---\ndato: 2025-09-01\ntid: \"09:00-12:00\"\nsted: SiV\n---\nVelkommen.\n",
    );
    site.write(
        "content/ssu/2025-09-01/2025.20.md",
        "---\nsaksnr: \"2025.20\"\ntittel: Videre oppfølging\nsakstype: [orientering]\noppfolging_av: [\"2025.14\"]\n---\nFørste tekst.\n",
    );
    site.merge_all("Septembermøtet");
    assert_eq!(
        build_counting(&site, "2025-10-01"),
        (2, 0),
        "two summons, made anew"
    );
    let may = site.out_dir().join("ssu/2025-05-22/innkalling.pdf");
    let before = std::fs::read(&may).unwrap();

    // The later case's title changes: the May case page shows it in its thread, the May
    // summons does not.
    site.write(
        "content/ssu/2025-09-01/2025.20.md",
        &site
            .read_src("content/ssu/2025-09-01/2025.20.md")
            .replace("Videre oppfølging", "Videre oppfølging av notatet"),
    );
    site.merge_all("Ny tittel");
    assert_eq!(
        build_counting(&site, "2025-10-01"),
        (1, 1),
        "only the September summons is typeset again"
    );
    assert_eq!(std::fs::read(&may).unwrap(), before);
    assert!(
        crate::meeting_papers::pdf_text(&site.out_dir().join("ssu/2025-09-01/innkalling.pdf"))
            .contains("Videre oppfølging av notatet")
    );
    same_as_full_build(&site, "2025-10-01", "the rebuild");
}
