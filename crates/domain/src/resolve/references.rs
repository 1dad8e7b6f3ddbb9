//! References between cases (`oppfolging_av`) and to minutes (`godkjenner_referat`), and the
//! lookup of what a reference names, shared with documents' `vedtatt_i`.

use super::cases::CaseIndex;
use super::meetings::MeetingIndex;
use super::organs::OrganIndex;
use super::phantoms::Phantoms;
use crate::ids::{CaseNumber, CaseRef, MeetingRef};
use crate::model::{Case, CaseIx, Meeting, MeetingIx};
use motebok_parser::{Diagnostic, RawCase};

/// What a reference can name: the bodies, meetings and cases that resolved, and those in files
/// that failed to parse.
pub(super) struct Targets<'a> {
    pub organs: &'a OrganIndex,
    pub meetings: &'a MeetingIndex,
    pub cases: &'a CaseIndex,
    pub phantoms: &'a Phantoms,
}

/// What a reference names.
pub(super) enum Lookup<T> {
    Found(T),
    /// In a file that failed to parse, which has been reported already.
    Unparsed,
    Missing,
}

impl Targets<'_> {
    pub(super) fn case(&self, cr: &CaseRef) -> Lookup<CaseIx> {
        match self.cases.get(&(cr.organ.clone(), cr.number)) {
            Some((i, _)) => Lookup::Found(*i),
            None if self.phantoms.has_case(cr) => Lookup::Unparsed,
            None => Lookup::Missing,
        }
    }

    pub(super) fn meeting(&self, mr: &MeetingRef) -> Lookup<MeetingIx> {
        match self.meetings.get(&(mr.organ.clone(), mr.date.to_string())) {
            Some(&mi) => Lookup::Found(mi),
            None if self.phantoms.has_meeting(mr) => Lookup::Unparsed,
            None => Lookup::Missing,
        }
    }

    pub(super) fn missing_case_hint(&self, cr: &CaseRef) -> String {
        if !self.organs.contains_key(&cr.organ) && !self.phantoms.organs.contains(&cr.organ) {
            let mut known: Vec<&String> = self.organs.keys().collect();
            known.sort();
            let known: Vec<&str> = known.iter().map(|s| s.as_str()).collect();
            return format!(
                "organet `{}` finnes ikke; kjente organer: {}",
                cr.organ,
                known.join(", ")
            );
        }
        "sjekk saksnummeret; skriv `organ/ÅÅÅÅ.NN` for en sak i et annet organ".to_string()
    }
}

/// Links every accepted case to the cases it follows up and the minutes it approves, both ways.
/// The references of `refused` cases are checked too, and linked to nothing.
pub(super) fn link(
    pending: &[(CaseIx, RawCase)],
    refused: &[(String, RawCase)],
    cases: &mut [Case],
    meetings: &mut [Meeting],
    targets: &Targets,
    errors: &mut Vec<Diagnostic>,
) {
    for (ci, c) in pending {
        let path = &cases[*ci].src.path.clone();
        follow_ups(Some(*ci), c, path, cases, targets, errors);
        minutes_approvals(Some(*ci), c, path, cases, meetings, targets, errors);
    }
    for (path, c) in refused {
        follow_ups(None, c, path, cases, targets, errors);
        minutes_approvals(None, c, path, cases, meetings, targets, errors);
    }
    for c in cases.iter_mut() {
        c.followed_by.sort_by_key(|&x| x);
        c.followed_by.dedup();
    }
}

/// `ci` is the case's index if it was accepted.
fn follow_ups(
    ci: Option<CaseIx>,
    c: &RawCase,
    path: &str,
    cases: &mut [Case],
    targets: &Targets,
    errors: &mut Vec<Diagnostic>,
) {
    let own = CaseNumber::parse(&c.saksnr.value);
    for r in &c.oppfolging_av {
        match CaseRef::parse(&r.value, Some(&c.organ)) {
            Err(why) => errors.push(
                Diagnostic::new(
                    path,
                    format!("`oppfolging_av: {}` er ikke en sakshenvisning", r.value),
                )
                .at_col(r.line, r.col)
                .len(chars(&r.value))
                .hint(why),
            ),
            Ok(cr) if cr.organ == c.organ && Some(cr.number) == own => errors.push(
                Diagnostic::new(path, "en sak kan ikke følge opp seg selv")
                    .at_col(r.line, r.col)
                    .len(chars(&r.value))
                    .hint("fjern henvisningen"),
            ),
            Ok(cr) => match targets.case(&cr) {
                Lookup::Found(t) => {
                    if let Some(ci) = ci {
                        cases[ci].follows_up.push(t);
                        cases[t].followed_by.push(ci);
                    }
                }
                Lookup::Unparsed => {}
                Lookup::Missing => errors.push(
                    Diagnostic::new(
                        path,
                        format!(
                            "`oppfolging_av`: saken {}/{} finnes ikke",
                            cr.organ, cr.number
                        ),
                    )
                    .at_col(r.line, r.col)
                    .len(chars(&r.value))
                    .hint(targets.missing_case_hint(&cr)),
                ),
            },
        }
    }
}

fn minutes_approvals(
    ci: Option<CaseIx>,
    c: &RawCase,
    path: &str,
    cases: &mut [Case],
    meetings: &mut [Meeting],
    targets: &Targets,
    errors: &mut Vec<Diagnostic>,
) {
    for r in &c.godkjenner_referat {
        match MeetingRef::parse(&r.value, &c.organ) {
            Err(why) => errors.push(
                Diagnostic::new(
                    path,
                    format!(
                        "`godkjenner_referat: {}` er ikke en møtehenvisning",
                        r.value
                    ),
                )
                .at_col(r.line, r.col)
                .len(chars(&r.value))
                .hint(why),
            ),
            Ok(mr) => match targets.meeting(&mr) {
                Lookup::Found(mi) => {
                    if let Some(ci) = ci {
                        cases[ci].approves_minutes.push(mi);
                        meetings[mi].minutes_approved_by.push(ci);
                    }
                }
                Lookup::Unparsed => {}
                Lookup::Missing => errors.push(
                    Diagnostic::new(
                        path,
                        format!(
                            "`godkjenner_referat`: møtet {}/{} finnes ikke",
                            mr.organ, mr.date
                        ),
                    )
                    .at_col(r.line, r.col)
                    .len(chars(&r.value))
                    .hint(format!(
                        "sjekk datoen: møtet skal ligge i content/{}/{}/_mote.md",
                        mr.organ, mr.date
                    )),
                ),
            },
        }
    }
}

/// The length of a value in characters, for the caret under it.
pub(super) fn chars(s: &str) -> u32 {
    s.chars().count() as u32
}
