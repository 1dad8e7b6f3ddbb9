//! The editor's workflow: `motebok new`, the privacy guard, sanitised HTML, reproducible
//! builds and errors shown like a compiler's.

use crate::common::*;
use motebok_domain::privacy::control_digits;
use std::process::Command;

const ORGAN: &str = "---\nnavn: Strategisk samarbeidsutvalg\nkortnavn: SSU\n---\nMandat.\n";

fn case(saksnr: &str) -> String {
    format!(
        "---\nsaksnr: \"{saksnr}\"\ntittel: Sak {saksnr}\nsakstype: [orientering]\n---\nTekst.\n"
    )
}

/// SSU with cases 2026.01–2026.03 over two meetings, and a case of 2025.
fn site_with_cases() -> Site {
    let s = Site::empty(MINIMAL_TOML);
    s.write("content/ssu/_organ.md", ORGAN);
    s.write(
        "content/ssu/2025-11-27/_mote.md",
        "---\ndato: 2025-11-27\n---\n",
    );
    s.write("content/ssu/2025-11-27/2025.40.md", &case("2025.40"));
    s.write(
        "content/ssu/2026-01-29/_mote.md",
        "---\ndato: 2026-01-29\n---\n",
    );
    s.write("content/ssu/2026-01-29/2026.01.md", &case("2026.01"));
    s.write("content/ssu/2026-01-29/2026.02.md", &case("2026.02"));
    s.write(
        "content/ssu/2026-02-26/_mote.md",
        "---\ndato: 2026-02-26\n---\n",
    );
    s.write("content/ssu/2026-02-26/2026.03.md", &case("2026.03"));
    s.merge_all("SSU 2026");
    s
}

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn check_passes(s: &Site) {
    let o = s.motebok(&["check", "--worktree"]);
    assert!(o.status.success(), "check failed:\n{}", stderr(&o));
}

#[test]
fn new_case_takes_the_next_free_number_of_the_body_and_year() {
    let s = site_with_cases();
    let o = s.motebok(&[
        "new",
        "sak",
        "ssu",
        "2026-02-26",
        "Avtale om \"TUD\": godkjenning",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("content/ssu/2026-02-26/2026.04.md"),
        "{}",
        stdout(&o)
    );
    let text = s.read_src("content/ssu/2026-02-26/2026.04.md");
    assert!(text.contains("saksnr: \"2026.04\""), "{text}");
    assert!(
        text.contains("tittel: \"Avtale om \\\"TUD\\\": godkjenning\""),
        "{text}"
    );
    for heading in ["## Bakgrunn", "## Saken", "## Vurdering"] {
        assert!(text.contains(heading), "{text}");
    }
    check_passes(&s);
    // The next one follows on, in another meeting of the same year.
    let o = s.motebok(&["new", "sak", "ssu", "2026-01-29", "Neste sak"]);
    assert!(stdout(&o).contains("2026.05"), "{}", stdout(&o));
    check_passes(&s);
    // The new case is published under its number.
    s.merge_all("Nye saker");
    s.build("2026-03-01");
    assert!(s.page("ssu/sak/2026.04/").contains("Avtale om"));
}

#[test]
fn new_meeting_and_document_pass_check_as_they_stand() {
    let s = site_with_cases();
    let o = s.motebok(&["new", "mote", "ssu", "2026-04-30"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = s.read_src("content/ssu/2026-04-30/_mote.md");
    for key in [
        "dato: 2026-04-30",
        "tid:",
        "sted:",
        "moteleder:",
        "referent:",
    ] {
        assert!(text.contains(key), "{text}");
    }
    let o = s.motebok(&["new", "sak", "ssu", "2026-04-30", "Første sak i april"]);
    assert!(stdout(&o).contains("2026.04"), "{}", stdout(&o));
    let o = s.motebok(&[
        "new",
        "dokument",
        "avtale",
        "Delavtale om helhetlige pasientforløp",
        "--dato",
        "2026-01-05",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = s.read_src("content/dokumenter/delavtale-om-helhetlige-pasientforlop.md");
    assert!(text.contains("doktype: avtale"), "{text}");
    assert!(text.contains("dato: 2026-01-05"), "{text}");
    check_passes(&s);
}

#[test]
fn new_refuses_to_overwrite_and_explains_what_is_missing() {
    let s = site_with_cases();
    let before = s.read_src("content/ssu/2026-02-26/_mote.md");
    let o = s.motebok(&["new", "mote", "ssu", "2026-02-26"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("finnes allerede"), "{}", stderr(&o));
    assert_eq!(s.read_src("content/ssu/2026-02-26/_mote.md"), before);

    // A document with the same title as one that exists.
    s.motebok(&["new", "dokument", "brev", "Brev til kommunene"]);
    s.write("content/dokumenter/brev-til-kommunene.md", "redigert");
    let o = s.motebok(&["new", "dokument", "brev", "Brev til kommunene"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        s.read_src("content/dokumenter/brev-til-kommunene.md"),
        "redigert"
    );

    // A case needs its meeting; the hint says how to make it.
    let o = s.motebok(&["new", "sak", "ssu", "2026-03-26", "Sak"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("motebok new mote ssu 2026-03-26"),
        "{}",
        stderr(&o)
    );
    assert!(!s.path().join("content/ssu/2026-03-26").exists());

    // Unknown bodies and document types get a "did you mean".
    let o = s.motebok(&["new", "mote", "ssy", "2026-03-26"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("mente du `ssu`?"), "{}", stderr(&o));
    let o = s.motebok(&["new", "dokument", "avtalen", "Tittel"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("mente du `avtale`?"), "{}", stderr(&o));
}

/// A synthetic identity number: the date part, three individual digits chosen so the control
/// digits exist, then the control digits. Dates in 1900 belong to no living person.
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

fn with_number(number: &str) -> String {
    format!(
        "---\nsaksnr: \"2025.15\"\ntittel: Klage\nsakstype: [orientering]\n---\n## Bakgrunn\n\nKlagen gjelder pasient {number}.\n"
    )
}

#[test]
fn a_national_identity_number_fails_the_build_naming_its_line() {
    let s = Site::minimal();
    let fnr = synthetic("010100");
    s.write("content/ssu/2025-05-22/2025.15.md", &with_number(&fnr));
    s.merge_all("Klagesak");
    let o = s.try_build("2026-01-01");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("content/ssu/2025-05-22/2025.15.md:8:24"),
        "{err}"
    );
    assert!(err.contains("et fødselsnummer"), "{err}");
    assert!(
        err.contains("fjern fødselsnummeret; skriv aldri personnummer i sakspapirer"),
        "{err}"
    );
    // The number itself never reaches the log.
    assert!(!err.contains(&fnr), "{err}");
    assert!(err.contains("pasient •••••••••••."), "{err}");
    assert!(!s.out_dir().exists());
    assert_eq!(s.motebok(&["check"]).status.code(), Some(1));

    // The spaced form is caught too.
    let spaced = format!("{} {}", &fnr[..6], &fnr[6..]);
    s.write("content/ssu/2025-05-22/2025.15.md", &with_number(&spaced));
    s.merge_all("Klagesak med mellomrom");
    assert_eq!(s.try_build("2026-01-01").status.code(), Some(1));

    // A number whose control digit is wrong is no identity number: it passes.
    let last = (fnr.as_bytes()[10] - b'0' + 1) % 10;
    let wrong = format!("{}{last}", &fnr[..10]);
    s.write("content/ssu/2025-05-22/2025.15.md", &with_number(&wrong));
    s.merge_all("Rettet");
    s.build("2026-01-01");
    assert!(s.page("ssu/sak/2025.15/").contains(&wrong));
}

#[test]
fn d_numbers_are_caught_in_attachments_and_exempt_cases() {
    let s = Site::minimal();
    let d_number = synthetic("410100");
    let h_number = synthetic("024200");
    s.write(
        "content/ssu/2025-05-22/vedlegg/notat.md",
        &format!("---\ntittel: Notat\n---\n# Notat\n\nD-nummer {d_number}.\n"),
    );
    // Exempt cases are never published, but the number would still sit in the repository.
    s.write(
        "content/ssu/2025-05-22/2025.15.md",
        &format!("---\nsaksnr: \"2025.15\"\ntittel: Personalsak\nsakstype: [orientering]\noffentlig: false\nskjermingshjemmel: \"offl. § 13\"\nansvarlig: {h_number}\n---\n"),
    );
    s.merge_all("Tall");
    let o = s.try_build("2026-01-01");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("content/ssu/2025-05-22/vedlegg/notat.md:6:10"),
        "{err}"
    );
    assert!(err.contains("et D-nummer"), "{err}");
    assert!(
        err.contains("content/ssu/2025-05-22/2025.15.md:7:12"),
        "{err}"
    );
    assert!(err.contains("et H-nummer"), "{err}");
    assert!(err.contains("2 feil"), "{err}");
}

#[test]
fn everyday_numbers_pass_the_guard() {
    let s = Site::minimal();
    s.write(
        "content/ssu/2025-05-22/2025.15.md",
        "---\nsaksnr: \"2025.15\"\ntittel: Budsjett\nsakstype: [orientering]\n---\nRing 33 34 20 00. Kostnad: kr 7 000 030. Org.nr. 983 974 899. Konto 1234.56.78903.\n",
    );
    s.merge_all("Budsjett");
    s.build("2026-01-01");
}

#[test]
fn raw_html_is_published_without_scripts_handlers_or_frames() {
    let s = Site::minimal();
    let evil = "<script>stjelData()</script>\n\n<p onclick=\"stjelKlikk()\">Trykk</p> \
                <a href=\"javascript:stjelLenke()\">lenke</a> \
                <iframe src=\"https://example.com/ramme\"></iframe> <img src=\"x.png\" alt=\"\" onerror=\"stjelBilde()\">";
    s.write(
        "content/ssu/2025-05-22/2025.15.md",
        &format!("---\nsaksnr: \"2025.15\"\ntittel: Skript\nsakstype: [orientering]\nvedlegg:\n  - tittel: Skjema\n    fil: vedlegg/skjema.md\n---\nSakstekst.\n\n{evil}\n"),
    );
    s.write(
        "content/ssu/2025-05-22/vedlegg/skjema.md",
        &format!("# Skjema\n\nVedleggstekst.\n\n{evil}\n"),
    );
    s.merge_all("Skript");
    s.build("2026-01-01");
    for (url, text) in [
        ("ssu/sak/2025.15/", "Sakstekst."),
        ("ssu/2025-05-22/vedlegg/skjema/", "Vedleggstekst."),
    ] {
        let html = s.page(url);
        assert!(html.contains(text), "{url}: {html}");
        assert!(
            html.contains("Trykk") && html.contains("lenke"),
            "{url}: {html}"
        );
        for bad in [
            "<script",
            "stjel",
            "onclick",
            "onerror",
            "javascript:",
            "<iframe",
            "example.com/ramme",
        ] {
            assert!(!html.contains(bad), "{url} contains {bad}: {html}");
        }
    }
}

/// Builds `site` into `out` with the given environment, asserting success.
fn build_with_env(site: &Site, out: &std::path::Path, env: &[(&str, &str)]) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_motebok"));
    cmd.args(["build", "--as-of", "2026-06-01", "--root"])
        .arg(site.path())
        .arg("--output")
        .arg(out)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let o = cmd.output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn two_builds_of_the_same_site_are_byte_identical() {
    let site = Site::example();
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let out_a = a.path().join("public");
    let out_b = b.path().join("et/annet/sted");
    build_with_env(&site, &out_a, &[("TZ", "UTC"), ("RAYON_NUM_THREADS", "1")]);
    build_with_env(
        &site,
        &out_b,
        &[
            ("SOURCE_DATE_EPOCH", "86399"),
            ("TZ", "Pacific/Kiritimati"),
            ("RAYON_NUM_THREADS", "7"),
        ],
    );
    let (sa, sb) = (snapshot(&out_a), snapshot(&out_b));
    assert!(sa.len() > 50, "{}", sa.len());
    assert_eq!(
        sa.keys().collect::<Vec<_>>(),
        sb.keys().collect::<Vec<_>>(),
        "the two builds wrote different files"
    );
    for (path, bytes) in &sa {
        assert!(bytes == &sb[path], "{} differs", path.display());
    }
}

#[test]
fn errors_render_like_a_compiler() {
    let s = Site::minimal();
    s.write(
        "content/ssu/2025-05-22/2025.15.md",
        "---\nsaksnr: \"2025.15\"\ntittel: Oppfølging\nsakstype: [orientering]\nansvarilg: Kari Nordmann   # saksbehandler\n---\nTekst.\n",
    );
    s.merge_all("Skrivefeil");
    let o = s.motebok(&["check"]);
    assert_eq!(o.status.code(), Some(1));
    let expected = "  × feil: ukjent nøkkel `ansvarilg`
   ╭─[content/ssu/2025-05-22/2025.15.md:5:1]
 4 │ sakstype: [orientering]
 5 │ ansvarilg: Kari Nordmann   # saksbehandler
   · ────┬────
   ·     ╰── her
 6 │ ---
   ╰────
  hjelp: mente du `ansvarlig`?
";
    assert!(stderr(&o).contains(expected), "{}", stderr(&o));
    assert!(stderr(&o).ends_with("1 feil. Ingenting ble skrevet; rett feilene og prøv igjen.\n"));
}
