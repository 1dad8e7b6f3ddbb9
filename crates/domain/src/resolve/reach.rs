//! Links from bodies to files that exist (CONTENT.md §4): every link on the site lands on
//! something that exists.
//!
//! - A file no case or document lists or links to (a map in a meeting's text, a file a body's
//!   page links to) is used by the bodies linking to it, and published as long as they are.
//! - A link to something that will never be published (an exempt case or document, an
//!   attachment only exempt items use) is an error at its line: it could only be a broken
//!   link, and it would name what is withheld.
//! - A link to something whose window has closed goes to its tombstone and says so (the
//!   builder's views decide where a closed file's link lands).

use super::attachments::{best_of, UNUSED};
use super::links::FileLink;
use crate::model::{Attachment, Case, Document, Meeting, Organ};
use crate::window::Publication;
use motebok_parser::Diagnostic;
use std::collections::{HashMap, HashSet};

const HINT: &str = "det som er unntatt offentlighet publiseres ikke, og lenken ville ikke føre \
                    noe sted: fjern lenken, eller lenk til møtet";

/// The site's items as the links see them.
pub(super) struct Items<'a> {
    pub organs: &'a [Organ],
    pub meetings: &'a [Meeting],
    pub cases: &'a [Case],
    pub documents: &'a [Document],
}

/// Publishes the files only links use, and reports links to what is never published. Drops
/// the "used by nothing" warning of a file a link uses.
pub(super) fn settle(
    links: &[FileLink],
    items: &Items,
    attachments: &mut [Attachment],
    warnings: &mut Vec<Diagnostic>,
    errors: &mut Vec<Diagnostic>,
) {
    let mut state: HashMap<&str, Publication> = HashMap::new();
    let open = Publication::Published { closes: None };
    state.extend(items.organs.iter().map(|o| (o.src.path.as_str(), open)));
    state.extend(
        items
            .meetings
            .iter()
            .map(|m| (m.src.path.as_str(), m.publication)),
    );
    state.extend(
        items
            .cases
            .iter()
            .map(|c| (c.src.path.as_str(), c.publication)),
    );
    state.extend(
        items
            .documents
            .iter()
            .map(|d| (d.src.path.as_str(), d.publication)),
    );
    state.extend(
        attachments
            .iter()
            .map(|a| (a.src.path.as_str(), a.publication)),
    );
    let exempt_page: HashSet<&str> = items
        .cases
        .iter()
        .filter(|c| c.unntatt.is_some())
        .map(|c| c.src.path.as_str())
        .chain(
            items
                .documents
                .iter()
                .filter(|d| d.unntatt.is_some())
                .map(|d| d.src.path.as_str()),
        )
        .collect();
    // An exempt case's attachments are published nowhere (CONTENT.md §4): a link from a public
    // case's text counts as a use, but never for a file only exempt cases list.
    let listed = |exempt: bool| -> HashSet<usize> {
        items
            .cases
            .iter()
            .filter(|c| c.unntatt.is_some() == exempt)
            .flat_map(|c| c.vedlegg.iter().map(|v| v.attachment))
            .collect()
    };
    let (listed_exempt, listed_public) = (listed(true), listed(false));
    let by_path: HashMap<String, usize> = attachments
        .iter()
        .enumerate()
        .map(|(i, a)| (a.src.path.clone(), i))
        .collect();

    let mut linked_only: HashMap<usize, Publication> = HashMap::new();
    for l in links {
        // What is never published shows no link (and one from a file left out for an
        // error already reported is not reported again).
        let Some(&from) = state.get(l.from.as_str()) else {
            continue;
        };
        if matches!(from, Publication::Exempt) {
            continue;
        }
        let withheld = if exempt_page.contains(l.target.as_str()) {
            Some("er unntatt offentlighet")
        } else if let Some(&ai) = by_path.get(&l.target) {
            let a = &attachments[ai];
            if a.used_by_cases.is_empty() && a.used_by_documents.is_empty() {
                let p = linked_only.entry(ai).or_insert(Publication::Exempt);
                *p = best_of(*p, from);
                None
            } else {
                let exempt_only = listed_exempt.contains(&ai) && !listed_public.contains(&ai);
                (exempt_only || matches!(a.publication, Publication::Exempt))
                    .then_some("er vedlegg bare til noe som er unntatt offentlighet")
            }
        } else {
            None
        };
        if let Some(why) = withheld {
            errors.push(
                Diagnostic::new(
                    &l.from,
                    format!(
                        "lenken går til `{}`, som {why} og ikke publiseres",
                        l.written
                    ),
                )
                .at(l.line)
                .hint(HINT),
            );
        }
    }
    let used: HashSet<&str> = linked_only
        .keys()
        .map(|&ai| attachments[ai].src.path.as_str())
        .collect();
    warnings.retain(|w| !(w.message == UNUSED && used.contains(w.path.as_str())));
    for (ai, p) in linked_only {
        attachments[ai].publication = p;
    }
}
