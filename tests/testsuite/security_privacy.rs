//! Issue 13, item 8: a national identity number is an error however it is written (CONTENT.md
//! §4), in Markdown bodies and front matter, in text attachments of any encoding and in the
//! text of PDFs; and a backstop over the outputs stops whatever the sources' guard missed.
//! Every case builds a real site in a real repository with the real binary and checks that
//! the build fails (exit 1) naming the file, that the number never reaches the log, and that
//! the previous output is left exactly as it was.

use crate::common::pdf::{flate_stream, pdf_file};
use crate::common::{same_as_full_build, snapshot, stderr, Site};
use motebok_domain::privacy::control_digits;
use std::collections::BTreeMap;
use std::path::PathBuf;

const AS_OF: &str = "2026-01-01";
const CASE: &str = "content/ssu/2025-05-22/2025.15.md";

/// A synthetic identity number: the date part, three individual digits chosen so the control
/// digits exist, then the control digits.
fn synthetic(date: &str) -> String {
    (0..1000)
        .find_map(|i| {
            let nine = format!("{date}{i:03}");
            let d: [u8; 9] = nine
                .bytes()
                .map(|b| b - b'0')
                .collect::<Vec<_>>()
                .try_into()
                .unwrap();
            control_digits(&d).map(|(k1, k2)| format!("{nine}{k1}{k2}"))
        })
        .unwrap()
}

fn number() -> String {
    synthetic("150387")
}

/// A case with `fm` as the value of `ansvarlig` (line 5) and `body` in its text (line 9).
fn case(fm: &str, body: &str) -> String {
    format!(
        "---\nsaksnr: \"2025.15\"\ntittel: Klage\nsakstype: [orientering]\nansvarlig: {fm}\n---\n## Bakgrunn\n\nKlagen gjelder pasient {body}.\n"
    )
}

/// The minimal site, built once: the output every refused build must leave as it was.
fn built_site() -> (Site, BTreeMap<PathBuf, Vec<u8>>) {
    let s = Site::minimal();
    s.build(AS_OF);
    let before = snapshot(&s.out_dir());
    (s, before)
}

/// Commits what was written, then checks that `build` and `check` refuse it: exit 1, `at` in
/// the log, none of `secrets`, and the output untouched. Returns what went wrong, if anything.
fn refused(
    s: &Site,
    before: &BTreeMap<PathBuf, Vec<u8>>,
    what: &str,
    at: &[&str],
    secrets: &[String],
) -> Option<String> {
    s.merge_all(what);
    let o = s.try_build(AS_OF);
    let err = stderr(&o);
    let mut wrong = Vec::new();
    if o.status.code() != Some(1) {
        wrong.push(format!("build exit {:?}", o.status.code()));
    }
    if !at.iter().any(|a| err.contains(a)) {
        wrong.push(format!("none of {at:?} named"));
    }
    for secret in secrets {
        if err.contains(secret.as_str()) {
            wrong.push(format!("{secret:?} in the log"));
        }
    }
    if &snapshot(&s.out_dir()) != before {
        wrong.push("the previous output was changed".into());
    }
    // `check` reads everything afresh (the build above continued from its snapshot).
    let c = s.motebok(&["check", "--as-of", AS_OF]);
    if c.status.code() != Some(1) {
        wrong.push(format!("check exit {:?}", c.status.code()));
    }
    (!wrong.is_empty()).then(|| format!("{what}: {}\n{err}", wrong.join("; ")))
}

/// Every spelling of `n` the guard must see through, as (name, text).
fn spellings(n: &str) -> Vec<(&'static str, String)> {
    let (a, b) = (&n[..6], &n[6..]);
    let map = |f: &dyn Fn(u32) -> String| -> String {
        n.chars().map(|c| f(c.to_digit(10).unwrap())).collect()
    };
    vec![
        ("bindestrek", format!("{a}-{b}")),
        ("punktum", format!("{a}.{b}")),
        ("tabulator", format!("{a}\t{b}")),
        ("to mellomrom", format!("{a}  {b}")),
        ("&nbsp;", format!("{a}&nbsp;{b}")),
        (
            "nullbredde mellomrom",
            format!("{}\u{200b}{}", &n[..3], &n[3..]),
        ),
        ("myk bindestrek", format!("{a}\u{ad}{b}")),
        ("HTML-kommentar", format!("{a}<!-- -->{b}")),
        ("utheving", format!("**{a}**{b}")),
        ("desimal entitet", map(&|d| format!("&#{};", 48 + d))),
        (
            "heksadesimal entitet",
            map(&|d| format!("&#x{:x};", 48 + d)),
        ),
        (
            "fullbredde sifre",
            map(&|d| char::from_u32(0xff10 + d).unwrap().to_string()),
        ),
    ]
}

/// Strings that must not reach the log: the number, its two parts, and the spelled form.
fn secrets(n: &str, spelled: &str) -> Vec<String> {
    vec![
        n.to_string(),
        n[..6].to_string(),
        n[6..].to_string(),
        spelled.to_string(),
    ]
}

#[test]
fn every_spelling_in_the_body_is_refused() {
    let (s, before) = built_site();
    let n = number();
    let mut failures = Vec::new();
    let mut body_only = spellings(&n);
    body_only.push((
        "hard linjeskift (mellomrom)",
        format!("{}  \n{}", &n[..6], &n[6..]),
    ));
    body_only.push((
        "hard linjeskift (omvendt skråstrek)",
        format!("{}\\\n{}", &n[..6], &n[6..]),
    ));
    for (name, spelled) in body_only {
        s.write(CASE, &case("Saksbehandler", &spelled));
        let at = [&format!("{CASE}:9:")[..], &format!("{CASE}:10:")[..]];
        failures.extend(refused(&s, &before, name, &at, &secrets(&n, &spelled)));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));

    // Fixed, the site builds again, and the rebuild equals a full build.
    s.write(CASE, &case("Saksbehandler", "uten nummer"));
    s.merge_all("Rettet");
    s.build(AS_OF);
    same_as_full_build(&s, AS_OF, "a rebuild");
}

#[test]
fn every_spelling_in_front_matter_is_refused() {
    let (s, before) = built_site();
    let n = number();
    let (a, b) = (&n[..6], &n[6..]);
    let mut failures = Vec::new();
    let mut cases: Vec<(&str, String)> = spellings(&n)
        .into_iter()
        .map(|(name, spelled)| (name, format!("\"{spelled}\"")))
        .collect();
    let escaped: String = n.chars().map(|c| format!("\\u003{c}")).collect();
    cases.push(("YAML-escape", format!("\"{escaped}\"")));
    cases.push(("YAML-escape \\x", format!("\"\\x3{}{}\"", &n[..1], &n[1..])));
    cases.push(("foldet (>-)", format!(">-\n  {a}\n  {b}")));
    cases.push((
        "fortsatt med omvendt skråstrek",
        format!("\"{}\\\n  {}{b}\"", &a[..4], &a[4..]),
    ));
    for (name, value) in cases {
        s.write(CASE, &case(&value, "uten nummer"));
        let at = [&format!("{CASE}:5:")[..], &format!("{CASE}:6:")[..]];
        failures.extend(refused(&s, &before, name, &at, &secrets(&n, &value)));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// A case with one attachment `file` (in the meeting's `vedlegg/`).
fn with_attachment(s: &Site, file: &str, bytes: &[u8]) {
    s.write(
        CASE,
        &format!(
            "---\nsaksnr: \"2025.15\"\ntittel: Klage\nsakstype: [orientering]\nvedlegg:\n  - tittel: Vedlegg\n    fil: vedlegg/{file}\n---\nSe vedlegget.\n"
        ),
    );
    let p = s.path().join("content/ssu/2025-05-22/vedlegg").join(file);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

/// A one-page PDF whose content stream (FlateDecode) shows `text` in Helvetica.
fn pdf_with_text(text: &str) -> Vec<u8> {
    let objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_vec(),
        flate_stream(&format!("BT /F1 12 Tf 72 720 Td ({text}) Tj ET")),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    ];
    pdf_file("1.4", &objects, "")
}

#[test]
fn attachments_are_read_in_their_encoding_and_pdfs_for_their_text() {
    let (s, before) = built_site();
    let n = number();
    let spaced = format!("{} {}", &n[..6], &n[6..]);
    let mut failures = Vec::new();
    let latin1: Vec<u8> = format!("Navn;Fødselsnummer;Beløp\nÅse Ødegård;{spaced};1 500\n")
        .chars()
        .map(|c| c as u32 as u8)
        .collect();
    let mut utf16 = vec![0xff, 0xfe];
    for u in format!("Notat om pasient\r\nFnr: {n}\r\n").encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    let mut utf16be = vec![0xfe, 0xff];
    for u in format!("Notat\nFnr: {spaced}\n").encode_utf16() {
        utf16be.extend(u.to_be_bytes());
    }
    let cases: Vec<(&str, &str, Vec<u8>)> = vec![
        (
            "PDF med komprimert strøm",
            "notat.pdf",
            pdf_with_text(&format!("Pasient {spaced} i journalen")),
        ),
        ("Latin-1 CSV", "liste.csv", latin1),
        ("UTF-16LE-tekst", "notat.txt", utf16),
        ("UTF-16BE-tekst", "brev.txt", utf16be),
        // Named for what it is not: the content decides.
        (
            "tekst uten kjent endelse",
            "eksport.dat",
            format!("fnr={n}\n").into_bytes(),
        ),
    ];
    for (name, file, bytes) in cases {
        with_attachment(&s, file, &bytes);
        let path = format!("content/ssu/2025-05-22/vedlegg/{file}");
        failures.extend(refused(&s, &before, name, &[&path], &secrets(&n, &spaced)));
        s.remove(&format!("content/ssu/2025-05-22/vedlegg/{file}"));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));

    // A PDF that cannot be read is no error by itself, and an ordinary one builds.
    with_attachment(&s, "skadet.pdf", b"%PDF-1.4\nthis is not a pdf");
    s.merge_all("Skadet PDF");
    s.build(AS_OF);
    s.remove("content/ssu/2025-05-22/vedlegg/skadet.pdf");
    with_attachment(
        &s,
        "ok.pdf",
        &pdf_with_text("Telefon 33 34 20 00, kr 7 000 030"),
    );
    s.merge_all("Vanlig PDF");
    s.build(AS_OF);
    same_as_full_build(&s, AS_OF, "a rebuild");
}

#[test]
fn a_number_in_an_approval_trailer_names_the_commit() {
    let (s, before) = built_site();
    let n = number();
    s.write(CASE, &case("Saksbehandler", "uten nummer"));
    s.commit_direct(&format!(
        "Ny sak\n\nApproved-by: Kari Nordmann {n}\nReviewed-by: Ola Nordmann"
    ));
    let commit = String::from_utf8(s.git(&["rev-parse", "--short=7", "HEAD"]).stdout).unwrap();
    let o = s.try_build(AS_OF);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains(&format!("commit {}", commit.trim())), "{err}");
    assert!(!err.contains(&n), "{err}");
    assert_eq!(snapshot(&s.out_dir()), before);
}

#[test]
fn the_output_backstop_stops_what_the_sources_do_not_show() {
    // A theme is no content file, and the template below puts a number together from two
    // cells: only the outputs show it.
    let (s, before) = built_site();
    let n = number();
    let footer = format!(
        "<table><tr><td>{}</td><td>{}</td></tr></table>",
        &n[..6],
        &n[6..]
    );
    let base = s.path().join("themes/default/templates");
    std::fs::create_dir_all(&base).unwrap();
    let default = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/base.html"),
    )
    .unwrap();
    let patched = default.replacen("</body>", &format!("{footer}</body>"), 1);
    assert_ne!(patched, default);
    std::fs::write(base.join("base.html"), patched).unwrap();
    // Only a committed theme is published (CONTENT.md §1).
    s.merge_all("Tema med bunntekst");
    let o = s.try_build(AS_OF);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("index.html"), "{err}");
    assert!(err.contains("utdata"), "{err}");
    assert!(!err.contains(&n[..6]) && !err.contains(&n[6..]), "{err}");
    assert_eq!(snapshot(&s.out_dir()), before);
}

#[test]
fn ordinary_numbers_still_build() {
    let s = Site::minimal();
    s.write(
        CASE,
        &case(
            "\"Kari Nordmann, tlf. 915 04 000\"",
            "og kostnaden kr 7 000 030,50 (org.nr. 974 633 191, konto 1234.56.78903).\n\n\
             | Sak | Dato | Beløp |\n|---|---|---|\n| 2025.16 | 22.05.2025 | 150 387 |\n\
             | 2025.17 | 2025-05-22 | 12 052 |\n\nMøtet varer kl. 09.00-12.00, telefon 33 34 20 00, \
             ISBN 978-82-02-12345-6, saksnr. 2024/12345-6, **2025**.",
        ),
    );
    s.merge_all("Vanlige tall");
    s.build(AS_OF);
    assert!(s.page("ssu/sak/2025.15/").contains("974 633 191"));
}
