//! The archive structure of one package as plain data, in the order Noark 5 nests it. `plan`
//! fills it from the site; `noark` writes it as arkivstruktur.xml; `endringslogg` and `addml`
//! read it. Field names follow the Noark 5 metadata they become.

use super::ids::Stamp;
use motebok_domain::Source;

pub(super) struct Arkiv {
    pub system_id: String,
    pub tittel: String,
    pub beskrivelse: String,
    pub opprettet: Stamp,
    /// The export closes the arkiv and its arkivdel (both are required to be closed).
    pub avsluttet: Stamp,
    pub arkivskaper_id: String,
    pub arkivskaper: String,
    pub arkivdel: Arkivdel,
}

pub(super) struct Arkivdel {
    pub system_id: String,
    pub tittel: String,
    pub beskrivelse: String,
    pub status: &'static str,
    pub opprettet: Stamp,
    pub year: i32,
    /// One classification system: one class a body, and one for the other documents.
    pub system: Klassifikasjonssystem,
}

pub(super) struct Klassifikasjonssystem {
    pub system_id: String,
    pub tittel: String,
    pub beskrivelse: String,
    pub opprettet: Stamp,
    pub klasser: Vec<Klasse>,
}

pub(super) struct Klasse {
    pub system_id: String,
    pub klasse_id: String,
    pub tittel: String,
    pub beskrivelse: Option<String>,
    pub opprettet: Stamp,
    pub mapper: Vec<Mappe>,
}

pub(super) struct Mappe {
    pub system_id: String,
    pub mappe_id: String,
    pub tittel: String,
    pub beskrivelse: Option<String>,
    pub opprettet: Stamp,
    pub merknader: Vec<Merknad>,
    pub registreringer: Vec<Registrering>,
    /// `Some` for a meeting: the mappe is a `moetemappe`.
    pub moete: Option<Moete>,
}

pub(super) struct Moete {
    pub moetenummer: String,
    pub utvalg: String,
    pub moetedato: String,
    pub moetested: Option<String>,
    pub forrige: Option<String>,
    pub neste: Option<String>,
}

pub(super) struct Registrering {
    pub system_id: String,
    pub opprettet: Stamp,
    pub skjerming: Option<Skjerming>,
    pub dokumenter: Vec<Dokument>,
    pub registrerings_id: String,
    pub tittel: String,
    pub offentlig_tittel: Option<String>,
    pub beskrivelse: Option<String>,
    pub noekkelord: Vec<String>,
    pub merknader: Vec<Merknad>,
    /// systemIDs of registreringer in this package it refers to (`kryssreferanse`).
    pub kryssreferanser: Vec<String>,
    /// `Some` for a meeting document: the registrering is a `moeteregistrering`.
    pub moete: Option<MoeteReg>,
}

pub(super) struct MoeteReg {
    pub registreringstype: &'static str,
    pub sakstype: Option<&'static str>,
    pub status: Option<String>,
    pub administrativ_enhet: String,
    pub saksbehandler: String,
    pub til: Vec<String>,
    pub fra: Vec<String>,
}

/// An exempt case or document (`offentlig: false`), exported only with `--include-exempt`.
pub(super) struct Skjerming {
    pub hjemmel: String,
}

pub(super) struct Dokument {
    pub system_id: String,
    pub dokumenttype: String,
    pub tittel: String,
    pub opprettet: Stamp,
    pub hoveddokument: bool,
    pub nummer: u32,
    pub merknader: Vec<Merknad>,
    pub objekter: Vec<Objekt>,
    /// The repository file behind it, whose trail goes into the endringslogg.
    pub source: Option<Source>,
}

pub(super) struct Objekt {
    pub system_id: String,
    pub versjon: u32,
    pub variant: &'static str,
    pub format: String,
    pub format_detaljer: String,
    pub opprettet: Stamp,
    /// Path inside the uttrekk (`DOKUMENT/...`).
    pub fil: String,
    pub sha256: String,
    pub size: u64,
    /// How the file was made from another (a PDF/A from Markdown, or by Ghostscript).
    pub konvertering: Option<Konvertering>,
}

/// A `konvertering`: the file made from another.
#[derive(Clone)]
pub(super) struct Konvertering {
    /// When: the original's last change in git, so that exports are reproducible.
    pub dato: Stamp,
    pub fra: String,
    pub til: String,
    pub verktoey: String,
}

pub(super) struct Merknad {
    pub tekst: String,
    pub type_: &'static str,
    pub registrert: Stamp,
}
