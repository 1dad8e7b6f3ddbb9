//! `typeset` on small papers, read back with lopdf: the bytes are reproducible, editor text
//! comes out literally, every page says "Side n av N", every outlined section is a bookmark,
//! and the catalog carries what PDF/UA-1 and PDF/A-2 need. (The independent checkers run in
//! the root test suite, `tests/testsuite/pdf_checks.rs`.)

use lopdf::{Document, Object};
use motebok_papers::{typeset, Align, Block, Inline, Paper, Section};

#[path = "fixtures/meeting.rs"]
mod meeting;
use meeting::{fact, meeting, text};

fn section(heading: &str, outline: bool, new_page: bool, blocks: Vec<Block>) -> Section {
    Section {
        heading: heading.to_owned(),
        outline,
        new_page,
        blocks,
    }
}

fn paper(sections: Vec<Section>) -> Paper {
    meeting(vec![fact("Sted", "Møterom Æ/Ø/Å")], sections)
}

fn three_cases() -> Paper {
    paper(
        [
            "Sak 2025.10 Godkjenning",
            "Sak 2025.11 Årsrapport",
            "Sak 2025.12 Økonomi",
        ]
        .iter()
        .map(|h| {
            section(
                h,
                true,
                true,
                vec![Block::Paragraph(text("Saksframlegget følger."))],
            )
        })
        .collect(),
    )
}

fn pages_text(pdf: &[u8]) -> Vec<String> {
    let doc = Document::load_mem(pdf).expect("lopdf reads the PDF");
    doc.get_pages()
        .keys()
        .map(|&n| doc.extract_text(&[n]).expect("the text of a page"))
        .collect()
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_same_paper_gives_the_same_bytes() {
    let paper = three_cases();
    let first = typeset(&paper).expect("typeset");
    let second = typeset(&paper).expect("typeset again");
    assert!(first.starts_with(b"%PDF-"), "a PDF");
    assert!(first == second, "two runs differ");
    // ... and from another thread, as the builder's rayon pool calls it.
    let third = std::thread::spawn(move || typeset(&paper).expect("typeset on a thread"))
        .join()
        .unwrap();
    assert!(first == third, "a run on another thread differs");
    // A different paper is a different document (id and bytes).
    let mut other = three_cases();
    other.title.push_str(" (ny)");
    assert!(typeset(&other).unwrap() != first);
}

#[test]
fn editor_text_comes_out_literally() {
    let tricky = r"Kostnad #1: *ikke* fet, $x$ <b> @ref \ ] [ _u_ `k` // /* «sitat» – § 3 æøå ÆØÅ";
    let pdf = typeset(&paper(vec![section(
        "Sak #2 med *stjerner* og ]",
        true,
        false,
        vec![
            Block::Paragraph(text(tricky)),
            Block::Table {
                columns: vec![Align::Start, Align::End],
                header: vec![text("Post $"), text("Beløp #")],
                rows: vec![vec![text("a]b"), text("@1")]],
            },
            Block::Code("let x = #y; // \\ ]".into()),
        ],
    )]))
    .expect("typeset");
    let all = collapse(&pages_text(&pdf).concat());
    for want in [
        tricky,
        "Sak #2 med *stjerner* og ]",
        "Post $",
        "Beløp #",
        "a]b",
        "@1",
        "let x = #y; // \\ ]",
    ] {
        assert!(all.contains(want), "{want:?} is not in the text:\n{all}");
    }
}

#[test]
fn every_page_says_side_n_av_total() {
    let pdf = typeset(&three_cases()).expect("typeset");
    let pages = pages_text(&pdf);
    assert_eq!(pages.len(), 3, "each case on its own page");
    for (i, page) in pages.iter().enumerate() {
        let want = format!("Side {} av 3", i + 1);
        assert!(
            collapse(page).contains(&want),
            "page {}: no {want:?} in {page:?}",
            i + 1
        );
    }
    // The running header is on the later pages, not on the first.
    assert!(!pages[0].contains("Strategisk samarbeidsutvalg · 22. mai 2025"));
    assert!(collapse(&pages[1]).contains("Strategisk samarbeidsutvalg · 22. mai 2025"));
}

#[test]
fn outlined_sections_are_bookmarks_the_others_not() {
    let mut paper = three_cases();
    paper.sections[1].outline = false;
    let pdf = typeset(&paper).expect("typeset");
    let doc = Document::load_mem(&pdf).unwrap();
    let toc = doc.get_toc().expect("an outline");
    let titles: Vec<(String, usize)> = toc.toc.iter().map(|e| (e.title.clone(), e.page)).collect();
    assert_eq!(
        titles,
        vec![
            ("Sak 2025.10 Godkjenning".to_owned(), 1),
            ("Sak 2025.12 Økonomi".to_owned(), 3)
        ]
    );
}

#[test]
fn the_draft_mark_is_on_every_page() {
    let mut paper = three_cases();
    paper.draft = Some("Utkast – ikke godkjent".into());
    let pages = pages_text(&typeset(&paper).unwrap());
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.to_lowercase().contains("utkast – ikke godkjent"),
            "page {} has no draft mark: {page:?}",
            i + 1
        );
    }
    let clean = pages_text(&typeset(&three_cases()).unwrap()).concat();
    assert!(!clean.to_lowercase().contains("utkast"));
}

#[test]
fn the_catalog_declares_language_title_tags_and_standards() {
    let pdf = typeset(&three_cases()).unwrap();
    let doc = Document::load_mem(&pdf).unwrap();
    let catalog = doc.catalog().unwrap();
    let string = |o: &Object| String::from_utf8_lossy(o.as_str().unwrap()).into_owned();
    assert_eq!(string(catalog.get(b"Lang").unwrap()), "nb");
    assert!(catalog.has(b"StructTreeRoot"), "tagged");
    let prefs = doc
        .dereference(catalog.get(b"ViewerPreferences").unwrap())
        .unwrap()
        .1
        .as_dict()
        .unwrap();
    assert!(prefs.get(b"DisplayDocTitle").unwrap().as_bool().unwrap());
    let (_, metadata) = doc.dereference(catalog.get(b"Metadata").unwrap()).unwrap();
    let xmp = String::from_utf8_lossy(&metadata.as_stream().unwrap().content).into_owned();
    for want in [
        "<pdfuaid:part>1</pdfuaid:part>",
        "<pdfaid:part>2</pdfaid:part>",
        "<pdfaid:conformance>A</pdfaid:conformance>",
        "Helsefellesskapet Sørøst",
        "Innkalling – Strategisk samarbeidsutvalg 22. mai 2025",
        "2025-05-08T09:30:00",
    ] {
        assert!(xmp.contains(want), "{want:?} is not in the XMP:\n{xmp}");
    }
}

#[test]
fn images_need_no_file_system_and_decorative_ones_are_allowed() {
    // A 2×1 PNG, red and blue.
    let png = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x7B,
        0x40, 0xE8, 0xDD, 0x00, 0x00, 0x00, 0x0F, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x38,
        0x21, 0x27, 0x27, 0x62, 0xB3, 0x00, 0x00, 0x07, 0x19, 0x01, 0xF5, 0x4C, 0xAF, 0x55, 0xF1,
        0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ];
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="teal"/></svg>"#;
    let pdf = typeset(&paper(vec![section(
        "Bilder",
        true,
        false,
        vec![
            Block::Image {
                alt: "Organisasjonskart".into(),
                data: png.to_vec(),
            },
            Block::Image {
                alt: String::new(),
                data: svg.to_vec(),
            },
        ],
    )]))
    .expect("typeset with images");
    assert!(
        String::from_utf8_lossy(&pdf).contains("Organisasjonskart"),
        "the alt text is in the structure tree"
    );
}

#[test]
fn characters_the_fonts_lack_do_not_fail_the_paper() {
    let odd = "Emoji 😀\u{FE0F}, kinesisk 中文, arabisk عربي, samisk Áŋŋe Čáhppes, gresk αβγ, kyrillisk Жж";
    let pdf = typeset(&paper(vec![section(
        "Tegn",
        true,
        false,
        vec![Block::Paragraph(text(odd))],
    )]))
    .expect("typeset with characters outside the fonts");
    let all = collapse(&pages_text(&pdf).concat());
    for want in [
        "Emoji \u{FFFD},",
        "kinesisk \u{FFFD}\u{FFFD},",
        "samisk Áŋŋe Čáhppes",
        "gresk αβγ",
        "kyrillisk Жж",
    ] {
        assert!(all.contains(want), "{want:?} is not in the text:\n{all}");
    }
}

#[test]
fn an_image_typst_cannot_read_is_named_in_its_place() {
    let pdf = typeset(&paper(vec![section(
        "Bilder",
        true,
        false,
        vec![
            Block::Image {
                alt: "Kart over kommunene".into(),
                data: b"\x89PNG\r\n\x1a\nnot really".to_vec(),
            },
            Block::Image {
                alt: String::new(),
                data: b"<svg".to_vec(),
            },
        ],
    )]))
    .expect("a broken image does not fail the paper");
    let all = collapse(&pages_text(&pdf).concat());
    assert!(
        all.contains("[Bildet kan ikke vises: Kart over kommunene]"),
        "{all}"
    );
}

#[test]
fn empty_and_odd_blocks_do_not_fail_the_paper() {
    let pdf = typeset(&paper(vec![
        section(
            "Tomt",
            true,
            false,
            vec![
                Block::Table {
                    columns: vec![],
                    header: vec![],
                    rows: vec![],
                },
                Block::Table {
                    columns: vec![Align::Center],
                    header: vec![text("Bare overskrift")],
                    rows: vec![vec![], vec![text("a"), text("b"), text("c")]],
                },
                Block::List {
                    ordered: true,
                    start: 0,
                    items: vec![vec![], vec![Block::Paragraph(vec![])]],
                },
                Block::List {
                    ordered: false,
                    start: 1,
                    items: vec![],
                },
                Block::Quote(vec![]),
                Block::Paragraph(vec![]),
                Block::Facts(vec![]),
                Block::Heading {
                    level: 9,
                    content: text("Dypt nivå"),
                },
                Block::Code(String::new()),
                Block::Paragraph(vec![Inline::Link {
                    url: "mailto:post@example.org".into(),
                    content: vec![],
                }]),
            ],
        ),
        section("Ingen blokker", false, true, vec![]),
    ]))
    .expect("typeset");
    let all = collapse(&pages_text(&pdf).concat());
    for want in [
        "Bare overskrift",
        "Dypt nivå",
        "mailto:post@example.org",
        "Ingen blokker",
    ] {
        assert!(all.contains(want), "{want:?} is not in the text:\n{all}");
    }
}

/// Hostile input the pages take (tests/testsuite/hostile_input.rs) typesets too: a
/// 200,000-character run without a space, fifty quotes in one another, empty headings.
#[test]
fn hostile_shapes_still_typeset() {
    let mut deep = vec![Block::Paragraph(text("sitat"))];
    for _ in 0..50 {
        deep = vec![Block::Quote(deep)];
    }
    let mut list = vec![Block::Paragraph(text("punkt"))];
    for _ in 0..50 {
        list = vec![Block::List {
            ordered: false,
            start: 1,
            items: vec![list],
        }];
    }
    let blocks = vec![
        Block::Paragraph(text(&format!(
            "{}lenke{}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        ))),
        Block::Heading {
            level: 2,
            content: text(" "),
        },
        Block::Heading {
            level: 2,
            content: vec![],
        },
    ]
    .into_iter()
    .chain(deep)
    .chain(list)
    .collect();
    let pdf = typeset(&paper(vec![section("Sak 2025.13", true, false, blocks)]))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(pdf.starts_with(b"%PDF-"));
}
