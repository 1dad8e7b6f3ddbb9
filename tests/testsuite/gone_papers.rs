//! A meeting's papers when the meeting moves or is deleted (CONTENT.md §7, §9): their URLs stay
//! as the page's does. A moved meeting's old `innkalling.pdf` and `protokoll.pdf` are the new
//! ones, byte for byte (a PDF cannot hold a pointer a browser follows); a deleted meeting's keep
//! a one-page tombstone PDF naming when and in which pull request it was withdrawn. Only papers
//! the meeting had: no minutes tombstone for a meeting that never had minutes.

use crate::common::*;
use crate::meeting_papers::{check_pdf, decide, fixture, pages, pdf_text};

const OLD_SUMMONS: &str = "ssu/2025-05-22/innkalling.pdf";
const OLD_MINUTES: &str = "ssu/2025-05-22/protokoll.pdf";

fn json(site: &Site, rel: &str) -> serde_json::Value {
    serde_json::from_str(&site.page(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn bytes(site: &Site, rel: &str) -> Vec<u8> {
    std::fs::read(site.out_dir().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn a_moved_meetings_old_paper_urls_serve_the_new_papers() {
    let site = fixture();
    decide(&site);
    site.build("2025-06-01");
    move_meeting(&site);
    site.build("2025-06-01");
    same_as_full_build(&site, "2025-06-01", "the rebuild");

    for which in ["innkalling.pdf", "protokoll.pdf"] {
        let old = bytes(&site, &format!("ssu/2025-05-22/{which}"));
        let new = bytes(&site, &format!("ssu/2025-05-27/{which}"));
        assert!(old == new, "the old {which} is not the new one");
        assert!(
            pdf_text(&site.out_dir().join(format!("ssu/2025-05-22/{which}")))
                .contains("27. mai 2025")
        );
    }
    // Their old /api/ File ids are deleted objects, as the meeting's is.
    for id in ["innkalling", "referat"] {
        let rel = format!("api/file/ssu/2025-05-22/{id}.json");
        let f = json(&site, &rel);
        assert_eq!(f["deleted"], true, "{rel}: {f}");
        assert_eq!(f["type"], "https://schema.oparl.org/1.1/File", "{f}");
    }
    // The copies are in no list.
    for f in ["sitemap.xml", "feed.xml", "api/meetings.json"] {
        assert!(
            !site.page(f).contains("2025-05-22/"),
            "{f} lists the old URL"
        );
    }
}

#[test]
fn a_deleted_meetings_paper_urls_keep_a_one_page_tombstone_naming_the_pull_request() {
    let site = fixture();
    decide(&site);
    site.build("2025-06-01");
    site.remove("content/ssu/2025-05-22");
    let pr = site.merge_all("Trekk møtet 22. mai");
    site.build("2025-06-01");
    same_as_full_build(&site, "2025-06-01", "the rebuild");

    for path in [OLD_SUMMONS, OLD_MINUTES] {
        let pdf = site.out_dir().join(path);
        assert!(pdf.is_file(), "nothing at {path}");
        check_pdf(
            std::slice::from_ref(&pdf),
            &["22. mai 2025", "trukket tilbake", &format!("PR #{pr}")],
        );
        assert_eq!(pages(&pdf), 1, "{path}");
        let text = pdf_text(&pdf);
        for gone in [
            "Tekst om innkallingen",
            "Innkallingen ble godkjent",
            "Fjellheim",
        ] {
            assert!(
                !text.contains(gone),
                "{gone:?} in the tombstone {path}: {text}"
            );
        }
    }
    let f = json(&site, "api/file/ssu/2025-05-22/referat.json");
    assert_eq!(f["deleted"], true, "{f}");
}

#[test]
fn a_deleted_meeting_without_minutes_gets_no_minutes_tombstone() {
    let site = fixture();
    site.build("2025-06-01");
    assert!(!site.exists(OLD_MINUTES));
    site.remove("content/ssu/2025-05-22");
    site.merge_all("Trekk møtet 22. mai");
    site.build("2025-06-01");
    same_as_full_build(&site, "2025-06-01", "the rebuild");
    assert!(site.exists(OLD_SUMMONS), "no summons tombstone");
    assert!(
        !site.exists(OLD_MINUTES),
        "a minutes tombstone for minutes that never were"
    );
    assert!(!site.exists("api/file/ssu/2025-05-22/referat.json"));
}
