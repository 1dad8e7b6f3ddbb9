//! The resolved site: every body, meeting, case, document and attachment, linked by index.

use crate::ids::CaseNumber;
use crate::trail::FileTrail;
use crate::window::Publication;
use chrono::NaiveDate;
pub use motebok_parser::{AttachmentOwner, Body, Doktype, Exemption, Publisering, Sakstype};

/// Index into `Site::organs` and so on. Plain indices keep the graph immutable and cheap.
pub type OrganIx = usize;
pub type MeetingIx = usize;
pub type CaseIx = usize;
pub type DocumentIx = usize;
pub type AttachmentIx = usize;

/// What every published file carries: where it came from and its standing.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// Repository path, e.g. `content/ssu/2025-05-22/2025.16.md`.
    pub path: String,
    /// The approval trail (`None` for a file never committed to the branch: a draft).
    /// Shared with the loaded trails: every build of a live preview hands it on uncopied.
    pub trail: Option<std::sync::Arc<FileTrail>>,
    /// Not yet approved on the branch (preview builds only).
    pub draft: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Organ {
    pub id: String,
    pub src: Source,
    pub navn: String,
    pub kortnavn: String,
    pub niva: Option<u8>,
    pub rekkefolge: Option<i64>,
    pub arkivverdig: bool,
    /// This body's window in months (its `vindu_maneder`, else the site's).
    pub window_months: u32,
    pub body: Body,
    /// Its meetings, oldest first.
    pub meetings: Vec<MeetingIx>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Meeting {
    pub organ: OrganIx,
    pub src: Source,
    pub date: NaiveDate,
    pub tid: Option<String>,
    pub sted: Option<String>,
    pub moteleder: Option<String>,
    pub referent: Option<String>,
    pub avlyst: bool,
    pub body: Body,
    pub publication: Publication,
    /// Its cases in case-number order.
    pub cases: Vec<CaseIx>,
    /// The referatsaker that approved these minutes.
    pub minutes_approved_by: Vec<CaseIx>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CaseVedlegg {
    pub tittel: String,
    pub attachment: AttachmentIx,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    pub organ: OrganIx,
    pub meeting: MeetingIx,
    pub src: Source,
    pub number: CaseNumber,
    pub tittel: String,
    pub sakstype: Vec<Sakstype>,
    pub ansvarlig: Option<String>,
    pub forslag: Vec<String>,
    /// Present once the case has been dealt with (`behandlet`).
    pub vedtak: Option<Vec<String>>,
    pub referat: Option<String>,
    pub vedlegg: Vec<CaseVedlegg>,
    /// `Some` for a case exempt from public access.
    pub unntatt: Option<Exemption>,
    pub body: Body,
    pub publication: Publication,
    /// Earlier cases this one follows up, as written.
    pub follows_up: Vec<CaseIx>,
    /// Later cases that follow this one up.
    pub followed_by: Vec<CaseIx>,
    /// Meetings whose minutes this case approves.
    pub approves_minutes: Vec<MeetingIx>,
    /// Documents adopted in this case (`vedtatt_i`).
    pub adopted: Vec<DocumentIx>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub slug: String,
    pub src: Source,
    pub tittel: String,
    pub doktype: Doktype,
    pub dato: NaiveDate,
    pub vedtatt_i: Option<CaseIx>,
    pub gyldig_fra: Option<NaiveDate>,
    pub gyldig_til: Option<NaiveDate>,
    pub publisering: Publisering,
    pub unntatt: Option<Exemption>,
    pub body: Body,
    pub publication: Publication,
    /// Attachments its text links to (`vedlegg/...`).
    pub attachments: Vec<AttachmentIx>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Attachment {
    pub owner: AttachmentOwner,
    pub src: Source,
    /// Path inside the `vedlegg/` folder.
    pub name: String,
    /// Markdown attachments: title (own or from the case's list) and body. `None`: a file copied as is.
    pub page: Option<(Option<String>, Body)>,
    /// Published while any public item using it is; never if none is.
    pub publication: Publication,
    /// Cases that list it, or link to it.
    pub used_by_cases: Vec<CaseIx>,
    pub used_by_documents: Vec<DocumentIx>,
}

impl Attachment {
    pub fn is_markdown(&self) -> bool {
        self.page.is_some()
    }
}

/// A URL that was published and whose file has since moved or been deleted (CONTENT.md §7):
/// it keeps a `noindex` page, and its `/api/` object a `deleted` stub. The builder finds these
/// in the history; here they are plain data.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Gone {
    /// The site path of the page it had (`ssu/2025-05-22/`).
    pub url: String,
    /// Its `/api/` object's path and OParl type (`api/meeting/ssu/2025-05-22.json`, `Meeting`).
    pub api: Option<(String, &'static str)>,
    /// The `/api/` objects that left with it (a meeting's summons File and Location, a case's
    /// File, AgendaItem and Consultation): each keeps a deleted object at its id too.
    pub api_also: Vec<(String, &'static str)>,
    /// What it was (`Møte`, `Sak`, a document type, `Vedlegg`), its title and number.
    pub kind: String,
    pub title: String,
    pub number: Option<String>,
    /// When it was first published, and when it left this URL.
    pub published: chrono::DateTime<chrono::FixedOffset>,
    pub left: chrono::DateTime<chrono::FixedOffset>,
    pub fate: GoneFate,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum GoneFate {
    /// Moved: the site path of its page now.
    Moved { to: String },
    /// Deleted on the branch (at `Gone::left`), in this pull request if it had one.
    Withdrawn { pull_request: Option<u32> },
}

/// The whole site as of the build date.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Site {
    pub organs: Vec<Organ>,
    pub meetings: Vec<Meeting>,
    pub cases: Vec<Case>,
    pub documents: Vec<Document>,
    pub attachments: Vec<Attachment>,
    pub today: Option<NaiveDate>,
    /// Things worth telling an editor that do not stop a build.
    pub warnings: Vec<motebok_parser::Diagnostic>,
    /// Relations of exempt cases, kept out of everything published (`resolve::Withheld`).
    pub withheld: crate::resolve::Withheld,
    /// Published URLs whose files moved or were deleted.
    pub gone: Vec<Gone>,
    /// What the builder read from the attachments copied as they are (size, PDF facts and
    /// text), by source path; like `gone`, filled in by the builder after resolving.
    pub files: std::collections::BTreeMap<String, crate::accessibility::FileFacts>,
}

impl Meeting {
    /// The minutes exist once at least one case has a `vedtak` (CONTENT.md §3).
    pub fn has_minutes(&self, site: &Site) -> bool {
        self.cases.iter().any(|&c| site.cases[c].vedtak.is_some())
    }
}

impl Site {
    pub fn organ(&self, id: &str) -> Option<OrganIx> {
        self.organs.iter().position(|o| o.id == id)
    }

    /// Every case connected to `case` through follow-ups, in either direction, oldest first:
    /// the whole thread of a matter across meetings and bodies.
    pub fn thread(&self, case: CaseIx) -> Vec<CaseIx> {
        let mut seen = vec![case];
        let mut i = 0;
        while i < seen.len() {
            let c = &self.cases[seen[i]];
            for &n in c.follows_up.iter().chain(&c.followed_by) {
                if !seen.contains(&n) {
                    seen.push(n);
                }
            }
            i += 1;
        }
        seen.sort_by_key(|&c| {
            (
                self.meetings[self.cases[c].meeting].date,
                self.cases[c].number,
            )
        });
        seen
    }
}
