//! A meeting as a `moetemappe`: its summons, its cases (see `records`) and its minutes, each a
//! `moeteregistrering`.

use super::docs;
use super::ids::{self, Stamp};
use super::paper;
use super::plan::{case_key, meeting_key, Kind, Planner};
use super::records::{moetesakstype, NOT_GIVEN};
use super::select;
use super::tree::*;
use super::ArchiveError;
use motebok_domain::*;

impl Planner<'_> {
    pub(super) fn meeting(
        &mut self,
        ms: &select::MeetingSel,
        prev: Option<MeetingIx>,
        next: Option<MeetingIx>,
    ) -> Result<Mappe, ArchiveError> {
        let site = self.inp.site;
        let mi = ms.meeting;
        let m = &site.meetings[mi];
        let o = &site.organs[m.organ];
        let key = meeting_key(site, mi);
        self.stats.meetings += 1;
        let mut regs = vec![self.summons(mi)?];
        for &ci in &ms.cases {
            regs.push(self.case(ci)?);
        }
        if m.has_minutes(site) {
            regs.push(self.minutes(mi)?);
        }
        let mut merknader = Vec::new();
        if m.avlyst {
            merknader.push(self.note("Møtet ble avlyst.".into(), "Merknad"));
        }
        let people: Vec<String> = [("Møteleder", &m.moteleder), ("Referent", &m.referent)]
            .iter()
            .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}: {v}.")))
            .chain(m.tid.as_ref().map(|t| format!("Tid: {t}.")))
            .collect();
        let neighbour = |x: Option<MeetingIx>| x.map(|x| self.ids.id(&meeting_key(site, x)));
        Ok(Mappe {
            system_id: self.ids.id(&key),
            mappe_id: format!("{}/{}", o.id, m.date),
            tittel: docs::meeting_title(site, m),
            beskrivelse: (!people.is_empty()).then(|| people.join(" ")),
            opprettet: ids::created(&m.src, m.date),
            merknader,
            registreringer: regs,
            moete: Some(Moete {
                moetenummer: format!("{}/{}", ms.number, self.sel.year),
                utvalg: o.navn.clone(),
                moetedato: m.date.to_string(),
                moetested: m.sted.clone(),
                forrige: neighbour(prev),
                neste: neighbour(next),
            }),
        })
    }

    fn summons(&mut self, mi: MeetingIx) -> Result<Registrering, ArchiveError> {
        let site = self.inp.site;
        let m = &site.meetings[mi];
        let key = format!("{}/innkalling", meeting_key(site, mi));
        let dok_key = format!("{key}/dok/hoved");
        // Made from the meeting and its cases: dated by the latest change among them.
        let made = std::iter::once(&m.src)
            .chain(m.cases.iter().map(|&c| &site.cases[c].src))
            .map(|s| ids::changed(s, m.date))
            .max_by_key(|s| s.at)
            .unwrap_or_else(|| ids::changed(&m.src, m.date));
        let pdf = paper::typeset(&self.ctx().summons_paper(mi, &made, self.inp.today)?)?;
        let md = self.bytes(&m.src.path)?;
        let v = ids::version(&m.src);
        let objekter = vec![
            self.object(
                &dok_key,
                docs::summons_path(m),
                pdf,
                Kind::Pdf {
                    from_markdown: None,
                },
                made,
                v,
            ),
            self.object(
                &dok_key,
                select::package_path(&m.src.path),
                md,
                Kind::Markdown,
                ids::changed(&m.src, m.date),
                v,
            ),
        ];
        let created = ids::created(&m.src, m.date);
        let dok = Dokument {
            system_id: self.ids.id(&dok_key),
            dokumenttype: "Møteinnkalling".into(),
            tittel: "Innkalling og saksliste".into(),
            opprettet: created.clone(),
            hoveddokument: true,
            nummer: 1,
            merknader: vec![self.publication(m.publication)],
            objekter,
            source: Some(m.src.clone()),
        };
        Ok(Registrering {
            system_id: self.ids.id(&key),
            opprettet: created,
            skjerming: None,
            dokumenter: vec![dok],
            registrerings_id: format!("{}/{}/innkalling", site.organs[m.organ].id, m.date),
            tittel: format!("Innkalling: {}", docs::meeting_title(site, m)),
            offentlig_tittel: None,
            beskrivelse: None,
            noekkelord: Vec::new(),
            merknader: Vec::new(),
            kryssreferanser: Vec::new(),
            moete: Some(self.moete_reg(mi, "Møteinnkallelse", None)),
        })
    }

    pub(super) fn moete_reg(&self, mi: MeetingIx, typ: &'static str, c: Option<&Case>) -> MoeteReg {
        let site = self.inp.site;
        let m = &site.meetings[mi];
        let who = c
            .and_then(|c| c.ansvarlig.clone())
            .or_else(|| m.referent.clone())
            .or_else(|| m.moteleder.clone())
            .unwrap_or_else(|| NOT_GIVEN.into());
        MoeteReg {
            registreringstype: typ,
            sakstype: c.map(moetesakstype),
            status: c
                .filter(|c| c.vedtak.is_some())
                .map(|_| "Ferdig behandlet av utvalget".into()),
            administrativ_enhet: site.organs[m.organ].navn.clone(),
            saksbehandler: who,
            til: Vec::new(),
            fra: Vec::new(),
        }
    }

    fn minutes(&mut self, mi: MeetingIx) -> Result<Registrering, ArchiveError> {
        let site = self.inp.site;
        let m = &site.meetings[mi];
        let key = format!("{}/protokoll", meeting_key(site, mi));
        let dok_key = format!("{key}/dok/hoved");
        let decided: Vec<Stamp> = m
            .cases
            .iter()
            .map(|&c| &site.cases[c])
            .filter(|c| c.vedtak.is_some())
            .map(|c| ids::changed(&c.src, m.date))
            .collect();
        let created = decided
            .iter()
            .max_by_key(|s| s.at)
            .cloned()
            .unwrap_or_else(|| ids::created(&m.src, m.date));
        let pdf = paper::typeset(&self.ctx().minutes_paper(mi, &created, self.inp.today)?)?;
        let obj = self.object(
            &dok_key,
            docs::minutes_path(m),
            pdf,
            Kind::Pdf {
                from_markdown: None,
            },
            created.clone(),
            1,
        );
        let mut moete = self.moete_reg(mi, "Møteprotokoll", None);
        moete.fra = m
            .minutes_approved_by
            .iter()
            .filter(|&&c| self.sel.has_case(c))
            .map(|&c| self.ids.id(&case_key(site, c)))
            .collect();
        Ok(Registrering {
            system_id: self.ids.id(&key),
            opprettet: created.clone(),
            skjerming: None,
            dokumenter: vec![Dokument {
                system_id: self.ids.id(&dok_key),
                dokumenttype: "Møteprotokoll".into(),
                tittel: "Protokoll".into(),
                opprettet: created,
                hoveddokument: true,
                nummer: 1,
                merknader: vec![self.publication(m.publication)],
                objekter: vec![obj],
                source: None,
            }],
            registrerings_id: format!("{}/{}/protokoll", site.organs[m.organ].id, m.date),
            tittel: format!("Protokoll: {}", docs::meeting_title(site, m)),
            offentlig_tittel: None,
            beskrivelse: None,
            noekkelord: Vec::new(),
            merknader: Vec::new(),
            kryssreferanser: Vec::new(),
            moete: Some(moete),
        })
    }
}
