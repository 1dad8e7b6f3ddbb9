//! View structs: exactly what templates see. Templates never touch the domain's types; every
//! href here is relative to the site root (templates prefix it with `root`).

pub mod follow;
pub mod make;
mod trail;

use motebok_domain::MeetingIx;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

pub use make::Views;

/// Where the views read a body's text: in memory, or from git on a rebuild (the builder's
/// store). A read can fail; the views pass that on, never showing an empty body.
pub trait Bodies: Sync {
    /// The text of `body`, of the file at `path`.
    fn text(&self, path: &str, body: &motebok_parser::Body) -> Result<Arc<str>, Unread>;
}

/// A body's text that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("kan ikke lese {path}: {why}")]
pub struct Unread {
    /// Repository path of the file.
    pub path: String,
    /// Why it could not be read.
    pub why: String,
}

/// The link a meeting page shows to one of its papers.
#[derive(Debug, Clone, Serialize)]
pub struct PaperLink {
    /// Relative to the site's root.
    pub href: String,
    /// "Innkalling med saksdokumenter" or "Protokoll".
    pub title: String,
    /// "PDF, 245 kB".
    pub kind: String,
}

/// Each meeting's paper links, by meeting, in the order the page shows them.
pub type PaperLinks = HashMap<MeetingIx, Vec<PaperLink>>;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Link {
    pub href: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DateView {
    /// For `<time datetime>`.
    pub iso: String,
    /// `22. mai 2025`
    pub text: String,
}

/// Shared by every page: site, navigation, the page's own standing.
#[derive(Debug, Clone, Serialize)]
pub struct Layout {
    pub site_title: String,
    pub publisher: String,
    pub lang: String,
    /// `../` to the site root from this page.
    pub root: String,
    /// This page's URL relative to the root.
    pub url: String,
    pub canonical: String,
    pub title: String,
    pub description: String,
    pub noindex: bool,
    /// Not yet approved on the branch (preview builds).
    pub draft: bool,
    pub nav: Vec<NavItem>,
    pub breadcrumbs: Vec<Link>,
    pub trail: Option<TrailView>,
    pub archive_contact: String,
    pub accessibility_contact: Option<String>,
    pub generator: String,
    /// The page's own feeds and calendars (`<link rel="alternate">`), before the site's.
    pub feeds: Vec<FeedLink>,
}

/// A feed or calendar a page offers in its head.
#[derive(Debug, Clone, Serialize)]
pub struct FeedLink {
    /// `application/atom+xml` or `text/calendar`.
    pub kind: &'static str,
    pub title: String,
    pub href: String,
}

/// How to follow a body or a case: its feed and its body's calendar, as links and as the
/// absolute addresses a reader pastes into a feed reader or calendar.
#[derive(Debug, Clone, Serialize)]
pub struct FollowView {
    pub organ: String,
    pub feed_href: String,
    pub feed_url: String,
    pub calendar_href: String,
    pub calendar_url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    pub href: String,
    pub label: String,
    pub current: bool,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct TrailView {
    pub published: Option<DateView>,
    pub changed: Option<DateView>,
    pub approved_by: Vec<String>,
    pub pull_request: Option<Link>,
    pub history: Vec<TrailEntryView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TrailEntryView {
    pub when: DateView,
    pub change: String,
    pub approvers: String,
    pub authors: String,
    pub pull_request: Option<Link>,
    pub commit: String,
    pub commit_href: Option<String>,
    pub subject: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct MeetingSummary {
    pub href: String,
    pub organ: String,
    pub organ_name: String,
    pub title: String,
    pub date: DateView,
    pub weekday_date: String,
    pub tid: Option<String>,
    pub sted: Option<String>,
    pub avlyst: bool,
    pub case_count: usize,
    pub has_minutes: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentSummary {
    pub href: String,
    pub title: String,
    pub doktype: String,
    pub date: DateView,
}

#[derive(Debug, Clone, Serialize)]
pub struct FrontView {
    pub intro: String,
    pub upcoming: Vec<MeetingSummary>,
    pub recent: Vec<MeetingSummary>,
    pub documents: Vec<DocumentSummary>,
    pub organs: Vec<OrganSummary>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OrganSummary {
    pub href: String,
    pub name: String,
    pub short: String,
    pub next_meeting: Option<MeetingSummary>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OrganView {
    pub name: String,
    pub short: String,
    pub mandate_html: String,
    pub years: Vec<YearView>,
    pub follow: FollowView,
}

#[derive(Debug, Clone, Serialize)]
pub struct YearView {
    pub year: i32,
    pub meetings: Vec<MeetingSummary>,
    /// The body's decisions of the year.
    pub decisions_href: String,
}

/// A body's decisions of one year (`/<organ>/vedtak/<yyyy>/`).
#[derive(Debug, Clone, Serialize)]
pub struct DecisionsView {
    pub organ: Link,
    pub short: String,
    pub year: i32,
    /// Every year with a page, newest first; the current one without an href.
    pub years: Vec<YearLink>,
    pub rows: Vec<DecisionRow>,
    /// Some meeting of the year is out of its window: its decisions are in the archive.
    pub closed: bool,
    pub follow: FollowView,
}

#[derive(Debug, Clone, Serialize)]
pub struct YearLink {
    pub year: i32,
    pub href: String,
    pub current: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct DecisionRow {
    pub case: CaseLink,
    pub meeting: Link,
    pub meeting_date: DateView,
    pub vedtak: Vec<String>,
    /// The later cases that followed it up.
    pub followed_by: Vec<CaseLink>,
}

/// A case named in a list or thread: hidden title when exempt, tombstone when its window closed.
#[derive(Debug, Clone, Serialize)]
pub struct CaseLink {
    pub href: Option<String>,
    pub number: String,
    pub label: String,
    pub title: String,
    pub meeting_date: DateView,
    pub closed: bool,
    pub exempt: bool,
    pub current: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct AttachmentLink {
    pub href: String,
    pub title: String,
    /// `PDF, 12 kB` or `side`.
    pub kind: String,
    /// What keeps a reader with a screen reader out, in plain words ("Skannet dokument uten
    /// tekst: kan ikke leses av skjermleser"); empty when nothing does.
    pub problems: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AgendaRow {
    pub number: String,
    pub href: Option<String>,
    pub title: String,
    pub types: String,
    pub ansvarlig: Option<String>,
    pub attachments: Vec<AttachmentLink>,
    /// The legal basis, for an exempt case.
    pub exempt: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MinutesItem {
    pub number: String,
    pub href: Option<String>,
    pub title: String,
    pub vedtak: Vec<String>,
    pub referat_html: Option<String>,
    pub exempt: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct MinutesView {
    pub approved_by: Vec<CaseLink>,
    pub items: Vec<MinutesItem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MeetingView {
    pub organ: Link,
    pub title: String,
    pub date: DateView,
    pub weekday_date: String,
    pub tid: Option<String>,
    pub sted: Option<String>,
    pub moteleder: Option<String>,
    pub referent: Option<String>,
    pub avlyst: bool,
    pub intro_html: String,
    pub agenda: Vec<AgendaRow>,
    pub minutes: Option<MinutesView>,
    /// The summons and minutes as PDFs, with their sizes.
    pub papers: Vec<PaperLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CaseView {
    pub number: String,
    pub label: String,
    pub title: String,
    pub organ: Link,
    pub meeting: Link,
    pub meeting_date: DateView,
    pub types: String,
    pub ansvarlig: Option<String>,
    pub status: String,
    pub body_html: String,
    pub forslag: Vec<String>,
    pub vedtak: Option<Vec<String>>,
    pub referat_html: Option<String>,
    pub attachments: Vec<AttachmentLink>,
    pub follows_up: Vec<CaseLink>,
    pub followed_by: Vec<CaseLink>,
    pub thread: Vec<CaseLink>,
    pub approves_minutes: Vec<Link>,
    pub adopted: Vec<DocumentSummary>,
    /// `None` for a preview's draft, which has no feed.
    pub follow: Option<FollowView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentView {
    pub title: String,
    pub doktype: String,
    pub date: DateView,
    pub gyldig_fra: Option<DateView>,
    pub gyldig_til: Option<DateView>,
    pub in_force: bool,
    pub vedtatt_i: Option<CaseLink>,
    pub body_html: String,
    pub attachments: Vec<AttachmentLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentsIndexView {
    pub groups: Vec<DocumentGroup>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentGroup {
    pub label: String,
    pub documents: Vec<DocumentSummary>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AttachmentView {
    pub title: String,
    pub used_by: Vec<CaseLink>,
    pub documents: Vec<Link>,
    pub body_html: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TombstoneView {
    pub title: String,
    pub kind: String,
    pub number: Option<String>,
    pub date: Option<DateView>,
    pub published: Option<DateView>,
    /// When its window closed: the day it was taken down, unless it was never up.
    pub unpublished: DateView,
    pub archive_contact: String,
    /// Its body archives its papers (`arkivverdig`; always for other documents).
    pub archived: bool,
    /// Name of the body that does not archive it, for the notice (empty when archived).
    pub not_archived_by: String,
    /// Approved only after its window had closed: it was never on the site.
    pub never_published: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct PublishingView {
    pub window_months: u32,
    pub window_years_text: String,
    pub bodies: Vec<BodyWindow>,
    pub archive_contact: String,
    pub publisher: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct BodyWindow {
    pub name: String,
    pub months: u32,
    pub archived: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct AccessibilityView {
    pub publisher: String,
    pub site_title: String,
    pub site_url: String,
    pub contact: Option<String>,
    /// The statement as registered with the authority.
    pub uustatus_url: Option<String>,
    pub audit_date: Option<DateView>,
    pub known_issues: Vec<String>,
    /// The build date: the findings are as of it.
    pub built: DateView,
    /// The audit's tools with their versions (`axe-core 4.14.1`).
    pub tools: Vec<String>,
    /// Every published item the build found not to meet the requirements.
    pub findings: Vec<FindingView>,
    /// Where the findings are as JSON, relative to the statement.
    pub findings_json: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct FindingView {
    /// The file or page, as a link from the site root.
    pub href: String,
    pub label: String,
    /// The page it is published on, when it is a file.
    pub page: Option<Link>,
    pub wcag: String,
    pub what: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchView {
    pub organs: Vec<Link>,
    /// Years with published meetings, newest first, each with links to the bodies' years.
    pub years: Vec<YearLinks>,
}

#[derive(Debug, Clone, Serialize)]
pub struct YearLinks {
    pub year: i32,
    pub organs: Vec<Link>,
}
