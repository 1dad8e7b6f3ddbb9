use super::*;

fn case(src: &str) -> Result<RawFile, Vec<Diagnostic>> {
    parse_file("content/ssu/2025-05-22/2025.16.md", src.as_bytes())
}

#[test]
fn parses_a_case() {
    let f = case("---\nsaksnr: \"2025.16\"\ntittel: TUD\nsakstype: [beslutning, orientering]\noppfolging_av: [\"2024.29\", \"fsu/2025.08\"]\nvedlegg:\n  - tittel: Avtale\n    fil: vedlegg/tud.md\n---\nTekst\n").unwrap();
    let RawDoc::Case(c) = f.doc else { panic!() };
    assert_eq!(c.saksnr.value, "2025.16");
    assert_eq!(
        c.sakstype,
        vec![Sakstype::Beslutning, Sakstype::Orientering]
    );
    assert_eq!(c.oppfolging_av[1].value, "fsu/2025.08");
    assert_eq!(c.vedlegg[0].fil.value, "vedlegg/tud.md");
    assert_eq!(c.vedlegg[0].fil.line, 8);
    assert!(c.unntatt.is_none());
}

#[test]
fn unquoted_case_number_keeps_its_zero() {
    let f = case("---\nsaksnr: 2025.10\ntittel: T\nsakstype: [dialog]\n---\n").unwrap();
    let RawDoc::Case(c) = f.doc else { panic!() };
    assert_eq!(c.saksnr.value, "2025.10");
}

#[test]
fn unknown_key_suggests() {
    let errs =
        case("---\nsaksnr: \"2025.16\"\ntittel: T\nsakstype: [dialog]\nansvarilg: Meg\n---\n")
            .unwrap_err();
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].line, Some(5));
    assert!(errs[0].message.contains("ansvarilg"));
    assert_eq!(errs[0].hint.as_deref(), Some("mente du `ansvarlig`?"));
}

#[test]
fn all_errors_at_once() {
    let errs =
        case("---\nsaksnr: \"2025.16\"\nsakstype: [vedtak]\noffentlig: false\n---\n").unwrap_err();
    let msgs: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
    assert!(msgs.iter().any(|m| m.contains("tittel")), "{msgs:?}");
    assert!(
        msgs.iter().any(|m| m.contains("sakstype `vedtak`")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter().any(|m| m.contains("skjermingshjemmel")),
        "{msgs:?}"
    );
}

#[test]
fn empty_case_type_is_an_error() {
    let errs = case("---\nsaksnr: \"2025.16\"\ntittel: T\nsakstype: []\n---\n").unwrap_err();
    assert_eq!(errs.len(), 1);
    assert!(errs[0].message.contains("`sakstype` kan ikke være tom"));
    assert_eq!(errs[0].line, Some(4));
}

#[test]
fn impossible_date() {
    let errs = parse_file(
        "content/ssu/2025-02-30/_mote.md",
        b"---\ndato: 2025-02-30\n---\n",
    )
    .unwrap_err();
    assert_eq!(errs[0].line, Some(2));
    assert!(errs[0].message.contains("2025-02-30"));
}

#[test]
fn markdown_attachment_with_title() {
    let f = parse_file(
        "content/ssu/2025-05-22/vedlegg/tud.md",
        b"---\ntittel: Avtale\n---\n# A\n",
    )
    .unwrap();
    let RawDoc::Attachment(a) = f.doc else {
        panic!()
    };
    assert_eq!(a.page.unwrap().0.as_deref(), Some("Avtale"));
}

#[test]
fn every_body_can_be_read_again_from_its_file() {
    for (path, text) in [
        (
            "content/ssu/2025-05-22/vedlegg/a.md",
            "\u{feff}# Uten front matter\r\n",
        ),
        ("content/ssu/2025-05-22/vedlegg/b.md", ""),
        (
            "content/ssu/2025-05-22/_mote.md",
            "---\r\ndato: 2025-05-22\r\n---\r\nA\r\n\r\nB\r\n",
        ),
        (
            "content/dokumenter/plan.md",
            "---\ntittel: Plan\ndoktype: strategi\ndato: 2025-05-22\n---\n",
        ),
    ] {
        let mut f = parse_file(path, text.as_bytes()).unwrap();
        let body = f.body_mut().unwrap();
        assert_eq!(
            body.at.read(text.as_bytes()).as_deref(),
            body.markdown.known().map(|t| &**t)
        );
    }
}

#[test]
fn a_markdown_file_over_the_size_limit_is_refused_unread() {
    let mut big = b"---\ntittel: Stor\n---\n".to_vec();
    big.resize(MAX_FILE_BYTES + 1, b'a');
    let errs = parse_file("content/ssu/2025-05-22/vedlegg/stor.md", &big).unwrap_err();
    assert!(
        errs[0].message.contains("filen er for stor (10,0 MB)"),
        "{errs:?}"
    );
    // Attachments that are not Markdown are copied, not parsed: no limit here.
    assert!(parse_file("content/ssu/2025-05-22/vedlegg/stor.pdf", &big).is_ok());
}

#[test]
fn bytes_that_are_not_utf8_are_found_at_their_line_and_column() {
    let ds = parse_file(
        "content/ssu/2025-05-22/2025.16.md",
        b"---\ntittel: T\n---\nGr\xc3\xb8nn \xff\n",
    )
    .unwrap_err();
    assert_eq!((ds[0].line, ds[0].col), (Some(4), Some(7)), "{ds:?}");
    assert!(ds[0].message.contains("ikke UTF-8"), "{ds:?}");
}
