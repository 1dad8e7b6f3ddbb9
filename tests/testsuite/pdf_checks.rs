//! The meeting papers' PDFs checked by independent tools (`tests/py/check_pdf.py`: the `pdfua`
//! checker, pikepdf, `qpdf --check`, poppler's `pdftotext`): a rich summons-like paper passes
//! every check, and each check fails on a fixture broken in just its way (an untagged PDF, one
//! without /Lang, without XMP identification, without DisplayDocTitle, with a font not
//! embedded, with a damaged xref, with its text out of the expected order), as the browser
//! audit fails on its broken fixtures. The tools come from scripts/install-test-deps (qpdf and
//! poppler-utils from Debian, pdfua and pikepdf in target/test-venv or MOTEBOK_TEST_VENV);
//! missing tools are a failure, never a skip.

use lopdf::{Document, Object};
use motebok_papers::{typeset, Align, Block, Inline, Paper, Section};
use std::process::{Command, Output};
use std::sync::OnceLock;

use crate::common::{python, repo_root};

// The papers crate's sample meeting, shared with its own tests and example.
#[path = "../../crates/papers/tests/fixtures/meeting.rs"]
mod meeting;
use meeting::{fact, meeting, par, text};

const SPECIAL: &str = r"Typst-tegn står som de er: # * $ < @ \ ] _ `";

/// A PNG of 2×1 pixels.
fn png() -> Vec<u8> {
    vec![
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x7B,
        0x40, 0xE8, 0xDD, 0x00, 0x00, 0x00, 0x0F, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x38,
        0x21, 0x27, 0x27, 0x62, 0xB3, 0x00, 0x00, 0x07, 0x19, 0x01, 0xF5, 0x4C, 0xAF, 0x55, 0xF1,
        0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ]
}

/// A summons packet: facts, the agenda as a table, a list, a link, an image, a quote, code,
/// Norwegian letters and typst's special characters, two case papers on pages of their own.
fn summons() -> Paper {
    let agenda = [
        ("2025.10", "Godkjenning av innkalling og saksliste"),
        (
            "2025.11",
            "Årsrapport for helsefellesskapet – «Sammen om pasienten»",
        ),
        ("2025.12", "Unntatt offentlighet"),
    ];
    let case = |number: &str, title: &str, blocks: Vec<Block>| Section {
        heading: format!("Sak {number} {title}"),
        outline: true,
        new_page: true,
        blocks,
    };
    meeting(
        vec![
            fact("Dato", "torsdag 22. mai 2025"),
            fact("Tid", "09.00–12.00"),
            fact("Sted", "Kalnes, møterom Ærfugl"),
            fact("Møteleder", "Øyvind Ås"),
        ],
        vec![
            Section {
                heading: "Saksliste".into(),
                outline: true,
                new_page: false,
                blocks: vec![Block::Table {
                    columns: vec![Align::Start, Align::Start, Align::Start, Align::End],
                    header: vec![
                        text("Saksnr."),
                        text("Tittel"),
                        text("Type"),
                        text("Vedlegg"),
                    ],
                    rows: agenda
                        .iter()
                        .map(|(n, t)| vec![text(n), text(t), text("Vedtakssak"), text("1")])
                        .collect(),
                }],
            },
            case(
                "2025.10",
                "Godkjenning av innkalling og saksliste",
                vec![
                    Block::Heading {
                        level: 2,
                        content: text("Forslag til vedtak"),
                    },
                    Block::Quote(vec![par("Innkalling og saksliste godkjennes.")]),
                    Block::List {
                        ordered: true,
                        start: 1,
                        items: vec![
                            vec![par("Første punkt: tjenester på tvers")],
                            vec![par("Andre punkt: § 6-2 i loven")],
                        ],
                    },
                    par(SPECIAL),
                    Block::Code("saksnr = 2025.10 # ikke en kommentar".into()),
                ],
            ),
            case(
                "2025.11",
                "Årsrapport for helsefellesskapet – «Sammen om pasienten»",
                vec![
                    Block::Paragraph(vec![
                        Inline::Text("Les ".into()),
                        Inline::Link {
                            url: "https://example.org/dokumenter/arsrapport-2024/".into(),
                            content: text("årsrapporten for 2024"),
                        },
                        Inline::Text(" før møtet.".into()),
                    ]),
                    Block::Image {
                        alt: "Diagram over pasientforløpet".into(),
                        data: png(),
                    },
                    Block::Facts(vec![fact("Status", "Orienteringssak")]),
                ],
            ),
        ],
    )
}

/// The texts of the rich paper in reading order.
const IN_ORDER: &[&str] = &[
    "Helsefellesskapet Sørøst",
    "Innkalling – Strategisk samarbeidsutvalg 22. mai 2025",
    "Møteleder",
    "Øyvind Ås",
    "Saksliste",
    "Saksnr.",
    "Tittel",
    "2025.10",
    "Godkjenning av innkalling og saksliste",
    "2025.11",
    "Årsrapport for helsefellesskapet – «Sammen om pasienten»",
    "Side 1 av 3",
    "Sak 2025.10 Godkjenning av innkalling og saksliste",
    "Forslag til vedtak",
    "Innkalling og saksliste godkjennes.",
    "Første punkt",
    "Andre punkt: § 6-2 i loven",
    SPECIAL,
    "saksnr = 2025.10 # ikke en kommentar",
    "Side 2 av 3",
    "Sak 2025.11 Årsrapport",
    "Les årsrapporten for 2024 før møtet.",
    "Side 3 av 3",
];

/// The good PDF, typeset once for all tests of this module.
fn good_pdf() -> &'static [u8] {
    static PDF: OnceLock<Vec<u8>> = OnceLock::new();
    PDF.get_or_init(|| typeset(&summons()).expect("the rich paper typesets"))
}

fn check(pdf: &[u8], expect: &[&str]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("paper.pdf");
    std::fs::write(&file, pdf).unwrap();
    let mut command = Command::new(python("pdfua and pikepdf"));
    command
        .arg(repo_root().join("tests/py/check_pdf.py"))
        .arg("--lang")
        .arg("nb")
        .arg(&file);
    if !expect.is_empty() {
        command.arg("--expect-text").args(expect);
    }
    let output = command.output().expect("python runs");
    assert_ne!(
        output.status.code(),
        Some(2),
        "check_pdf.py could not run its tools:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// The checks that failed, by name ("FAIL file: NAME: why" lines).
fn failed_checks(output: &Output) -> Vec<String> {
    let mut names: Vec<String> = String::from_utf8_lossy(&output.stderr)
        .lines()
        .filter_map(|line| line.strip_prefix("FAIL ")?.split(": ").nth(1))
        .map(str::to_owned)
        .collect();
    names.dedup();
    names
}

/// The good PDF changed through lopdf (it stays a well-formed PDF, only the change is wrong).
fn broken(change: impl FnOnce(&mut Document)) -> Vec<u8> {
    let mut doc = Document::load_mem(good_pdf()).unwrap();
    change(&mut doc);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

fn catalog_without(keys: &[&[u8]]) -> Vec<u8> {
    broken(|doc| {
        let catalog = doc.catalog_mut().unwrap();
        for key in keys {
            assert!(catalog.remove(key).is_some(), "the good PDF has a {key:?}");
        }
    })
}

fn assert_fails(pdf: &[u8], expect: &[&str], check_name: &str, others: &[&str]) {
    let output = check(pdf, expect);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "not failed:\n{stderr}");
    let mut failed = failed_checks(&output);
    failed.sort();
    let mut want: Vec<String> = std::iter::once(check_name)
        .chain(others.iter().copied())
        .map(str::to_owned)
        .collect();
    want.sort();
    assert_eq!(failed, want, "the wrong checks failed:\n{stderr}");
}

#[test]
fn a_rich_paper_passes_every_check() {
    let output = check(good_pdf(), IN_ORDER);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "check_pdf.py failed:\n{stderr}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("(PDF/UA-1, PDF/A-2a)"), "{stdout}");
    // The same paper rewritten by lopdf still passes: the fixtures below break one thing each.
    let output = check(&broken(|_| ()), IN_ORDER);
    assert!(
        output.status.success(),
        "the untouched rewrite fails:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn an_untagged_pdf_fails_pdfua_and_tagged() {
    let pdf = catalog_without(&[b"StructTreeRoot", b"MarkInfo"]);
    assert_fails(&pdf, &[], "tagged", &["pdfua"]);
}

#[test]
fn a_pdf_without_lang_fails_lang() {
    let pdf = catalog_without(&[b"Lang"]);
    assert_fails(&pdf, &[], "lang", &["pdfua"]);
}

#[test]
fn a_pdf_without_display_doc_title_fails_title() {
    let pdf = catalog_without(&[b"ViewerPreferences"]);
    assert_fails(&pdf, &[], "title", &["pdfua"]);
}

#[test]
fn a_pdf_without_xmp_identification_fails_xmp() {
    let pdf = catalog_without(&[b"Metadata"]);
    assert_fails(&pdf, &[], "xmp", &["title", "pdfua"]);
}

#[test]
fn a_font_not_embedded_fails_fonts() {
    let pdf = broken(|doc| {
        let mut removed = 0;
        for object in doc.objects.values_mut() {
            if let Object::Dictionary(dict) = object {
                if dict.has(b"FontName") {
                    for key in [&b"FontFile"[..], b"FontFile2", b"FontFile3"] {
                        removed += usize::from(dict.remove(key).is_some());
                    }
                }
            }
        }
        assert!(removed > 0, "the good PDF embeds its fonts");
    });
    // pdfua's subset does not look at fonts: only our own check catches this.
    assert_fails(&pdf, &[], "fonts", &[]);
}

#[test]
fn a_damaged_xref_fails_qpdf() {
    let mut pdf = good_pdf().to_vec();
    let at = pdf
        .windows(9)
        .rposition(|w| w == b"startxref")
        .expect("startxref");
    let digits: Vec<usize> = (at + 9..pdf.len())
        .skip_while(|&i| pdf[i].is_ascii_whitespace())
        .take_while(|&i| pdf[i].is_ascii_digit())
        .collect();
    assert!(!digits.is_empty(), "an xref offset");
    // Point startxref a few bytes off: readers must reconstruct the xref.
    let offset: usize = String::from_utf8_lossy(&pdf[digits[0]..=digits[digits.len() - 1]])
        .parse()
        .unwrap();
    let wrong = format!("{:0width$}", offset - 5, width = digits.len());
    pdf.splice(digits[0]..=digits[digits.len() - 1], wrong.bytes());
    assert_fails(&pdf, IN_ORDER, "qpdf", &[]);
}

#[test]
fn text_out_of_order_fails_text() {
    let mut reversed = IN_ORDER.to_vec();
    reversed.reverse();
    assert_fails(good_pdf(), &reversed, "text", &[]);
    assert_fails(good_pdf(), &["Et avsnitt som ikke står der"], "text", &[]);
}
