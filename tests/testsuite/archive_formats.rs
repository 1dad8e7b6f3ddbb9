//! `motebok archive` and attachments that are not Markdown: a PDF that identifies as PDF/A is
//! archived as it is (Arkivformat); anything else stops the export with a list of the files and
//! what to do, unless `--convert ghostscript` is given, which converts a PDF to PDF/A-2b with
//! Ghostscript (recording a `konvertering`), reproducibly.
//!
//! Needs Ghostscript and qpdf (scripts/install-test-deps) besides what `archive::` needs.

use crate::archive::{uttrekk, xsd_dir};
use crate::common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A one-page PDF written by hand (offsets computed), with `xmp` as its catalogue's metadata.
/// With a `pdfaid` packet it *identifies* as PDF/A-2b; it is not a valid PDF/A (no embedded
/// font, no output intent): identification is what the export and MB.01 read.
pub(crate) fn pdf(text: &str, pdfa: bool) -> Vec<u8> {
    let xmp = "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\" pdfaid:part=\"2\" pdfaid:conformance=\"B\"/></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>";
    let content = format!("BT /F1 12 Tf 10 50 Td ({text}) Tj ET");
    let mut objects = vec![
        format!(
            "<< /Type /Catalog /Pages 2 0 R /Lang (nb){} >>",
            if pdfa { " /Metadata 6 0 R" } else { "" }
        ),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    if pdfa {
        objects.push(format!(
            "<< /Type /Metadata /Subtype /XML /Length {} >>\nstream\n{xmp}\nendstream",
            xmp.len()
        ));
    }
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn write_bytes(site: &Site, rel: &str, bytes: &[u8]) {
    let p = site.path().join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

/// SSU with one 2025 meeting whose case has the attachments given (file name → bytes).
fn site(attachments: &[(&str, Vec<u8>)]) -> Site {
    let s = Site::empty(MINIMAL_TOML);
    s.write(
        "content/ssu/_organ.md",
        "---\nnavn: Strategisk samarbeidsutvalg\nkortnavn: SSU\n---\nMandat.\n",
    );
    s.write(
        "content/ssu/2025-02-27/_mote.md",
        "---\ndato: 2025-02-27\nsted: SiV\n---\nMøte.\n",
    );
    let list: String = attachments
        .iter()
        .map(|(f, _)| format!("  - tittel: Vedlegg {f}\n    fil: vedlegg/{f}\n"))
        .collect();
    s.write(
        "content/ssu/2025-02-27/2025.01.md",
        &format!("---\nsaksnr: \"2025.01\"\ntittel: Årsmeldingen\nsakstype: [beslutning]\nvedtak: [Godkjent.]\nvedlegg:\n{list}---\nSe vedleggene.\n"),
    );
    for (f, b) in attachments {
        write_bytes(&s, &format!("content/ssu/2025-02-27/vedlegg/{f}"), b);
    }
    s.merge_all("SSU februar 2025");
    s
}

fn export(site: &Site, name: &str, args: &[&str]) -> (PathBuf, Output) {
    let dir = site.path().join(name);
    let xsd = xsd_dir();
    let mut a = vec![
        "archive",
        "--year",
        "2025",
        "--as-of",
        "2026-01-15",
        "--output",
        dir.to_str().unwrap(),
        "--xsd-dir",
        xsd.to_str().unwrap(),
    ];
    a.extend_from_slice(args);
    let o = site.motebok(&a);
    (dir, o)
}

/// The `<dokumentobjekt>` blocks of arkivstruktur.xml that refer to `file` (a DOKUMENT/ path).
fn object_of(bag: &Path, file: &str) -> String {
    let a = std::fs::read_to_string(uttrekk(bag).join("arkivstruktur.xml")).unwrap();
    let marker = format!("<referanseDokumentfil>{file}</referanseDokumentfil>");
    let i = a
        .find(&marker)
        .unwrap_or_else(|| panic!("{file} not referenced:\n{a}"));
    let start = a[..i].rfind("<dokumentobjekt>").unwrap();
    let end = i + a[i..].find("</dokumentobjekt>").unwrap();
    a[start..end].to_string()
}

/// The MB.01 (PDF/A) failures `--verify` prints for the bag.
fn pdfa_failures(site: &Site, bag: &Path) -> String {
    let o = site.motebok(&["archive", "--verify", bag.to_str().unwrap()]);
    let t = String::from_utf8_lossy(&o.stdout).into_owned();
    let block: Vec<&str> = t
        .lines()
        .skip_while(|l| !l.starts_with("MB.01"))
        .take_while(|l| !l.starts_with("MB.02"))
        .collect();
    block.join("\n")
}

#[test]
fn a_pdfa_attachment_is_archived_as_it_is_in_arkivformat() {
    let report = pdf("Arsmelding", true);
    let site = site(&[("arsmelding.pdf", report.clone())]);
    let (bag, o) = export(&site, "uttrekk", &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let file = "DOKUMENT/ssu/2025-02-27/vedlegg/arsmelding.pdf";
    assert_eq!(std::fs::read(uttrekk(&bag).join(file)).unwrap(), report);
    let obj = object_of(&bag, file);
    assert!(
        obj.contains("<variantformat>Arkivformat</variantformat>"),
        "{obj}"
    );
    assert!(
        obj.contains("<format>fmt/477</format>"),
        "PDF/A-2b is fmt/477:\n{obj}"
    );
    assert!(!obj.contains("<konvertering>"), "nothing converted:\n{obj}");
    let mb01 = pdfa_failures(&site, &bag);
    assert!(mb01.starts_with("MB.01"), "{mb01}");
    assert!(
        !mb01.contains("arsmelding.pdf"),
        "the PDF/A passes MB.01:\n{mb01}"
    );
}

#[test]
fn other_files_stop_the_export_with_a_list_of_what_to_do_by_default() {
    let site = site(&[
        ("skannet.pdf", pdf("Skannet", false)),
        ("tall.csv", b"a;b\n1;2\n".to_vec()),
        ("arsmelding.pdf", pdf("Arsmelding", true)),
    ]);
    let (bag, o) = export(&site, "uttrekk", &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(!bag.exists(), "nothing is written");
    for f in [
        "content/ssu/2025-02-27/vedlegg/skannet.pdf",
        "content/ssu/2025-02-27/vedlegg/tall.csv",
    ] {
        assert!(err.contains(f), "{f} not listed:\n{err}");
    }
    assert!(!err.contains("arsmelding.pdf"), "the PDF/A is fine:\n{err}");
    assert!(
        err.contains("--convert ghostscript"),
        "says what to do:\n{err}"
    );
    assert!(err.contains("PDF/A"), "{err}");
}

#[test]
fn ghostscript_converts_a_pdf_to_pdfa_reproducibly_and_records_it() {
    let scan = pdf("Skannet arsmelding", false);
    let site = site(&[("skannet.pdf", scan.clone())]);
    let (bag, o) = export(&site, "uttrekk", &["--convert", "ghostscript"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let u = uttrekk(&bag);
    // The original stays, as Produksjonsformat; the PDF/A beside it is the Arkivformat.
    let orig = "DOKUMENT/ssu/2025-02-27/vedlegg/skannet.pdf";
    let conv = "DOKUMENT/ssu/2025-02-27/vedlegg/skannet-pdfa.pdf";
    assert_eq!(std::fs::read(u.join(orig)).unwrap(), scan);
    assert!(object_of(&bag, orig).contains("<variantformat>Produksjonsformat</variantformat>"));
    let obj = object_of(&bag, conv);
    for want in [
        "<variantformat>Arkivformat</variantformat>",
        "<format>fmt/477</format>",
        "<konvertering>",
        "<konvertertFraFormat>fmt/",
        "<konvertertTilFormat>fmt/477</konvertertTilFormat>",
        "<konverteringsverktoey>GPL Ghostscript ",
    ] {
        assert!(obj.contains(want), "{want} missing:\n{obj}");
    }
    // When: the original's last change in the git trail (its opprettetDato), not the clock.
    let o_obj = object_of(&bag, orig);
    let changed = between(&o_obj, "<opprettetDato>", "</opprettetDato>")
        .trim_start_matches("<opprettetDato>");
    assert!(
        obj.contains(&format!("<konvertertDato>{changed}</konvertertDato>")),
        "converted when the original last changed ({changed}):\n{obj}"
    );
    // qpdf finds the file sound, and it identifies as PDF/A (MB.01 does not name it).
    let q = Command::new("qpdf")
        .arg("--check")
        .arg(u.join(conv))
        .output();
    let q = q.expect("qpdf: run scripts/install-test-deps");
    assert!(q.status.success(), "{}", String::from_utf8_lossy(&q.stdout));
    let mb01 = pdfa_failures(&site, &bag);
    assert!(!mb01.contains("skannet"), "{mb01}");
    // Two exports are byte-identical, the converted PDF included.
    let (again, o) = export(&site, "igjen", &["--convert", "ghostscript"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(snapshot(&bag), snapshot(&again), "two exports differ");
}
