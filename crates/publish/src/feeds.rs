//! `/feed.xml`: an Atom 1.0 feed (RFC 4287) of newly published and changed documents.
//!
//! One entry per meeting, case, document and Markdown attachment, its id the page's URL, so a
//! change updates the entry a reader already has. Newest first by the last approved change
//! (the document's own date when it has no trail), capped at [`MAX_ENTRIES`]. Only what is
//! published: no exempt items, no tombstones, and no drafts (a feed reader keeps what it saw).

use crate::api::text::{attachment_title, excerpt, plain, when_where};
use crate::stamp::{self, oslo_midnight, rfc3339};
use chrono::{DateTime, FixedOffset, NaiveDate};
use motebok_domain::{OrganIx, Publication, Source};
use motebok_parser::Body;
use motebok_site::urls;
use motebok_site::urls::iri;
use motebok_site::views::{Unread, Views};
use motebok_site::xml_out::Doc;
use std::hash::{DefaultHasher, Hash, Hasher};

/// How many entries a feed keeps, newest first.
pub const MAX_ENTRIES: usize = 50;

/// Content hashes of the source files, by repository path: what a feed's key reads of a
/// file whose body a summary is made from, rather than its bytes (the builder's source hashes).
pub(crate) type Hashes = std::collections::HashMap<String, u64>;
const SUMMARY_CHARS: usize = 300;

#[derive(Debug, Clone, PartialEq, Hash)]
pub(crate) struct Entry {
    /// Page URL relative to the site root.
    pub url: String,
    pub title: String,
    pub updated: DateTime<FixedOffset>,
    pub published: Option<DateTime<FixedOffset>>,
    pub summary: String,
    /// `Møte`, `Sak`, `Vedtak`, `Referat`, the document type, or `Vedlegg`.
    pub category: String,
    /// A section of the page (`konklusjon`): the entry is that part of it, with an id of its own.
    pub anchor: Option<&'static str>,
}

/// What a feed is: its own path, its title, and the page it stands for (site paths).
pub(crate) struct Head {
    pub path: String,
    pub title: String,
    pub page: String,
}

pub(crate) fn listed(p: &Publication, src: &Source) -> bool {
    p.is_published() && !src.draft
}

/// The times of an entry built from `sources` (the first is its own file), else its date.
pub(crate) fn times(
    sources: &[&Source],
    date: NaiveDate,
    today: NaiveDate,
) -> (DateTime<FixedOffset>, Option<DateTime<FixedOffset>>) {
    // Without a trail (a preview), the document's date, but never later than the build date.
    let updated = stamp::last(sources).unwrap_or_else(|| oslo_midnight(date.min(today)));
    (updated, stamp::first(&sources[..1]))
}

/// Where an entry's summary comes from: made only for the entries the feed keeps, since it
/// means reading the body (on a rebuild, from git).
/// Bodies are held as `Body`, not `&str`: taking a `&str` would read them (through the store).
/// Each body comes with the path of the file it is read from, so a rebuild can tell an
/// unchanged summary by that file's hash without reading the body.
pub(crate) enum Summary<'a> {
    Ready(String),
    /// A case's body, else this line.
    Case(&'a Body, &'a str, String),
    Body(&'a Body, &'a str),
}

impl Summary<'_> {
    /// Hashes what the summary is made from: its text, or the file its body is read from.
    fn key(&self, h: &mut DefaultHasher, hashes: &Hashes) {
        match self {
            Summary::Ready(s) => (0u8, s).hash(h),
            Summary::Case(_, path, fallback) => (1u8, path, hashes.get(*path), fallback).hash(h),
            Summary::Body(_, path) => (2u8, path, hashes.get(*path)).hash(h),
        }
    }

    fn make(self, v: &Views) -> Result<String, Unread> {
        Ok(match self {
            Summary::Ready(s) => s,
            Summary::Case(body, path, fallback) => {
                let body = plain(&v.body(body, path)?);
                if body.is_empty() {
                    fallback
                } else {
                    excerpt(&body, SUMMARY_CHARS)
                }
            }
            Summary::Body(body, path) => excerpt(&plain(&v.body(body, path)?), SUMMARY_CHARS),
        })
    }
}

/// The newest `limit` entries of `/feed.xml`, their summaries still to be made.
pub(crate) fn pending<'a>(v: &Views<'a>, limit: usize) -> Vec<(Entry, Summary<'a>)> {
    top(
        candidates(v).into_iter().map(|(e, s, _)| (e, s)).collect(),
        limit,
    )
}

/// Each body's newest `limit` entries (its meetings and cases), by body, their summaries
/// still to be made.
pub(crate) fn pending_by_organ<'a>(v: &Views<'a>, limit: usize) -> Vec<Vec<(Entry, Summary<'a>)>> {
    let mut by: Vec<Vec<(Entry, Summary)>> = v.site.organs.iter().map(|_| Vec::new()).collect();
    for (e, s, organ) in candidates(v) {
        if let Some(o) = organ {
            by[o].push((e, s));
        }
    }
    by.into_iter().map(|all| top(all, limit)).collect()
}

/// The newest `limit` of `all`, newest first (then by URL), with their summaries made.
pub(crate) fn newest(
    v: &Views,
    all: Vec<(Entry, Summary)>,
    limit: usize,
) -> Result<Vec<Entry>, Unread> {
    made(v, top(all, limit))
}

/// The newest `limit` of `all`, newest first (then by URL).
fn top(mut all: Vec<(Entry, Summary)>, limit: usize) -> Vec<(Entry, Summary)> {
    all.sort_by(|a, b| {
        b.0.updated
            .cmp(&a.0.updated)
            .then_with(|| a.0.url.cmp(&b.0.url))
            .then_with(|| a.0.anchor.cmp(&b.0.anchor))
    });
    all.truncate(limit);
    all
}

/// The entries with their summaries made (bodies read, through the store).
pub(crate) fn made(v: &Views, pending: Vec<(Entry, Summary)>) -> Result<Vec<Entry>, Unread> {
    pending
        .into_iter()
        .map(|(mut e, summary)| {
            e.summary = summary.make(v)?;
            Ok(e)
        })
        .collect()
}

/// The key of the feed `head` of `pending` entries: equal keys, equal bytes (with `base`, the
/// site-wide inputs every feed reads: configuration, binary, date). A body is keyed by its
/// file's hash, so an unchanged feed is known without reading one.
pub(crate) fn key(base: u64, head: &Head, pending: &[(Entry, Summary)], hashes: &Hashes) -> u64 {
    let mut h = DefaultHasher::new();
    (base, &head.path, &head.title, &head.page).hash(&mut h);
    for (e, s) in pending {
        e.hash(&mut h);
        s.key(&mut h, hashes);
    }
    h.finish()
}

/// Every entry the feed could have, its summary still to be made, and the body it belongs to.
fn candidates<'a>(v: &Views<'a>) -> Vec<(Entry, Summary<'a>, Option<OrganIx>)> {
    let site = v.site;
    let mut out = Vec::new();
    for (mi, m) in site.meetings.iter().enumerate() {
        if !listed(&m.publication, &m.src) {
            continue;
        }
        let o = &site.organs[m.organ];
        let mut sources = vec![&m.src];
        sources.extend(
            m.cases
                .iter()
                .map(|&c| &site.cases[c])
                .filter(|c| c.unntatt.is_none())
                .map(|c| &c.src),
        );
        let (updated, published) = times(&sources, m.date, v.today);
        let mut summary = format!("Møte i {} {}.", o.navn, when_where(site, mi));
        if m.avlyst {
            summary.push_str(" Møtet er avlyst.");
        } else if !m.cases.is_empty() {
            let n = m.cases.len();
            summary.push_str(&format!(
                " {n} {} på sakslisten.",
                if n == 1 { "sak" } else { "saker" }
            ));
        }
        if m.has_minutes(site) {
            summary.push_str(" Referatet er publisert.");
        }
        let avlyst = if m.avlyst { " (avlyst)" } else { "" };
        out.push((
            Entry {
                url: urls::meeting(&o.id, m.date),
                title: format!("Møte i {}{avlyst}", v.meeting_title(m)),
                updated,
                published,
                summary: String::new(),
                category: "Møte".into(),
                anchor: None,
            },
            Summary::Ready(summary),
            Some(m.organ),
        ));
    }
    for c in &site.cases {
        if c.unntatt.is_some() || !listed(&c.publication, &c.src) {
            continue;
        }
        let o = &site.organs[c.organ];
        let m = &site.meetings[c.meeting];
        let (updated, published) = times(&[&c.src], m.date, v.today);
        out.push((
            Entry {
                url: urls::case(&o.id, c.number),
                title: format!("{} {}: {}", o.kortnavn, c.number, c.tittel),
                updated,
                published,
                summary: String::new(),
                category: "Sak".into(),
                anchor: None,
            },
            Summary::Case(
                &c.body,
                &c.src.path,
                format!("Sak i {}.", v.meeting_title(m)),
            ),
            Some(c.organ),
        ));
    }
    for d in &site.documents {
        if d.unntatt.is_some() || !listed(&d.publication, &d.src) {
            continue;
        }
        let (updated, published) = times(&[&d.src], d.dato, v.today);
        out.push((
            Entry {
                url: urls::document(&d.slug),
                title: d.tittel.clone(),
                updated,
                published,
                summary: String::new(),
                category: d.doktype.label().into(),
                anchor: None,
            },
            Summary::Body(&d.body, &d.src.path),
            None,
        ));
    }
    for (ai, a) in site.attachments.iter().enumerate() {
        let Some((_, body)) = &a.page else { continue };
        if !listed(&a.publication, &a.src) {
            continue;
        }
        // An attachment has no date of its own: that of the first meeting or document using it.
        let date = a
            .used_by_cases
            .iter()
            .filter(|&&c| site.cases[c].unntatt.is_none())
            .map(|&c| site.meetings[site.cases[c].meeting].date)
            .chain(a.used_by_documents.iter().map(|&d| site.documents[d].dato))
            .min()
            .unwrap_or(v.today);
        let (updated, published) = times(&[&a.src], date, v.today);
        out.push((
            Entry {
                url: urls::attachment(&a.owner, &a.name),
                title: attachment_title(site, ai),
                updated,
                published,
                summary: String::new(),
                category: "Vedlegg".into(),
                anchor: None,
            },
            Summary::Body(body, &a.src.path),
            None,
        ));
    }
    out
}

/// Text for XML 1.0: without the control characters XML forbids (the writer escapes it).
fn xml_clean(s: &str) -> String {
    s.chars()
        .filter(|&c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect()
}

/// What `/feed.xml` is.
pub(crate) fn site_head(v: &Views) -> Head {
    Head {
        path: urls::FEED.into(),
        title: format!("{}: nye og endrede dokumenter", v.cfg.title),
        page: String::new(),
    }
}

/// An Atom document of `entries` (newest first) described by `head`.
pub(crate) fn write(v: &Views, head: &Head, entries: &[Entry]) -> String {
    let base = v.cfg.base();
    let updated = entries
        .iter()
        .map(|e| e.updated)
        .max()
        .unwrap_or_else(|| oslo_midnight(v.today));
    let self_href = xml_clean(&format!("{base}{}", iri(&head.path)));
    let mut d = Doc::new("utf-8");
    d.open(
        "feed",
        &[
            ("xmlns", "http://www.w3.org/2005/Atom"),
            ("xml:lang", &xml_clean(&v.cfg.language)),
        ],
    );
    d.layout("\n  ");
    d.leaf("id", &[], &self_href);
    d.layout("\n  ");
    d.leaf("title", &[], &xml_clean(&head.title));
    d.layout("\n  ");
    d.leaf("updated", &[], &rfc3339(&updated));
    d.layout("\n  ");
    d.empty(
        "link",
        &[
            ("rel", "self"),
            ("type", "application/atom+xml"),
            ("href", &self_href),
        ],
    );
    d.layout("\n  ");
    d.empty(
        "link",
        &[
            ("rel", "alternate"),
            ("type", "text/html"),
            ("href", &xml_clean(&format!("{base}{}", iri(&head.page)))),
        ],
    );
    d.layout("\n  ");
    d.open("author", &[]);
    d.leaf("name", &[], &xml_clean(v.cfg.publisher()));
    d.close("author");
    d.layout("\n  ");
    d.leaf(
        "generator",
        &[("version", env!("CARGO_PKG_VERSION"))],
        "motebok",
    );
    d.layout("\n");
    for e in entries {
        let mut href = format!("{base}{}", iri(&e.url));
        if let Some(a) = e.anchor {
            href.push('#');
            href.push_str(a);
        }
        let href = xml_clean(&href);
        d.layout("  ");
        d.open("entry", &[]);
        d.layout("\n    ");
        d.leaf("id", &[], &href);
        d.layout("\n    ");
        d.leaf("title", &[], &xml_clean(&e.title));
        d.layout("\n    ");
        d.leaf("updated", &[], &rfc3339(&e.updated));
        d.layout("\n    ");
        if let Some(p) = e.published {
            d.leaf("published", &[], &rfc3339(&p));
            d.layout("\n    ");
        }
        d.empty(
            "link",
            &[("rel", "alternate"), ("type", "text/html"), ("href", &href)],
        );
        d.layout("\n    ");
        d.empty("category", &[("term", &xml_clean(&e.category))]);
        d.layout("\n    ");
        d.leaf("summary", &[], &xml_clean(&e.summary));
        d.layout("\n  ");
        d.close("entry");
        d.layout("\n");
    }
    d.close("feed");
    d.layout("\n");
    d.finish()
}
