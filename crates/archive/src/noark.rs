//! arkivstruktur.xml: the archive structure in the element order arkivstruktur.xsd (Noark 5
//! v5.0) requires. Two orders surprise: in a `moetemappe` the registreringer come before
//! `moetenummer` (the extension's elements follow the base type's), and in a registrering the
//! `dokumentbeskrivelse`s come before `tittel`.

use super::ids::{Stamp, SYSTEM};
use super::tree::*;
use super::xml::Xml;
use std::io;

pub(super) const NS: &str = "http://www.arkivverket.no/standarder/noark5/arkivstruktur";
const NS_MDK: &str = "http://www.arkivverket.no/standarder/noark5/metadatakatalog";
const NS_XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

pub(super) fn write(a: &Arkiv) -> io::Result<Vec<u8>> {
    let mut x = Xml::new()?;
    let location = format!("{NS} arkivstruktur.xsd");
    x.open(
        "arkiv",
        &[
            ("xmlns", NS),
            ("xmlns:n5mdk", NS_MDK),
            ("xmlns:xsi", NS_XSI),
            ("xsi:schemaLocation", &location),
        ],
    )?;
    x.leaf("systemID", &a.system_id)?;
    x.leaf("tittel", &a.tittel)?;
    x.leaf("beskrivelse", &a.beskrivelse)?;
    x.leaf("arkivstatus", "Avsluttet")?;
    x.leaf("dokumentmedium", "Elektronisk arkiv")?;
    stamp(&mut x, "opprettet", &a.opprettet)?;
    stamp(&mut x, "avsluttet", &a.avsluttet)?;
    x.open("arkivskaper", &[])?;
    x.leaf("arkivskaperID", &a.arkivskaper_id)?;
    x.leaf("arkivskaperNavn", &a.arkivskaper)?;
    x.close("arkivskaper")?;
    arkivdel(&mut x, &a.arkivdel, &a.avsluttet)?;
    x.close("arkiv")?;
    Ok(x.finish())
}

/// `<{prefix}Dato>` and `<{prefix}Av>`.
fn stamp(x: &mut Xml, prefix: &str, s: &Stamp) -> io::Result<()> {
    x.leaf(&format!("{prefix}Dato"), &s.time())?;
    x.leaf(&format!("{prefix}Av"), &s.by)
}

fn arkivdel(x: &mut Xml, d: &Arkivdel, closed: &Stamp) -> io::Result<()> {
    x.open("arkivdel", &[])?;
    x.leaf("systemID", &d.system_id)?;
    x.leaf("tittel", &d.tittel)?;
    x.leaf("beskrivelse", &d.beskrivelse)?;
    x.leaf("arkivdelstatus", d.status)?;
    x.leaf("dokumentmedium", "Elektronisk arkiv")?;
    stamp(x, "opprettet", &d.opprettet)?;
    stamp(x, "avsluttet", closed)?;
    x.leaf("arkivperiodeStartDato", &format!("{}-01-01", d.year))?;
    x.leaf("arkivperiodeSluttDato", &format!("{}-12-31", d.year))?;
    let s = &d.system;
    if !s.klasser.is_empty() {
        x.open("klassifikasjonssystem", &[])?;
        x.leaf("systemID", &s.system_id)?;
        x.leaf("tittel", &s.tittel)?;
        x.leaf("beskrivelse", &s.beskrivelse)?;
        stamp(x, "opprettet", &s.opprettet)?;
        stamp(x, "avsluttet", closed)?;
        for k in &s.klasser {
            klasse(x, k, closed)?;
        }
        x.close("klassifikasjonssystem")?;
    }
    x.close("arkivdel")
}

fn klasse(x: &mut Xml, k: &Klasse, closed: &Stamp) -> io::Result<()> {
    x.open("klasse", &[])?;
    x.leaf("systemID", &k.system_id)?;
    x.leaf("klasseID", &k.klasse_id)?;
    x.leaf("tittel", &k.tittel)?;
    x.opt("beskrivelse", k.beskrivelse.as_deref())?;
    stamp(x, "opprettet", &k.opprettet)?;
    stamp(x, "avsluttet", closed)?;
    for m in &k.mapper {
        mappe(x, m, closed)?;
    }
    x.close("klasse")
}

fn mappe(x: &mut Xml, m: &Mappe, closed: &Stamp) -> io::Result<()> {
    let attrs: &[(&str, &str)] = if m.moete.is_some() {
        &[("xsi:type", "moetemappe")]
    } else {
        &[]
    };
    x.open("mappe", attrs)?;
    x.leaf("systemID", &m.system_id)?;
    x.leaf("mappeID", &m.mappe_id)?;
    x.leaf("tittel", &m.tittel)?;
    x.opt("beskrivelse", m.beskrivelse.as_deref())?;
    x.leaf("dokumentmedium", "Elektronisk arkiv")?;
    stamp(x, "opprettet", &m.opprettet)?;
    stamp(x, "avsluttet", closed)?;
    for n in &m.merknader {
        merknad(x, n)?;
    }
    for r in &m.registreringer {
        registrering(x, r, closed)?;
    }
    if let Some(mt) = &m.moete {
        x.leaf("moetenummer", &mt.moetenummer)?;
        x.leaf("utvalg", &mt.utvalg)?;
        x.leaf("moetedato", &mt.moetedato)?;
        x.opt("moetested", mt.moetested.as_deref())?;
        x.opt("referanseForrigeMoete", mt.forrige.as_deref())?;
        x.opt("referanseNesteMoete", mt.neste.as_deref())?;
    }
    x.close("mappe")
}

fn merknad(x: &mut Xml, n: &Merknad) -> io::Result<()> {
    x.open("merknad", &[])?;
    x.leaf("merknadstekst", &n.tekst)?;
    x.leaf("merknadstype", n.type_)?;
    x.leaf("merknadsdato", &n.registrert.time())?;
    x.leaf("merknadRegistrertAv", &n.registrert.by)?;
    x.close("merknad")
}

fn registrering(x: &mut Xml, r: &Registrering, archived: &Stamp) -> io::Result<()> {
    let attrs: &[(&str, &str)] = if r.moete.is_some() {
        &[("xsi:type", "moeteregistrering")]
    } else {
        &[]
    };
    x.open("registrering", attrs)?;
    x.leaf("systemID", &r.system_id)?;
    stamp(x, "opprettet", &r.opprettet)?;
    stamp(x, "arkivert", archived)?;
    if let Some(s) = &r.skjerming {
        skjerming(x, s)?;
    }
    for d in &r.dokumenter {
        dokument(x, d)?;
    }
    x.leaf("registreringsID", &r.registrerings_id)?;
    x.leaf("tittel", &r.tittel)?;
    x.opt("offentligTittel", r.offentlig_tittel.as_deref())?;
    x.opt("beskrivelse", r.beskrivelse.as_deref())?;
    for k in &r.noekkelord {
        x.leaf("noekkelord", k)?;
    }
    x.leaf("dokumentmedium", "Elektronisk arkiv")?;
    for n in &r.merknader {
        merknad(x, n)?;
    }
    for k in &r.kryssreferanser {
        x.open("kryssreferanse", &[])?;
        x.leaf("referanseTilRegistrering", k)?;
        x.close("kryssreferanse")?;
    }
    if let Some(m) = &r.moete {
        x.leaf("moeteregistreringstype", m.registreringstype)?;
        x.opt("moetesakstype", m.sakstype)?;
        x.opt("moeteregistreringsstatus", m.status.as_deref())?;
        x.leaf("administrativEnhet", &m.administrativ_enhet)?;
        x.leaf("saksbehandler", &m.saksbehandler)?;
        for t in &m.til {
            x.leaf("referanseTilMoeteregistrering", t)?;
        }
        for f in &m.fra {
            x.leaf("referanseFraMoeteregistrering", f)?;
        }
    }
    x.close("registrering")
}

/// Exempt material: the title is shown only as its public title, the documents not at all.
fn skjerming(x: &mut Xml, s: &Skjerming) -> io::Result<()> {
    x.open("skjerming", &[])?;
    x.leaf("tilgangsrestriksjon", "Unntatt offentlighet")?;
    x.leaf("skjermingshjemmel", &s.hjemmel)?;
    x.leaf(
        "skjermingMetadata",
        "Skjerming tittel registrering - utvalgte ord",
    )?;
    x.leaf("skjermingDokument", "Skjerming av hele dokumentet")?;
    x.close("skjerming")
}

fn dokument(x: &mut Xml, d: &Dokument) -> io::Result<()> {
    x.open("dokumentbeskrivelse", &[])?;
    x.leaf("systemID", &d.system_id)?;
    x.leaf("dokumenttype", &d.dokumenttype)?;
    x.leaf("dokumentstatus", "Dokumentet er ferdigstilt")?;
    x.leaf("tittel", &d.tittel)?;
    stamp(x, "opprettet", &d.opprettet)?;
    x.leaf("dokumentmedium", "Elektronisk arkiv")?;
    x.leaf(
        "tilknyttetRegistreringSom",
        if d.hoveddokument {
            "Hoveddokument"
        } else {
            "Vedlegg"
        },
    )?;
    x.leaf("dokumentnummer", &d.nummer.to_string())?;
    stamp(x, "tilknyttet", &d.opprettet)?;
    for n in &d.merknader {
        merknad(x, n)?;
    }
    for o in &d.objekter {
        objekt(x, o)?;
    }
    x.close("dokumentbeskrivelse")
}

fn objekt(x: &mut Xml, o: &Objekt) -> io::Result<()> {
    x.open("dokumentobjekt", &[])?;
    x.leaf("systemID", &o.system_id)?;
    x.leaf("versjonsnummer", &o.versjon.to_string())?;
    x.leaf("variantformat", o.variant)?;
    x.leaf("format", &o.format)?;
    x.leaf("formatDetaljer", &o.format_detaljer)?;
    stamp(x, "opprettet", &o.opprettet)?;
    x.leaf("referanseDokumentfil", &o.fil)?;
    x.leaf("sjekksum", &o.sha256)?;
    x.leaf("sjekksumAlgoritme", "SHA256")?;
    x.leaf("filstoerrelse", &o.size.to_string())?;
    if let Some(k) = &o.konvertering {
        x.open("konvertering", &[])?;
        x.leaf("konvertertDato", &k.dato.time())?;
        x.leaf("konvertertAv", SYSTEM)?;
        x.leaf("konvertertFraFormat", &k.fra)?;
        x.leaf("konvertertTilFormat", &k.til)?;
        x.leaf("konverteringsverktoey", &k.verktoey)?;
        x.close("konvertering")?;
    }
    x.close("dokumentobjekt")
}
