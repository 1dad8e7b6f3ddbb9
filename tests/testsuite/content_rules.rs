//! One test per rule of CONTENT.md §4: a broken input fails `check` and `build` with an error
//! naming the file and line, and leaves the previous output byte for byte as it was.

use crate::common::*;

/// Builds the minimal site, breaks it with `f`, and returns the failing build's stderr after
/// checking the output was left untouched.
fn broken(f: impl FnOnce(&Site)) -> String {
    let site = Site::minimal();
    site.build("2026-01-01");
    let before = snapshot(&site.out_dir());
    assert!(!before.is_empty());
    f(&site);
    site.merge_all("Endring");
    let o = site.try_build("2026-01-01");
    assert_eq!(
        o.status.code(),
        Some(1),
        "build should fail with content errors:\n{}",
        stderr(&o)
    );
    assert_eq!(
        snapshot(&site.out_dir()),
        before,
        "a failed build changed the output"
    );
    let check = site.motebok(&["check"]);
    assert_eq!(check.status.code(), Some(1));
    assert_eq!(
        stderr(&check)
            .lines()
            .filter(|l| l.contains("× feil"))
            .count(),
        stderr(&o).lines().filter(|l| l.contains("× feil")).count()
    );
    stderr(&o)
}

fn case(saksnr: &str, extra: &str) -> String {
    format!("---\nsaksnr: \"{saksnr}\"\ntittel: Sak {saksnr}\nsakstype: [orientering]\n{extra}---\nTekst.\n")
}

#[test]
fn duplicate_case_number_in_a_body_and_year() {
    let err = broken(|s| {
        s.write(
            "content/ssu/2025-02-27/_mote.md",
            "---\ndato: 2025-02-27\n---\n",
        );
        s.write("content/ssu/2025-02-27/2025.13.md", &case("2025.13", ""));
    });
    assert!(
        err.contains("saksnummer 2025.13 er brukt to ganger i ssu"),
        "{err}"
    );
    assert!(
        err.contains("content/ssu/2025-05-22/2025.13.md:2:9"),
        "{err}"
    );
}

#[test]
fn file_name_must_match_case_number() {
    let err = broken(|s| s.write("content/ssu/2025-05-22/2025.15.md", &case("2025.16", "")));
    assert!(
        err.contains("filnavnet `2025.15.md` stemmer ikke med `saksnr: \"2025.16\"`"),
        "{err}"
    );
    assert!(
        err.contains("content/ssu/2025-05-22/2025.15.md:2:9"),
        "{err}"
    );
    assert!(err.contains("gi filen navnet 2025.16.md"), "{err}");
}

/// A rejected case that links to an attachment in its text: the error is reported, and the
/// link is not credited to another case (it once was, and past the last case it panicked).
#[test]
fn rejected_case_linking_an_attachment_is_reported() {
    let err = broken(|s| {
        s.write(
            "content/ssu/2025-05-22/2025.15.md",
            "---\nsaksnr: \"2025.16\"\ntittel: Sak\nsakstype: [orientering]\n---\nSe [notatet](vedlegg/notat.md).\n",
        )
    });
    assert!(
        err.contains("filnavnet `2025.15.md` stemmer ikke med `saksnr: \"2025.16\"`"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

/// A file name with ` #` written without quotes: YAML reads the rest as a comment. The error
/// says so, and how to write it.
#[test]
fn attachment_name_cut_by_a_yaml_comment_is_explained() {
    let err = broken(|s| {
        s.write(
            "content/ssu/2025-05-22/2025.15.md",
            &case(
                "2025.15",
                "vedlegg:\n  - tittel: Tabell\n    fil: vedlegg/tabell #2.md\n",
            ),
        );
        s.write("content/ssu/2025-05-22/vedlegg/tabell #2.md", "# Tabell\n");
    });
    assert!(
        err.contains("vedlegget `vedlegg/tabell` finnes ikke"),
        "{err}"
    );
    assert!(
        err.contains("content/ssu/2025-05-22/2025.15.md:7:"),
        "{err}"
    );
    assert!(
        err.contains("filen heter `vedlegg/tabell #2.md`")
            && err.contains("`fil: \"vedlegg/tabell #2.md\"`"),
        "{err}"
    );
}

#[test]
fn case_number_year_is_the_meeting_year() {
    let err = broken(|s| s.write("content/ssu/2025-05-22/2024.15.md", &case("2024.15", "")));
    assert!(
        err.contains("saksnummer 2024.15 har året 2024, men møtet er 2025-05-22"),
        "{err}"
    );
    assert!(
        err.contains("content/ssu/2025-05-22/2024.15.md:2:9"),
        "{err}"
    );
}

#[test]
fn reference_targets_must_exist() {
    let err = broken(|s| {
        s.write("content/ssu/2025-05-22/2025.15.md", &case("2025.15", "oppfolging_av: [\"2025.13\", \"fsu/2024.29\"]\ngodkjenner_referat: [\"2025-02-27\"]\n"))
    });
    assert!(
        err.contains("`oppfolging_av`: saken fsu/2024.29 finnes ikke"),
        "{err}"
    );
    assert!(err.contains("organet `fsu` finnes ikke"), "{err}");
    assert!(
        err.contains("content/ssu/2025-05-22/2025.15.md:5:29"),
        "{err}"
    );
    assert!(
        err.contains("`godkjenner_referat`: møtet ssu/2025-02-27 finnes ikke"),
        "{err}"
    );
    assert!(
        err.contains("content/ssu/2025-05-22/2025.15.md:6:"),
        "{err}"
    );
}

#[test]
fn attachment_must_stay_inside_the_meeting_folder() {
    let err = broken(|s| {
        s.write("content/ssu/2025-05-22/2025.15.md", &case("2025.15", "vedlegg:\n  - tittel: Hemmelig\n    fil: ../../../site.toml\n  - tittel: Absolutt\n    fil: /etc/passwd\n"));
    });
    assert!(
        err.contains("vedlegget `../../../site.toml` er ikke tillatt"),
        "{err}"
    );
    assert!(
        err.contains("content/ssu/2025-05-22/2025.15.md:7:"),
        "{err}"
    );
    assert!(
        err.contains("vedlegget `/etc/passwd` er ikke tillatt"),
        "{err}"
    );
    assert!(
        err.contains("content/ssu/2025-05-22/2025.15.md:9:"),
        "{err}"
    );
}

#[test]
fn attachment_must_exist() {
    let err = broken(|s| {
        s.write(
            "content/ssu/2025-05-22/2025.15.md",
            &case(
                "2025.15",
                "vedlegg:\n  - tittel: Mangler\n    fil: vedlegg/mangler.pdf\n",
            ),
        );
    });
    assert!(
        err.contains("vedlegget `vedlegg/mangler.pdf` finnes ikke"),
        "{err}"
    );
    assert!(
        err.contains("content/ssu/2025-05-22/2025.15.md:7:"),
        "{err}"
    );
}

#[test]
fn unknown_key_with_did_you_mean() {
    let err = broken(|s| {
        s.write(
            "content/ssu/2025-05-22/2025.15.md",
            &case("2025.15", "ansvalig: Meg\n"),
        )
    });
    assert!(err.contains("ukjent nøkkel `ansvalig`"), "{err}");
    assert!(err.contains("mente du `ansvarlig`?"), "{err}");
    assert!(
        err.contains("content/ssu/2025-05-22/2025.15.md:5:1"),
        "{err}"
    );
}

#[test]
fn impossible_date() {
    let err = broken(|s| {
        s.write(
            "content/ssu/2025-02-30/_mote.md",
            "---\ntid: \"09:00\"\ndato: 2025-02-30\n---\n",
        );
    });
    assert!(
        err.contains("`dato: 2025-02-30` er ikke en gyldig dato"),
        "{err}"
    );
    assert!(err.contains("content/ssu/2025-02-30/_mote.md:3:7"), "{err}");
}

#[test]
fn folder_date_must_match_dato() {
    let err = broken(|s| {
        s.write(
            "content/ssu/2025-09-25/_mote.md",
            "---\ndato: 2025-09-26\n---\n",
        )
    });
    assert!(
        err.contains("møtemappen heter `2025-09-25`, men `dato` er 2025-09-26"),
        "{err}"
    );
    assert!(err.contains("content/ssu/2025-09-25/_mote.md:2:7"), "{err}");
}

#[test]
fn exempt_needs_legal_basis() {
    let err = broken(|s| {
        s.write(
            "content/ssu/2025-05-22/2025.15.md",
            &case("2025.15", "offentlig: false\n"),
        )
    });
    assert!(
        err.contains("`offentlig: false` krever `skjermingshjemmel`"),
        "{err}"
    );
    assert!(
        err.contains("content/ssu/2025-05-22/2025.15.md:5:"),
        "{err}"
    );
}

#[test]
fn all_errors_in_one_run() {
    let err = broken(|s| {
        s.write(
            "content/ssu/2025-05-22/2025.15.md",
            &case("2025.15", "ansvalig: Meg\n"),
        );
        s.write(
            "content/ssu/2025-09-25/_mote.md",
            "---\ndato: 2025-09-26\n---\n",
        );
        s.write("content/ssu/2025-05-22/2025.16.md", &case("2025.17", ""));
    });
    assert!(err.contains("ukjent nøkkel `ansvalig`"), "{err}");
    assert!(err.contains("møtemappen heter `2025-09-25`"), "{err}");
    assert!(err.contains("filnavnet `2025.16.md`"), "{err}");
    assert!(err.contains("3 feil."), "{err}");
}

#[test]
fn document_adopted_in_a_missing_case() {
    let err = broken(|s| {
        s.write("content/dokumenter/delavtale.md", "---\ntittel: Delavtale\ndoktype: delavtale\ndato: 2025-09-27\nvedtatt_i: ssu/2025.40\n---\nTekst.\n")
    });
    assert!(
        err.contains("`vedtatt_i`: saken ssu/2025.40 finnes ikke"),
        "{err}"
    );
    assert!(
        err.contains("content/dokumenter/delavtale.md:5:12"),
        "{err}"
    );
}

#[test]
fn unwritable_output_is_an_environment_error() {
    let site = Site::minimal();
    let blocker = site.path().join("blocker");
    std::fs::write(&blocker, "a file, not a folder").unwrap();
    let out = blocker.join("public");
    let o = site.motebok(&[
        "build",
        "--as-of",
        "2026-01-01",
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}
