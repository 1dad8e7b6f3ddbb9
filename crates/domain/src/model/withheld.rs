//! What the public site holds back of exempt cases (CONTENT.md §4): their relations and
//! their content, taken out by `resolve` and put back for the archive
//! (`Site::restore_withheld`). A part of the model, as the
//! site holds it.

use super::{AttachmentIx, Body, CaseIx, CaseVedlegg, DocumentIx, MeetingIx};

/// The relations taken out of the public site, as they were, to be put back for the archive.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Withheld {
    /// Cases whose lists changed: `follows_up`, `followed_by`, `approves_minutes`, `adopted`.
    pub(crate) cases: Vec<(CaseIx, [Vec<usize>; 4])>,
    /// Meetings whose `minutes_approved_by` changed.
    pub(crate) meetings: Vec<(MeetingIx, Vec<CaseIx>)>,
    /// Documents whose `vedtatt_i` was taken out.
    pub(crate) documents: Vec<(DocumentIx, CaseIx)>,
    /// What exempt items hold beyond their agenda line (`absent`).
    pub(crate) content: Content,
}

impl Withheld {
    /// Nothing was withheld: the archive needs nothing put back.
    pub fn is_empty(&self) -> bool {
        self.cases.is_empty()
            && self.meetings.is_empty()
            && self.documents.is_empty()
            && self.content.is_empty()
    }
}

/// What exempt items held, taken out of the public site.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Content {
    pub(crate) cases: Vec<(CaseIx, CaseContent)>,
    pub(crate) documents: Vec<(DocumentIx, String, Body)>,
    pub(crate) attachments: Vec<(AttachmentIx, Body)>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CaseContent {
    pub(crate) tittel: String,
    pub(crate) ansvarlig: Option<String>,
    pub(crate) forslag: Vec<String>,
    pub(crate) vedtak: Option<Vec<String>>,
    pub(crate) referat: Option<String>,
    pub(crate) vedlegg: Vec<CaseVedlegg>,
    pub(crate) body: Body,
}

impl Content {
    pub(crate) fn is_empty(&self) -> bool {
        self.cases.is_empty() && self.documents.is_empty() && self.attachments.is_empty()
    }
}
