//! URLs that stay (CONTENT.md §7): a published file that moved or was deleted keeps a `noindex`
//! page at its old URL (a pointer to the new one, or a tombstone saying when and in which pull
//! request it was withdrawn) and a `deleted` object at its old `/api/` id.
//!
//! The history walk knows every path that left the branch (`trail::Departed`); the file as it
//! was just before it left is read from git and parsed in the builder's load phase (`Departures`),
//! and after `resolve` [`find`] decides which of those URLs were published and what stands
//! there now.
//!
//! "Published" means: public, and first on the branch before its window closed (the window of
//! the file as it was; a body's window from the body as it is now). A file that never reached
//! the site gets no page claiming it was there. An attachment of a document has no window of
//! its own: it counts as published.

use crate::departures::{Departures, Old};
use chrono::Datelike;
use motebok_domain::trail::Departed;
use motebok_domain::*;
use motebok_parser::raw::{RawDoc, RawFile};
use motebok_publish::api_paths;
use motebok_site::dates;
use motebok_site::urls;
use std::collections::{HashMap, HashSet};

// Reading what left is the builder's load phase; deciding what stays, here,
// comes after `resolve`.
impl Departures {
    /// Puts the pages and files that stay at their old URLs into `site`.
    pub fn apply(&self, site: &mut Site, window_months: u32) {
        let mut gone = find(site, &self.pages, window_months);
        gone.extend(files_gone(site, &self.files, window_months));
        gone.sort_by(|a, b| a.url.cmp(&b.url));
        site.gone = gone;
        site.moved_files = crate::moved_files::find(site);
    }
}

/// The published URLs among `old` that no item of `site` has now, sorted by URL.
pub(crate) fn find(site: &Site, old: &[Old], window_months: u32) -> Vec<Gone> {
    let live = Live::of(site);
    let mut out: HashMap<String, Gone> = HashMap::new();
    for o in old {
        let Some(first) = o.trail.published() else {
            continue;
        };
        let Some(left) = o.trail.entries.get(o.left) else {
            continue;
        };
        let Some(page) = page_of(site, &o.file, window_months) else {
            continue;
        };
        // Never on the site: no page that says it was.
        if page
            .closes
            .is_some_and(|c| dates::oslo_day(&first.time) >= c)
        {
            continue;
        }
        if live.urls.contains(&page.url)
            || page.api.as_ref().is_some_and(|(p, _)| live.api.contains(p))
        {
            continue;
        }
        let fate = match o.now.as_ref().and_then(|p| live.by_path.get(p)) {
            Some(to) => GoneFate::Moved { to: to.clone() },
            None => GoneFate::Withdrawn {
                pull_request: left.pull_request,
            },
        };
        // A body's decisions of the year the meeting was in stay too, once no meeting is left.
        if let RawDoc::Meeting(m) = &o.file.doc {
            let url = urls::decisions(&m.organ, m.dato.value.year());
            if !live.urls.contains(&url) {
                let fate = match o.now.as_ref().and_then(|p| live.decisions.get(p)) {
                    Some(to) => GoneFate::Moved { to: to.clone() },
                    None => fate.clone(),
                };
                let gone = Gone {
                    title: format!(
                        "Vedtak i {} {}",
                        short_name(site, &m.organ),
                        m.dato.value.year()
                    ),
                    url,
                    api: None,
                    api_also: Vec::new(),
                    kind: "Vedtak".into(),
                    number: None,
                    published: first.time,
                    left: left.time,
                    fate,
                    files: Vec::new(),
                };
                keep_latest(&mut out, gone);
            }
        }
        let files = match &o.file.doc {
            RawDoc::Meeting(m) => papers_left_with(m, o, old),
            _ => Vec::new(),
        };
        let mut api_also = page.api_also;
        if files.iter().any(|f| f == "protokoll.pdf") {
            api_also.push((api_paths::file(&format!("{}referat", page.url)), "File"));
        }
        let gone = Gone {
            url: page.url,
            api: page.api,
            api_also,
            files,
            kind: page.kind,
            title: page.title,
            number: page.number,
            published: first.time,
            left: left.time,
            fate,
        };
        keep_latest(&mut out, gone);
    }
    let mut v: Vec<Gone> = out.into_values().collect();
    v.sort_by(|a, b| a.url.cmp(&b.url));
    v
}

/// The papers a meeting had when it left (CONTENT.md §9): the summons always, the minutes if
/// one of the cases that left with it (its folder, the same commit) had a decision.
fn papers_left_with(
    m: &motebok_parser::raw::RawMeeting,
    meeting: &Old,
    old: &[Old],
) -> Vec<String> {
    let commit = |o: &Old| o.trail.entries.get(o.left).map(|e| e.commit.clone());
    let left = commit(meeting);
    let minutes = old.iter().any(|o| match &o.file.doc {
        RawDoc::Case(c) => {
            c.organ == m.organ && c.folder == m.folder && c.vedtak.is_some() && commit(o) == left
        }
        _ => false,
    });
    let mut v = vec!["innkalling.pdf".to_string()];
    if minutes {
        v.push("protokoll.pdf".into());
    }
    v
}

/// One URL left twice (a meeting moved on, then again; two meetings of a year): the latest
/// word stands.
fn keep_latest(out: &mut HashMap<String, Gone>, gone: Gone) {
    if out.get(&gone.url).is_none_or(|g| g.left <= gone.left) {
        out.insert(gone.url.clone(), gone);
    }
}

/// A body's short name as it is now, else its id in capitals.
fn short_name(site: &Site, id: &str) -> String {
    site.organ(id)
        .map_or_else(|| id.to_uppercase(), |o| site.organs[o].kortnavn.clone())
}

/// What the site has now: page URLs, `/api/` objects, and the page of each source path.
struct Live {
    urls: HashSet<String>,
    api: HashSet<String>,
    by_path: HashMap<String, String>,
    /// A meeting's source path → its body's decisions of its year.
    decisions: HashMap<String, String>,
}

impl Live {
    fn of(site: &Site) -> Live {
        let mut l = Live {
            urls: HashSet::new(),
            api: HashSet::new(),
            by_path: HashMap::new(),
            decisions: HashMap::new(),
        };
        for p in crate::pages::pages(site) {
            l.urls.insert(crate::pages::url_of(site, p));
        }
        let mut page = |src: &Source, url: String, has_page: bool| {
            if has_page {
                l.by_path.insert(src.path.clone(), url);
            }
        };
        for o in &site.organs {
            page(&o.src, urls::organ(&o.id), true);
        }
        for m in &site.meetings {
            page(
                &m.src,
                urls::meeting(&site.organs[m.organ].id, m.date),
                true,
            );
        }
        for m in &site.meetings {
            l.decisions.insert(
                m.src.path.clone(),
                urls::decisions(&site.organs[m.organ].id, m.date.year()),
            );
        }
        for c in &site.cases {
            page(
                &c.src,
                urls::case(&site.organs[c.organ].id, c.number),
                c.unntatt.is_none(),
            );
        }
        for d in &site.documents {
            page(&d.src, urls::document(&d.slug), d.unntatt.is_none());
        }
        for a in &site.attachments {
            let has = a.is_markdown() && !matches!(a.publication, Publication::Exempt);
            page(&a.src, urls::attachment(&a.owner, &a.name), has);
        }
        // Exempt items have no page but an object of their own in /api/.
        for o in &site.organs {
            l.api.insert(api_paths::organization(&o.id));
        }
        for m in &site.meetings {
            l.api
                .insert(api_paths::meeting(&site.organs[m.organ].id, m.date));
        }
        for c in &site.cases {
            l.api
                .insert(api_paths::paper(&site.organs[c.organ].id, c.number));
        }
        for d in &site.documents {
            l.api.insert(api_paths::file(&urls::document(&d.slug)));
        }
        l
    }
}

/// The page an old file had: its URL, `/api/` object, what it was, and when its window closed.
struct OldPage {
    url: String,
    api: Option<(String, &'static str)>,
    api_also: Vec<(String, &'static str)>,
    kind: String,
    title: String,
    number: Option<String>,
    /// The first day it was off the site (`None`: no end).
    closes: Option<chrono::NaiveDate>,
}

fn page_of(site: &Site, file: &RawFile, window_months: u32) -> Option<OldPage> {
    // A body's own window if it still has one, else the site's.
    let organ = |id: &str| site.organ(id).map(|o| &site.organs[o]);
    let months = |id: &str| organ(id).map_or(window_months, |o| o.window_months);
    let short = |id: &str| organ(id).map_or_else(|| id.to_uppercase(), |o| o.kortnavn.clone());
    let folder_date = |folder: &str| motebok_parser::parse_iso_date(folder).ok();
    Some(match &file.doc {
        RawDoc::Organ(o) => OldPage {
            url: urls::organ(&o.id),
            api: Some((api_paths::organization(&o.id), "Organization")),
            api_also: Vec::new(),
            kind: "Organ".into(),
            title: o.navn.clone(),
            number: None,
            closes: None,
        },
        RawDoc::Meeting(m) => {
            let date = m.dato.value;
            let url = urls::meeting(&m.organ, date);
            // Its minutes' File is left out: whether it had one is not known here.
            let mut api_also = vec![(api_paths::file(&format!("{url}innkalling")), "File")];
            if m.sted.is_some() {
                api_also.push((api_paths::location(&m.organ, date), "Location"));
            }
            OldPage {
                url,
                api: Some((api_paths::meeting(&m.organ, date), "Meeting")),
                api_also,
                kind: "Møte".into(),
                title: format!("{} {}", short(&m.organ), dates::long(date)),
                number: None,
                closes: Some(closing_day(date, months(&m.organ))),
            }
        }
        RawDoc::Case(c) => {
            if c.unntatt.is_some() {
                return None;
            }
            let number = CaseNumber::parse(&c.saksnr.value)?;
            let date = folder_date(&c.folder)?;
            let url = urls::case(&c.organ, number);
            OldPage {
                api_also: vec![
                    (api_paths::file(&url), "File"),
                    (api_paths::agenda_item(&c.organ, number), "AgendaItem"),
                    (api_paths::consultation(&c.organ, number), "Consultation"),
                ],
                url,
                api: Some((api_paths::paper(&c.organ, number), "Paper")),
                kind: "Sak".into(),
                title: c.tittel.clone(),
                number: Some(format!("{} {number}", short(&c.organ))),
                closes: Some(closing_day(date, months(&c.organ))),
            }
        }
        RawDoc::Document(d) => {
            if d.unntatt.is_some() {
                return None;
            }
            let start = match d.publisering {
                Publisering::Vindu => Some(d.dato.value),
                Publisering::Gjeldende => d.gyldig_til,
            };
            let url = urls::document(&d.slug);
            OldPage {
                api: Some((api_paths::file(&url), "File")),
                api_also: Vec::new(),
                url,
                kind: d.doktype.label().into(),
                title: d.tittel.clone(),
                number: None,
                closes: start.map(|s| closing_day(s, window_months)),
            }
        }
        RawDoc::Attachment(a) => {
            let (title, _) = a.page.as_ref()?;
            let url = urls::attachment(&a.owner, &a.name);
            let closes = match &a.owner {
                AttachmentOwner::Meeting { organ, folder } => {
                    Some(closing_day(folder_date(folder)?, months(organ)))
                }
                AttachmentOwner::Documents => None,
            };
            OldPage {
                api: Some((api_paths::file(&url), "File")),
                api_also: Vec::new(),
                url,
                kind: "Vedlegg".into(),
                title: title
                    .clone()
                    .unwrap_or_else(|| a.name.trim_end_matches(".md").to_string()),
                number: None,
                closes,
            }
        }
    })
}

/// The files copied as they are (PDFs and the like) among `departed` that were published at
/// their old URL: a `deleted` object stays at their old `/api/` id. They get no page (a URL
/// not ending in `/` is a file's: `pages::pages` leaves them out); a moved one keeps its bytes
/// at its old URL (`moved_files`).
fn files_gone(site: &Site, departed: &[Departed], window_months: u32) -> Vec<Gone> {
    use motebok_parser::kinds::{classify, FileKind};
    let now: HashMap<&str, String> = site
        .attachments
        .iter()
        .filter(|a| !a.is_markdown() && a.publication.is_published())
        .map(|a| (a.src.path.as_str(), urls::attachment(&a.owner, &a.name)))
        .collect();
    let live: HashSet<&String> = now.values().collect();
    let mut out: HashMap<String, Gone> = HashMap::new();
    for d in departed.iter().filter(|d| !d.path.ends_with(".md")) {
        let FileKind::Attachment {
            owner,
            name,
            markdown: false,
        } = classify(&d.path)
        else {
            continue;
        };
        let (Some(first), Some(left)) = (d.trail.published(), d.trail.entries.get(d.left)) else {
            continue;
        };
        if let AttachmentOwner::Meeting { organ, folder } = &owner {
            let Ok(date) = motebok_parser::parse_iso_date(folder) else {
                continue;
            };
            let months = site
                .organ(organ)
                .map_or(window_months, |o| site.organs[o].window_months);
            if dates::oslo_day(&first.time) >= closing_day(date, months) {
                continue;
            }
        }
        let url = urls::attachment(&owner, &name);
        if live.contains(&url) {
            continue;
        }
        let fate = match d.now.as_deref().and_then(|p| now.get(p)) {
            Some(to) => GoneFate::Moved { to: to.clone() },
            None => GoneFate::Withdrawn {
                pull_request: left.pull_request,
            },
        };
        let gone = Gone {
            api: Some((api_paths::file(&url), "File")),
            api_also: Vec::new(),
            files: Vec::new(),
            url,
            kind: "Vedlegg".into(),
            title: name.clone(),
            number: None,
            published: first.time,
            left: left.time,
            fate,
        };
        if out.get(&gone.url).is_none_or(|g| g.left <= gone.left) {
            out.insert(gone.url.clone(), gone);
        }
    }
    out.into_values().collect()
}
