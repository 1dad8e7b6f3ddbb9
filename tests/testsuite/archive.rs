//! `motebok archive`: a content repository with meetings in 2024 and 2025, one year exported,
//! and the package checked with the official tools: `xmllint --schema` against Arkivverket's
//! Noark 5 XSDs and the Library of Congress validator `bagit.py --validate`.
//!
//! The tools are required, never skipped: run `scripts/install-test-deps` first. The XSDs are
//! found through NOARK5_XSD_DIR only (scripts/test sets it to the checked copy that
//! install-test-deps makes), bagit.py through BAGIT_PY (default `target/test-venv/bin/bagit.py`).

use crate::common::*;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SECRET_TITLE: &str = "Ansettelse av ny daglig leder";
const SECRET_TEXT: &str = "Lønnsforhandlingene";

pub(crate) fn xsd_dir() -> PathBuf {
    // Only the variable: the tests never look beside the repository.
    let dir = std::env::var_os("NOARK5_XSD_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            panic!(
            "NOARK5_XSD_DIR is not set: run scripts/test, or scripts/install-test-deps and then \
             NOARK5_XSD_DIR=target/test-schemas/noark5 cargo test --test testsuite archive::"
        )
        });
    // Absolute, since the commands under test run in other folders.
    let dir = std::path::absolute(dir).unwrap();
    assert!(
        dir.join("arkivstruktur.xsd").is_file(),
        "the Noark 5 XSDs are not in {} (NOARK5_XSD_DIR): run scripts/install-test-deps and set \
         NOARK5_XSD_DIR to target/test-schemas/noark5",
        dir.display()
    );
    dir
}

fn bagit_py() -> PathBuf {
    let p = std::env::var_os("BAGIT_PY")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-venv/bin/bagit.py")
        });
    assert!(
        p.is_file(),
        "bagit.py not found at {}: run scripts/install-test-deps (or set BAGIT_PY)",
        p.display()
    );
    p
}

fn run(cmd: &mut Command, what: &str) -> Output {
    cmd.output().unwrap_or_else(|e| {
        panic!("cannot run {what} ({e}): run scripts/install-test-deps to install it")
    })
}

/// `xmllint --noout --schema`, asserting zero errors.
fn assert_valid(schema: &Path, xml: &Path) {
    let o = run(
        Command::new("xmllint")
            .arg("--noout")
            .arg("--schema")
            .arg(schema)
            .arg(xml),
        "xmllint",
    );
    assert!(
        o.status.success(),
        "{} is not valid against {}:\n{}",
        xml.display(),
        schema.display(),
        stderr(&o)
    );
}

fn bagit_validate(bag: &Path) -> Output {
    run(
        Command::new(bagit_py()).arg("--validate").arg(bag),
        "bagit.py",
    )
}

fn case(saksnr: &str, tittel: &str, extra: &str, body: &str) -> String {
    format!("---\nsaksnr: \"{saksnr}\"\ntittel: {tittel}\nsakstype: [beslutning]\nansvarlig: Kari Saksbehandler\n{extra}---\n{body}\n")
}

/// SSU with meetings in 2024 and 2025 (follow-ups, a referatsak, an exempt case, Markdown and
/// other attachments), FSU (not worth archiving) in 2025, and two other documents.
pub(crate) fn site() -> Site {
    let s = Site::empty(MINIMAL_TOML);
    s.write(
        "content/ssu/_organ.md",
        "---\nnavn: Strategisk samarbeidsutvalg\nkortnavn: SSU\n---\nMandat.\n",
    );
    s.write(
        "content/fsu/_organ.md",
        "---\nnavn: Faglig samarbeidsutvalg\nkortnavn: FSU\narkivverdig: false\n---\nMandat.\n",
    );
    s.write(
        "content/ssu/2024-11-28/_mote.md",
        "---\ndato: 2024-11-28\nsted: Tønsberg\n---\nMøte.\n",
    );
    s.write(
        "content/ssu/2024-11-28/2024.40.md",
        &case(
            "2024.40",
            "Arbeid med samarbeidsavtale",
            "vedtak: [Tatt til orientering.]\n",
            "Bakgrunn.",
        ),
    );
    s.merge_all("SSU november 2024");
    s.write(
        "content/ssu/2025-02-27/_mote.md",
        "---\ndato: 2025-02-27\ntid: \"09:00-12:00\"\nsted: SiV\nreferent: Sekretariatet\n---\nVelkommen.\n",
    );
    s.write(
        "content/ssu/2025-02-27/2025.01.md",
        &case(
            "2025.01",
            "Samarbeidsavtale om TUD",
            "oppfolging_av: [\"2024.40\"]\nforslag: [Avtalen godkjennes.]\nvedtak: [Avtalen godkjennes.]\nvedlegg:\n  - tittel: Avtaleteksten\n    fil: vedlegg/avtale.md\n  - tittel: Tallgrunnlag\n    fil: vedlegg/tall.pdf\n",
            "Se [avtalen](vedlegg/avtale.md), [forrige sak](../2024-11-28/2024.40.md) og [nettstedet](/ssu/).\n\n![Logo](https://example.org/logo.png)",
        ),
    );
    s.write(
        "content/ssu/2025-02-27/2025.02.md",
        "---\nsaksnr: \"2025.02\"\ntittel: Godkjenning av referat\nsakstype: [referatsak]\ngodkjenner_referat: [\"2024-11-28\"]\nvedtak: [Referatet godkjennes.]\n---\nReferatet fra november.\n",
    );
    s.write(
        "content/ssu/2025-02-27/2025.03.md",
        &format!(
            "---\nsaksnr: \"2025.03\"\ntittel: {SECRET_TITLE}\nsakstype: [beslutning]\noffentlig: false\nskjermingshjemmel: \"offl. § 25\"\noffentlig_tittel: Personalsak\nvedlegg:\n  - tittel: Innstilling\n    fil: vedlegg/innstilling.md\n---\n{SECRET_TEXT} er avsluttet.\n"
        ),
    );
    s.write(
        "content/ssu/2025-02-27/vedlegg/avtale.md",
        "# Avtale\n\nAvtaleteksten.\n",
    );
    // A PDF that identifies as PDF/A: archived as it is (archive_formats.rs has the other cases).
    std::fs::write(
        s.path().join("content/ssu/2025-02-27/vedlegg/tall.pdf"),
        crate::archive_formats::pdf("Tallgrunnlag", true),
    )
    .unwrap();
    s.write(
        "content/ssu/2025-02-27/vedlegg/innstilling.md",
        &format!("{SECRET_TEXT}: innstillingen.\n"),
    );
    s.write(
        "content/fsu/2025-03-06/_mote.md",
        "---\ndato: 2025-03-06\n---\nFagutvalget.\n",
    );
    s.write(
        "content/fsu/2025-03-06/2025.01.md",
        &case("2025.01", "Fagutvalgets arbeidsplan", "", "Plan."),
    );
    s.merge_all("SSU og FSU februar og mars 2025");
    s.write(
        "content/ssu/2025-05-22/_mote.md",
        "---\ndato: 2025-05-22\n---\nMøte.\n",
    );
    s.write(
        "content/ssu/2025-05-22/2025.10.md",
        &case(
            "2025.10",
            "Oppfølging av TUD-avtalen",
            "oppfolging_av: [\"2025.01\"]\n",
            "Status.",
        ),
    );
    s.write(
        "content/dokumenter/avtale-tud.md",
        "---\ntittel: Samarbeidsavtale TUD\ndoktype: avtale\ndato: 2025-03-01\nvedtatt_i: ssu/2025.01\n---\nAvtalen.\n",
    );
    s.write(
        "content/dokumenter/arsmelding-2024.md",
        "---\ntittel: Årsmelding 2024\ndoktype: arsmelding\ndato: 2024-12-15\n---\nÅret som gikk.\n",
    );
    s.merge_all("SSU mai 2025 og dokumenter");
    s
}

/// `motebok archive --year Y --as-of 2026-01-15 --output <dir> [args]`
fn export(site: &Site, year: &str, dir: &Path, args: &[&str]) -> Output {
    let mut a = vec![
        "archive",
        "--year",
        year,
        "--as-of",
        "2026-01-15",
        "--output",
        dir.to_str().unwrap(),
    ];
    a.extend_from_slice(args);
    site.motebok(&a)
}

/// Exports with the official XSDs, asserting success; returns the bag's folder.
pub(crate) fn exported(site: &Site, name: &str, args: &[&str]) -> PathBuf {
    let dir = site.path().join(name);
    let xsd = xsd_dir();
    let mut a = vec!["--xsd-dir", xsd.to_str().unwrap()];
    a.extend_from_slice(args);
    let o = export(site, "2025", &dir, &a);
    assert!(o.status.success(), "archive failed:\n{}", stderr(&o));
    dir
}

pub(crate) fn uttrekk(bag: &Path) -> PathBuf {
    bag.join("data/avleveringspakke")
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Every text of `<tag>...</tag>` in `xml`.
fn texts<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    xml.split(&open)
        .skip(1)
        .filter_map(|s| s.split_once(&close).map(|(t, _)| t))
        .collect()
}

/// Elements named exactly `tag`, with or without attributes.
fn count_elements(xml: &str, tag: &str) -> usize {
    xml.matches(&format!("<{tag}>")).count() + xml.matches(&format!("<{tag} ")).count()
}

/// The first `<value>` after `marker` in the ADDML.
fn value_after<'a>(addml: &'a str, marker: &str) -> &'a str {
    let i = addml
        .find(marker)
        .unwrap_or_else(|| panic!("`{marker}` not in arkivuttrekk.xml"));
    texts(&addml[i + marker.len()..], "value")[0]
}

fn sha256_hex(b: &[u8]) -> String {
    Sha256::digest(b)
        .iter()
        .map(|x| format!("{x:02x}"))
        .collect()
}

#[test]
fn every_xml_file_is_valid_against_the_official_schemas() {
    let site = site();
    let bag = exported(&site, "uttrekk", &[]);
    let u = uttrekk(&bag);
    let xsd = xsd_dir();
    assert_valid(&xsd.join("arkivstruktur.xsd"), &u.join("arkivstruktur.xml"));
    assert_valid(&xsd.join("endringslogg.xsd"), &u.join("endringslogg.xml"));
    assert_valid(&xsd.join("addml.xsd"), &u.join("arkivuttrekk.xml"));
    // The schemas travel with the package, unaltered, and validate it there too.
    for name in [
        "arkivstruktur.xsd",
        "metadatakatalog.xsd",
        "endringslogg.xsd",
        "addml.xsd",
    ] {
        assert_eq!(
            std::fs::read(u.join(name)).unwrap(),
            std::fs::read(xsd.join(name)).unwrap(),
            "{name} was altered"
        );
    }
    assert_valid(&u.join("arkivstruktur.xsd"), &u.join("arkivstruktur.xml"));
}

#[test]
fn the_bag_is_valid_and_a_changed_byte_breaks_it() {
    let site = site();
    let bag = exported(&site, "uttrekk", &[]);
    let o = bagit_validate(&bag);
    assert!(
        o.status.success(),
        "bagit.py --validate failed:\n{}",
        stderr(&o)
    );
    assert_eq!(
        read(&bag.join("bagit.txt")),
        "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
    );
    let info = read(&bag.join("bag-info.txt"));
    for field in [
        "Source-Organization: Helsefellesskapet i Testfold\n",
        "Bagging-Date: 2026-01-15\n",
        "Payload-Oxum: ",
        "External-Description: ",
        "Bag-Software-Agent: motebok ",
    ] {
        assert!(
            info.contains(field),
            "bag-info.txt lacks {field:?}:\n{info}"
        );
    }
    let html = uttrekk(&bag).join("DOKUMENT/ssu/2025-02-27/2025.01.pdf");
    let mut bytes = std::fs::read(&html).unwrap();
    let i = bytes.len() / 2;
    bytes[i] ^= 0x01;
    std::fs::write(&html, bytes).unwrap();
    let o = bagit_validate(&bag);
    assert!(
        !o.status.success(),
        "a changed payload byte was not noticed"
    );
}

#[test]
fn counts_and_checksums_in_arkivuttrekk_match_the_package() {
    let site = site();
    let bag = exported(&site, "uttrekk", &[]);
    let u = uttrekk(&bag);
    let addml = read(&u.join("arkivuttrekk.xml"));
    let arkiv = read(&u.join("arkivstruktur.xml"));
    let log = read(&u.join("endringslogg.xml"));
    let n = |path: &str| -> usize {
        value_after(&addml, &format!("<value>{path}</value>"))
            .parse()
            .unwrap()
    };
    assert_eq!(n("//mappe"), count_elements(&arkiv, "mappe"));
    assert_eq!(n("//registrering"), count_elements(&arkiv, "registrering"));
    assert_eq!(n("//endring"), count_elements(&log, "endring"));
    // 2 meetings + "Andre dokumenter"; 2 summons, 3 cases, 1 minutes, 1 document.
    assert_eq!(n("//mappe"), 3);
    assert_eq!(n("//registrering"), 7);
    assert!(n("//endring") >= 1);
    let files: Vec<PathBuf> = snapshot(&u.join("DOKUMENT")).into_keys().collect();
    let declared: usize = value_after(&addml, "name=\"antallDokumentfiler\">")
        .parse()
        .unwrap();
    assert_eq!(declared, files.len());
    for (file, xsd) in [
        ("arkivstruktur.xml", "arkivstruktur.xsd"),
        ("endringslogg.xml", "endringslogg.xsd"),
    ] {
        for name in [file, xsd] {
            let sha = value_after(
                &addml[addml.find(&format!("<value>{name}</value>")).unwrap()..],
                "<property name=\"value\">",
            );
            assert_eq!(
                sha,
                sha256_hex(&std::fs::read(u.join(name)).unwrap()),
                "{name}"
            );
        }
    }
    // Every dokumentobjekt names a file of the package with its checksum and size, and every
    // file of DOKUMENT/ is described.
    let refs = texts(&arkiv, "referanseDokumentfil");
    let sums = texts(&arkiv, "sjekksum");
    let sizes = texts(&arkiv, "filstoerrelse");
    assert_eq!((refs.len(), sums.len()), (sizes.len(), sizes.len()));
    for ((r, s), z) in refs.iter().zip(&sums).zip(&sizes) {
        let bytes = std::fs::read(u.join(r)).unwrap_or_else(|e| panic!("{r}: {e}"));
        assert_eq!(*s, sha256_hex(&bytes), "{r}");
        assert_eq!(z.parse::<usize>().unwrap(), bytes.len(), "{r}");
    }
    for f in &files {
        let p = format!("DOKUMENT/{}", f.to_string_lossy());
        assert!(refs.contains(&p.as_str()), "{p} is not described");
    }
}

#[test]
fn every_case_of_the_year_and_nothing_of_another() {
    let site = site();
    let bag = exported(&site, "uttrekk", &[]);
    let u = uttrekk(&bag);
    let arkiv = read(&u.join("arkivstruktur.xml"));
    let ids: Vec<&str> = texts(&arkiv, "registreringsID");
    assert_eq!(
        ids,
        [
            "ssu/2025-02-27/innkalling",
            "ssu/2025.01",
            "ssu/2025.02",
            "ssu/2025-02-27/protokoll",
            "ssu/2025-05-22/innkalling",
            "ssu/2025.10",
            "dokumenter/avtale-tud",
        ]
    );
    assert_eq!(texts(&arkiv, "moetedato"), ["2025-02-27", "2025-05-22"]);
    assert_eq!(texts(&arkiv, "arkivperiodeStartDato"), ["2025-01-01"]);
    let docs = snapshot(&u.join("DOKUMENT"));
    for p in docs.keys() {
        let p = p.to_string_lossy();
        assert!(!p.contains("2024"), "{p} is not of 2025");
    }
    for p in [
        "ssu/2025-02-27/innkalling.pdf",
        "ssu/2025-02-27/protokoll.pdf",
        "ssu/2025-02-27/_mote.md",
        "ssu/2025-02-27/2025.01.pdf",
        "ssu/2025-02-27/2025.01.md",
        "ssu/2025-02-27/vedlegg/avtale.pdf",
        "ssu/2025-02-27/vedlegg/avtale.md",
        "ssu/2025-02-27/vedlegg/tall.pdf",
        "ssu/2025-05-22/2025.10.pdf",
        "dokumenter/avtale-tud.pdf",
        "dokumenter/avtale-tud.md",
    ] {
        assert!(docs.contains_key(Path::new(p)), "DOKUMENT/{p} is missing");
    }
    // The Markdown source is the file from the repository, byte for byte.
    assert_eq!(
        docs[Path::new("ssu/2025-02-27/2025.01.md")],
        std::fs::read(site.path().join("content/ssu/2025-02-27/2025.01.md")).unwrap()
    );
    // Types, references and the follow-up across years.
    assert!(arkiv.contains("<moetesakstype>Referatsak</moetesakstype>"));
    assert!(arkiv.contains("<moetesakstype>Politisk sak</moetesakstype>"));
    assert!(arkiv.contains("<saksbehandler>Kari Saksbehandler</saksbehandler>"));
    assert_eq!(texts(&arkiv, "referanseTilMoeteregistrering").len(), 1);
    assert_eq!(texts(&arkiv, "referanseFraMoeteregistrering").len(), 1);
    assert!(arkiv.contains(
        "Følger opp SSU 2024.40 Arbeid med samarbeidsavtale (se arkivuttrekket for 2024)"
    ));
    assert!(arkiv.contains("<tilknyttetRegistreringSom>Vedlegg</tilknyttetRegistreringSom>"));
    assert!(arkiv.contains("<merknadstype>Publiseringsstatus</merknadstype>"));
    assert!(
        arkiv.contains("Fortsatt publisert på nettstedet per 2026-01-15, til og med 2027-02-26.")
    );
}

#[test]
fn a_body_not_worth_archiving_is_left_out() {
    let site = site();
    let dir = site.path().join("uttrekk");
    let xsd = xsd_dir();
    let o = export(&site, "2025", &dir, &["--xsd-dir", xsd.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("fsu"), "{}", stderr(&o));
    let u = uttrekk(&dir);
    assert!(!u.join("DOKUMENT/fsu").exists());
    let arkiv = read(&u.join("arkivstruktur.xml"));
    assert_eq!(texts(&arkiv, "klasseID"), ["ssu", "dokumenter"]);
    assert!(!arkiv.contains("Fagutvalgets arbeidsplan"));
    assert!(!arkiv.contains("Faglig samarbeidsutvalg"));
}

#[test]
fn an_exempt_case_only_with_include_exempt_and_then_screened() {
    let site = site();
    let without = exported(&site, "uten", &[]);
    for (p, bytes) in snapshot(&without) {
        let s = String::from_utf8_lossy(&bytes);
        assert!(
            !s.contains(SECRET_TITLE) && !s.contains(SECRET_TEXT),
            "exempt content in {}",
            p.display()
        );
    }
    let u = uttrekk(&without);
    assert!(!u.join("DOKUMENT/ssu/2025-02-27/2025.03.md").exists());
    assert!(!u
        .join("DOKUMENT/ssu/2025-02-27/vedlegg/innstilling.md")
        .exists());
    // The agenda keeps the line of §4 (number, public title and legal basis): archive_pdfa.rs
    // reads the PDFs' text.

    let with = exported(&site, "med", &["--include-exempt"]);
    let u = uttrekk(&with);
    let arkiv = read(&u.join("arkivstruktur.xml"));
    assert!(texts(&arkiv, "registreringsID").contains(&"ssu/2025.03"));
    let reg = between(
        &arkiv,
        "<registreringsID>ssu/2025.03</registreringsID>",
        "</registrering>",
    );
    assert!(
        reg.contains("<offentligTittel>Personalsak</offentligTittel>"),
        "{reg}"
    );
    let screened = between(&arkiv, "<skjerming>", "</skjerming>");
    assert!(screened.contains("<tilgangsrestriksjon>Unntatt offentlighet</tilgangsrestriksjon>"));
    assert!(screened.contains("<skjermingshjemmel>offl. § 25</skjermingshjemmel>"));
    assert_eq!(arkiv.matches("<skjerming>").count(), 1);
    assert!(u.join("DOKUMENT/ssu/2025-02-27/2025.03.md").exists());
    assert!(u
        .join("DOKUMENT/ssu/2025-02-27/vedlegg/innstilling.pdf")
        .exists());
    let addml = read(&u.join("arkivuttrekk.xml"));
    assert_eq!(
        value_after(&addml, "name=\"inneholderSkjermetInformasjon\">"),
        "true"
    );
    assert!(read(&with.join("bag-info.txt")).contains("unntatt offentlighet"));
    let xsd = xsd_dir();
    assert_valid(&xsd.join("arkivstruktur.xsd"), &u.join("arkivstruktur.xml"));
    assert_valid(&xsd.join("addml.xsd"), &u.join("arkivuttrekk.xml"));
    assert!(bagit_validate(&with).status.success());
}

#[test]
fn two_exports_are_byte_identical() {
    let site = site();
    let a = snapshot(&exported(&site, "a", &["--include-exempt"]));
    let b = snapshot(&exported(&site, "b", &["--include-exempt"]));
    assert!(a.len() > 20, "{} files", a.len());
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (p, bytes) in &a {
        assert!(
            b[p] == *bytes,
            "{} differs between two exports",
            p.display()
        );
    }
}

#[test]
fn missing_schemas_are_said_in_the_package_and_on_the_terminal() {
    let site = site();
    let dir = site.path().join("uttrekk");
    let o = export(&site, "2025", &dir, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("advarsel: XSD-skjemaene er ikke med"),
        "{}",
        stderr(&o)
    );
    let u = uttrekk(&dir);
    assert!(!u.join("arkivstruktur.xsd").exists());
    assert!(read(&dir.join("bag-info.txt")).contains("XSD-skjemaene mangler"));
    assert!(read(&dir.join("data/README.md")).contains("Skjemaene mangler"));
    // Still valid against the schemas, and a valid bag.
    assert_valid(
        &xsd_dir().join("arkivstruktur.xsd"),
        &u.join("arkivstruktur.xml"),
    );
    assert_valid(&xsd_dir().join("addml.xsd"), &u.join("arkivuttrekk.xml"));
    assert!(bagit_validate(&dir).status.success());
}

#[test]
fn schemas_from_site_toml() {
    let site = site();
    let toml = format!(
        "{MINIMAL_TOML}[archive]\nxsd_dir = \"{}\"\n",
        xsd_dir().display()
    );
    site.write("site.toml", &toml);
    site.merge_all("Oppgi XSD-mappen");
    let dir = site.path().join("uttrekk");
    let o = export(&site, "2025", &dir, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    // No schema warning (the PDF attachment's accessibility warnings are another matter).
    assert!(!stderr(&o).contains("XSD-skjemaene"), "{}", stderr(&o));
    assert!(uttrekk(&dir).join("endringslogg.xsd").is_file());
}

#[test]
fn usage_errors_exit_2_and_write_nothing() {
    let site = site();
    let dir = site.path().join("uttrekk");
    let o = export(&site, "2019", &dir, &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("ingenting å arkivere fra 2019"),
        "{}",
        stderr(&o)
    );
    let o = export(&site, "2025", &dir, &["--xsd-dir", "/finnes/ikke"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("arkivstruktur.xsd"), "{}", stderr(&o));
    assert!(!dir.exists());
}

#[test]
fn the_other_year_has_its_own_package() {
    let site = site();
    let dir = site.path().join("uttrekk-2024");
    let xsd = xsd_dir();
    let o = export(&site, "2024", &dir, &["--xsd-dir", xsd.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let u = uttrekk(&dir);
    let arkiv = read(&u.join("arkivstruktur.xml"));
    assert_eq!(
        texts(&arkiv, "registreringsID"),
        [
            "ssu/2024-11-28/innkalling",
            "ssu/2024.40",
            "ssu/2024-11-28/protokoll",
            "dokumenter/arsmelding-2024",
        ]
    );
    assert!(arkiv
        .contains("Fulgt opp i SSU 2025.01 Samarbeidsavtale om TUD (se arkivuttrekket for 2025)"));
    assert_valid(&xsd.join("arkivstruktur.xsd"), &u.join("arkivstruktur.xml"));
    assert_valid(&xsd.join("endringslogg.xsd"), &u.join("endringslogg.xml"));
    assert!(bagit_validate(&dir).status.success());
}

#[test]
fn content_errors_exit_1_and_write_nothing() {
    let site = site();
    site.write(
        "content/ssu/2025-05-22/2025.11.md",
        &case(
            "2025.11",
            "Feil",
            "oppfolging_av: [\"2025.99\"]\n",
            "Tekst.",
        ),
    );
    site.merge_all("Brutt henvisning");
    let dir = site.path().join("uttrekk");
    let o = export(&site, "2025", &dir, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("content/ssu/2025-05-22/2025.11.md"),
        "{}",
        stderr(&o)
    );
    assert!(!dir.exists());
}
