//! Cases, meetings and bodies in files that failed to parse, so their absence is not reported
//! twice. The meeting and case phases add what they had to drop for reasons already reported.

use crate::ids::{CaseNumber, CaseRef, MeetingRef};
use motebok_parser::{Diagnostic, RawCase};
use std::collections::{BTreeMap, HashSet};

pub(super) struct Phantoms {
    /// Body and number.
    pub cases: HashSet<(String, CaseNumber)>,
    /// Body and meeting folder.
    pub meetings: HashSet<(String, String)>,
    pub organs: HashSet<String>,
}

impl Phantoms {
    /// What the paths of the files that failed to parse would have held.
    pub(super) fn of(unparsed: &HashSet<String>) -> Phantoms {
        let mut phantoms = Phantoms {
            cases: HashSet::new(),
            meetings: HashSet::new(),
            organs: HashSet::new(),
        };
        for p in unparsed {
            let parts: Vec<&str> = p.strip_prefix("content/").unwrap_or(p).split('/').collect();
            if let [organ, "_organ.md"] = parts.as_slice() {
                phantoms.organs.insert(organ.to_string());
            }
            if let [organ, folder, file] = parts.as_slice() {
                if *file == "_mote.md" {
                    phantoms
                        .meetings
                        .insert((organ.to_string(), folder.to_string()));
                } else if let Some(n) = file.strip_suffix(".md").and_then(CaseNumber::parse) {
                    phantoms.cases.insert((organ.to_string(), n));
                }
            }
        }
        phantoms
    }

    /// The case exists but was left out: its file failed to parse, or it broke a rule that
    /// has been reported. (A body whose `_organ.md` failed still has its cases checked, so a
    /// case missing from it is missing.)
    pub(super) fn has_case(&self, cr: &CaseRef) -> bool {
        self.cases.contains(&(cr.organ.clone(), cr.number))
    }

    /// The meeting exists but was left out, for a reason reported.
    pub(super) fn has_meeting(&self, mr: &MeetingRef) -> bool {
        self.meetings
            .contains(&(mr.organ.clone(), mr.date.to_string()))
    }
}

/// A case file that failed to parse still has a number, in its name: one error at it for each
/// other case with that number, so a clash is reported in the same run as the file's own
/// errors (CONTENT.md §4). Clashes between parsed cases are the case phase's.
pub(super) fn clashes(unparsed: &HashSet<String>, cases: &[(String, RawCase)]) -> Vec<Diagnostic> {
    let mut by_number: BTreeMap<(String, CaseNumber), Vec<(&str, bool)>> = BTreeMap::new();
    for p in unparsed {
        let parts: Vec<&str> = p.strip_prefix("content/").unwrap_or(p).split('/').collect();
        if let [organ, _, file] = parts.as_slice() {
            if let Some(n) = file.strip_suffix(".md").and_then(CaseNumber::parse) {
                by_number
                    .entry((organ.to_string(), n))
                    .or_default()
                    .push((p.as_str(), true));
            }
        }
    }
    if by_number.is_empty() {
        return Vec::new();
    }
    for (path, c) in cases {
        if let Some(n) = CaseNumber::parse(&c.saksnr.value) {
            if let Some(v) = by_number.get_mut(&(c.organ.clone(), n)) {
                v.push((path.as_str(), false));
            }
        }
    }
    let mut errors = Vec::new();
    for ((organ, n), mut paths) in by_number {
        paths.sort();
        for &(path, _) in paths.iter().filter(|(_, broken)| *broken) {
            for &(other, _) in paths.iter().filter(|(o, _)| *o != path) {
                errors.push(
                    // The number comes from the file's name, so the error is about the file as a
                    // whole and has no line.
                    Diagnostic::new(
                        path,
                        format!("filnavnet gir saksnummer {n}, som er brukt to ganger i {organ}"),
                    )
                    .hint(format!(
                        "{other} har samme nummer; gi en av sakene neste ledige nummer"
                    )),
                );
            }
        }
    }
    errors
}
