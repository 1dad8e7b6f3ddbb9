//! One small site whose bodies link to one of each kind of target.

use super::*;
use crate::model::Site;
use crate::resolve::{resolve, Inputs};
use crate::trail::Trails;
use chrono::NaiveDate;
use std::collections::HashSet;

const EXEMPT: &str = "offentlig: false\nskjermingshjemmel: offl. § 13\n";

fn site() -> Site {
    let src: Vec<(&str, String)> = vec![
        ("content/ssu/_organ.md", "---\nnavn: SSU\nkortnavn: SSU\n---\nSe [siste møte](2025-05-22/_mote.md).\n".into()),
        // Closed on the build date (24 months from 2023-01-12).
        ("content/ssu/2023-01-12/_mote.md", "---\ndato: 2023-01-12\n---\n".into()),
        ("content/ssu/2023-01-12/2023.01.md", "---\nsaksnr: \"2023.01\"\ntittel: Gammel\nsakstype: [orientering]\nvedlegg:\n  - tittel: Tall\n    fil: vedlegg/tall.pdf\n  - tittel: Notat\n    fil: vedlegg/notat.md\n---\n".into()),
        ("content/ssu/2023-01-12/vedlegg/tall.pdf", "%PDF-1.4\n".into()),
        ("content/ssu/2023-01-12/vedlegg/notat.md", "# Notat\n".into()),
        ("content/ssu/2025-05-22/_mote.md", "---\ndato: 2025-05-22\n---\n\
            [sak](2025.16.md) [gammel sak](../2023-01-12/2023.01.md#vedtak) \
            [tall](../2023-01-12/vedlegg/tall.pdf) [notat](../2023-01-12/vedlegg/notat.md) \
            [kart](vedlegg/kart%20ny.pdf#side=2) [avtalen](../../dokumenter/avtale.md) \
            [mappen](../2023-01-12/) [nett](https://example.org/a.pdf) [her](#toppen)\n".into()),
        ("content/ssu/2025-05-22/vedlegg/kart ny.pdf", "%PDF-1.4\n".into()),
        ("content/ssu/2025-05-22/2025.16.md", "---\nsaksnr: \"2025.16\"\ntittel: Ny\nsakstype: [orientering]\n---\n".into()),
        // An exempt case's text may name another exempt case: nothing public shows it.
        ("content/ssu/2025-05-22/2025.17.md", format!("---\nsaksnr: \"2025.17\"\ntittel: Personal\nsakstype: [dialog]\n{EXEMPT}---\nSe [den andre](2025.18.md).\n")),
        ("content/ssu/2025-05-22/2025.18.md", format!("---\nsaksnr: \"2025.18\"\ntittel: Personal 2\nsakstype: [dialog]\n{EXEMPT}---\n")),
        ("content/dokumenter/avtale.md", "---\ntittel: Avtale\ndoktype: avtale\ndato: 2025-01-01\n---\nTekst.\n".into()),
    ];
    let files = src
        .iter()
        .map(|(p, t)| motebok_parser::parse_file(p, t.as_bytes()).unwrap())
        .collect();
    resolve(Inputs {
        files,
        trails: &Trails::new(),
        drafts: &HashSet::new(),
        today: NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(),
        window_months: 24,
        unparsed: &HashSet::new(),
    })
    .unwrap_or_else(|e| panic!("{e:?}"))
}

fn item(site: &Site, path: &str) -> Item {
    let all = (0..site.organs.len())
        .map(Item::Organ)
        .chain((0..site.meetings.len()).map(Item::Meeting))
        .chain((0..site.cases.len()).map(Item::Case))
        .chain((0..site.documents.len()).map(Item::Document))
        .chain((0..site.attachments.len()).map(Item::Attachment));
    all.into_iter()
        .find(|&i| site.path_of(i) == path)
        .unwrap_or_else(|| panic!("no item {path}"))
}

const MEETING: &str = "content/ssu/2025-05-22/_mote.md";

fn at(site: &Site, link: &str) -> Target {
    site.links.get(MEETING, link).cloned().unwrap()
}

#[test]
fn a_published_page() {
    let s = site();
    let case = item(&s, "content/ssu/2025-05-22/2025.16.md");
    assert_eq!(at(&s, "2025.16.md"), Target::Page(case));
    let doc = item(&s, "content/dokumenter/avtale.md");
    assert_eq!(at(&s, "../../dokumenter/avtale.md"), Target::Page(doc));
    let meeting = item(&s, MEETING);
    assert_eq!(
        s.links.get("content/ssu/_organ.md", "2025-05-22/_mote.md"),
        Some(&Target::Page(meeting))
    );
}

#[test]
fn a_file_of_the_meeting_folder_written_as_a_url_with_a_fragment() {
    let s = site();
    let Item::Attachment(kart) = item(&s, "content/ssu/2025-05-22/vedlegg/kart ny.pdf") else {
        unreachable!()
    };
    assert_eq!(at(&s, "vedlegg/kart%20ny.pdf#side=2"), Target::File(kart));
    // Only the link uses it: published with the meeting that links it.
    assert!(s.attachments[kart].publication.is_published());
}

#[test]
fn a_tombstoned_page_and_a_closed_markdown_attachment() {
    let s = site();
    let old = item(&s, "content/ssu/2023-01-12/2023.01.md");
    assert_eq!(
        at(&s, "../2023-01-12/2023.01.md#vedtak"),
        Target::Tombstone(old)
    );
    let notat = item(&s, "content/ssu/2023-01-12/vedlegg/notat.md");
    assert_eq!(
        at(&s, "../2023-01-12/vedlegg/notat.md"),
        Target::Tombstone(notat)
    );
}

#[test]
fn a_closed_file_lands_on_the_tombstone_of_its_case() {
    let s = site();
    let Item::Attachment(tall) = item(&s, "content/ssu/2023-01-12/vedlegg/tall.pdf") else {
        unreachable!()
    };
    let Item::Case(old) = item(&s, "content/ssu/2023-01-12/2023.01.md") else {
        unreachable!()
    };
    assert_eq!(
        at(&s, "../2023-01-12/vedlegg/tall.pdf"),
        Target::ClosedFile(tall, Landing::Case(old))
    );
}

#[test]
fn an_exempt_item_is_withheld_but_still_named_for_the_archive() {
    let s = site();
    let other = item(&s, "content/ssu/2025-05-22/2025.18.md");
    let t = s
        .links
        .get("content/ssu/2025-05-22/2025.17.md", "2025.18.md")
        .cloned()
        .unwrap();
    assert_eq!(t, Target::Withheld(other));
    assert_eq!(t.item(), Some(other));
}

#[test]
fn nothing_and_what_is_not_relative() {
    let s = site();
    // A page address names no file: kept as written.
    assert_eq!(at(&s, "../2023-01-12/"), Target::Nothing);
    assert_eq!(Target::Nothing.item(), None);
    for outside in ["https://example.org/a.pdf", "#toppen", "/ssu/"] {
        assert_eq!(s.links.get(MEETING, outside), None, "{outside}");
    }
    // Every link of the meeting's text, and only those, in the order of their text.
    let keys: Vec<&str> = s.links.of(MEETING).map(|(k, _)| k).collect();
    assert_eq!(
        keys,
        [
            "../../dokumenter/avtale.md",
            "../2023-01-12/",
            "../2023-01-12/2023.01.md",
            "../2023-01-12/vedlegg/notat.md",
            "../2023-01-12/vedlegg/tall.pdf",
            "2025.16.md",
            "https://example.org/a.pdf",
            "vedlegg/kart ny.pdf",
        ]
    );
}

#[test]
fn paths_join_against_the_folder_and_never_leave_the_repository() {
    assert_eq!(
        join("content/ssu/2025-05-22", "../2025-02-27/./2025.07.md").as_deref(),
        Some("content/ssu/2025-02-27/2025.07.md")
    );
    assert_eq!(join("content", "../../x"), None);
    assert!(is_relative("vedlegg/a.pdf") && !is_relative("mailto:a@b.no"));
}
