//! Cases: number, file name, year, uniqueness, attachments. Their references wait until every
//! case is known (see `references`).

use super::attachments::{attachment_path, AttachmentIndex};
use super::meetings::MeetingIndex;
use super::phantoms::Phantoms;
use super::Sources;
use crate::ids::CaseNumber;
use crate::model::*;
use crate::window::Publication;
use chrono::{Datelike, NaiveDate};
use motebok_parser::names::shown;
use motebok_parser::{parse_iso_date, Diagnostic, RawCase};
use std::collections::HashMap;

/// Accepted cases by body and number, with the path of each case's file.
pub(super) type CaseIndex = HashMap<(String, CaseNumber), (CaseIx, String)>;

/// What the case phase makes.
pub(super) struct Made {
    pub cases: Vec<Case>,
    pub index: CaseIndex,
    /// What is left of each accepted case's raw file: the references, read once all cases are.
    pub pending: Vec<(CaseIx, RawCase)>,
    /// Cases refused (or without a meeting), with their paths: their references are still
    /// checked, so one error never hides another.
    pub refused: Vec<(String, RawCase)>,
    /// Attachments used by cases, in the order the uses were met.
    pub attachment_uses: Vec<(AttachmentIx, CaseIx)>,
}

/// Every case that fits its meeting, number and attachments, in path order. Every rule runs
/// on every case, whatever else is wrong with it or its meeting.
pub(super) fn build(
    mut raw: Vec<(String, RawCase)>,
    meetings: &[Meeting],
    meeting_ix: &MeetingIndex,
    attachment_ix: &AttachmentIndex,
    phantoms: &mut Phantoms,
    sources: &Sources,
    errors: &mut Vec<Diagnostic>,
) -> Made {
    raw.sort_by(|a, b| a.0.cmp(&b.0));
    let mut made = Made {
        cases: Vec::new(),
        index: CaseIndex::new(),
        pending: Vec::new(),
        refused: Vec::new(),
        attachment_uses: Vec::new(),
    };
    // Every numbered case met so far, accepted or not: a duplicate is a duplicate either way.
    let mut seen: HashMap<(String, CaseNumber), String> = HashMap::new();
    for (path, mut c) in raw {
        let meeting = meeting_ix
            .get(&(c.organ.clone(), c.folder.clone()))
            .copied();
        let mut ok = meeting.is_some();
        if meeting.is_none() {
            homeless(&path, &c, phantoms, errors);
        }
        // A meeting that failed for its own reasons still has its folder's date.
        let date = match meeting {
            Some(mi) => Some(meetings[mi].date),
            None => parse_iso_date(&c.folder).ok(),
        };
        let number = CaseNumber::parse(&c.saksnr.value);
        match number {
            None => {
                ok = false;
                errors.push(
                    Diagnostic::new(&path, format!("`saksnr: {}` er ikke et saksnummer", c.saksnr.value))
                        .at_col(c.saksnr.line, c.saksnr.col)
                        .hint("skriv saksnummeret som ÅÅÅÅ.NN i anførselstegn, for eksempel `saksnr: \"2025.16\"`"),
                );
            }
            Some(n) => ok &= number_fits(&path, &c, n, date, &seen, errors),
        }
        let (vedlegg, vedlegg_ok) = listed_attachments(&path, &c, attachment_ix, errors);
        ok &= vedlegg_ok;
        if let Some(n) = number {
            seen.entry((c.organ.clone(), n))
                .or_insert_with(|| path.clone());
        }
        let (Some(mi), Some(number), true) = (meeting, number, ok) else {
            // It exists, but is left out for reasons reported: references to it are not errors.
            if let Some(n) = number {
                phantoms.cases.insert((c.organ.clone(), n));
            }
            made.refused.push((path, c));
            continue;
        };
        let ci = made.cases.len();
        // Links in the case text and its minutes to its own attachments count as uses too
        // (only once the case is accepted: a rejected case has no index to credit them to),
        // resolved as every link is (`crate::links::join`).
        let own = format!("content/{}/{}/vedlegg/", c.organ, c.folder);
        let referat = crate::links::referat_links(c.referat.as_deref());
        for link in c.body.links.iter().chain(&referat) {
            let Some(full) = crate::links::join(crate::links::folder(&path), link) else {
                continue;
            };
            if !full.starts_with(&own) {
                continue;
            }
            if let Some(&ai) = attachment_ix.get(&full) {
                // Once per case, however often it is linked (this case's uses are the last).
                let again = made
                    .attachment_uses
                    .iter()
                    .rev()
                    .take_while(|&&(_, c)| c == ci)
                    .any(|&(a, _)| a == ai);
                if !vedlegg.iter().any(|v| v.attachment == ai) && !again {
                    made.attachment_uses.push((ai, ci));
                }
            }
        }
        made.index
            .insert((c.organ.clone(), number), (ci, path.clone()));
        for v in &vedlegg {
            made.attachment_uses.push((v.attachment, ci));
        }
        let case = take_case(
            &mut c,
            mi,
            &meetings[mi],
            number,
            vedlegg,
            sources.of(&path),
        );
        made.cases.push(case);
        made.pending.push((ci, c));
    }
    made
}

/// A case whose folder is no meeting: reported, unless the meeting is a phantom.
fn homeless(path: &str, c: &RawCase, phantoms: &Phantoms, errors: &mut Vec<Diagnostic>) {
    if phantoms
        .meetings
        .contains(&(c.organ.clone(), c.folder.clone()))
    {
        return;
    }
    let folder_ok = parse_iso_date(&c.folder).is_ok();
    errors.push(
        Diagnostic::new(
            path,
            format!(
                "saken ligger i `content/{}/{}/`, som ikke er et møte",
                shown(&c.organ),
                shown(&c.folder)
            ),
        )
        .hint(if folder_ok {
            "legg til _mote.md i møtemappen (med `dato` lik mappens navn)".to_string()
        } else {
            "saker ligger i en møtemappe med navn ÅÅÅÅ-MM-DD og en _mote.md".to_string()
        }),
    );
}

/// The number matches the file name, the meeting's year (when known), and no earlier case of
/// the body.
/// Every mismatch is reported.
fn number_fits(
    path: &str,
    c: &RawCase,
    number: CaseNumber,
    meeting_date: Option<NaiveDate>,
    seen: &HashMap<(String, CaseNumber), String>,
    errors: &mut Vec<Diagnostic>,
) -> bool {
    let mut ok = true;
    if c.stem != c.saksnr.value {
        ok = false;
        errors.push(
            Diagnostic::new(
                path,
                format!(
                    "filnavnet `{}.md` stemmer ikke med `saksnr: \"{}\"`",
                    c.stem, c.saksnr.value
                ),
            )
            .at_col(c.saksnr.line, c.saksnr.col)
            .hint(format!(
                "gi filen navnet {}.md, eller rett saksnummeret",
                c.saksnr.value
            )),
        );
    }
    if let Some(meeting_date) = meeting_date.filter(|d| d.year() != number.year) {
        ok = false;
        errors.push(
            Diagnostic::new(
                path,
                format!(
                    "saksnummer {} har året {}, men møtet er {}",
                    c.saksnr.value, number.year, meeting_date
                ),
            )
            .at_col(c.saksnr.line, c.saksnr.col)
            .hint(format!(
                "saker nummereres per organ og år: bruk {}.NN for et møte i {}",
                meeting_date.year(),
                meeting_date.year()
            )),
        );
    }
    if let Some(other) = seen.get(&(c.organ.clone(), number)) {
        ok = false;
        errors.push(
            Diagnostic::new(
                path,
                format!(
                    "saksnummer {} er brukt to ganger i {}",
                    c.saksnr.value, c.organ
                ),
            )
            .at_col(c.saksnr.line, c.saksnr.col)
            .hint(format!(
                "{other} har samme nummer; gi en av sakene neste ledige nummer"
            )),
        );
    }
    ok
}

/// The attachments under `vedlegg:`, found; and whether every one of them was.
fn listed_attachments(
    path: &str,
    c: &RawCase,
    attachment_ix: &AttachmentIndex,
    errors: &mut Vec<Diagnostic>,
) -> (Vec<CaseVedlegg>, bool) {
    let mut ok = true;
    let mut vedlegg = Vec::new();
    for v in &c.vedlegg {
        match attachment_path(&c.organ, &c.folder, &v.fil.value) {
            Err(why) => {
                ok = false;
                errors.push(
                    Diagnostic::new(path, format!("vedlegget `{}` er ikke tillatt: {why}", v.fil.value))
                        .at_col(v.fil.line, v.fil.col)
                        .hint("skriv stien relativt til møtemappen, for eksempel `fil: vedlegg/avtale.md`"),
                );
            }
            Ok(full) => match attachment_ix.get(&full) {
                Some(&ai) => vedlegg.push(CaseVedlegg {
                    tittel: v.tittel.clone(),
                    attachment: ai,
                }),
                None => {
                    ok = false;
                    let hint = match cut_at_comment(&full, attachment_ix) {
                        Some(rest) => format!(
                            "filen heter `{}{rest}`, men i YAML begynner ` #` en kommentar: sett stien i anførselstegn, `fil: \"{}{rest}\"`",
                            v.fil.value, v.fil.value
                        ),
                        None => format!("legg filen i {full}, eller rett `fil`"),
                    };
                    errors.push(
                        Diagnostic::new(path, format!("vedlegget `{}` finnes ikke", v.fil.value))
                            .at_col(v.fil.line, v.fil.col)
                            .hint(hint),
                    );
                }
            },
        }
    }
    (vedlegg, ok)
}

/// A file named `<full> #...`: what YAML dropped of a name written unquoted with ` #` in it
/// (the first such name, for a stable hint).
fn cut_at_comment<'a>(full: &str, attachment_ix: &'a AttachmentIndex) -> Option<&'a str> {
    let prefix = format!("{full} #");
    attachment_ix
        .keys()
        .filter(|k| k.starts_with(&prefix))
        .min()
        .map(|k| &k[full.len()..])
}

/// The case made from its raw file. Moved out: only the references are read again later.
fn take_case(
    c: &mut RawCase,
    mi: MeetingIx,
    meeting: &Meeting,
    number: CaseNumber,
    vedlegg: Vec<CaseVedlegg>,
    src: Source,
) -> Case {
    let publication = if c.unntatt.is_some() {
        Publication::Exempt
    } else {
        meeting.publication
    };
    Case {
        organ: meeting.organ,
        meeting: mi,
        src,
        number,
        tittel: std::mem::take(&mut c.tittel),
        sakstype: std::mem::take(&mut c.sakstype),
        ansvarlig: c.ansvarlig.take(),
        forslag: std::mem::take(&mut c.forslag),
        vedtak: c.vedtak.take(),
        referat: c.referat.take(),
        vedlegg,
        unntatt: c.unntatt.take(),
        body: Body {
            markdown: std::mem::take(&mut c.body.markdown),
            line: c.body.line,
            at: c.body.at,
            links: std::mem::take(&mut c.body.links),
            link_lines: std::mem::take(&mut c.body.link_lines),
        },
        publication,
        follows_up: Vec::new(),
        followed_by: Vec::new(),
        approves_minutes: Vec::new(),
        adopted: Vec::new(),
    }
}

/// Each meeting's cases, in case-number order.
pub(super) fn list_under_meetings(meetings: &mut [Meeting], cases: &[Case]) {
    for (ci, c) in cases.iter().enumerate() {
        meetings[c.meeting].cases.push(ci);
    }
    for m in meetings.iter_mut() {
        m.cases.sort_by_key(|&c| cases[c].number);
    }
}
