//! The package's documents in PDF/A: the summons, the minutes, each case paper, each Markdown
//! attachment and each other document is a PDF/A-2a (and PDF/UA-1) typeset by motebok as its
//! Arkivformat, the Markdown beside it as Produksjonsformat, and the export runs Arkade's
//! controls before it puts a package in place.
//!
//! The PDFs are checked with independent tools: `tests/py/check_pdf.py` (pikepdf: PDF/A and
//! PDF/UA identification in XMP, fonts embedded, tags, language, title; `qpdf --check`;
//! poppler's `pdftotext`), all installed by scripts/install-test-deps.

use crate::archive::{exported, site, uttrekk, xsd_dir};
use crate::common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Every `<dokumentbeskrivelse>` of arkivstruktur.xml, as (tittel, its dokumentobjekt blocks).
fn descriptions(arkiv: &str) -> Vec<(String, Vec<String>)> {
    arkiv
        .split("<dokumentbeskrivelse>")
        .skip(1)
        .map(|d| {
            let d = d.split("</dokumentbeskrivelse>").next().unwrap();
            let title = between(d, "<tittel>", "</tittel>")
                .trim_start_matches("<tittel>")
                .to_string();
            let objs = d
                .split("<dokumentobjekt>")
                .skip(1)
                .map(|o| o.split("</dokumentobjekt>").next().unwrap().to_string())
                .collect();
            (title, objs)
        })
        .collect()
}

fn text_of(block: &str, tag: &str) -> String {
    between(block, &format!("<{tag}>"), &format!("</{tag}>"))
        .trim_start_matches(&format!("<{tag}>"))
        .to_string()
}

fn check_pdf(files: &[PathBuf], expect: &[&str]) -> Output {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let python = root.join("target/test-venv/bin/python");
    let mut cmd = Command::new(&python);
    cmd.arg(root.join("tests/py/check_pdf.py"))
        .args(["--lang", "nb"]);
    cmd.args(files);
    if !expect.is_empty() {
        cmd.arg("--expect-text").args(expect);
    }
    cmd.output()
        .unwrap_or_else(|e| panic!("{} ({e}): run scripts/install-test-deps", python.display()))
}

fn pdftotext(p: &Path) -> String {
    let o = Command::new("pdftotext")
        .arg(p)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils): run scripts/install-test-deps");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn every_document_is_pdfa_typeset_from_its_markdown_which_stays_as_produksjonsformat() {
    let site = site();
    let bag = exported(&site, "uttrekk", &[]);
    let u = uttrekk(&bag);
    let arkiv = std::fs::read_to_string(u.join("arkivstruktur.xml")).unwrap();
    let mut typeset = Vec::new();
    for (title, objs) in descriptions(&arkiv) {
        let arkivformat: Vec<&String> = objs
            .iter()
            .filter(|o| o.contains("<variantformat>Arkivformat</variantformat>"))
            .collect();
        assert_eq!(arkivformat.len(), 1, "{title}: one Arkivformat\n{objs:#?}");
        let a = arkivformat[0];
        let file = text_of(a, "referanseDokumentfil");
        assert!(file.ends_with(".pdf"), "{title}: {file}");
        // The attachment that is a PDF/A already (fmt/477) goes in as it is; the rest is ours.
        if text_of(a, "format") == "fmt/477" {
            continue;
        }
        assert_eq!(
            text_of(a, "format"),
            "fmt/476",
            "{title}: PDF/A-2a is fmt/476"
        );
        typeset.push(u.join(&file));
        let md = objs
            .iter()
            .find(|o| o.contains("<format>fmt/1149</format>"));
        if let Some(md) = md {
            assert!(md.contains("<variantformat>Produksjonsformat</variantformat>"));
            // Made from that Markdown: recorded, dated by the trail (the Markdown's last change).
            let changed = text_of(md, "opprettetDato");
            for want in [
                "<konvertertFraFormat>fmt/1149</konvertertFraFormat>".to_string(),
                "<konvertertTilFormat>fmt/476</konvertertTilFormat>".to_string(),
                format!("<konvertertDato>{changed}</konvertertDato>"),
                format!(
                    "<konverteringsverktoey>motebok {}",
                    env!("CARGO_PKG_VERSION")
                ),
            ] {
                if text_of(a, "referanseDokumentfil").ends_with("innkalling.pdf") {
                    break; // the summons is made from the meeting and its cases, not one file
                }
                assert!(a.contains(&want), "{title}: {want} missing\n{a}");
            }
        }
    }
    assert!(typeset.len() >= 8, "{} typeset", typeset.len());
    let no_html: Vec<String> = snapshot(&u.join("DOKUMENT"))
        .keys()
        .map(|p| p.display().to_string())
        .filter(|p| p.ends_with(".html"))
        .collect();
    assert!(no_html.is_empty(), "HTML left: {no_html:?}");
    let o = check_pdf(&typeset, &[]);
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        stderr(&o)
    );
    // The case paper says what the case says, in order.
    let case = u.join("DOKUMENT/ssu/2025-02-27/2025.01.pdf");
    let o = check_pdf(
        std::slice::from_ref(&case),
        &[
            "Samarbeidsavtale om TUD",
            "Forslag til vedtak",
            "Avtalen godkjennes.",
            "Vedtak",
        ],
    );
    assert!(o.status.success(), "{}\n{}", stderr(&o), pdftotext(&case));
    // And the package passes every control.
    let v = site.motebok(&["archive", "--verify", bag.to_str().unwrap()]);
    assert!(v.status.success(), "{}", String::from_utf8_lossy(&v.stdout));
}

#[test]
fn an_exempt_case_stays_out_of_the_pdfs_unless_included() {
    let site = site();
    let bag = exported(&site, "uttrekk", &[]);
    let summons = uttrekk(&bag).join("DOKUMENT/ssu/2025-02-27/innkalling.pdf");
    let t = pdftotext(&summons);
    assert!(t.contains("Personalsak") && t.contains("offl. § 25"), "{t}");
    for (p, _) in snapshot(&uttrekk(&bag).join("DOKUMENT")) {
        if p.extension().is_some_and(|e| e == "pdf") {
            let t = pdftotext(&uttrekk(&bag).join("DOKUMENT").join(&p));
            assert!(
                !t.contains("Ansettelse av ny daglig leder") && !t.contains("Lønnsforhandlingene"),
                "exempt text in {}",
                p.display()
            );
        }
    }
    let with = exported(&site, "med", &["--include-exempt"]);
    let t = pdftotext(&uttrekk(&with).join("DOKUMENT/ssu/2025-02-27/2025.03.pdf"));
    assert!(t.contains("Lønnsforhandlingene"), "{t}");
}

#[test]
fn the_export_runs_the_controls_before_it_puts_the_package_in_place() {
    let site = site();
    let bag = exported(&site, "uttrekk", &[]);
    let before = snapshot(&bag);
    // Schemas that reject the package: N5.03 fails, and the old package stays as it was.
    let bad = site.path().join("strenge-skjemaer");
    std::fs::create_dir_all(&bad).unwrap();
    for f in [
        "arkivstruktur.xsd",
        "metadatakatalog.xsd",
        "endringslogg.xsd",
        "addml.xsd",
    ] {
        std::fs::copy(xsd_dir().join(f), bad.join(f)).unwrap();
    }
    let xsd = std::fs::read_to_string(bad.join("arkivstruktur.xsd")).unwrap();
    std::fs::write(
        bad.join("arkivstruktur.xsd"),
        xsd.replacen("name=\"arkiv\"", "name=\"arkivet\"", 1),
    )
    .unwrap();
    let o = site.motebok(&[
        "archive",
        "--year",
        "2025",
        "--as-of",
        "2026-01-15",
        "--output",
        bag.to_str().unwrap(),
        "--xsd-dir",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("N5.03"), "{}", stderr(&o));
    assert_eq!(snapshot(&bag), before, "the old package is untouched");
}
