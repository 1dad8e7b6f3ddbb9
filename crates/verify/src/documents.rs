//! The document file controls: each referenced file exists (N5.32), has its checksum (N5.30)
//! and size and is not empty (N5.64), every file is referenced (N5.33) and only once (N5.34),
//! and every Arkivformat file identifies as PDF/A (MB.01).

use crate::package::{Package, Parsed};
use crate::report::Control;
use crate::structure::sha256_hex;
use roxmltree::Node;
use std::collections::BTreeMap;

/// A `dokumentobjekt` as the controls need it.
pub(crate) struct Object {
    pub system_id: String,
    pub file: String,
    pub variant: String,
    pub format: String,
    pub checksum: String,
    pub algorithm: String,
    pub size: String,
}

pub(crate) fn child_text(n: Node, name: &str) -> String {
    n.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
        .and_then(|c| c.text())
        .map(|t| t.trim().to_string())
        .unwrap_or_default()
}

pub(crate) fn objects(doc: &roxmltree::Document) -> Vec<Object> {
    doc.descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == "dokumentobjekt")
        .map(|o| Object {
            system_id: child_text(o, "systemID"),
            file: child_text(o, "referanseDokumentfil"),
            variant: child_text(o, "variantformat"),
            format: child_text(o, "format"),
            checksum: child_text(o, "sjekksum"),
            algorithm: child_text(o, "sjekksumAlgoritme"),
            size: child_text(o, "filstoerrelse"),
        })
        .collect()
}

/// Runs `f` on the parsed arkivstruktur.xml, or fails the control with why it cannot be read.
fn with(
    mut c: Control,
    doc: &Parsed,
    f: impl FnOnce(&mut Control, &roxmltree::Document) -> String,
) -> Control {
    match doc {
        Ok(d) => {
            let s = f(&mut c, d);
            c.summary(s)
        }
        Err(e) => {
            c.fail(e.clone());
            c
        }
    }
}

/// N5.30: each document file's SHA-256 is its `sjekksum`.
pub(crate) fn n5_30(pkg: &Package, doc: &Parsed) -> Control {
    with(
        Control::new("N5.30", "Sjekksummene til dokumentfilene stemmer"),
        doc,
        |c, d| {
            let mut n = 0;
            for o in objects(d) {
                let Some((path, _)) = pkg.document(&o.file) else {
                    continue;
                };
                n += 1;
                let alg = o.algorithm.replace('-', "");
                if !alg.eq_ignore_ascii_case("SHA256") {
                    c.fail(format!(
                        "{}: sjekksumAlgoritme i dokumentobjekt {} er «{}», ikke SHA256",
                        o.file, o.system_id, o.algorithm
                    ));
                    continue;
                }
                match std::fs::read(pkg.dir.join(path)) {
                    Ok(b) => {
                        let got = sha256_hex(&b);
                        if !got.eq_ignore_ascii_case(&o.checksum) {
                            c.fail(format!(
                                "{}: sjekksum i dokumentobjekt {} er {}, filen har {got}",
                                o.file, o.system_id, o.checksum
                            ));
                        }
                    }
                    Err(e) => c.fail(format!("{}: kan ikke leses ({e})", o.file)),
                }
            }
            format!("{n} filer")
        },
    )
}

/// N5.32: every referanseDokumentfil names a file of the package.
pub(crate) fn n5_32(pkg: &Package, doc: &Parsed) -> Control {
    with(
        Control::new("N5.32", "Alle dokumentfiler det vises til, finnes"),
        doc,
        |c, d| {
            let objs = objects(d);
            for o in &objs {
                if pkg.document(&o.file).is_none() {
                    c.fail(format!(
                    "{}: referanseDokumentfil i dokumentobjekt {} viser til en fil som ikke finnes",
                    o.file, o.system_id
                ));
                }
            }
            format!("{} referanser", objs.len())
        },
    )
}

/// N5.33: every file in DOKUMENT/ is named by a referanseDokumentfil.
pub(crate) fn n5_33(pkg: &Package, doc: &Parsed) -> Control {
    with(
        Control::new("N5.33", "Ingen dokumentfil mangler referanse"),
        doc,
        |c, d| {
            let referenced: std::collections::BTreeSet<String> = objects(d)
                .into_iter()
                .map(|o| o.file.replace('\\', "/"))
                .collect();
            for f in pkg.documents.keys() {
                if !referenced.contains(f) {
                    c.fail(format!(
                        "{f}: ingen referanseDokumentfil i arkivstruktur.xml viser til filen"
                    ));
                }
            }
            format!("{} filer", pkg.documents.len())
        },
    )
}

/// N5.34: no file is named by more than one dokumentobjekt.
pub(crate) fn n5_34(doc: &Parsed) -> Control {
    with(
        Control::new("N5.34", "Ingen dokumentfil har flere referanser"),
        doc,
        |c, d| {
            let mut by_file: BTreeMap<String, Vec<String>> = BTreeMap::new();
            for o in objects(d) {
                by_file
                    .entry(o.file.replace('\\', "/"))
                    .or_default()
                    .push(o.system_id);
            }
            for (f, ids) in &by_file {
                if ids.len() > 1 {
                    c.fail(format!(
                        "{f}: referanseDokumentfil i {} dokumentobjekter ({})",
                        ids.len(),
                        ids.join(", ")
                    ));
                }
            }
            format!("{} filer med referanse", by_file.len())
        },
    )
}

/// N5.64: no referenced document file is empty, and each has the size its filstoerrelse says.
pub(crate) fn n5_64(pkg: &Package, doc: &Parsed) -> Control {
    with(
        Control::new("N5.64", "Ingen tomme dokumentfiler"),
        doc,
        |c, d| {
            for o in objects(d) {
                let Some((_, size)) = pkg.document(&o.file) else {
                    continue;
                };
                if size == 0 {
                    c.fail(format!(
                        "{}: filen er tom (dokumentobjekt {})",
                        o.file, o.system_id
                    ));
                } else if o.size.parse::<u64>().ok() != Some(size) {
                    c.fail(format!(
                        "{}: filstoerrelse i dokumentobjekt {} er {}, filen har {size} byte",
                        o.file, o.system_id, o.size
                    ));
                }
            }
            let empty = pkg.documents.values().filter(|&&s| s == 0).count();
            format!("{empty} tomme")
        },
    )
}

/// MB.01: every Arkivformat file is a PDF that identifies as PDF/A in its XMP metadata, and its
/// `format` is the PRONOM id of that PDF/A level (Arkivverket accepts text documents only as
/// PDF/A, plain text, TIFF or XML; motebok's documents are PDF/A).
pub(crate) fn mb_01(pkg: &Package, doc: &Parsed) -> Control {
    with(
        Control::new("MB.01", "Alle filer i Arkivformat er PDF/A"),
        doc,
        |c, d| {
            let mut n = 0;
            for o in objects(d)
                .into_iter()
                .filter(|o| o.variant == "Arkivformat")
            {
                n += 1;
                let Some((path, _)) = pkg.document(&o.file) else {
                    c.fail(format!(
                        "{}: finnes ikke (Arkivformat i dokumentobjekt {})",
                        o.file, o.system_id
                    ));
                    continue;
                };
                let bytes = std::fs::read(pkg.dir.join(path)).unwrap_or_default();
                match crate::pdfa::identify(&bytes) {
                Err(why) => c.fail(format!(
                    "{}: variantformat Arkivformat i dokumentobjekt {}, men filen er ikke PDF/A: {why} (format {})",
                    o.file, o.system_id, o.format
                )),
                Ok(level) => {
                    let want = level.pronom();
                    if want != Some(o.format.as_str()) {
                        c.fail(format!(
                            "{}: filen er PDF/A-{}, men format i dokumentobjekt {} er {} (ventet {})",
                            o.file,
                            level,
                            o.system_id,
                            o.format,
                            want.unwrap_or("en PRONOM-id for PDF/A")
                        ));
                    }
                }
            }
            }
            format!("{n} filer i Arkivformat")
        },
    )
}
