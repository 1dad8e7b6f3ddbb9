//! Building view structs from the resolved site. One function per kind of page, in a file per
//! kind: `meetings`, `cases`, `documents` (with attachments) and `site_pages` (the rest).

use super::*;
use crate::config::SiteConfig;
use crate::{dates, urls};
use chrono::NaiveDate;
use motebok_domain::*;
use motebok_parser::LinkTo;
use std::collections::{HashMap, HashSet};

mod cases;
mod decisions;
mod documents;
mod gone;
mod meetings;
mod site_pages;
mod template_ids;
#[cfg(test)]
mod tests;

pub(crate) use decisions::{decided, decision_years};
pub(crate) use template_ids::TEMPLATE_IDS;

/// Builds views for one site. Holds only references and a path → URL map for links.
pub(crate) struct Views<'a> {
    pub site: &'a Site,
    pub cfg: &'a SiteConfig,
    pub today: NaiveDate,
    /// Repository path → URL of every page or file that exists in the output.
    links: HashMap<String, String>,
    /// The paths among `links` whose page is a tombstone.
    closed: HashSet<String>,
    /// Each meeting's PDF papers with their sizes, once made (`crate::papers`).
    pub papers: std::sync::OnceLock<crate::papers::PaperLinks>,
}

pub(crate) fn date(d: NaiveDate) -> DateView {
    DateView {
        iso: d.to_string(),
        text: dates::long(d),
    }
}

impl<'a> Views<'a> {
    pub(crate) fn new(site: &'a Site, cfg: &'a SiteConfig, today: NaiveDate) -> Self {
        let mut links = HashMap::new();
        for c in &site.cases {
            if !matches!(c.publication, Publication::Exempt) {
                links.insert(
                    c.src.path.clone(),
                    urls::case(&site.organs[c.organ].id, c.number),
                );
            }
        }
        for d in &site.documents {
            if !matches!(d.publication, Publication::Exempt) {
                links.insert(d.src.path.clone(), urls::document(&d.slug));
            }
        }
        for a in &site.attachments {
            if a.publication.is_published()
                || (a.is_markdown() && matches!(a.publication, Publication::Tombstone { .. }))
            {
                links.insert(a.src.path.clone(), urls::attachment(&a.owner, &a.name));
            } else if matches!(a.publication, Publication::Tombstone { .. }) {
                // A closed file is not copied: a link to it lands on the tombstone of what
                // used it, and says so.
                links.insert(a.src.path.clone(), closed_file_page(site, a));
            }
        }
        for o in &site.organs {
            links.insert(o.src.path.clone(), urls::organ(&o.id));
        }
        for m in &site.meetings {
            links.insert(
                m.src.path.clone(),
                urls::meeting(&site.organs[m.organ].id, m.date),
            );
        }
        let closed = site
            .cases
            .iter()
            .map(|c| (&c.src, c.publication))
            .chain(site.documents.iter().map(|d| (&d.src, d.publication)))
            .chain(site.attachments.iter().map(|a| (&a.src, a.publication)))
            .chain(site.meetings.iter().map(|m| (&m.src, m.publication)))
            .filter(|(src, p)| {
                matches!(p, Publication::Tombstone { .. }) && links.contains_key(&src.path)
            })
            .map(|(src, _)| src.path.clone())
            .collect();
        Views {
            site,
            cfg,
            today,
            links,
            closed,
            papers: Default::default(),
        }
    }

    /// Repository path → what a relative link to it renders as (for page fingerprints): the
    /// URL of its page or file, with the note a link to a tombstone gets.
    pub(crate) fn link_targets(&self) -> HashMap<&str, String> {
        self.links
            .iter()
            .map(|(k, v)| match self.closed.contains(k) {
                true => (k.as_str(), format!("{v} {CLOSED_NOTE}")),
                false => (k.as_str(), v.clone()),
            })
            .collect()
    }

    /// Markdown of the file at `src_path`, with relative links to other content resolved and
    /// its top heading at `level`. A link to a tombstone says so in its text, and loses its
    /// fragment (a tombstone keeps none of the page's sections).
    pub(crate) fn markdown(&self, body: &Body, src_path: &str, root: &str, level: u8) -> String {
        let resolve = self.link_resolver(src_path, root);
        motebok_parser::render_reserving(&body.markdown, level, TEMPLATE_IDS, &resolve).html
    }

    /// How a relative link in the file at `src_path` resolves, with `root` before the URL (the
    /// page's way back to the site's root, or the base URL for the PDFs): `None` keeps it.
    pub(crate) fn link_resolver<'s>(
        &'s self,
        src_path: &'s str,
        root: &'s str,
    ) -> impl Fn(&str) -> Option<LinkTo> + 's {
        let dir = src_path.rsplit_once('/').map_or("", |(d, _)| d);
        move |target: &str| -> Option<LinkTo> {
            if target.contains(':') || target.starts_with('/') || target.starts_with('#') {
                return None;
            }
            let (path, frag) = target.split_once('#').map_or((target, ""), |(p, f)| (p, f));
            // Written as a URL (`a%20b.pdf`), it names the file `a b.pdf`.
            let file = motebok_parser::markdown::file_of_link(path);
            let full = normalise(&format!("{dir}/{file}"))?;
            let url = urls::iri(self.links.get(&full)?);
            if self.closed.contains(&full) {
                return Some(LinkTo {
                    url: format!("{root}{url}"),
                    note: Some(CLOSED_NOTE.into()),
                });
            }
            Some(LinkTo {
                url: if frag.is_empty() {
                    format!("{root}{url}")
                } else {
                    format!("{root}{url}#{frag}")
                },
                note: None,
            })
        }
    }

    /// The repository path of the published file a relative link in `src_path` names.
    pub(crate) fn linked_file(&self, src_path: &str, target: &str) -> Option<String> {
        if target.contains(':') || target.starts_with('/') || target.starts_with('#') {
            return None;
        }
        let dir = src_path.rsplit_once('/').map_or("", |(d, _)| d);
        let path = target.split_once('#').map_or(target, |(p, _)| p);
        let full = normalise(&format!(
            "{dir}/{}",
            motebok_parser::markdown::file_of_link(path)
        ))?;
        (self.links.contains_key(&full) && !self.closed.contains(&full)).then_some(full)
    }

    pub(crate) fn layout(
        &self,
        url: &str,
        title: &str,
        breadcrumbs: Vec<Link>,
        trail: Option<TrailView>,
    ) -> Layout {
        let root = urls::root_from(url);
        let section = url.split('/').next().unwrap_or("");
        let mut nav = vec![NavItem {
            href: String::new(),
            label: "Forside".into(),
            current: url.is_empty(),
        }];
        for o in &self.site.organs {
            nav.push(NavItem {
                href: urls::href(urls::organ(&o.id)),
                label: o.kortnavn.clone(),
                current: section == o.id,
            });
        }
        nav.push(NavItem {
            href: urls::DOCUMENTS.into(),
            label: "Dokumenter".into(),
            current: section == "dokumenter",
        });
        nav.push(NavItem {
            href: urls::SEARCH.into(),
            label: "Søk".into(),
            current: section == "sok",
        });
        Layout {
            site_title: self.cfg.title.clone(),
            publisher: self.cfg.publisher().to_string(),
            lang: self.cfg.language.clone(),
            root,
            url: url.to_string(),
            canonical: format!("{}{}", self.cfg.base(), urls::iri(url)),
            title: title.to_string(),
            description: String::new(),
            noindex: false,
            draft: false,
            nav,
            breadcrumbs,
            trail,
            archive_contact: self.cfg.archive_contact.clone(),
            accessibility_contact: self.cfg.accessibility.contact.clone(),
            generator: format!("motebok {}", env!("CARGO_PKG_VERSION")),
            feeds: Vec::new(),
        }
    }

    pub(crate) fn trail_of(&self, sources: &[&Source]) -> Option<TrailView> {
        let trails: Vec<&FileTrail> = sources.iter().filter_map(|s| s.trail.as_deref()).collect();
        super::trail::view(&trails, self.cfg.repository_url.as_deref())
    }
}

/// Where a link to a closed file (not Markdown: it has no page of its own) lands: the
/// tombstone of the first public case using it, else of the first document, else its meeting's
/// page, else the list of documents.
fn closed_file_page(site: &Site, a: &Attachment) -> String {
    let case = a
        .used_by_cases
        .iter()
        .map(|&c| &site.cases[c])
        .find(|c| c.unntatt.is_none())
        .map(|c| urls::case(&site.organs[c.organ].id, c.number));
    let document = || {
        a.used_by_documents
            .iter()
            .map(|&d| &site.documents[d])
            .find(|d| d.unntatt.is_none())
            .map(|d| urls::document(&d.slug))
    };
    let meeting = || match &a.owner {
        AttachmentOwner::Meeting { organ, folder } => motebok_parser::parse_iso_date(folder)
            .ok()
            .map(|date| urls::meeting(organ, date)),
        AttachmentOwner::Documents => None,
    };
    case.or_else(document)
        .or_else(meeting)
        .unwrap_or_else(|| urls::DOCUMENTS.to_string())
}

/// Added to the text of a link to a tombstone.
pub(crate) const CLOSED_NOTE: &str = "(avpublisert)";

/// Resolves `.` and `..` in a repository path; `None` if it climbs out of the repository.
pub(crate) fn normalise(path: &str) -> Option<String> {
    let mut out: Vec<&str> = Vec::new();
    for p in path.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                out.pop()?;
            }
            p => out.push(p),
        }
    }
    Some(out.join("/"))
}
