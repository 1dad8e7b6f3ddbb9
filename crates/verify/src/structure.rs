//! The structure controls: the XML files and schemas are there (N5.01), match their
//! checksums in the ADDML (N5.02), are valid (N5.03), and the ADDML's counts hold (N5.10,
//! N5.16, N5.28, N5.61).

use crate::addml::Addml;
use crate::package::{Package, Parsed};
use crate::report::Control;
use sha2::{Digest, Sha256};
use std::fmt::Write;
use std::process::Command;

pub(crate) fn sha256_hex(b: &[u8]) -> String {
    Sha256::digest(b).iter().fold(String::new(), |mut s, x| {
        let _ = write!(s, "{x:02x}");
        s
    })
}

/// The XML files of a Noark 5 package with the schema each is validated against (Arkade's
/// "XML units").
const UNITS: [(&str, &str); 3] = [
    ("arkivuttrekk.xml", "addml.xsd"),
    ("arkivstruktur.xml", "arkivstruktur.xsd"),
    ("endringslogg.xml", "endringslogg.xsd"),
];

/// N5.01: the ADDML, every data object it names and their schemas exist.
pub(crate) fn n5_01(pkg: &Package, addml: Option<&Addml>) -> Control {
    let mut c = Control::new("N5.01", "Strukturfilene finnes");
    let mut files: Vec<String> = UNITS
        .iter()
        .flat_map(|(x, s)| [x.to_string(), s.to_string()])
        .collect();
    files.push("metadatakatalog.xsd".into());
    if let Some(a) = addml {
        for o in &a.objects {
            files.push(o.file.clone());
            files.extend(o.schemas.iter().cloned());
        }
    }
    files.sort();
    files.dedup();
    for f in &files {
        if !pkg.dir.join(f).is_file() {
            c.fail(format!("{f} mangler"));
        }
    }
    let n = files.len();
    c.summary(format!("{n} filer"))
}

/// N5.02: each data object's file has the checksum the ADDML gives it.
pub(crate) fn n5_02(pkg: &Package, addml: Option<&Addml>) -> Control {
    let mut c = Control::new(
        "N5.02",
        "Sjekksummene til XML-filene stemmer med arkivuttrekk.xml",
    );
    let Some(a) = addml else {
        c.fail("arkivuttrekk.xml kan ikke leses");
        return c;
    };
    for (x, _) in &UNITS[1..] {
        let Some(o) = a.object(x) else {
            c.fail(format!(
                "arkivuttrekk.xml: ingen dataObject med file/name {x}"
            ));
            continue;
        };
        let Some((alg, want)) = &o.checksum else {
            c.fail(format!(
                "arkivuttrekk.xml: dataObject {x} har ingen checksum"
            ));
            continue;
        };
        if !alg.eq_ignore_ascii_case("SHA-256") && !alg.eq_ignore_ascii_case("SHA256") {
            c.fail(format!(
                "arkivuttrekk.xml: checksum/algorithm for {x} er {alg}, ikke SHA-256"
            ));
            continue;
        }
        match std::fs::read(pkg.dir.join(x)) {
            Ok(b) => {
                let got = sha256_hex(&b);
                if !got.eq_ignore_ascii_case(want) {
                    c.fail(format!(
                        "{x}: checksum/value i arkivuttrekk.xml er {want}, filen har {got}"
                    ));
                }
            }
            Err(_) => c.fail(format!("{x} mangler, sjekksummen kan ikke kontrolleres")),
        }
    }
    c.summary("SHA-256")
}

/// N5.03: each XML file is valid against its schema in the package, by xmllint (Debian
/// libxml2-utils), the validator the archive tests use: no XSD 1.0 validator in Rust is
/// complete enough for the Noark 5 schemas.
pub(crate) fn n5_03(pkg: &Package) -> Control {
    let mut c = Control::new("N5.03", "XML-filene er gyldige etter skjemaene i pakken");
    for (x, xsd) in UNITS {
        let (xp, sp) = (pkg.dir.join(x), pkg.dir.join(xsd));
        if !xp.is_file() || !sp.is_file() {
            let missing = if xp.is_file() { xsd } else { x };
            c.fail(format!("{x}: kan ikke valideres, {missing} mangler"));
            continue;
        }
        let out = Command::new("xmllint")
            .arg("--noout")
            .arg("--nonet")
            .arg("--schema")
            .arg(&sp)
            .arg(&xp)
            .output();
        match out {
            Ok(o) if o.status.success() => {}
            Ok(o) => {
                let err = String::from_utf8_lossy(&o.stderr);
                let dir = format!("{}/", pkg.dir.display());
                let lines: Vec<&str> = err
                    .lines()
                    .filter(|l| !l.trim().is_empty() && !l.ends_with("fails to validate"))
                    .collect();
                if lines.is_empty() {
                    c.fail(format!("{x}: ugyldig etter {xsd}"));
                }
                for l in lines {
                    c.fail(l.replace(&dir, ""));
                }
            }
            Err(e) => c.fail(format!(
                "{x}: xmllint kunne ikke kjøres ({e}); installer det (Debian: libxml2-utils)"
            )),
        }
    }
    c.summary("xmllint --schema")
}

/// N5.10, N5.16, N5.61: the number of `element` in `file` is the ADDML's numberOfOccurrences.
pub(crate) fn count(
    id: &'static str,
    title: &'static str,
    doc: &Parsed,
    addml: Option<&Addml>,
    file: &str,
    element: &str,
) -> Control {
    let mut c = Control::new(id, title);
    let doc = match doc {
        Ok(d) => d,
        Err(e) => {
            c.fail(e.clone());
            return c;
        }
    };
    let actual = doc
        .descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == element)
        .count();
    let documented = addml
        .and_then(|a| a.object(file))
        .and_then(|o| o.counts.iter().find(|(n, _)| n == element))
        .map(|(_, n)| *n);
    match documented {
        Some(Some(d)) if d == actual => {}
        Some(Some(d)) => c.fail(format!(
            "arkivuttrekk.xml: numberOfOccurrences {element} for {file} er {d}, {file} har {actual} <{element}>"
        )),
        Some(None) => c.fail(format!(
            "arkivuttrekk.xml: numberOfOccurrences {element} for {file} har ingen tallverdi"
        )),
        None => c.fail(format!(
            "arkivuttrekk.xml: ingen numberOfOccurrences {element} for {file}"
        )),
    }
    c.summary(format!("{actual} <{element}>"))
}

/// N5.28: the ADDML's antallDokumentfiler is the number of files in DOKUMENT/.
pub(crate) fn n5_28(pkg: &Package, addml: Option<&Addml>) -> Control {
    let mut c = Control::new("N5.28", "Antall dokumentfiler stemmer med arkivuttrekk.xml");
    let actual = pkg.documents.len();
    if !pkg.documents_dir {
        c.fail("mappen DOKUMENT/ mangler");
    } else if actual == 0 {
        c.fail("DOKUMENT/ har ingen filer");
    }
    match addml.and_then(|a| a.document_files.as_deref()) {
        Some(v) if v.parse() == Ok(actual) => {}
        Some(v) => c.fail(format!(
            "arkivuttrekk.xml: antallDokumentfiler er {v}, DOKUMENT/ har {actual} filer"
        )),
        None => c.fail("arkivuttrekk.xml: antallDokumentfiler mangler"),
    }
    c.summary(format!("{actual} filer"))
}
