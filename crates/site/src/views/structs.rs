//! The view structs: exactly what templates see, display-ready (Norwegian dates, labels, site
//! paths); every href is relative to the site root (templates prefix it with `root`).

use motebok_domain::MeetingIx;
use serde::Serialize;
use std::collections::HashMap;

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

/// A link: where to, and its text.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Link {
    /// Relative to the site root.
    pub href: String,
    /// The link's text.
    pub label: String,
}

/// A date as a page shows it.
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
    /// The site's title (`site.toml`).
    pub site_title: String,
    /// Who publishes the site.
    pub publisher: String,
    /// The pages' language (`nb`).
    pub lang: String,
    /// `../` to the site root from this page.
    pub root: String,
    /// This page's URL relative to the root.
    pub url: String,
    /// The page's absolute URL.
    pub canonical: String,
    /// The page's title.
    pub title: String,
    /// The page's description, for its head (may be empty).
    pub description: String,
    /// Kept out of search engines (`noindex`).
    pub noindex: bool,
    /// Not yet approved on the branch (preview builds).
    pub draft: bool,
    /// The site's navigation.
    pub nav: Vec<NavItem>,
    /// The way down to this page.
    pub breadcrumbs: Vec<Link>,
    /// The page's trail: published, changed, approved by.
    pub trail: Option<TrailView>,
    /// Where to ask for what the site no longer shows.
    pub archive_contact: String,
    /// Where to report an accessibility problem.
    pub accessibility_contact: Option<String>,
    /// `motebok <version>`, for `<meta name="generator">`.
    pub generator: String,
    /// The page's own feeds and calendars (`<link rel="alternate">`), before the site's.
    pub feeds: Vec<FeedLink>,
}

/// A feed or calendar a page offers in its head.
#[derive(Debug, Clone, Serialize)]
pub struct FeedLink {
    /// `application/atom+xml` or `text/calendar`.
    pub kind: &'static str,
    /// The feed's name.
    pub title: String,
    /// Relative to the site root.
    pub href: String,
}

/// How to follow a body or a case: its feed and its body's calendar, as links and as the
/// absolute addresses a reader pastes into a feed reader or calendar.
#[derive(Debug, Clone, Serialize)]
pub struct FollowView {
    /// The body's name.
    pub organ: String,
    /// The feed, relative to the site root.
    pub feed_href: String,
    /// The feed's absolute address.
    pub feed_url: String,
    /// The body's calendar, relative to the site root.
    pub calendar_href: String,
    /// The calendar's absolute address.
    pub calendar_url: String,
}

/// An entry of the site's navigation.
#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    /// Relative to the site root.
    pub href: String,
    /// Its text.
    pub label: String,
    /// This page is in its section.
    pub current: bool,
}

/// A page's trail as readers see it (Publisert, Sist endret, Godkjent av, Historikk).
#[derive(Debug, Clone, Serialize, Default)]
pub struct TrailView {
    /// When it was first published.
    pub published: Option<DateView>,
    /// When it was last changed, if after that.
    pub changed: Option<DateView>,
    /// Who approved the last change.
    pub approved_by: Vec<String>,
    /// The pull request of the last change.
    pub pull_request: Option<Link>,
    /// Every change, oldest first.
    pub history: Vec<TrailEntryView>,
}

/// One change in a page's history.
#[derive(Debug, Clone, Serialize)]
pub struct TrailEntryView {
    /// When it was merged.
    pub when: DateView,
    /// What changed (`Publisert`, `Endret` ...).
    pub change: String,
    /// Who approved it, or how it came in.
    pub approvers: String,
    /// Who wrote it.
    pub authors: String,
    /// Its pull request.
    pub pull_request: Option<Link>,
    /// The commit, short.
    pub commit: String,
    /// The commit in the repository, when the site names one.
    pub commit_href: Option<String>,
    /// The commit's subject.
    pub subject: String,
}

/// A meeting as lists name it.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingSummary {
    /// Its page, relative to the site root.
    pub href: String,
    /// The body's id.
    pub organ: String,
    /// The body's name.
    pub organ_name: String,
    /// `SSU 22. mai 2025`.
    pub title: String,
    /// Its date.
    pub date: DateView,
    /// Its date with the weekday.
    pub weekday_date: String,
    /// When it meets (`09:00-12:00`).
    pub tid: Option<String>,
    /// Where it meets.
    pub sted: Option<String>,
    /// Cancelled.
    pub avlyst: bool,
    /// How many cases it has.
    pub case_count: usize,
    /// Its minutes are published.
    pub has_minutes: bool,
}

/// A document as lists name it.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentSummary {
    /// Its page, relative to the site root.
    pub href: String,
    /// Its title.
    pub title: String,
    /// Its kind, as a word.
    pub doktype: String,
    /// Its date.
    pub date: DateView,
}

/// The front page.
#[derive(Debug, Clone, Serialize)]
pub struct FrontView {
    /// The front page's opening sentence.
    pub intro: String,
    /// The meetings to come.
    pub upcoming: Vec<MeetingSummary>,
    /// The latest meetings held.
    pub recent: Vec<MeetingSummary>,
    /// The latest documents.
    pub documents: Vec<DocumentSummary>,
    /// Every body, with its next meeting.
    pub organs: Vec<OrganSummary>,
}

/// A body as the front page names it.
#[derive(Debug, Clone, Serialize)]
pub struct OrganSummary {
    /// Its page, relative to the site root.
    pub href: String,
    /// Its name.
    pub name: String,
    /// Its short name.
    pub short: String,
    /// Its next meeting, if any.
    pub next_meeting: Option<MeetingSummary>,
}

/// A body's page.
#[derive(Debug, Clone, Serialize)]
pub struct OrganView {
    /// Its name.
    pub name: String,
    /// Its short name.
    pub short: String,
    /// Its mandate, as HTML.
    pub mandate_html: String,
    /// Its meetings by year, newest first.
    pub years: Vec<YearView>,
    /// How to follow it.
    pub follow: FollowView,
}

/// A body's meetings of one year.
#[derive(Debug, Clone, Serialize)]
pub struct YearView {
    /// The year.
    pub year: i32,
    /// The meetings.
    pub meetings: Vec<MeetingSummary>,
    /// The body's decisions of the year.
    pub decisions_href: String,
}

/// A body's decisions of one year (`/<organ>/vedtak/<yyyy>/`).
#[derive(Debug, Clone, Serialize)]
pub struct DecisionsView {
    /// The body.
    pub organ: Link,
    /// Its short name.
    pub short: String,
    /// The year.
    pub year: i32,
    /// Every year with a page, newest first; the current one without an href.
    pub years: Vec<YearLink>,
    /// The decisions, in the order they were made.
    pub rows: Vec<DecisionRow>,
    /// Some meeting of the year is out of its window: its decisions are in the archive.
    pub closed: bool,
    /// How to follow the body.
    pub follow: FollowView,
}

/// A year among a body's years of decisions.
#[derive(Debug, Clone, Serialize)]
pub struct YearLink {
    /// The year.
    pub year: i32,
    /// Its page, relative to the site root.
    pub href: String,
    /// The page shown.
    pub current: bool,
}

/// One decision in a body's year.
#[derive(Debug, Clone, Serialize)]
pub struct DecisionRow {
    /// The case decided.
    pub case: CaseLink,
    /// The meeting that decided it.
    pub meeting: Link,
    /// Its date.
    pub meeting_date: DateView,
    /// The decision's points.
    pub vedtak: Vec<String>,
    /// The later cases that followed it up.
    pub followed_by: Vec<CaseLink>,
}

/// A case named in a list or thread: hidden title when exempt, tombstone when its window closed.
#[derive(Debug, Clone, Serialize)]
pub struct CaseLink {
    /// Its page (none when exempt).
    pub href: Option<String>,
    /// Its case number.
    pub number: String,
    /// The body's short name and the number.
    pub label: String,
    /// Its title, or the public one when exempt.
    pub title: String,
    /// The date of its meeting.
    pub meeting_date: DateView,
    /// Its window has closed (a tombstone).
    pub closed: bool,
    /// Exempt from public access.
    pub exempt: bool,
    /// The page shown.
    pub current: bool,
}

/// An attachment as a case or document lists it.
#[derive(Debug, Clone, Serialize)]
pub struct AttachmentLink {
    /// Relative to the site root.
    pub href: String,
    /// Its title.
    pub title: String,
    /// `PDF, 12 kB` or `side`.
    pub kind: String,
    /// What keeps a reader with a screen reader out, in plain words ("Skannet dokument uten
    /// tekst: kan ikke leses av skjermleser"); empty when nothing does.
    pub problems: Vec<String>,
}

/// One case on a meeting's agenda.
#[derive(Debug, Clone, Serialize)]
pub struct AgendaRow {
    /// Its case number.
    pub number: String,
    /// Its page (none when exempt).
    pub href: Option<String>,
    /// Its title.
    pub title: String,
    /// Its kinds (`Beslutning, Orientering`).
    pub types: String,
    /// Who is responsible for it.
    pub ansvarlig: Option<String>,
    /// Its published attachments.
    pub attachments: Vec<AttachmentLink>,
    /// The legal basis, for an exempt case.
    pub exempt: Option<String>,
}

/// One case in a meeting's minutes.
#[derive(Debug, Clone, Serialize)]
pub struct MinutesItem {
    /// Its case number.
    pub number: String,
    /// Its page (none when exempt).
    pub href: Option<String>,
    /// Its title.
    pub title: String,
    /// Its decision's points.
    pub vedtak: Vec<String>,
    /// What was said, as HTML.
    pub referat_html: Option<String>,
    /// Exempt from public access.
    pub exempt: bool,
}

/// A meeting's minutes.
#[derive(Debug, Clone, Serialize)]
pub struct MinutesView {
    /// The cases that approved them.
    pub approved_by: Vec<CaseLink>,
    /// Each case.
    pub items: Vec<MinutesItem>,
}

/// A meeting's page.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingView {
    /// The body.
    pub organ: Link,
    /// `Møte i SSU 22. mai 2025`.
    pub title: String,
    /// Its date.
    pub date: DateView,
    /// Its date with the weekday.
    pub weekday_date: String,
    /// When it meets.
    pub tid: Option<String>,
    /// Where it meets.
    pub sted: Option<String>,
    /// Who chairs it.
    pub moteleder: Option<String>,
    /// Who takes the minutes.
    pub referent: Option<String>,
    /// Cancelled.
    pub avlyst: bool,
    /// The meeting's text, as HTML.
    pub intro_html: String,
    /// Its cases.
    pub agenda: Vec<AgendaRow>,
    /// Its minutes, once published.
    pub minutes: Option<MinutesView>,
    /// The summons and minutes as PDFs, with their sizes.
    pub papers: Vec<PaperLink>,
}

/// A case's page.
#[derive(Debug, Clone, Serialize)]
pub struct CaseView {
    /// Its case number.
    pub number: String,
    /// The body's short name and the number.
    pub label: String,
    /// Its title.
    pub title: String,
    /// The body.
    pub organ: Link,
    /// Its meeting.
    pub meeting: Link,
    /// The meeting's date.
    pub meeting_date: DateView,
    /// Its kinds.
    pub types: String,
    /// Who is responsible for it.
    pub ansvarlig: Option<String>,
    /// Where it stands (`Til behandling`, `Behandlet`, `Møtet er avlyst`).
    pub status: String,
    /// Its text, as HTML.
    pub body_html: String,
    /// The proposed decision's points.
    pub forslag: Vec<String>,
    /// The decision's points, once decided.
    pub vedtak: Option<Vec<String>>,
    /// What was said, as HTML.
    pub referat_html: Option<String>,
    /// Its published attachments.
    pub attachments: Vec<AttachmentLink>,
    /// The earlier cases it follows up.
    pub follows_up: Vec<CaseLink>,
    /// The later cases that follow it up.
    pub followed_by: Vec<CaseLink>,
    /// Every case of its matter.
    pub thread: Vec<CaseLink>,
    /// The meetings whose minutes it approves.
    pub approves_minutes: Vec<Link>,
    /// The documents it adopted.
    pub adopted: Vec<DocumentSummary>,
    /// `None` for a preview's draft, which has no feed.
    pub follow: Option<FollowView>,
}

/// A document's page.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentView {
    /// Its title.
    pub title: String,
    /// Its kind, as a word.
    pub doktype: String,
    /// Its date.
    pub date: DateView,
    /// In force from.
    pub gyldig_fra: Option<DateView>,
    /// In force until.
    pub gyldig_til: Option<DateView>,
    /// In force on the build date.
    pub in_force: bool,
    /// The case that adopted it.
    pub vedtatt_i: Option<CaseLink>,
    /// Its text, as HTML.
    pub body_html: String,
    /// Its published attachments.
    pub attachments: Vec<AttachmentLink>,
}

/// The documents' page.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentsIndexView {
    /// The documents by kind.
    pub groups: Vec<DocumentGroup>,
}

/// The documents of one kind.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentGroup {
    /// The kind, as a word.
    pub label: String,
    /// The documents.
    pub documents: Vec<DocumentSummary>,
}

/// A Markdown attachment's page.
#[derive(Debug, Clone, Serialize)]
pub struct AttachmentView {
    /// Its title.
    pub title: String,
    /// The cases that list it.
    pub used_by: Vec<CaseLink>,
    /// The documents that list it.
    pub documents: Vec<Link>,
    /// Its text, as HTML.
    pub body_html: String,
}

/// What stays at the URL of an item whose window closed.
#[derive(Debug, Clone, Serialize)]
pub struct TombstoneView {
    /// What stood here.
    pub title: String,
    /// What kind of item (`Sak`, `Møte` ...).
    pub kind: String,
    /// Its case number.
    pub number: Option<String>,
    /// Its date.
    pub date: Option<DateView>,
    /// When it was published.
    pub published: Option<DateView>,
    /// When its window closed: the day it was taken down, unless it was never up.
    pub unpublished: DateView,
    /// Where to ask for it.
    pub archive_contact: String,
    /// Its body archives its papers (`arkivverdig`; always for other documents).
    pub archived: bool,
    /// Name of the body that does not archive it, for the notice (empty when archived).
    pub not_archived_by: String,
    /// Approved only after its window had closed: it was never on the site.
    pub never_published: bool,
}

/// The page on what is published, and for how long.
#[derive(Debug, Clone, Serialize)]
pub struct PublishingView {
    /// The site's window, in months.
    pub window_months: u32,
    /// The window in words.
    pub window_years_text: String,
    /// Each body's window.
    pub bodies: Vec<BodyWindow>,
    /// Where to ask for what the site no longer shows.
    pub archive_contact: String,
    /// Who publishes the site.
    pub publisher: String,
}

/// How long a body's papers stay on the site.
#[derive(Debug, Clone, Serialize)]
pub struct BodyWindow {
    /// The body's name.
    pub name: String,
    /// Its window, in months.
    pub months: u32,
    /// It archives its papers.
    pub archived: bool,
}

/// The accessibility statement.
#[derive(Debug, Clone, Serialize)]
pub struct AccessibilityView {
    /// Who publishes the site.
    pub publisher: String,
    /// The site's title.
    pub site_title: String,
    /// The site's address.
    pub site_url: String,
    /// Where to report an accessibility problem.
    pub contact: Option<String>,
    /// The statement as registered with the authority.
    pub uustatus_url: Option<String>,
    /// When the site was last audited.
    pub audit_date: Option<DateView>,
    /// What is known not to meet the requirements.
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

/// One published item that does not meet the requirements.
#[derive(Debug, Clone, Serialize)]
pub struct FindingView {
    /// The file or page, as a link from the site root.
    pub href: String,
    /// Its path.
    pub label: String,
    /// The page it is published on, when it is a file.
    pub page: Option<Link>,
    /// The WCAG success criterion.
    pub wcag: String,
    /// What is wrong.
    pub what: String,
}

/// The search page's ways to browse.
#[derive(Debug, Clone, Serialize)]
pub struct SearchView {
    /// Every body.
    pub organs: Vec<Link>,
    /// Years with published meetings, newest first, each with links to the bodies' years.
    pub years: Vec<YearLinks>,
}

/// A year, with each body's meetings of it.
#[derive(Debug, Clone, Serialize)]
pub struct YearLinks {
    /// The year.
    pub year: i32,
    /// The bodies' years.
    pub organs: Vec<Link>,
}
