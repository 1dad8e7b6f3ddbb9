//! Meetings (`_mote.md`): folder named by the date, body known.

use super::organs::OrganIndex;
use super::phantoms::Phantoms;
use super::Sources;
use crate::model::{Meeting, MeetingIx, Organ, OrganIx, Site};
use crate::window;
use chrono::{Datelike, NaiveDate};
use motebok_parser::names::shown;
use motebok_parser::{parse_iso_date, Diagnostic, RawMeeting};
use std::collections::{BTreeMap, HashMap};

/// Meetings by body and folder.
pub(super) type MeetingIndex = HashMap<(String, String), MeetingIx>;

/// Every meeting that fits its body and folder, oldest first; its cases are listed later.
pub(super) fn build(
    mut raw: Vec<(String, RawMeeting)>,
    organs: &[Organ],
    organ_ix: &OrganIndex,
    today: NaiveDate,
    phantoms: &mut Phantoms,
    sources: &Sources,
    errors: &mut Vec<Diagnostic>,
) -> (Vec<Meeting>, MeetingIndex) {
    raw.sort_by(|a, b| (a.1.dato.value, &a.0).cmp(&(b.1.dato.value, &b.0)));
    let mut meetings: Vec<Meeting> = Vec::new();
    let mut index = MeetingIndex::new();
    for (path, m) in raw {
        // The folder and the date are checked even when the body is missing or broken.
        let mut date_ok = true;
        if parse_iso_date(&m.folder).ok() != Some(m.dato.value) {
            errors.push(
                Diagnostic::new(
                    &path,
                    format!(
                        "møtemappen heter `{}`, men `dato` er {}",
                        shown(&m.folder),
                        m.dato.value
                    ),
                )
                .at_col(m.dato.line, m.dato.col)
                .hint(format!(
                    "gi mappen navnet {} eller rett `dato` til mappens dato",
                    m.dato.value
                )),
            );
            date_ok = false;
        }
        let organ = organ_ix.get(&m.organ).copied();
        let (Some(oi), true) = (organ, date_ok) else {
            // Its cases are fine as far as we know: do not report them as homeless too.
            phantoms
                .meetings
                .insert((m.organ.clone(), m.folder.clone()));
            if organ.is_some() || phantoms.organs.contains(&m.organ) {
                continue;
            }
            errors.push(Diagnostic::new(&path, format!("organet `{}` finnes ikke", shown(&m.organ))).hint(format!(
                "opprett content/{}/_organ.md med `navn` og `kortnavn`, eller flytt møtet til et organ som finnes",
                shown(&m.organ)
            )));
            continue;
        };
        let publication = window::state(Some(m.dato.value), organs[oi].window_months, today);
        index.insert((m.organ.clone(), m.folder.clone()), meetings.len());
        meetings.push(Meeting {
            organ: oi,
            src: sources.of(&path),
            date: m.dato.value,
            tid: m.tid,
            sted: m.sted,
            moteleder: m.moteleder,
            referent: m.referent,
            avlyst: m.avlyst,
            body: m.body,
            publication,
            cases: Vec::new(),
            minutes_approved_by: Vec::new(),
        });
    }
    (meetings, index)
}

/// Each body's meetings, oldest first as they were made.
pub(super) fn list_under_organs(organs: &mut [Organ], meetings: &[Meeting]) {
    for (mi, m) in meetings.iter().enumerate() {
        organs[m.organ].meetings.push(mi);
    }
}

/// Groups meetings of a body by year, newest year first (for body pages).
pub fn meetings_by_year(site: &Site, organ: OrganIx) -> BTreeMap<i32, Vec<MeetingIx>> {
    let mut out: BTreeMap<i32, Vec<MeetingIx>> = BTreeMap::new();
    for &m in &site.organs[organ].meetings {
        out.entry(site.meetings[m].date.year()).or_default().push(m);
    }
    out
}
