//! The meeting papers as PDFs (issue 16, CONTENT.md §9): `innkalling.pdf` and `protokoll.pdf`
//! beside each meeting page, checked as their readers meet them: `tests/py/check_pdf.py`
//! (PDF/UA-1 and PDF/A-2 with pdfua, pikepdf, qpdf) and poppler's `pdftotext` for what they say
//! and in which order. The checker needs the test venv (scripts/install-test-deps); missing
//! it is a failure, never a skip.

use crate::common::preview::{get, start, wait_for};
use crate::common::*;
use sha2::Digest;
use std::path::{Path, PathBuf};
use std::process::Command;

const SUMMONS: &str = "ssu/2025-05-22/innkalling.pdf";
const MINUTES: &str = "ssu/2025-05-22/protokoll.pdf";

/// `check_pdf.py` on `pdfs`, expecting `texts` in this order in each; fails with its findings.
pub(crate) fn check_pdf(pdfs: &[PathBuf], texts: &[&str]) {
    let mut cmd = Command::new(python("pdfua and pikepdf"));
    cmd.arg(repo_root().join("tests/py/check_pdf.py"))
        .args(["--lang", "nb"])
        .args(pdfs);
    if !texts.is_empty() {
        cmd.arg("--expect-text").args(texts);
    }
    let o = cmd.output().expect("python runs");
    assert!(
        o.status.success(),
        "check_pdf.py failed ({}):\n{}{}",
        o.status,
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// What a reader's tool reads of a PDF (poppler's `pdftotext`), whitespace collapsed.
pub(crate) fn pdf_text(path: &Path) -> String {
    let o = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils)");
    assert!(
        o.status.success(),
        "pdftotext {}: {}",
        path.display(),
        stderr(&o)
    );
    String::from_utf8_lossy(&o.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub(crate) fn pages(path: &Path) -> usize {
    let o = Command::new("pdfinfo")
        .arg(path)
        .output()
        .expect("pdfinfo runs");
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count for {}", path.display()))
}

/// The minimal site with an exempt case (secret title and text) and a case paper with a table;
/// [`decide`] gives the first case and the exempt one a decision.
pub(crate) fn fixture() -> Site {
    let s = Site::minimal();
    s.write(
        "content/ssu/2025-05-22/2025.13.md",
        "---\nsaksnr: \"2025.13\"\ntittel: Godkjenning av innkalling\nsakstype: [beslutning]\nansvarlig: Christian Reissig\nforslag:\n  - Innkallingen godkjennes.\n---\n## Bakgrunn\n\nTekst om innkallingen.\n\n| År | Saker |\n|---|---:|\n| 2024 | 31 |\n| 2025 | 17 |\n",
    );
    s.write(
        "content/ssu/2025-05-22/2025.15.md",
        "---\nsaksnr: \"2025.15\"\ntittel: Hemmelig personalsak Fjellheim\nsakstype: [beslutning]\noffentlig: false\nskjermingshjemmel: \"offl. § 13 jf. fvl. § 13\"\n---\nHemmelig saksfremlegg om Fjellheim.\n",
    );
    s.merge_all("Saker til SSU-møtet");
    s
}

pub(crate) fn decide(s: &Site) {
    s.write(
        "content/ssu/2025-05-22/2025.13.md",
        &s.read_src("content/ssu/2025-05-22/2025.13.md").replace(
            "---\n## Bakgrunn",
            "vedtak:\n  - Innkallingen ble godkjent.\nreferat: |\n  Møteleder gikk gjennom innkallingen.\n---\n## Bakgrunn",
        ),
    );
    s.write(
        "content/ssu/2025-05-22/2025.15.md",
        &s.read_src("content/ssu/2025-05-22/2025.15.md").replace(
            "---\nHemmelig",
            "vedtak:\n  - Hemmelig vedtak om Fjellheim.\n---\nHemmelig",
        ),
    );
    s.merge_all("Vedtak i sak 2025.13 og 2025.15");
}

#[test]
fn the_summons_is_an_accessible_pdf_with_the_agenda_and_each_case_paper_in_order() {
    let site = fixture();
    site.build("2025-06-01");
    let pdf = site.out_dir().join(SUMMONS);
    assert!(pdf.is_file(), "no {SUMMONS}");
    check_pdf(
        std::slice::from_ref(&pdf),
        &[
            "Innkalling",
            "Strategisk samarbeidsutvalg",
            "SiV",
            "Saksliste",
            "2025.13",
            "Godkjenning av innkalling",
            "2025.14",
            "Oppfølging",
            "2025.15",
            "Unntatt offentlighet",
            "Sak 2025.13 Godkjenning av innkalling",
            "Forslag til vedtak",
            "Innkallingen godkjennes.",
            "Bakgrunn",
            "Tekst om innkallingen.",
            "2024",
            "31",
            "Sak 2025.14 Oppfølging",
            "Notat",
            "Innhold.",
        ],
    );
    let text = pdf_text(&pdf);
    for secret in ["Fjellheim", "Hemmelig"] {
        assert!(!text.contains(secret), "{secret:?} in the summons: {text}");
    }
    assert!(
        !site.out_dir().join(MINUTES).exists(),
        "no decision yet, no minutes"
    );
}

#[test]
fn the_minutes_come_with_a_decision_and_say_whether_they_are_approved() {
    let site = fixture();
    decide(&site);
    site.build("2025-06-01");
    let pdf = site.out_dir().join(MINUTES);
    check_pdf(
        std::slice::from_ref(&pdf),
        &[
            "Protokoll",
            "ikke godkjent ennå",
            "Sak 2025.13 Godkjenning av innkalling",
            "Møteleder gikk gjennom innkallingen.",
            "Konklusjon",
            "Innkallingen ble godkjent.",
            "2025.15",
            "Saken er unntatt offentlighet.",
        ],
    );
    let text = pdf_text(&pdf);
    assert!(
        !text.contains("Fjellheim"),
        "exempt text in the minutes: {text}"
    );

    // Approved in the next meeting: the minutes say where, as the meeting page does.
    site.write(
        "content/ssu/2025-06-12/_mote.md",
        "---\ndato: 2025-06-12\n---\n",
    );
    site.write(
        "content/ssu/2025-06-12/2025.20.md",
        "---\nsaksnr: \"2025.20\"\ntittel: Godkjenning av referat\nsakstype: [referatsak]\ngodkjenner_referat: [\"2025-05-22\"]\n---\nReferatet godkjennes.\n",
    );
    site.merge_all("Neste møte");
    site.build("2025-06-20");
    let text = pdf_text(&pdf);
    assert!(
        text.contains("godkjent i sak SSU 2025.20 i møtet 12. juni 2025"),
        "{text}"
    );
    assert!(!text.contains("ikke godkjent ennå"), "{text}");
}

#[test]
fn the_meeting_page_links_its_papers_with_their_size() {
    let site = fixture();
    decide(&site);
    site.build("2025-06-01");
    let page = site.page("ssu/2025-05-22/");
    for (file, title) in [
        ("innkalling.pdf", "Innkalling med saksdokumenter"),
        ("protokoll.pdf", "Protokoll"),
    ] {
        let size = std::fs::metadata(site.out_dir().join("ssu/2025-05-22").join(file))
            .unwrap()
            .len();
        // As every size on the site: kB with a decimal comma under 10.
        let kb = size as f64 / 1000.0;
        let label = if kb < 10.0 {
            format!("{kb:.1}").replace('.', ",")
        } else {
            format!("{kb:.0}")
        };
        let link = format!(
            r#"<a href="../../ssu/2025-05-22/{file}">{title}</a> <span class="meta">(PDF, {label} kB)</span>"#
        );
        assert!(page.contains(&link), "no {link} in\n{page}");
    }
}

#[test]
fn open_data_describes_the_pdfs_as_oparl_files() {
    let site = fixture();
    decide(&site);
    site.build("2025-06-01");
    let out = site.out_dir();
    let m: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("api/meeting/ssu/2025-05-22.json")).unwrap(),
    )
    .unwrap();
    for (key, path) in [("invitation", SUMMONS), ("resultsProtocol", MINUTES)] {
        let bytes = std::fs::read(out.join(path)).unwrap();
        let id = m[key]["id"].as_str().unwrap();
        let rel = id.strip_prefix("https://example.org/test/").unwrap();
        let f: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(out.join(rel)).unwrap()).unwrap();
        assert_eq!(f["mimeType"], "application/pdf", "{f}");
        assert_eq!(f["accessUrl"], format!("https://example.org/test/{path}"));
        assert_eq!(f["downloadUrl"], f["accessUrl"]);
        assert_eq!(f["size"], bytes.len() as u64);
        let sha: String = sha2::Sha512::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(f["sha512Checksum"], sha);
    }
    crate::oparl::assert_oparl(&out, "https://example.org/test/");
}

#[test]
fn a_preview_pdf_carries_the_draft_mark_and_production_never_holds_unmerged_text() {
    let site = fixture();
    site.write(
        "content/ssu/2025-05-22/2025.14.md",
        &site
            .read_src("content/ssu/2025-05-22/2025.14.md")
            .replace("Se [notatet]", "Ikke godkjent tilleggstekst. Se [notatet]"),
    );
    site.build_worktree("2025-06-01");
    let text = pdf_text(&site.out_dir().join(SUMMONS));
    assert!(text.contains("UTKAST"), "no draft mark: {text}");
    assert!(text.contains("Ikke godkjent tilleggstekst."), "{text}");

    site.build("2025-06-01");
    let text = pdf_text(&site.out_dir().join(SUMMONS));
    assert!(!text.contains("UTKAST"), "{text}");
    assert!(
        !text.contains("Ikke godkjent tilleggstekst"),
        "unmerged text in production: {text}"
    );
}

#[test]
fn when_the_window_closes_the_urls_keep_a_one_page_tombstone() {
    let site = fixture();
    decide(&site);
    site.build("2027-06-01");
    for path in [SUMMONS, MINUTES] {
        let pdf = site.out_dir().join(path);
        check_pdf(
            std::slice::from_ref(&pdf),
            &["avpublisert", "22. mai 2027", "arkiv@example.org"],
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
    // The meeting's tombstone page does not offer them.
    assert!(!site.page("ssu/2025-05-22/").contains("innkalling.pdf"));
}

#[test]
fn the_same_input_gives_the_same_bytes_and_a_rebuild_is_a_full_build() {
    let a = fixture();
    decide(&a);
    a.build("2025-06-01");
    // A second full build elsewhere of the same repository.
    let fresh = a.path().join("fresh");
    let o = a.motebok(&[
        "build",
        "--as-of",
        "2025-06-01",
        "--output",
        fresh.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    for p in [SUMMONS, MINUTES] {
        assert_eq!(
            std::fs::read(a.out_dir().join(p)).unwrap(),
            std::fs::read(fresh.join(p)).unwrap(),
            "{p} differs between two builds"
        );
    }
    // An edit, then a rebuild (from the snapshot) against a full build into an empty folder.
    a.write(
        "content/ssu/2025-05-22/vedlegg/notat.md",
        "# Notat\n\nInnhold endret.\n",
    );
    a.merge_all("Rett notatet");
    let o = a.build("2025-06-01");
    assert!(
        stderr(&o).contains("Oppdaterte"),
        "a rebuild: {}",
        stderr(&o)
    );
    std::fs::remove_dir_all(&fresh).unwrap();
    let o = a.motebok(&[
        "build",
        "--as-of",
        "2025-06-01",
        "--output",
        fresh.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(pdf_text(&a.out_dir().join(SUMMONS)).contains("Innhold endret."));
    assert_eq!(
        snapshot(&a.out_dir()),
        snapshot(&fresh),
        "the rebuild differs from a full build"
    );
}

#[test]
fn the_preview_serves_the_papers() {
    let site = fixture();
    let p = start(&site);
    let a = get(&p.addr, &format!("/{SUMMONS}"));
    assert_eq!(a.status, 200);
    assert_eq!(a.content_type, "application/pdf");
    assert!(a.body.starts_with("%PDF-"), "not a PDF");
    // A saved change is typeset again.
    let before = a.body.len();
    site.write(
        "content/ssu/2025-05-22/2025.14.md",
        &site.read_src("content/ssu/2025-05-22/2025.14.md").replace(
            "Se [notatet]",
            "En ganske mye lengre tekst som gjør dokumentet større. Se [notatet]",
        ),
    );
    let a = wait_for(&p.addr, &format!("/{SUMMONS}"), |a| a.body.len() != before);
    assert!(a.body.starts_with("%PDF-"));
}
