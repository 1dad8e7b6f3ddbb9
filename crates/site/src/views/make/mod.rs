//! Building view structs from the resolved site. One function per kind of page, in a file per
//! kind: `meetings`, `cases`, `documents` (with attachments) and `site_pages` (the rest).

use crate::config::SiteConfig;
use crate::dates;
use crate::urls;
use crate::views::bodies::{Bodies, Unread};
use crate::views::structs::*;
use chrono::NaiveDate;
use motebok_domain::links;
use motebok_domain::*;
use motebok_parser::LinkTo;
use std::collections::HashMap;

mod cases;
mod decided;
mod decisions;
mod documents;
mod gone;
mod meetings;
mod site_pages;
mod template_ids;
#[cfg(test)]
mod tests;

pub use decided::{decided, decision_years};
pub(crate) use template_ids::TEMPLATE_IDS;

/// Builds views for one site. Holds only references.
pub struct Views<'a> {
    /// The resolved site.
    pub site: &'a Site,
    /// `site.toml`.
    pub cfg: &'a SiteConfig,
    /// The build date.
    pub today: NaiveDate,
    /// Each meeting's PDF papers with their sizes, once the builder has made them.
    pub papers: std::sync::OnceLock<PaperLinks>,
    /// Where every body's text is read (`Views::body`).
    bodies: &'a dyn Bodies,
}

/// A date as pages show it.
pub(crate) fn date(d: NaiveDate) -> DateView {
    DateView {
        iso: d.to_string(),
        text: dates::long(d),
    }
}

impl<'a> Views<'a> {
    /// The views of `site` as of `today`, its bodies read from `bodies`; no papers yet.
    pub fn new(
        site: &'a Site,
        cfg: &'a SiteConfig,
        today: NaiveDate,
        bodies: &'a dyn Bodies,
    ) -> Self {
        Views {
            site,
            cfg,
            today,
            papers: std::sync::OnceLock::new(),
            bodies,
        }
    }

    /// The text of `body`, of the file at `src_path`, through [`Bodies`]: it may have to be
    /// read from git, and that can fail.
    pub fn body(&self, body: &Body, src_path: &str) -> Result<std::sync::Arc<str>, Unread> {
        self.bodies.text(src_path, body)
    }

    /// The links a meeting page shows to its papers (none until they are made).
    pub(crate) fn paper_links(&self, mi: MeetingIx) -> Vec<PaperLink> {
        self.papers
            .get()
            .and_then(|p| p.get(&mi))
            .cloned()
            .unwrap_or_default()
    }

    /// Repository path → what a relative link to it renders as (for page fingerprints): the
    /// URL of its page or file, with the note a link to a tombstone gets. Every path some
    /// body links to, as the domain resolved the link.
    pub fn link_targets(&self) -> HashMap<&str, String> {
        let mut out = HashMap::new();
        for (_, t) in self.site.links.all() {
            let (Some(item), Some((url, closed))) = (t.item(), target_url(self.site, t)) else {
                continue;
            };
            let shown = match closed {
                true => format!("{url} {CLOSED_NOTE}"),
                false => url,
            };
            out.insert(self.site.path_of(item), shown);
        }
        out
    }

    /// Markdown of the file at `src_path`, with relative links to other content resolved (as
    /// the domain resolved them: `Site::links`) and its top heading at `level`. A link to a
    /// tombstone says so in its text, and loses its fragment (a tombstone keeps none of the
    /// page's sections).
    pub(crate) fn markdown(
        &self,
        body: &Body,
        src_path: &str,
        root: &str,
        level: u8,
    ) -> Result<String, Unread> {
        let text = self.body(body, src_path)?;
        Ok(self.render_markdown(&text, src_path, root, level))
    }

    /// Markdown text in memory (a body read through the store, or front matter) as `markdown`.
    pub(super) fn render_markdown(
        &self,
        md: &str,
        src_path: &str,
        root: &str,
        level: u8,
    ) -> String {
        let resolve = self.link_resolver(src_path, root);
        motebok_parser::render_reserving(md, level, TEMPLATE_IDS, &resolve).html
    }

    /// How a relative link in the file at `src_path` resolves (as the domain resolved it:
    /// `Site::links`), with `root` before the URL (the page's way back to the site's root, or
    /// the base URL for the PDFs): `None` keeps it as written.
    pub fn link_resolver<'s>(
        &'s self,
        src_path: &'s str,
        root: &'s str,
    ) -> impl Fn(&str) -> Option<LinkTo> + 's {
        move |target: &str| -> Option<LinkTo> {
            let (url, closed) = target_url(self.site, self.site.links.get(src_path, target)?)?;
            let url = urls::iri(&url);
            if closed {
                return Some(LinkTo {
                    url: format!("{root}{url}"),
                    note: Some(CLOSED_NOTE.into()),
                });
            }
            let frag = target.split_once('#').map_or("", |(_, f)| f);
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

    /// The repository path of the published page or file a relative link in `src_path` names
    /// (none for a tombstone, a closed or withheld file, or nothing).
    pub fn linked_file(&self, src_path: &str, target: &str) -> Option<String> {
        match self.site.links.get(src_path, target)? {
            t @ (links::Target::Page(_) | links::Target::File(_)) => {
                Some(self.site.path_of(t.item()?).to_string())
            }
            _ => None,
        }
    }

    /// What every page shares: the site, the navigation with `url` current, the page's title,
    /// breadcrumbs and trail.
    pub fn layout(
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

    /// The trail of the files behind a page, merged (`None` when none has one).
    pub fn trail_of(&self, sources: &[&Source]) -> Option<TrailView> {
        let trails: Vec<&FileTrail> = sources.iter().filter_map(|s| s.trail.as_deref()).collect();
        super::trail::view(&trails, self.cfg.repository_url.as_deref())
    }
}

/// The site path a link lands on, and whether it is a tombstone; `None` for what the site
/// does not have (kept as written: the domain reported every such link that names a file).
pub(crate) fn target_url(site: &Site, t: &links::Target) -> Option<(String, bool)> {
    use links::{Item, Landing, Target};
    let item = |i: Item| match i {
        Item::Organ(o) => urls::organ(&site.organs[o].id),
        Item::Meeting(m) => {
            let m = &site.meetings[m];
            urls::meeting(&site.organs[m.organ].id, m.date)
        }
        Item::Case(c) => {
            let c = &site.cases[c];
            urls::case(&site.organs[c.organ].id, c.number)
        }
        Item::Document(d) => urls::document(&site.documents[d].slug),
        Item::Attachment(a) => {
            let a = &site.attachments[a];
            urls::attachment(&a.owner, &a.name)
        }
    };
    match t {
        Target::Page(i) => Some((item(*i), false)),
        Target::File(a) => Some((item(Item::Attachment(*a)), false)),
        Target::Tombstone(i) => Some((item(*i), true)),
        Target::ClosedFile(_, landing) => {
            let url = match landing {
                Landing::Case(c) => item(Item::Case(*c)),
                Landing::Document(d) => item(Item::Document(*d)),
                Landing::Meeting { organ, date } => urls::meeting(organ, *date),
                Landing::Documents => urls::DOCUMENTS.to_string(),
            };
            Some((url, true))
        }
        Target::Withheld(_) | Target::Nothing => None,
    }
}

/// Added to the text of a link to a tombstone.
pub(crate) const CLOSED_NOTE: &str = "(avpublisert)";
