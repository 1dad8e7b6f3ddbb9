//! The content controls on arkivstruktur.xml and endringslogg.xml: unique systemIDs (N5.47),
//! references to the arkivdel (N5.48), to classes from case folders (N5.51) and between
//! folders and registrations (MB.02) resolve, the period (N5.60), the change log's units exist
//! (N5.62), and no element is empty (N5.63).

use crate::addml::Addml;
use crate::documents::child_text;
use crate::package::Parsed;
use crate::report::Control;
use roxmltree::{Document, Node};
use std::collections::{BTreeMap, BTreeSet};

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

fn elements<'a, 'i>(d: &'a Document<'i>, name: &'static str) -> impl Iterator<Item = Node<'a, 'i>> {
    d.descendants()
        .filter(move |n| n.is_element() && n.tag_name().name() == name)
}

/// The systemIDs of the units named `unit` (arkivdel, klasse, mappe, registrering).
fn ids_of(d: &Document, unit: &'static str) -> BTreeSet<String> {
    elements(d, unit)
        .map(|n| child_text(n, "systemID"))
        .collect()
}

fn with(
    mut c: Control,
    doc: &Parsed,
    f: impl FnOnce(&mut Control, &Document) -> String,
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

/// The element's name with the systemID of the nearest unit around it, for messages.
fn place(n: Node) -> String {
    let unit = n
        .ancestors()
        .filter(|a| a.is_element())
        .find(|a| !child_text(*a, "systemID").is_empty());
    match unit {
        Some(u) => format!(
            "<{}> i <{}> {}",
            n.tag_name().name(),
            u.tag_name().name(),
            child_text(u, "systemID")
        ),
        None => format!("<{}>", n.tag_name().name()),
    }
}

/// N5.47: no systemID is used twice.
pub(crate) fn n5_47(doc: &Parsed) -> Control {
    with(
        Control::new("N5.47", "Alle systemID-er er unike"),
        doc,
        |c, d| {
            let mut seen: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
            for n in elements(d, "systemID") {
                let unit = n.parent().map(|p| p.tag_name().name()).unwrap_or("");
                seen.entry(n.text().unwrap_or("").trim())
                    .or_default()
                    .push(unit);
            }
            for (id, units) in &seen {
                if units.len() > 1 {
                    c.fail(format!(
                        "arkivstruktur.xml: systemID {id} brukes {} ganger ({})",
                        units.len(),
                        units.join(", ")
                    ));
                }
            }
            format!("{} systemID-er", seen.values().map(Vec::len).sum::<usize>())
        },
    )
}

/// Fails for each `reference` element (whose parent is one of `from`) whose value is not in
/// `targets`; returns how many there were.
fn resolve(
    c: &mut Control,
    d: &Document,
    reference: &'static str,
    from: &[&str],
    targets: &BTreeSet<String>,
    what: &str,
) -> usize {
    let mut n = 0;
    for r in elements(d, reference) {
        let parent = r.parent().map(|p| p.tag_name().name()).unwrap_or("");
        if !from.is_empty() && !from.contains(&parent) {
            continue;
        }
        n += 1;
        let v = r.text().unwrap_or("").trim();
        if !targets.contains(v) {
            c.fail(format!(
                "arkivstruktur.xml: {} viser til {v}, som ikke er {what} i pakken",
                place(r)
            ));
        }
    }
    n
}

/// N5.48: every referanseArkivdel of a mappe, registrering or dokumentbeskrivelse names an
/// arkivdel of the package.
pub(crate) fn n5_48(doc: &Parsed) -> Control {
    with(
        Control::new("N5.48", "Referanser til arkivdel er gyldige"),
        doc,
        |c, d| {
            let n = resolve(
                c,
                d,
                "referanseArkivdel",
                &["mappe", "registrering", "dokumentbeskrivelse"],
                &ids_of(d, "arkivdel"),
                "en arkivdel",
            );
            format!("{n} referanser")
        },
    )
}

/// N5.51: every referanseSekundaerKlassifikasjon of a saksmappe names a klasse of the package.
pub(crate) fn n5_51(doc: &Parsed) -> Control {
    with(
        Control::new("N5.51", "Referanser til sekundær klassifikasjon er gyldige"),
        doc,
        |c, d| {
            let classes = ids_of(d, "klasse");
            let mut n = 0;
            for m in elements(d, "mappe") {
                let t = m.attribute((XSI, "type")).unwrap_or("");
                if t.rsplit(':').next() != Some("saksmappe") {
                    continue;
                }
                for r in m
                    .children()
                    .filter(|r| r.tag_name().name() == "referanseSekundaerKlassifikasjon")
                {
                    n += 1;
                    let v = r.text().unwrap_or("").trim();
                    if !classes.contains(v) {
                        c.fail(format!(
                            "arkivstruktur.xml: {} viser til {v}, som ikke er en klasse i pakken",
                            place(r)
                        ));
                    }
                }
            }
            format!("{n} referanser")
        },
    )
}

/// MB.02: the references between units motebok writes resolve within the package: previous and
/// next meeting (mappe), to and from meeting registrations (registrering), and cross
/// references (kryssreferanse to klasse, mappe or registrering).
pub(crate) fn mb_02(doc: &Parsed) -> Control {
    with(
        Control::new(
            "MB.02",
            "Referanser mellom mapper og registreringer er gyldige",
        ),
        doc,
        |c, d| {
            let (mapper, regs, klasser) = (
                ids_of(d, "mappe"),
                ids_of(d, "registrering"),
                ids_of(d, "klasse"),
            );
            let mut n = 0;
            for (el, targets, what) in [
                ("referanseForrigeMoete", &mapper, "en mappe"),
                ("referanseNesteMoete", &mapper, "en mappe"),
                ("referanseTilMoeteregistrering", &regs, "en registrering"),
                ("referanseFraMoeteregistrering", &regs, "en registrering"),
                ("referanseTilKlasse", &klasser, "en klasse"),
                ("referanseTilMappe", &mapper, "en mappe"),
                ("referanseTilRegistrering", &regs, "en registrering"),
            ] {
                n += resolve(c, d, el, &[], targets, what);
            }
            format!("{n} referanser")
        },
    )
}

/// N5.60: the arkivdel's period is the ADDML's archivalPeriod. Arkade compares the period with
/// the journals' (loependeJournal.xml, offentligJournal.xml); a motebok package has none (see
/// docs/archive.md), so the period is held against the package description instead, and the
/// first and last registrering's opprettetDato are reported as Arkade reports them.
pub(crate) fn n5_60(doc: &Parsed, addml: Option<&Addml>) -> Control {
    with(
        Control::new("N5.60", "Arkivperiodens start- og sluttdato"),
        doc,
        |c, d| {
            let (want_start, want_end) = addml.map(|a| a.period.clone()).unwrap_or((None, None));
            let mut parts = 0;
            for a in elements(d, "arkivdel") {
                parts += 1;
                let id = child_text(a, "systemID");
                for (el, want, addml_el) in [
                    ("arkivperiodeStartDato", &want_start, "startDate"),
                    ("arkivperiodeSluttDato", &want_end, "endDate"),
                ] {
                    let got = child_text(a, el);
                    match want {
                    _ if got.is_empty() => c.fail(format!("arkivstruktur.xml: <{el}> mangler i arkivdel {id}")),
                    None => c.fail(format!("arkivuttrekk.xml: archivalPeriod/{addml_el} mangler")),
                    Some(w) if *w != got => c.fail(format!(
                        "arkivstruktur.xml: <{el}> i arkivdel {id} er {got}, arkivuttrekk.xml sier archivalPeriod/{addml_el} {w}"
                    )),
                    Some(_) => {}
                }
                }
            }
            if parts == 0 {
                c.fail("arkivstruktur.xml: ingen arkivdel");
            }
            let mut dates: Vec<String> = elements(d, "registrering")
                .map(|r| child_text(r, "opprettetDato"))
                .filter(|s| !s.is_empty())
                .map(|s| s.chars().take(10).collect())
                .collect();
            dates.sort();
            format!(
                "{} – {}; registreringene opprettet {} – {}",
                want_start.unwrap_or_default(),
                want_end.unwrap_or_default(),
                dates.first().map(String::as_str).unwrap_or("-"),
                dates.last().map(String::as_str).unwrap_or("-")
            )
        },
    )
}

/// N5.62: every referanseArkivenhet of the change log is a systemID of arkivstruktur.xml.
pub(crate) fn n5_62(doc: &Parsed, log: &Parsed) -> Control {
    let c = Control::new("N5.62", "Endringsloggen viser til arkivenheter som finnes");
    let log = match log {
        Ok(l) => *l,
        Err(e) => {
            let mut c = c;
            c.fail(e.clone());
            return c;
        }
    };
    with(c, doc, |c, d| {
        let ids: BTreeSet<&str> = elements(d, "systemID")
            .map(|n| n.text().unwrap_or("").trim())
            .collect();
        let mut n = 0;
        for r in elements(log, "referanseArkivenhet") {
            n += 1;
            let v = r.text().unwrap_or("").trim();
            if !ids.contains(v) {
                c.fail(format!(
                    "endringslogg.xml: <referanseArkivenhet> {v} (endring nr. {n}) er ingen systemID i arkivstruktur.xml"
                ));
            }
        }
        format!("{n} endringer")
    })
}

/// N5.63: no element of arkivstruktur.xml without children is without content (whitespace
/// only counts as none, as in Arkade).
pub(crate) fn n5_63(doc: &Parsed) -> Control {
    with(
        Control::new("N5.63", "Ingen elementer uten innhold"),
        doc,
        |c, d| {
            let mut n = 0;
            for e in d.descendants().filter(|n| n.is_element()) {
                if e.children().any(|ch| ch.is_element()) {
                    continue;
                }
                n += 1;
                if e.text().is_none_or(|t| t.trim().is_empty()) {
                    c.fail(format!("arkivstruktur.xml: {} har ikke innhold", place(e)));
                }
            }
            format!("{n} elementer med verdi")
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A saksmappe (which motebok does not write) referring to one class that exists and one
    /// that does not: N5.51 as Arkade defines it, which the integration tests cannot reach.
    const SAKSMAPPE: &str = r#"<arkiv xmlns="http://www.arkivverket.no/standarder/noark5/arkivstruktur" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<arkivdel><systemID>ad</systemID><klassifikasjonssystem><klasse><systemID>k1</systemID>
<mappe xsi:type="saksmappe"><systemID>m1</systemID><referanseSekundaerKlassifikasjon>k1</referanseSekundaerKlassifikasjon></mappe>
<mappe xsi:type="saksmappe"><systemID>m2</systemID><referanseArkivdel>ad</referanseArkivdel><referanseSekundaerKlassifikasjon>k9</referanseSekundaerKlassifikasjon></mappe>
<mappe xsi:type="moetemappe"><systemID>m3</systemID><referanseArkivdel>ax</referanseArkivdel><referanseSekundaerKlassifikasjon>k9</referanseSekundaerKlassifikasjon></mappe>
</klasse></klassifikasjonssystem></arkivdel></arkiv>"#;

    #[test]
    fn class_and_arkivdel_references_resolve_as_arkade_reads_them() {
        let d = Document::parse(SAKSMAPPE).unwrap();
        let c = n5_51(&Ok(&d));
        // Only saksmappe counts: m3's k9 is not Arkade's business in N5.51.
        assert_eq!(c.failures.len(), 1, "{:?}", c.failures);
        assert!(c.failures[0].contains("k9") && c.failures[0].contains("m2"));
        let c = n5_48(&Ok(&d));
        assert_eq!(c.failures.len(), 1, "{:?}", c.failures);
        assert!(c.failures[0].contains("ax") && c.failures[0].contains("m3"));
    }
}
