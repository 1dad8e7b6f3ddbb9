//! The live preview shows an edited page before typst has typeset the meeting papers the edit
//! changed (a summons of 40 pages takes a few hundred milliseconds): a first pass publishes
//! the pages with the papers as they were, a second typesets the papers and the meeting
//! pages that show their sizes. What the preview ends with is what a clean build gives.

use crate::common::*;
use crate::serve::{as_map, changed, clean, Files};
use motebok_serve::{Changes, Session};

fn pdf_text(files: &Files, p: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("paper.pdf");
    std::fs::write(&path, &files[p]).unwrap();
    crate::meeting_papers::pdf_text(&path)
}

#[test]
fn an_edited_page_is_published_before_its_meeting_papers_are_typeset() {
    let site = Site::minimal();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let mut session = Session::new(site.path(), day);
    session.rebuild(&Changes::all()).unwrap();
    let summons = "ssu/2025-05-22/innkalling.pdf";
    let before = session.files()[summons].clone();
    assert!(!pdf_text(session.files(), summons).contains("Ny tekst i forhåndsvisningen."));

    let edited = "content/ssu/2025-05-22/2025.13.md";
    site.write(
        edited,
        &site
            .read_src(edited)
            .replace("Tekst.", "Ny tekst i forhåndsvisningen."),
    );
    let mut early = Vec::new();
    session
        .rebuild_then(&changed(&site, &[edited]), |s, _| {
            early.push(s.files().clone());
        })
        .unwrap();
    assert_eq!(
        early.len(),
        1,
        "the pages are handed over once, before the papers"
    );
    let first = &early[0];
    let case = String::from_utf8(first["ssu/sak/2025.13/index.html"].to_vec()).unwrap();
    assert!(case.contains("Ny tekst i forhåndsvisningen."), "{case}");
    assert_eq!(
        first[summons], before,
        "the summons waits for the second pass"
    );

    let last = session.files();
    assert_ne!(last[summons], before);
    assert!(pdf_text(last, summons).contains("Ny tekst i forhåndsvisningen."));
    assert_eq!(
        as_map(last),
        clean(&site),
        "the same files as a clean build"
    );
}
