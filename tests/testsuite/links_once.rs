//! A link is resolved once, by the domain, and every output follows that one answer. Before,
//! the links of a case's `referat` (Markdown in the front matter, shown on the case page, the
//! meeting page and in the archive's minutes) were rendered by the pages and the archive but
//! never seen by the domain's checks: a link there to a missing file, to an exempt case or to
//! a file nothing else uses went out as a broken link (naming what is withheld), where the
//! same link in the body is an error or publishes the file.

use crate::common::output_links::check_links;
use crate::common::*;

const EXEMPT: &str = "offentlig: false\nskjermingshjemmel: \"offl. § 13 jf. fvl. § 13\"\n";

/// The minimal site's case 2025.14 with minutes whose text holds `link`.
fn with_minutes_linking(site: &Site, link: &str) {
    site.write(
        "content/ssu/2025-05-22/2025.14.md",
        &format!(
            "---\nsaksnr: \"2025.14\"\ntittel: Oppfølging\nsakstype: [orientering]\n\
             oppfolging_av: [\"2025.13\"]\nvedtak: [Tatt til orientering.]\n\
             referat: \"Drøftet, se {link}.\"\n\
             vedlegg:\n  - tittel: Notat\n    fil: vedlegg/notat.md\n---\nSe [notatet](vedlegg/notat.md).\n"
        ),
    );
}

#[test]
fn a_link_in_the_minutes_to_a_missing_file_is_an_error_at_its_line() {
    let site = Site::minimal();
    with_minutes_linking(&site, "[kartet](vedlegg/kart.pdf)");
    site.merge_all("Referat med lenke");
    let o = site.motebok(&["check", "--as-of", "2026-01-01"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("content/ssu/2025-05-22/2025.14.md:7:")
            && err.contains("den lenkede filen `vedlegg/kart.pdf` finnes ikke"),
        "{err}"
    );
}

#[test]
fn a_link_in_the_minutes_to_an_exempt_case_is_an_error_and_never_written() {
    let site = Site::minimal();
    site.write(
        "content/ssu/2025-05-22/2025.15.md",
        &format!(
            "---\nsaksnr: \"2025.15\"\ntittel: Personalsak\nsakstype: [beslutning]\n{EXEMPT}---\nTekst.\n"
        ),
    );
    with_minutes_linking(&site, "[saken](2025.15.md)");
    site.merge_all("Referat lenker til unntatt sak");
    let o = site.try_build("2026-01-01");
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("content/ssu/2025-05-22/2025.14.md:7:")
            && err.contains("lenken går til `2025.15.md`, som er unntatt offentlighet"),
        "{err}"
    );
    assert!(!site.out_dir().exists());
}

#[test]
fn a_file_only_the_minutes_link_to_is_published_and_every_output_links_it() {
    let site = Site::minimal();
    with_minutes_linking(&site, "[kartet](vedlegg/kart%20ny.pdf#side=2)");
    // It identifies as PDF/A, so the archive takes it as it is.
    let kart = site
        .path()
        .join("content/ssu/2025-05-22/vedlegg/kart ny.pdf");
    std::fs::create_dir_all(kart.parent().unwrap()).unwrap();
    std::fs::write(&kart, crate::archive_formats::pdf("kart", true)).unwrap();
    site.merge_all("Referat lenker til kart");
    let o = site.build("2026-01-01");
    let err = stderr(&o);
    assert!(
        !err.contains("brukes ikke av noen sak"),
        "not warned as unused: {err}"
    );
    assert!(site.exists("ssu/2025-05-22/vedlegg/kart ny.pdf"), "{err}");
    // The case page and the meeting's minutes link it where it was written.
    let case = site.page("ssu/sak/2025.14/");
    assert!(
        case.contains("href=\"../../../ssu/2025-05-22/vedlegg/kart%20ny.pdf#side=2\""),
        "{case}"
    );
    let meeting = site.page("ssu/2025-05-22/");
    assert!(
        meeting.contains("href=\"../../ssu/2025-05-22/vedlegg/kart%20ny.pdf#side=2\""),
        "{meeting}"
    );
    check_links(&site.out_dir(), "/test/");

    // The archive follows the same answer: the file is in the package, linked from the case.
    let pkg = site.path().join("uttrekk");
    let a = site.motebok(&[
        "archive",
        "--year",
        "2025",
        "--output",
        pkg.to_str().unwrap(),
    ]);
    assert!(a.status.success(), "{}", stderr(&a));
    let files: Vec<String> = walk(&pkg);
    let pdf = files
        .iter()
        .find(|f| f.ends_with("vedlegg/kart ny.pdf"))
        .unwrap_or_else(|| panic!("not in the package: {files:?}"));
    // The case paper (PDF/A) links it relatively, as the page does.
    let case_pdf = files
        .iter()
        .find(|f| f.ends_with("2025.14.pdf"))
        .unwrap_or_else(|| panic!("no case paper: {files:?}"));
    let plain = site.path().join("case-qdf.pdf");
    let q = std::process::Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(pkg.join(case_pdf))
        .arg(&plain)
        .output()
        .expect("qpdf (scripts/install-test-deps)");
    assert!(q.status.success(), "{}", String::from_utf8_lossy(&q.stderr));
    let bytes = String::from_utf8_lossy(&std::fs::read(&plain).unwrap()).into_owned();
    assert!(
        bytes.contains("/URI (vedlegg/kart%20ny.pdf#side=2)"),
        "{pdf}: no link annotation to the file in {case_pdf}"
    );
}

/// Every file under `dir`, as a path relative to it.
fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    out
}

#[test]
fn a_file_that_runs_script_linked_from_the_minutes_is_refused_at_the_minutes() {
    let site = Site::minimal();
    with_minutes_linking(&site, "[skissen](vedlegg/skisse.html)");
    site.write(
        "content/ssu/2025-05-22/vedlegg/skisse.html",
        "<script>alert(1)</script>",
    );
    site.merge_all("Referat lenker til skript");
    let o = site.motebok(&["check", "--as-of", "2026-01-01"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    // Where the editor wrote the link, not "used by nothing" at the file.
    assert!(
        err.contains("content/ssu/2025-05-22/2025.14.md:7:")
            && err.contains("vedlegget `vedlegg/skisse.html` kan kjøre skript"),
        "{err}"
    );
}
