//! Every relative link of every body (and `referat`) resolved to its [`Target`], once the
//! site's publication is settled: the table [`Site::links`] holds.

use crate::links::{folder, join, referat_links, Item, Landing, Links, Target};
use crate::model::*;
use crate::window::Publication;
use std::collections::{BTreeMap, HashMap};

/// Resolves every link of every body (and `referat`) of `site`, whose publication is settled.
pub(super) fn resolve(site: &Site) -> Links {
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
    Links::new(out)
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
