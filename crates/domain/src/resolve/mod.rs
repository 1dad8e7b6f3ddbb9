//! From parsed files to the linked site, enforcing the rules of CONTENT.md §4 that span files.
//! Every broken rule becomes one diagnostic; all of them are returned together.
//!
//! One phase per kind of item, each making its items from their raw files and reporting what
//! is wrong with them. The links back (a body's meetings, a meeting's cases, an attachment's
//! users) are filled in once both ends exist.

mod absent;
mod attachments;
mod cases;
mod documents;
mod exempt;
mod links;
mod meetings;
mod organs;
mod phantoms;
mod reach;
mod references;
mod scripted;
mod targets;
#[cfg(test)]
mod tests;

pub use crate::model::withheld::Withheld;
pub use attachments::attachment_path;
pub use meetings::meetings_by_year;

use crate::model::*;
use crate::trail::Trails;
use chrono::NaiveDate;
use motebok_parser::{
    Diagnostic, RawAttachment, RawCase, RawDoc, RawDocument, RawFile, RawMeeting, RawOrgan,
};
use phantoms::Phantoms;
use references::Targets;
use std::collections::HashSet;

/// What a build knows besides the files: the trail, the drafts and the date.
pub struct Inputs<'a> {
    /// Every parsed content file.
    pub files: Vec<RawFile>,
    /// The approval trail of each file, by path.
    pub trails: &'a Trails,
    /// Paths not approved on the branch (preview builds); empty for production.
    pub drafts: &'a HashSet<String>,
    /// The build date the windows are computed for.
    pub today: NaiveDate,
    /// `window_months` of site.toml.
    pub window_months: u32,
    /// Files that failed to parse: references into them are not reported again.
    pub unparsed: &'a HashSet<String>,
}

/// Resolves references and windows. Errors: every rule broken, each naming file and line.
pub fn resolve(inputs: Inputs) -> Result<Site, Vec<Diagnostic>> {
    let Inputs {
        mut files,
        trails,
        drafts,
        today,
        window_months,
        unparsed,
    } = inputs;
    // The order files were read in never shows in the output.
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let mut phantoms = Phantoms::of(unparsed);
    let sources = Sources { trails, drafts };
    let mut errors = Vec::new();
    // What the parser found without refusing a file (crate `motebok_parser::body`).
    let mut warnings: Vec<Diagnostic> = files.iter().flat_map(|f| f.warnings.clone()).collect();
    scripted::check(&files, &mut errors);
    let file_links = links::check(&files, unparsed, &mut errors);
    let raw = Raw::by_kind(files);
    errors.extend(phantoms::clashes(unparsed, &raw.cases));

    let (mut organs, organ_ix) = organs::build(raw.organs, window_months, &sources);
    let (mut meetings, meeting_ix) = meetings::build(
        raw.meetings,
        &organs,
        &organ_ix,
        today,
        &mut phantoms,
        &sources,
        &mut errors,
    );
    meetings::list_under_organs(&mut organs, &meetings);
    let (mut attachments, attachment_ix) = attachments::build(raw.attachments, &sources);

    let made = cases::build(
        raw.cases,
        &meetings,
        &meeting_ix,
        &attachment_ix,
        &mut phantoms,
        &sources,
        &mut errors,
    );
    let mut cases = made.cases;
    cases::list_under_meetings(&mut meetings, &cases);
    attachments::record_case_uses(&mut attachments, &made.attachment_uses);

    let targets = Targets {
        organs: &organ_ix,
        meetings: &meeting_ix,
        cases: &made.index,
        phantoms: &phantoms,
    };
    references::link(
        &made.pending,
        &made.refused,
        &mut cases,
        &mut meetings,
        &targets,
        &mut errors,
    );
    let documents = documents::build(
        raw.documents,
        &targets,
        &attachment_ix,
        window_months,
        today,
        &sources,
        &mut errors,
    );
    documents::link_back(&documents, &mut cases, &mut attachments);
    warnings.extend(attachments::settle_lifetimes(
        &mut attachments,
        &cases,
        &documents,
    ));
    let items = reach::Items {
        organs: &organs,
        meetings: &meetings,
        cases: &cases,
        documents: &documents,
    };
    reach::settle(
        &file_links,
        &items,
        &mut attachments,
        &mut warnings,
        &mut errors,
    );

    if !errors.is_empty() {
        errors.sort();
        errors.dedup();
        return Err(errors);
    }
    let mut site = Site {
        organs,
        meetings,
        cases,
        documents,
        attachments,
        today: Some(today),
        warnings,
        withheld: Withheld::default(),
        gone: Vec::new(),
        files: Default::default(),
        moved_files: Vec::new(),
        links: Default::default(),
    };
    // Links are resolved over every body, exempt ones too (the archive may show them).
    site.links = targets::resolve(&site);
    // Every output is made from this site: an exempt case's relations and content leave it here.
    site.withheld = exempt::withhold(&mut site);
    Ok(site)
}

/// The `Source` of an item read from a path: its trail, and whether it is a draft.
struct Sources<'a> {
    trails: &'a Trails,
    drafts: &'a HashSet<String>,
}

impl Sources<'_> {
    fn of(&self, path: &str) -> Source {
        Source {
            path: path.to_string(),
            trail: self.trails.get(path).cloned(),
            draft: self.drafts.contains(path),
        }
    }
}

/// The parsed files by kind, each with its path, still in path order.
struct Raw {
    organs: Vec<(String, RawOrgan)>,
    meetings: Vec<(String, RawMeeting)>,
    cases: Vec<(String, RawCase)>,
    documents: Vec<(String, RawDocument)>,
    attachments: Vec<(String, RawAttachment)>,
}

impl Raw {
    fn by_kind(files: Vec<RawFile>) -> Raw {
        let mut raw = Raw {
            organs: Vec::new(),
            meetings: Vec::new(),
            cases: Vec::new(),
            documents: Vec::new(),
            attachments: Vec::new(),
        };
        for f in files {
            match f.doc {
                RawDoc::Organ(o) => raw.organs.push((f.path, o)),
                RawDoc::Meeting(m) => raw.meetings.push((f.path, m)),
                RawDoc::Case(c) => raw.cases.push((f.path, *c)),
                RawDoc::Document(d) => raw.documents.push((f.path, d)),
                RawDoc::Attachment(a) => raw.attachments.push((f.path, a)),
            }
        }
        raw
    }
}
