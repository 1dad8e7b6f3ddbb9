//! `motebok archive --verify`: reads a Noark 5 arkivuttrekk back and runs the controls of
//! Arkivverket's test tool Arkade 5 that apply to a motebok package, each under Arkade's id
//! (N5.01 …), plus two of motebok's own (MB.01 PDF/A, MB.02 references between units).
//!
//! Independent of the exporter by design: its own XML reading (roxmltree), its own SHA-256, its
//! own reading of the ADDML, so a mistake in the writer is not repeated by the reader. Schema
//! validity (N5.03) is left to xmllint with the XSDs in the package, as the archive tests do.

mod addml;
mod content;
mod documents;
mod package;
mod pdfa;
mod report;
mod structure;

pub use package::VerifyError;
pub use report::{Control, Report};

use std::path::Path;

/// Runs every control on the package in `dir` (the bag, or its `data/avleveringspakke`).
pub fn verify(dir: &Path) -> Result<Report, VerifyError> {
    let pkg = package::Package::open(dir)?;
    let arkivstruktur = pkg.parse("arkivstruktur.xml");
    let endringslogg = pkg.parse("endringslogg.xml");
    let addml = pkg
        .parse("arkivuttrekk.xml")
        .as_ref()
        .ok()
        .map(addml::Addml::read);
    let a = arkivstruktur.as_ref().map_err(|e| e.clone());
    let e = endringslogg.as_ref().map_err(|e| e.clone());
    let controls = vec![
        structure::n5_01(&pkg, addml.as_ref()),
        structure::n5_02(&pkg, addml.as_ref()),
        structure::n5_03(&pkg),
        structure::count(
            "N5.10",
            "Antall mapper stemmer med arkivuttrekk.xml",
            &a,
            addml.as_ref(),
            "arkivstruktur.xml",
            "mappe",
        ),
        structure::count(
            "N5.16",
            "Antall registreringer stemmer med arkivuttrekk.xml",
            &a,
            addml.as_ref(),
            "arkivstruktur.xml",
            "registrering",
        ),
        structure::n5_28(&pkg, addml.as_ref()),
        documents::n5_30(&pkg, &a),
        documents::n5_32(&pkg, &a),
        documents::n5_33(&pkg, &a),
        documents::n5_34(&a),
        content::n5_47(&a),
        content::n5_48(&a),
        content::n5_51(&a),
        content::n5_60(&a, addml.as_ref()),
        structure::count(
            "N5.61",
            "Antall endringer i endringsloggen stemmer med arkivuttrekk.xml",
            &e,
            addml.as_ref(),
            "endringslogg.xml",
            "endring",
        ),
        content::n5_62(&a, &e),
        content::n5_63(&a),
        documents::n5_64(&pkg, &a),
        documents::mb_01(&pkg, &a),
        content::mb_02(&a),
    ];
    Ok(Report {
        dir: pkg.dir.display().to_string(),
        controls,
    })
}
