//! The registreringer of cases (`moeteregistrering`) and other documents (`registrering`), with
//! their main documents and attachments as `dokumentbeskrivelse`s.

use super::convert::{self, Convert};
use super::docs::{attachment_title, case_label, public_title};
use super::ids;
use super::ids::Stamp;
use super::paper;
use super::plan::{case_key, document_key, earliest, meeting_key, Kind, Planner};
use super::select;
use super::tree::*;
use super::ArchiveError;
use chrono::NaiveDate;
use motebok_domain::*;

/// Noark's `moetesakstype` (M088) for a case. A referatsak is a Referatsak; every other case is
/// dealt with by the body itself, which municipal Noark systems register as "Politisk sak".
/// The motebok types themselves are kept as `noekkelord`.
pub fn moetesakstype(c: &Case) -> &'static str {
    if c.sakstype.contains(&Sakstype::Referatsak) {
        "Referatsak"
    } else {
        "Politisk sak"
    }
}

pub(super) const NOT_GIVEN: &str = "Ikke oppgitt";

impl Planner<'_> {
    /// A Markdown or other file as a dokumentbeskrivelse of the registrering `reg_key`.
    fn attachment(
        &mut self,
        reg_key: &str,
        ai: AttachmentIx,
        case: Option<CaseIx>,
        nummer: u32,
        fallback: NaiveDate,
    ) -> Result<Dokument, ArchiveError> {
        let site = self.inp.site;
        let a = &site.attachments[ai];
        let dok_key = format!("{reg_key}/dok/{}", a.src.path);
        let bytes = self.bytes(&a.src.path)?;
        let v = ids::version(&a.src);
        let changed = ids::changed(&a.src, fallback);
        let mut objekter = Vec::new();
        if a.is_markdown() {
            let paper = self
                .ctx()
                .attachment_paper(ai, case, &changed, self.inp.today)?;
            let pdf = paper::typeset(&paper)?;
            objekter.push(self.object(
                &dok_key,
                select::pdf_path(&a.src.path),
                pdf,
                Kind::Pdf {
                    from_markdown: Some(changed.clone()),
                },
                changed.clone(),
                v,
            ));
            objekter.push(self.object(
                &dok_key,
                select::package_path(&a.src.path),
                bytes,
                Kind::Markdown,
                changed,
                v,
            ));
        } else {
            objekter.extend(self.other_file(&dok_key, &a.src.path, bytes, changed, v));
        }
        self.stats.attachments += 1;
        Ok(Dokument {
            system_id: self.ids.id(&dok_key),
            dokumenttype: "Vedlegg".into(),
            tittel: attachment_title(site, ai, case),
            opprettet: ids::created(&a.src, fallback),
            hoveddokument: false,
            nummer,
            merknader: vec![self.publication(a.publication)],
            objekter,
            source: Some(a.src.clone()),
        })
    }

    /// An attachment that is not Markdown: as it is when it is PDF/A; converted by Ghostscript
    /// (the original kept as Produksjonsformat) when asked to and it is a PDF; else refused.
    fn other_file(
        &mut self,
        dok_key: &str,
        src: &str,
        bytes: Vec<u8>,
        changed: Stamp,
        v: u32,
    ) -> Vec<Objekt> {
        let path = select::package_path(src);
        let claim = motebok_builder::attachments::pdfa_claim(&bytes);
        if let Some(format) = claim.as_deref().and_then(convert::pronom) {
            return vec![self.object(dok_key, path, bytes, Kind::PdfA { format }, changed, v)];
        }
        let is_pdf = bytes.starts_with(b"%PDF-");
        let what = match &claim {
            Some(level) => format!("en PDF som oppgir PDF/A-nivå «{level}», som ikke er kjent"),
            None if is_pdf => "en PDF som ikke er PDF/A".to_string(),
            None => "ikke en PDF".to_string(),
        };
        let refuse = |why: String| convert::Refused {
            path: src.to_string(),
            why,
        };
        match self.inp.convert {
            Convert::None => {
                let hint = if is_pdf {
                    "erstatt filen med en PDF/A i depotet, eller eksporter med --convert ghostscript"
                } else {
                    "erstatt filen med en PDF/A eller et Markdown-vedlegg i depotet"
                };
                self.refused.push(refuse(format!("{what}: {hint}")));
            }
            Convert::Ghostscript if !is_pdf => self.refused.push(refuse(format!(
                "{what}; Ghostscript konverterer bare PDF: erstatt filen med en PDF/A eller et Markdown-vedlegg i depotet"
            ))),
            Convert::Ghostscript => {
                let gs = self.gs.get_or_insert_with(convert::Ghostscript::find);
                let made = match gs {
                    Ok(gs) => gs
                        .to_pdfa(&bytes, changed.at.timestamp())
                        .map(|pdf| (pdf, gs.version.clone())),
                    Err(e) => Err(e.clone()),
                };
                match made {
                    Ok((pdf, verktoey)) => {
                        let k = Konvertering {
                            dato: changed.clone(),
                            fra: convert::pdf_pronom(&bytes).to_string(),
                            til: "fmt/477".into(),
                            verktoey,
                        };
                        let stem = path.strip_suffix(".pdf").or_else(|| path.strip_suffix(".PDF")).unwrap_or(&path);
                        let pdfa_path = format!("{stem}-pdfa.pdf");
                        let converted = self.object(dok_key, pdfa_path, pdf, Kind::PdfAConverted(k), changed.clone(), v);
                        let original = self.object(dok_key, path, bytes, Kind::Other, changed, v);
                        return vec![converted, original];
                    }
                    Err(e) => self.refused.push(refuse(format!("{what}, og konverteringen mislyktes: {e}"))),
                }
            }
        }
        vec![self.object(dok_key, path, bytes, Kind::Other, changed, v)]
    }

    /// The main document of a case or document: its PDF/A and its Markdown source.
    fn main_document(
        &mut self,
        key: &str,
        src: &Source,
        pdf: Vec<u8>,
        (dokumenttype, tittel): (String, String),
        publication: Publication,
        fallback: NaiveDate,
    ) -> Result<Dokument, ArchiveError> {
        let dok_key = format!("{key}/dok/hoved");
        let v = ids::version(src);
        let md = self.bytes(&src.path)?;
        let changed = ids::changed(src, fallback);
        let objekter = vec![
            self.object(
                &dok_key,
                select::pdf_path(&src.path),
                pdf,
                Kind::Pdf {
                    from_markdown: Some(changed.clone()),
                },
                changed,
                v,
            ),
            self.object(
                &dok_key,
                select::package_path(&src.path),
                md,
                Kind::Markdown,
                ids::changed(src, fallback),
                v,
            ),
        ];
        Ok(Dokument {
            system_id: self.ids.id(&dok_key),
            dokumenttype,
            tittel,
            opprettet: ids::created(src, fallback),
            hoveddokument: true,
            nummer: 1,
            merknader: vec![self.publication(publication)],
            objekter,
            source: Some(src.clone()),
        })
    }

    /// A reference the package cannot hold as a systemID, written out as a note.
    fn outside(&self, verb: &str, ci: CaseIx) -> Merknad {
        let site = self.inp.site;
        let c = &site.cases[ci];
        let why = if !site.organs[c.organ].arkivverdig {
            "organet er ikke arkivverdig".to_string()
        } else if c.unntatt.is_some() {
            "saken er unntatt offentlighet og ikke tatt med".to_string()
        } else {
            format!(
                "se arkivuttrekket for {}",
                site.meetings[c.meeting].date.format("%Y")
            )
        };
        self.note(
            format!(
                "{verb} {} {} ({why}).",
                case_label(site, ci),
                public_title(c)
            ),
            "Henvisning",
        )
    }

    pub(super) fn case(&mut self, ci: CaseIx) -> Result<Registrering, ArchiveError> {
        let site = self.inp.site;
        let c = &site.cases[ci];
        let m = &site.meetings[c.meeting];
        let key = case_key(site, ci);
        self.stats.cases += 1;
        let made = ids::changed(&c.src, m.date);
        let pdf = paper::typeset(&self.ctx().case_paper(ci, &made, self.inp.today)?)?;
        let main = ("Saksframlegg".to_string(), c.tittel.clone());
        let mut dokumenter =
            vec![self.main_document(&key, &c.src, pdf, main, c.publication, m.date)?];
        for (i, ai) in select::case_attachments(site, ci).into_iter().enumerate() {
            dokumenter.push(self.attachment(&key, ai, Some(ci), i as u32 + 2, m.date)?);
        }
        let mut moete = self.moete_reg(c.meeting, "Saksframlegg", Some(c));
        let mut merknader = Vec::new();
        for &x in &c.follows_up {
            if self.sel.has_case(x) {
                moete.til.push(self.ids.id(&case_key(site, x)));
            } else {
                merknader.push(self.outside("Følger opp", x));
            }
        }
        for &mi in &c.approves_minutes {
            if self.sel.has_meeting(mi) && site.meetings[mi].has_minutes(site) {
                moete
                    .til
                    .push(self.ids.id(&format!("{}/protokoll", meeting_key(site, mi))));
            }
        }
        for &x in &c.followed_by {
            if self.sel.has_case(x) {
                moete.fra.push(self.ids.id(&case_key(site, x)));
            } else {
                merknader.push(self.outside("Fulgt opp i", x));
            }
        }
        if c.unntatt.is_some() {
            self.stats.exempt += 1;
        }
        Ok(Registrering {
            system_id: self.ids.id(&key),
            opprettet: ids::created(&c.src, m.date),
            skjerming: c.unntatt.as_ref().map(|u| Skjerming {
                hjemmel: u.skjermingshjemmel.clone(),
            }),
            dokumenter,
            registrerings_id: format!("{}/{}", site.organs[c.organ].id, c.number),
            tittel: c.tittel.clone(),
            offentlig_tittel: c.unntatt.as_ref().map(|_| public_title(c)),
            beskrivelse: c.vedtak.as_ref().map(|v| numbered("Vedtak", v)),
            noekkelord: c.sakstype.iter().map(|t| t.label().to_string()).collect(),
            merknader,
            kryssreferanser: c
                .adopted
                .iter()
                .filter(|&&d| self.sel.has_document(d))
                .map(|&d| self.ids.id(&document_key(site, d)))
                .collect(),
            moete: Some(moete),
        })
    }

    pub(super) fn document(&mut self, di: DocumentIx) -> Result<Registrering, ArchiveError> {
        let site = self.inp.site;
        let d = &site.documents[di];
        let key = document_key(site, di);
        self.stats.documents += 1;
        let made = ids::changed(&d.src, d.dato);
        let pdf = paper::typeset(&self.ctx().document_paper(di, &made, self.inp.today)?)?;
        let main = (d.doktype.label().to_string(), d.tittel.clone());
        let mut dokumenter =
            vec![self.main_document(&key, &d.src, pdf, main, d.publication, d.dato)?];
        for (i, ai) in select::document_attachments(site, di)
            .into_iter()
            .enumerate()
        {
            dokumenter.push(self.attachment(&key, ai, None, i as u32 + 2, d.dato)?);
        }
        let mut merknader = Vec::new();
        let mut kryss = Vec::new();
        if let Some(ci) = d.vedtatt_i {
            if self.sel.has_case(ci) {
                kryss.push(self.ids.id(&case_key(site, ci)));
            } else {
                merknader.push(self.outside("Vedtatt i", ci));
            }
        }
        let mut beskrivelse = format!("{} datert {}.", d.doktype.label(), d.dato);
        if let Some(f) = d.gyldig_fra {
            beskrivelse.push_str(&format!(" Gyldig fra {f}."));
        }
        if let Some(t) = d.gyldig_til {
            beskrivelse.push_str(&format!(" Gyldig til {t}."));
        }
        if d.unntatt.is_some() {
            self.stats.exempt += 1;
        }
        let opprettet = earliest(
            dokumenter.iter().take(1).map(|x| &x.opprettet),
            &self.exported,
        );
        Ok(Registrering {
            system_id: self.ids.id(&key),
            opprettet,
            skjerming: d.unntatt.as_ref().map(|u| Skjerming {
                hjemmel: u.skjermingshjemmel.clone(),
            }),
            dokumenter,
            registrerings_id: format!("dokumenter/{}", d.slug),
            tittel: d.tittel.clone(),
            offentlig_tittel: d
                .unntatt
                .as_ref()
                .map(|_| "Unntatt offentlighet".to_string()),
            beskrivelse: Some(beskrivelse),
            noekkelord: vec![d.doktype.label().to_string()],
            merknader,
            kryssreferanser: kryss,
            moete: None,
        })
    }
}

/// `Vedtak: 1. ... 2. ...`
fn numbered(label: &str, items: &[String]) -> String {
    let parts: Vec<String> = items
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{}. {s}", i + 1))
        .collect();
    format!("{label}: {}", parts.join(" "))
}
