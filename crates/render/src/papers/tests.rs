//! The papers as data: what each says, before any typesetting.

use super::assemble::DRAFT_MARK;
use super::markdown::{blocks, Links};
use super::*;
use crate::testkit::{self, day};
use motebok_domain::{Change, Trails};
use motebok_domain::{MeetingIx, Site};
use motebok_papers::Paper;
use motebok_papers::{Align, Block, Inline, PaperKind};
use motebok_parser::LinkTo;
use motebok_site::config::SiteConfig;
use motebok_site::paper_files::{papers_of, Which};
use motebok_site::views::Views;

fn with(site: &Site, f: impl FnOnce(&Assembler)) {
    let cfg = SiteConfig::parse(testkit::TOML).unwrap();
    let bodies = testkit::InMemory;
    let v = Views::new(site, &cfg, day("2025-06-01"), &bodies);
    let bytes =
        |p: &str| (p == "content/ssu/2025-05-22/vedlegg/kart.png").then(|| vec![0x89, b'P']);
    f(&Assembler {
        v: &v,
        bytes: &bytes,
    });
}

fn files() -> Vec<(&'static str, &'static str)> {
    let mut f = testkit::files();
    f.push((
        "content/ssu/2025-06-12/_mote.md",
        "---\ndato: 2025-06-12\n---\n",
    ));
    f.push(("content/ssu/2025-06-12/2025.20.md", "---\nsaksnr: \"2025.20\"\ntittel: Godkjenning av referat\nsakstype: [referatsak]\ngodkjenner_referat: [\"2025-05-22\"]\n---\nReferatet godkjennes.\n"));
    f.push(("content/ssu/2025-05-22/vedlegg/kart.png", "png"));
    f
}

fn site(drafts: &[&str]) -> Site {
    testkit::site(&files(), Trails::new(), drafts, "2025-06-01")
}

fn meeting(site: &Site, date: &str) -> MeetingIx {
    site.meetings
        .iter()
        .position(|m| m.date == day(date))
        .unwrap()
}

/// Everything a paper says, as one string (the leak checks look for text in it).
fn said(p: &Paper) -> String {
    format!("{p:?}")
}

#[test]
fn summons_has_the_agenda_and_each_public_case_paper_in_order() {
    let site = site(&[]);
    with(&site, |a| {
        let p = a.summons_paper(meeting(&site, "2025-05-22")).unwrap();
        assert_eq!(p.kind, PaperKind::Summons);
        assert_eq!(
            p.title,
            "Innkalling – Strategisk samarbeidsutvalg 22. mai 2025"
        );
        assert_eq!(p.draft, None);
        let labels: Vec<&str> = p.facts.iter().map(|f| f.label.as_str()).collect();
        assert_eq!(labels, ["Utvalg", "Dato", "Tid", "Sted"]);
        let heads: Vec<(&str, bool, bool)> = p
            .sections
            .iter()
            .map(|s| (s.heading.as_str(), s.outline, s.new_page))
            .collect();
        assert_eq!(
            heads,
            [
                ("Saksliste", true, false),
                ("Sak 2025.13 Oppfølging av gammel sak", true, true)
            ]
        );
        let Some(Block::Table { header, rows, .. }) = p.sections[0]
            .blocks
            .iter()
            .find(|b| matches!(b, Block::Table { .. }))
        else {
            panic!("no agenda table: {:?}", p.sections[0]);
        };
        assert_eq!(header.len(), 5);
        assert_eq!(rows.len(), 2);
        // The exempt case is its agenda line, exactly as on the page.
        assert_eq!(
            super::markdown::plain(&rows[1][1]),
            "Unntatt offentlighet (unntatt offentlighet, offl. § 13)"
        );
        // The public case links to its page, absolutely.
        assert!(
            matches!(&rows[0][1][0], Inline::Link { url, .. } if url == "https://example.org/hf/ssu/sak/2025.13/")
        );
        let case = &p.sections[1].blocks;
        assert!(case.contains(&Block::Paragraph(vec![Inline::Text("Ny tekst.".into())])));
        // The Markdown attachment in full, its heading below the attachment's own.
        let i = case
            .iter()
            .position(|b| matches!(b, Block::Heading { level: 2, content } if content == &vec![Inline::Text("Vedlegg: Notat".into())]))
            .expect("the attachment's heading");
        assert!(matches!(&case[i + 1], Block::Heading { level: 3, .. }));
        assert!(said(&p).contains("Innhold i notatet."));
        let s = said(&p);
        assert!(!s.contains("Hemmelig"), "exempt text in the summons: {s}");
    });
}

#[test]
fn minutes_come_with_a_decision_and_say_whether_they_are_approved() {
    let site = site(&[]);
    with(&site, |a| {
        let p = a
            .minutes_paper(meeting(&site, "2025-05-22"))
            .unwrap()
            .expect("minutes");
        assert_eq!(p.kind, PaperKind::Minutes);
        let status = p.facts.iter().find(|f| f.label == "Protokollen").unwrap();
        assert_eq!(
            status.value,
            vec![Inline::Text(
                "godkjent i sak SSU 2025.20 i møtet 12. juni 2025".into()
            )]
        );
        let s = said(&p);
        assert!(s.contains("Godkjent."), "{s}");
        assert!(s.contains("Saken er unntatt offentlighet."), "{s}");
        assert!(!s.contains("Hemmelig"), "exempt text in the minutes: {s}");
        // A meeting whose cases have no decision has no minutes.
        assert!(a
            .minutes_paper(meeting(&site, "2025-06-12"))
            .unwrap()
            .is_none());
    });
    let mut f = files();
    f.retain(|(p, _)| !p.ends_with("2025.20.md"));
    let site = testkit::site(&f, Trails::new(), &[], "2025-06-01");
    with(&site, |a| {
        let p = a
            .minutes_paper(meeting(&site, "2025-05-22"))
            .unwrap()
            .unwrap();
        let status = p.facts.iter().find(|f| f.label == "Protokollen").unwrap();
        assert_eq!(
            status.value,
            vec![Inline::Text("ikke godkjent ennå".into())]
        );
    });
}

#[test]
fn a_draft_paper_carries_the_draft_mark() {
    let site = site(&["content/ssu/2025-05-22/2025.13.md"]);
    with(&site, |a| {
        let mi = meeting(&site, "2025-05-22");
        assert_eq!(
            a.summons_paper(mi).unwrap().draft.as_deref(),
            Some(DRAFT_MARK)
        );
        assert_eq!(
            a.minutes_paper(mi).unwrap().unwrap().draft.as_deref(),
            Some(DRAFT_MARK)
        );
        assert_eq!(
            a.summons_paper(meeting(&site, "2025-06-12")).unwrap().draft,
            None
        );
    });
}

#[test]
fn the_paper_date_is_the_last_approval() {
    let mut trails = Trails::new();
    trails.insert(
        "content/ssu/2025-05-22/_mote.md".into(),
        testkit::trail(vec![testkit::entry(
            "a",
            "2025-04-01T10:00:00+02:00",
            "Merge",
            Change::Added,
        )]),
    );
    trails.insert(
        "content/ssu/2025-05-22/2025.13.md".into(),
        testkit::trail(vec![testkit::entry(
            "b",
            "2025-05-02T10:00:00+02:00",
            "Merge",
            Change::Added,
        )]),
    );
    let site = testkit::site(&files(), trails, &[], "2025-06-01");
    with(&site, |a| {
        let p = a.summons_paper(meeting(&site, "2025-05-22")).unwrap();
        assert_eq!(p.made.to_string(), "2025-05-02 08:00:00");
    });
}

#[test]
fn a_closed_meeting_leaves_a_tombstone() {
    let site = site(&[]);
    with(&site, |a| {
        let old = meeting(&site, "2023-01-10");
        assert_eq!(papers_of(&site, old), [Which::Summons]);
        let p = a.paper(old, Which::Summons).unwrap().unwrap();
        assert_eq!(p.kind, PaperKind::Tombstone);
        let s = said(&p);
        assert!(s.contains("avpublisert 10. januar 2025"), "{s}");
        assert!(s.contains("arkiv@example.org"), "{s}");
        assert!(!s.contains("Gammel tekst"), "{s}");
        assert!(a
            .tombstone_paper(meeting(&site, "2025-05-22"), "Innkalling")
            .is_none());
    });
}

fn convert(md: &str) -> Vec<Block> {
    let resolve = |t: &str| {
        (t == "2025.13.md").then(|| LinkTo {
            url: "https://example.org/hf/ssu/sak/2025.13/".into(),
            note: None,
        })
    };
    let image = |t: &str| (t == "vedlegg/kart.png").then(|| vec![1, 2, 3]);
    blocks(
        md,
        2,
        &Links {
            resolve: &resolve,
            image: &image,
        },
    )
}

fn t(s: &str) -> Inline {
    Inline::Text(s.into())
}

#[test]
fn markdown_becomes_blocks() {
    let b = convert("# Bakgrunn\n\nSe [saken](2025.13.md) og [NAV](https://nav.no) og [her](#x).\n\n## Tall\n\n| År | Antall |\n|---|---:|\n| 2024 | **3** |\n\n- en\n- to\n\n3. tre\n\n> sitat\n\n![Kart over distriktene](vedlegg/kart.png)\n\n```\nkode\n```\n");
    assert_eq!(
        b[0],
        Block::Heading {
            level: 2,
            content: vec![t("Bakgrunn")]
        }
    );
    assert_eq!(
        b[1],
        Block::Paragraph(vec![
            t("Se "),
            Inline::Link {
                url: "https://example.org/hf/ssu/sak/2025.13/".into(),
                content: vec![t("saken")]
            },
            t(" og "),
            Inline::Link {
                url: "https://nav.no".into(),
                content: vec![t("NAV")]
            },
            t(" og her."),
        ])
    );
    assert!(matches!(&b[2], Block::Heading { level: 3, .. }));
    assert_eq!(
        b[3],
        Block::Table {
            columns: vec![Align::Start, Align::End],
            header: vec![vec![t("År")], vec![t("Antall")]],
            rows: vec![vec![vec![t("2024")], vec![Inline::Strong(vec![t("3")])]]],
        }
    );
    assert_eq!(
        b[4],
        Block::List {
            ordered: false,
            start: 1,
            items: vec![
                vec![Block::Paragraph(vec![t("en")])],
                vec![Block::Paragraph(vec![t("to")])]
            ]
        }
    );
    assert!(matches!(
        &b[5],
        Block::List {
            ordered: true,
            start: 3,
            ..
        }
    ));
    assert_eq!(b[6], Block::Quote(vec![Block::Paragraph(vec![t("sitat")])]));
    assert_eq!(
        b[7],
        Block::Image {
            alt: "Kart over distriktene".into(),
            data: vec![1, 2, 3]
        }
    );
    assert_eq!(b[8], Block::Code("kode\n".into()));
    assert_eq!(b.len(), 9);
}

#[test]
fn footnotes_are_numbered_where_cited_and_follow_the_text() {
    let b = convert("Tekst[^b] og mer[^a].\n\n[^a]: Første note.\n[^b]: Andre note.\n");
    assert_eq!(b[0], Block::Paragraph(vec![t("Tekst[1] og mer[2].")]));
    assert_eq!(b[1], Block::Rule);
    assert_eq!(b[2], Block::Paragraph(vec![t("[1] "), t("Andre note.")]));
    assert_eq!(b[3], Block::Paragraph(vec![t("[2] "), t("Første note.")]));
}

#[test]
fn a_decorative_image_has_an_empty_alt_and_raw_html_is_left_out() {
    let b = convert(
        "![Pynt](vedlegg/kart.png \"dekorativt\")\n\n<div>rå html</div>\n\nSlutt <b>fet</b>.\n",
    );
    assert_eq!(
        b[0],
        Block::Image {
            alt: String::new(),
            data: vec![1, 2, 3]
        }
    );
    assert_eq!(b[1], Block::Paragraph(vec![t("Slutt fet.")]));
    assert_eq!(b.len(), 2);
}
