//! Every relative link of every body, resolved once to what it lands on (CONTENT.md §4).
//!
//! A link in a body (or in a case's `referat`) names a repository path relative to the file's
//! folder. The resolve phase settles each one here, after publication is known, and keeps the
//! result on the [`Site`]; the site's pages, its fingerprints and the archive read it instead of
//! resolving links themselves. Only the outputs' policy stays with them: the site keeps a link
//! it cannot resolve as written, the archive drops its target.

use crate::model::*;
use crate::window::Publication;
use std::collections::{BTreeMap, HashMap};

/// An item of the site a link can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Item {
    /// A body's `_organ.md`.
    Organ(OrganIx),
    /// A meeting's `_mote.md`.
    Meeting(MeetingIx),
    /// A case file.
    Case(CaseIx),
    /// A document under `content/dokumenter/`.
    Document(DocumentIx),
    /// A file in a `vedlegg/` folder (a Markdown page or a file copied as is).
    Attachment(AttachmentIx),
}

/// Where a closed file (not Markdown, so without a page of its own) sends its links: the
/// tombstone of what used it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Landing {
    /// The first public case that uses it.
    Case(CaseIx),
    /// Else the first public document that links to it.
    Document(DocumentIx),
    /// Else the page of the meeting whose folder holds it.
    Meeting {
        /// The body's id.
        organ: String,
        /// The meeting folder's date.
        date: chrono::NaiveDate,
    },
    /// Else the list of documents.
    Documents,
}

/// What a relative link lands on, on the public site.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// A published page: a body, a meeting, a case, a document or a Markdown attachment.
    Page(Item),
    /// A published file of a meeting folder (or of `dokumenter/vedlegg/`), copied as is.
    File(AttachmentIx),
    /// A page whose window has closed: its tombstone (a link to it says so).
    Tombstone(Item),
    /// A file whose window has closed: it is no longer copied, so the link lands on `Landing`
    /// (and says so).
    ClosedFile(AttachmentIx, Landing),
    /// Exempt from public access, or used only by what is: never on the public site. A link
    /// to it from a public body is an error at its line (`resolve::reach`); only the archive's
    /// `--include-exempt` may follow it.
    Withheld(Item),
    /// No item of the site: a file that does not exist (an error at its line if the link
    /// names a file), or a path that leaves the repository.
    Nothing,
}

impl Target {
    /// The item the link names, whatever the public site does with it.
    pub fn item(&self) -> Option<Item> {
        match *self {
            Target::Page(i) | Target::Tombstone(i) | Target::Withheld(i) => Some(i),
            Target::File(a) | Target::ClosedFile(a, _) => Some(Item::Attachment(a)),
            Target::Nothing => None,
        }
    }
}

/// The resolved links of every file, by its repository path; within a file, by the link as
/// [`motebok_parser::markdown::links`] gives it (the path decoded, without its fragment).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Links(HashMap<String, BTreeMap<String, Target>>);

impl Links {
    /// What the link `link` (as written in a Markdown destination) in the file `from` lands on.
    /// `None` for a link that is not relative (another site, a mail address, a site-absolute
    /// path, a fragment of the same page): those are kept as written.
    pub fn get(&self, from: &str, link: &str) -> Option<&Target> {
        if !is_relative(link) {
            return None;
        }
        let key = motebok_parser::markdown::file_of_link(link);
        self.0.get(from).and_then(|m| m.get(&key))
    }

    /// Every link of every file with its target, in no particular order.
    pub fn all(&self) -> impl Iterator<Item = (&str, &Target)> {
        self.0
            .values()
            .flat_map(|m| m.iter().map(|(k, t)| (k.as_str(), t)))
    }

    /// Every link of the file `from` with its target, in the order of the links' text.
    pub fn of(&self, from: &str) -> impl Iterator<Item = (&str, &Target)> {
        self.0
            .get(from)
            .into_iter()
            .flat_map(|m| m.iter().map(|(k, t)| (k.as_str(), t)))
    }
}

/// A link destination that names something relative to the file: not another site or scheme
/// (`:`), not a site-absolute path, not a fragment of the page itself.
pub fn is_relative(link: &str) -> bool {
    !(link.contains(':') || link.starts_with('/') || link.starts_with('#'))
}

/// `dir/link` with `.` and `..` resolved, as the link resolves on the site; `None` if it
/// leaves the repository. The one place a link becomes a repository path.
pub fn join(dir: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for p in link.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// The folder of a repository path (`content/ssu/2025-05-22` of its `_mote.md`).
pub fn folder(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(d, _)| d)
}

/// The repository path of an item's file.
pub fn path_of(site: &Site, item: Item) -> &str {
    match item {
        Item::Organ(i) => &site.organs[i].src.path,
        Item::Meeting(i) => &site.meetings[i].src.path,
        Item::Case(i) => &site.cases[i].src.path,
        Item::Document(i) => &site.documents[i].src.path,
        Item::Attachment(i) => &site.attachments[i].src.path,
    }
}

/// The links of a case's `referat` (Markdown in a front matter value).
pub(crate) fn referat_links(referat: Option<&str>) -> Vec<String> {
    referat.map_or_else(Vec::new, motebok_parser::markdown::links)
}

/// Resolves every link of every body (and `referat`) of `site`, whose publication is settled.
pub(crate) fn resolve(site: &Site) -> Links {
    let mut items: HashMap<&str, Item> = HashMap::new();
    items
        .extend((0..site.organs.len()).map(|i| (site.organs[i].src.path.as_str(), Item::Organ(i))));
    items.extend(
        (0..site.meetings.len()).map(|i| (site.meetings[i].src.path.as_str(), Item::Meeting(i))),
    );
    items.extend((0..site.cases.len()).map(|i| (site.cases[i].src.path.as_str(), Item::Case(i))));
    items.extend(
        (0..site.documents.len()).map(|i| (site.documents[i].src.path.as_str(), Item::Document(i))),
    );
    items.extend(
        (0..site.attachments.len())
            .map(|i| (site.attachments[i].src.path.as_str(), Item::Attachment(i))),
    );

    let mut bodies: Vec<(&str, Vec<&str>)> = Vec::new();
    let mut referats: Vec<(&str, Vec<String>)> = Vec::new();
    bodies.extend(
        site.organs
            .iter()
            .map(|o| (o.src.path.as_str(), strs(&o.body))),
    );
    bodies.extend(
        site.meetings
            .iter()
            .map(|m| (m.src.path.as_str(), strs(&m.body))),
    );
    bodies.extend(
        site.cases
            .iter()
            .map(|c| (c.src.path.as_str(), strs(&c.body))),
    );
    bodies.extend(
        site.documents
            .iter()
            .map(|d| (d.src.path.as_str(), strs(&d.body))),
    );
    bodies.extend(
        site.attachments
            .iter()
            .filter_map(|a| a.page.as_ref().map(|(_, b)| (a.src.path.as_str(), strs(b)))),
    );
    referats.extend(
        site.cases
            .iter()
            .map(|c| (c.src.path.as_str(), referat_links(c.referat.as_deref()))),
    );

    let mut out: HashMap<String, BTreeMap<String, Target>> = HashMap::new();
    let mut put = |from: &str, link: &str| {
        let target = match join(folder(from), link).and_then(|p| items.get(p.as_str())) {
            Some(&item) => target_of(site, item),
            None => Target::Nothing,
        };
        out.entry(from.to_string())
            .or_default()
            .insert(link.to_string(), target);
    };
    for (from, links) in &bodies {
        for l in links {
            put(from, l);
        }
    }
    for (from, links) in &referats {
        for l in links {
            put(from, l);
        }
    }
    Links(out)
}

fn strs(body: &Body) -> Vec<&str> {
    body.links.iter().map(String::as_str).collect()
}

/// Where a link to `item` lands, by the item's publication.
fn target_of(site: &Site, item: Item) -> Target {
    let by = |p: Publication| match p {
        Publication::Published { .. } => Target::Page(item),
        Publication::Tombstone { .. } => Target::Tombstone(item),
        Publication::Exempt => Target::Withheld(item),
    };
    match item {
        Item::Organ(_) => Target::Page(item),
        // A meeting is never exempt: only its cases are.
        Item::Meeting(i) => match site.meetings[i].publication {
            Publication::Tombstone { .. } => Target::Tombstone(item),
            _ => Target::Page(item),
        },
        Item::Case(i) => by(site.cases[i].publication),
        Item::Document(i) => by(site.documents[i].publication),
        Item::Attachment(i) => {
            let a = &site.attachments[i];
            match (a.publication, a.is_markdown()) {
                (Publication::Published { .. }, false) => Target::File(i),
                (Publication::Tombstone { .. }, false) => {
                    Target::ClosedFile(i, closed_file_landing(site, a))
                }
                (p, _) => by(p),
            }
        }
    }
}

/// The tombstone of the first public case using the file, else of the first public document,
/// else its meeting's page, else the list of documents.
fn closed_file_landing(site: &Site, a: &Attachment) -> Landing {
    if let Some(&c) = a
        .used_by_cases
        .iter()
        .find(|&&c| site.cases[c].unntatt.is_none())
    {
        return Landing::Case(c);
    }
    if let Some(&d) = a
        .used_by_documents
        .iter()
        .find(|&&d| site.documents[d].unntatt.is_none())
    {
        return Landing::Document(d);
    }
    match &a.owner {
        AttachmentOwner::Meeting { organ, folder } => motebok_parser::parse_iso_date(folder)
            .ok()
            .map_or(Landing::Documents, |date| Landing::Meeting {
                organ: organ.clone(),
                date,
            }),
        AttachmentOwner::Documents => Landing::Documents,
    }
}

#[cfg(test)]
mod tests;
