//! From the site to the package: the archive structure (`tree`) and the document files, with
//! every systemID, checksum and date fixed. Pure apart from reading the loaded file bytes.

use super::docs::{self, Ctx};
use super::html::Links;
use super::ids::{self, Ids, Stamp, SYSTEM};
use super::select::{self, Selection};
use super::tree::*;
use super::ArchiveError;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use motebok_domain::*;
use std::collections::{BTreeMap, HashMap};

/// What the package says of the site, beyond the selection.
pub(super) struct Input<'a> {
    pub site: &'a Site,
    /// Repository path → bytes of every loaded file.
    pub repo: HashMap<&'a str, &'a [u8]>,
    pub org: &'a str,
    pub today: NaiveDate,
    /// What to do with attachments that are neither Markdown nor PDF/A.
    pub convert: super::convert::Convert,
}

pub(super) struct Package {
    pub arkiv: Arkiv,
    /// The document files, by path inside the uttrekk (`DOKUMENT/...`).
    pub files: BTreeMap<String, Vec<u8>>,
    /// When the export closed the archive: the build date, or the last change if later.
    pub exported: Stamp,
    pub stats: Stats,
}

/// How many of each kind the package holds, for the command's summary.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Stats {
    /// Meetings (mapper).
    pub meetings: usize,
    /// Cases (registreringer).
    pub cases: usize,
    /// Documents belonging to no meeting.
    pub documents: usize,
    /// Attachment files.
    pub attachments: usize,
    /// Exempt cases and documents in the package (with `--include-exempt`).
    pub exempt: usize,
}

pub(super) struct Planner<'a> {
    pub inp: &'a Input<'a>,
    pub sel: &'a Selection,
    pub ids: Ids,
    pub links: Links,
    pub exported: Stamp,
    pub files: BTreeMap<String, Vec<u8>>,
    pub stats: Stats,
    /// Ghostscript, looked for at the first file to convert.
    pub gs: Option<Result<super::convert::Ghostscript, String>>,
    /// Attachments that cannot be archived as asked.
    pub refused: Vec<super::convert::Refused>,
    /// The bodies, all in memory: the archive reads every file of the branch.
    pub bodies: motebok_builder::store::Store,
}

pub(super) fn plan(inp: &Input, sel: &Selection) -> Result<Package, ArchiveError> {
    let site = inp.site;
    // Every file of the package by repository path, so documents can link to each other.
    let mut links = Links::new();
    let mut sources: Vec<&Source> = Vec::new();
    for ms in sel.meetings() {
        let m = &site.meetings[ms.meeting];
        links.insert(m.src.path.clone(), docs::summons_path(m));
        sources.push(&m.src);
        for &ci in &ms.cases {
            let c = &site.cases[ci];
            links.insert(c.src.path.clone(), select::pdf_path(&c.src.path));
            sources.push(&c.src);
            for a in select::case_attachments(site, ci) {
                sources.push(&site.attachments[a].src);
            }
        }
    }
    for &di in &sel.documents {
        let d = &site.documents[di];
        links.insert(d.src.path.clone(), select::pdf_path(&d.src.path));
        sources.push(&d.src);
        for a in select::document_attachments(site, di) {
            sources.push(&site.attachments[a].src);
        }
    }
    for ai in 0..site.attachments.len() {
        let a = &site.attachments[ai];
        if sources.iter().any(|s| s.path == a.src.path) {
            let to = if a.is_markdown() {
                select::pdf_path(&a.src.path)
            } else {
                select::package_path(&a.src.path)
            };
            links.insert(a.src.path.clone(), to);
        }
    }
    let last_change: Option<DateTime<FixedOffset>> = sources
        .iter()
        .flat_map(|s| ids::entries(s).iter().map(|e| e.time))
        .max();
    let start = ids::midnight(inp.today);
    let exported = Stamp::new(last_change.filter(|t| *t > start).unwrap_or(start), SYSTEM);
    let mut p = Planner {
        inp,
        sel,
        ids: Ids::new(inp.org),
        links,
        exported,
        files: BTreeMap::new(),
        stats: Stats::default(),
        gs: None,
        refused: Vec::new(),
        bodies: motebok_builder::store::Store::in_memory(),
    };
    let arkiv = p.arkiv()?;
    if !p.refused.is_empty() {
        return Err(ArchiveError::NotArchivable(p.refused));
    }
    Ok(Package {
        arkiv,
        files: p.files,
        exported: p.exported,
        stats: p.stats,
    })
}

pub(super) fn meeting_key(site: &Site, mi: MeetingIx) -> String {
    let m = &site.meetings[mi];
    format!("moete/{}/{}", site.organs[m.organ].id, m.date)
}

pub(super) fn case_key(site: &Site, ci: CaseIx) -> String {
    let c = &site.cases[ci];
    format!("sak/{}/{}", site.organs[c.organ].id, c.number)
}

pub(super) fn document_key(site: &Site, di: DocumentIx) -> String {
    format!("dokument/{}", site.documents[di].slug)
}

/// What kind of file a dokumentobjekt is.
#[derive(Clone)]
pub(super) enum Kind {
    /// Typeset by the export as PDF/A-2a (Arkivformat); `Some` when made from one Markdown
    /// file, whose last change dates the `konvertering`.
    Pdf { from_markdown: Option<Stamp> },
    /// An attachment that identifies as PDF/A, copied as it is (Arkivformat): its PRONOM id.
    PdfA { format: &'static str },
    /// A PDF/A made by Ghostscript from the attachment beside it (Arkivformat).
    PdfAConverted(Konvertering),
    /// The Markdown source from git (Produksjonsformat).
    Markdown,
    /// Any other file, copied as it is.
    Other,
}

impl<'a> Planner<'a> {
    pub(super) fn ctx(&self) -> Ctx<'_> {
        Ctx {
            site: self.inp.site,
            sel: self.sel,
            links: &self.links,
            org: self.inp.org,
            bodies: &self.bodies,
        }
    }

    pub(super) fn bytes(&self, path: &str) -> Result<Vec<u8>, ArchiveError> {
        self.inp
            .repo
            .get(path)
            .map(|b| b.to_vec())
            .ok_or_else(|| ArchiveError::MissingFile(path.to_string()))
    }

    pub(super) fn note(&self, tekst: String, type_: &'static str) -> Merknad {
        Merknad {
            tekst,
            type_,
            registrert: self.exported.clone(),
        }
    }

    pub(super) fn publication(&self, p: Publication) -> Merknad {
        self.note(
            docs::publication_text(p, self.inp.today),
            "Publiseringsstatus",
        )
    }

    /// Adds a file to DOKUMENT/ and describes it.
    pub(super) fn object(
        &mut self,
        dok_key: &str,
        path: String,
        bytes: Vec<u8>,
        kind: Kind,
        opprettet: Stamp,
        versjon: u32,
    ) -> Objekt {
        let tag = match &kind {
            Kind::Pdf { .. } => "pdf",
            Kind::Markdown => "md",
            Kind::Other | Kind::PdfA { .. } => "fil",
            Kind::PdfAConverted(_) => "pdfa",
        };
        let mut konvertering = None;
        let (variant, format, format_detaljer) = match kind {
            Kind::Pdf { from_markdown } => {
                konvertering = from_markdown.map(|dato| Konvertering {
                    dato,
                    fra: "fmt/1149".into(),
                    til: super::paper::PDFA_2A.into(),
                    verktoey: concat!("motebok ", env!("CARGO_PKG_VERSION"), " (Typst)").into(),
                });
                (
                    "Arkivformat",
                    super::paper::PDFA_2A.to_string(),
                    "PDF/A-2a og PDF/UA-1, satt av motebok med Typst".to_string(),
                )
            }
            Kind::Markdown => (
                "Produksjonsformat",
                "fmt/1149".to_string(),
                "Markdown med YAML-forside, UTF-8: kildeteksten slik den ligger i git".to_string(),
            ),
            Kind::PdfA { format } => (
                "Arkivformat",
                format.to_string(),
                "PDF/A (identifisert ved pdfaid i XMP-metadataene); kopiert uendret fra git"
                    .to_string(),
            ),
            Kind::PdfAConverted(k) => {
                let f = k.til.clone();
                konvertering = Some(k);
                (
                    "Arkivformat",
                    f,
                    "PDF/A-2b laget med Ghostscript fra vedlegget med samme navn uten -pdfa"
                        .to_string(),
                )
            }
            Kind::Other => {
                let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
                (
                    "Produksjonsformat",
                    if ext.is_empty() {
                        "ukjent".into()
                    } else {
                        ext.to_uppercase()
                    },
                    format!("Ikke identifisert; kopiert uendret fra git (filendelse .{ext})"),
                )
            }
        };
        let o = Objekt {
            system_id: self.ids.id(&format!("{dok_key}/{tag}")),
            versjon,
            variant,
            format,
            format_detaljer,
            opprettet,
            fil: path.clone(),
            sha256: motebok_site::checksum::sha256_hex(&bytes),
            size: bytes.len() as u64,
            konvertering,
        };
        self.files.insert(path, bytes);
        o
    }

    fn arkiv(&mut self) -> Result<Arkiv, ArchiveError> {
        let site = self.inp.site;
        let year = self.sel.year;
        let mut klasser = Vec::new();
        for os in &self.sel.organs {
            let o = &site.organs[os.organ];
            let mut mapper = Vec::new();
            for (i, ms) in os.meetings.iter().enumerate() {
                let prev = i.checked_sub(1).map(|j| os.meetings[j].meeting);
                let next = os.meetings.get(i + 1).map(|n| n.meeting);
                mapper.push(self.meeting(ms, prev, next)?);
            }
            let first = site.meetings[os.meetings[0].meeting].date;
            klasser.push(Klasse {
                system_id: self.ids.id(&format!("klasse/{}", o.id)),
                klasse_id: o.id.clone(),
                tittel: o.navn.clone(),
                beskrivelse: Some(format!("{}: møtene i {year}", o.kortnavn)),
                opprettet: ids::created(&o.src, first),
                mapper,
            });
        }
        if !self.sel.documents.is_empty() {
            let mut regs = Vec::new();
            for &di in &self.sel.documents {
                regs.push(self.document(di)?);
            }
            let opprettet = earliest(regs.iter().map(|r| &r.opprettet), &self.exported);
            let mappe = Mappe {
                system_id: self.ids.id(&format!("dokumenter/{year}")),
                mappe_id: format!("dokumenter/{year}"),
                tittel: format!("Andre dokumenter {year}"),
                beskrivelse: None,
                opprettet: opprettet.clone(),
                merknader: Vec::new(),
                registreringer: regs,
                moete: None,
            };
            klasser.push(Klasse {
                system_id: self.ids.id("klasse/dokumenter"),
                klasse_id: "dokumenter".into(),
                tittel: "Andre dokumenter".into(),
                beskrivelse: Some(
                    "Avtaler, rapporter, brev og andre dokumenter som ikke hører til et møte"
                        .into(),
                ),
                opprettet,
                mapper: vec![mappe],
            });
        }
        let jan1 = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(self.inp.today);
        let start = Stamp::new(ids::midnight(jan1), SYSTEM);
        let system_opprettet = earliest(klasser.iter().map(|k| &k.opprettet), &start);
        let org = self.inp.org;
        Ok(Arkiv {
            system_id: self.ids.id("arkiv"),
            tittel: format!("Møtebok for {org}"),
            beskrivelse: format!(
                "Innkallinger, saksfremlegg, vedlegg, protokoller og andre dokumenter fra {org}, publisert med motebok"
            ),
            opprettet: earliest([&system_opprettet, &start].into_iter(), &start),
            avsluttet: self.exported.clone(),
            arkivskaper_id: motebok_parser::slugify(org),
            arkivskaper: org.to_string(),
            arkivdel: Arkivdel {
                system_id: self.ids.id(&format!("arkivdel/{year}")),
                tittel: format!("Møtedokumenter {year}"),
                beskrivelse: format!(
                    "Dokumentene fra møtene i {year} i organene som er arkivverdige, og andre dokumenter datert {year}"
                ),
                status: if year < self.inp.today.year() {
                    "Avsluttet periode"
                } else {
                    "Aktiv periode"
                },
                opprettet: start,
                year,
                system: Klassifikasjonssystem {
                    system_id: self.ids.id("klassifikasjonssystem"),
                    tittel: "Organer".into(),
                    beskrivelse: "Én klasse for hvert organ i helsefellesskapet, og én for dokumenter som ikke hører til et møte".into(),
                    opprettet: system_opprettet,
                    klasser,
                },
            },
        })
    }
}

/// The earliest of some stamps, else `fallback`.
pub(super) fn earliest<'s>(it: impl Iterator<Item = &'s Stamp>, fallback: &Stamp) -> Stamp {
    it.min_by_key(|s| s.at).unwrap_or(fallback).clone()
}
