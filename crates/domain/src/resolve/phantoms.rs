//! Cases, meetings and bodies in files that failed to parse, so their absence is not reported
//! twice. The meeting and case phases add what they had to drop for reasons already reported.

use crate::ids::{CaseNumber, CaseRef, MeetingRef};
use std::collections::HashSet;

pub(super) struct Phantoms {
    /// Body and number.
    pub cases: HashSet<(String, CaseNumber)>,
    /// Body and meeting folder.
    pub meetings: HashSet<(String, String)>,
    pub organs: HashSet<String>,
}

impl Phantoms {
    /// What the paths of the files that failed to parse would have held.
    pub fn of(unparsed: &HashSet<String>) -> Phantoms {
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
    pub fn has_case(&self, cr: &CaseRef) -> bool {
        self.cases.contains(&(cr.organ.clone(), cr.number))
    }

    /// The meeting exists but was left out, for a reason reported.
    pub fn has_meeting(&self, mr: &MeetingRef) -> bool {
        self.meetings
            .contains(&(mr.organ.clone(), mr.date.to_string()))
    }
}
