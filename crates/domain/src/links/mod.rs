//! Every relative link of every body, resolved once to what it lands on (CONTENT.md §4).
//!
//! A link in a body (or in a case's `referat`) names a repository path relative to the file's
//! folder. The resolve phase settles each one once publication is known (`resolve::targets`)
//! and keeps the result on the `Site` (`Site::links`); the site's pages, its fingerprints and
//! the archive read it instead of resolving links themselves. This module holds only the types
//! and the path rules, and uses no other module of the crate. Only the outputs' policy stays with them: the site keeps a link
//! it cannot resolve as written, the archive drops its target.

use std::collections::{BTreeMap, HashMap};

/// An item of the site a link can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Item {
    /// A body's `_organ.md` (its index in `Site::organs`).
    Organ(usize),
    /// A meeting's `_mote.md` (in `Site::meetings`).
    Meeting(usize),
    /// A case file (in `Site::cases`).
    Case(usize),
    /// A document under `content/dokumenter/` (in `Site::documents`).
    Document(usize),
    /// A file in a `vedlegg/` folder, a Markdown page or a file copied as is (in
    /// `Site::attachments`).
    Attachment(usize),
}

/// Where a closed file (not Markdown, so without a page of its own) sends its links: the
/// tombstone of what used it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Landing {
    /// The first public case that uses it.
    Case(usize),
    /// Else the first public document that links to it.
    Document(usize),
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
    File(usize),
    /// A page whose window has closed: its tombstone (a link to it says so).
    Tombstone(Item),
    /// A file whose window has closed: it is no longer copied, so the link lands on `Landing`
    /// (and says so).
    ClosedFile(usize, Landing),
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
    /// The table the resolve phase made (`resolve::targets`).
    pub(crate) fn new(by_file: HashMap<String, BTreeMap<String, Target>>) -> Links {
        Links(by_file)
    }

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

/// The links of a case's `referat` (Markdown in a front matter value).
pub(crate) fn referat_links(referat: Option<&str>) -> Vec<String> {
    referat.map_or_else(Vec::new, motebok_parser::markdown::links)
}

#[cfg(test)]
mod tests;
