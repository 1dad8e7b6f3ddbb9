//! The resolved site: every body, meeting, case, document and attachment, linked by index.

use crate::ids::CaseNumber;
use crate::trail::FileTrail;
use crate::window::Publication;
use chrono::NaiveDate;

pub(crate) mod withheld;
pub use motebok_parser::{AttachmentOwner, Body, Doktype, Exemption, Publisering, Sakstype};

/// Index into `Site::organs` and so on. Plain indices keep the graph immutable and cheap.
pub type OrganIx = usize;
/// Index into `Site::meetings`.
pub type MeetingIx = usize;
/// Index into `Site::cases`.
pub type CaseIx = usize;
/// Index into `Site::documents`.
pub type DocumentIx = usize;
/// Index into `Site::attachments`.
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

/// A body (utvalg): its `_organ.md` and its meetings.
#[derive(Debug, Clone, PartialEq)]
pub struct Organ {
    /// Its folder name under `content/`, used in URLs and references.
    pub id: String,
    /// Its `_organ.md`.
    pub src: Source,
    /// The full name.
    pub navn: String,
    /// The short name used in lists and titles.
    pub kortnavn: String,
    /// 1 Partnerskapsmøtet, 2 strategic, 3 professional.
    pub niva: Option<u8>,
    /// Sort key on the front page.
    pub rekkefolge: Option<i64>,
    /// `false` leaves it out of `motebok archive`.
    pub arkivverdig: bool,
    /// This body's window in months (its `vindu_maneder`, else the site's).
    pub window_months: u32,
    /// The text of its `_organ.md`.
    pub body: Body,
    /// Its meetings, oldest first.
    pub meetings: Vec<MeetingIx>,
}

/// A meeting: its `_mote.md` and its cases.
#[derive(Debug, Clone, PartialEq)]
pub struct Meeting {
    /// The body that meets.
    pub organ: OrganIx,
    /// Its `_mote.md`.
    pub src: Source,
    /// The meeting date (also its folder name).
    pub date: NaiveDate,
    /// The time of day, as written.
    pub tid: Option<String>,
    /// Where it is held.
    pub sted: Option<String>,
    /// Who chairs it.
    pub moteleder: Option<String>,
    /// Who takes the minutes.
    pub referent: Option<String>,
    /// Cancelled.
    pub avlyst: bool,
    /// The text of its `_mote.md`.
    pub body: Body,
    /// Its standing on the build date.
    pub publication: Publication,
    /// Its cases in case-number order.
    pub cases: Vec<CaseIx>,
    /// The referatsaker that approved these minutes.
    pub minutes_approved_by: Vec<CaseIx>,
}

/// One entry of a case's attachment list.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseVedlegg {
    /// The title the case gives it.
    pub tittel: String,
    /// The file.
    pub attachment: AttachmentIx,
}

/// A case on a meeting's agenda.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    /// The body whose case it is.
    pub organ: OrganIx,
    /// The meeting that deals with it.
    pub meeting: MeetingIx,
    /// Its file.
    pub src: Source,
    /// Its number within the body and year.
    pub number: CaseNumber,
    /// The title as written; an exempt case is shown by its `offentlig_tittel`, if any.
    pub tittel: String,
    /// One or more case types.
    pub sakstype: Vec<Sakstype>,
    /// The person or role responsible.
    pub ansvarlig: Option<String>,
    /// Forslag til vedtak, one item a numbered point.
    pub forslag: Vec<String>,
    /// Present once the case has been dealt with (`behandlet`).
    pub vedtak: Option<Vec<String>>,
    /// Markdown: what was said in the meeting.
    pub referat: Option<String>,
    /// Its attachments, in the order listed.
    pub vedlegg: Vec<CaseVedlegg>,
    /// `Some` for a case exempt from public access.
    pub unntatt: Option<Exemption>,
    /// The text of its file.
    pub body: Body,
    /// Its standing on the build date.
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

/// A document under `content/dokumenter/`: an agreement, a procedure, a report, …
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Its file name without `.md`: its URL segment.
    pub slug: String,
    /// Its file.
    pub src: Source,
    /// The title.
    pub tittel: String,
    /// The kind of document.
    pub doktype: Doktype,
    /// Its date.
    pub dato: NaiveDate,
    /// The case that adopted it.
    pub vedtatt_i: Option<CaseIx>,
    /// First day in force.
    pub gyldig_fra: Option<NaiveDate>,
    /// Last day in force.
    pub gyldig_til: Option<NaiveDate>,
    /// Which date its window runs from.
    pub publisering: Publisering,
    /// `Some` for a document exempt from public access.
    pub unntatt: Option<Exemption>,
    /// The text of its file.
    pub body: Body,
    /// Its standing on the build date.
    pub publication: Publication,
    /// Attachments its text links to (`vedlegg/...`).
    pub attachments: Vec<AttachmentIx>,
}

/// A file in a `vedlegg/` folder, published through the cases and documents that use it.
#[derive(Debug, Clone, PartialEq)]
pub struct Attachment {
    /// Whose `vedlegg/` folder holds it.
    pub owner: AttachmentOwner,
    /// Its file.
    pub src: Source,
    /// Path inside the `vedlegg/` folder.
    pub name: String,
    /// Markdown attachments: title (own or from the case's list) and body. `None`: a file copied as is.
    pub page: Option<(Option<String>, Body)>,
    /// Published while any public item using it is; never if none is.
    pub publication: Publication,
    /// Cases that list it, or link to it.
    pub used_by_cases: Vec<CaseIx>,
    /// Documents that link to it.
    pub used_by_documents: Vec<DocumentIx>,
}

impl Attachment {
    /// A Markdown attachment, rendered as a page rather than copied.
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
    /// Its title.
    pub title: String,
    /// Its case number, if it was a case.
    pub number: Option<String>,
    /// When it was first published, and when it left this URL.
    pub published: chrono::DateTime<chrono::FixedOffset>,
    /// When it left its URL.
    pub left: chrono::DateTime<chrono::FixedOffset>,
    /// Where it went.
    pub fate: GoneFate,
    /// The files beside its page that left with it and keep their URLs too: a meeting's
    /// papers (`innkalling.pdf`, and `protokoll.pdf` if it had minutes).
    pub files: Vec<String>,
}

/// What became of a page that left its URL.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum GoneFate {
    /// Moved.
    Moved {
        /// The site path of its page now.
        to: String,
    },
    /// Deleted on the branch (at `Gone::left`).
    Withdrawn {
        /// The pull request that deleted it, if it had one.
        pull_request: Option<u32>,
    },
}

/// The whole site as of the build date.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Site {
    /// Every body.
    pub organs: Vec<Organ>,
    /// Every meeting.
    pub meetings: Vec<Meeting>,
    /// Every case.
    pub cases: Vec<Case>,
    /// Every document.
    pub documents: Vec<Document>,
    /// Every attachment.
    pub attachments: Vec<Attachment>,
    /// The build date the windows were computed for (`None` only in a default, empty site).
    pub today: Option<NaiveDate>,
    /// Things worth telling an editor that do not stop a build.
    pub warnings: Vec<motebok_parser::Diagnostic>,
    /// Relations of exempt cases, kept out of everything published (`resolve::Withheld`).
    pub withheld: withheld::Withheld,
    /// Published URLs whose files moved or were deleted.
    pub gone: Vec<Gone>,
    /// What the builder read from the attachments copied as they are (size, PDF facts and
    /// text), by source path; like `gone`, filled in by the builder after resolving.
    pub files: std::collections::BTreeMap<String, crate::accessibility::FileFacts>,
    /// Published URLs of files (not Markdown) that moved: each keeps the file's bytes.
    pub moved_files: Vec<MovedFile>,
    /// Every relative link of every body, resolved once to what it lands on.
    pub links: crate::links::Links,
}

/// The old URL of a published file that moved (a meeting filed under another date): a PDF
/// cannot point on, so its old URL serves the same file while it is published (CONTENT.md §7).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MovedFile {
    /// The site path it had (`ssu/2025-05-22/vedlegg/tall.pdf`).
    pub url: String,
    /// The attachment it is now.
    pub attachment: AttachmentIx,
}

impl Meeting {
    /// The minutes exist once at least one case has a `vedtak` (CONTENT.md §3).
    pub fn has_minutes(&self, site: &Site) -> bool {
        self.cases.iter().any(|&c| site.cases[c].vedtak.is_some())
    }
}

impl Site {
    /// The repository path of an item's file.
    pub fn path_of(&self, item: crate::links::Item) -> &str {
        use crate::links::Item;
        match item {
            Item::Organ(i) => &self.organs[i].src.path,
            Item::Meeting(i) => &self.meetings[i].src.path,
            Item::Case(i) => &self.cases[i].src.path,
            Item::Document(i) => &self.documents[i].src.path,
            Item::Attachment(i) => &self.attachments[i].src.path,
        }
    }

    /// The body with this id.
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
