//! The pages of the site as a whole: front page, organ pages, tombstones, and the pages about
//! publishing, accessibility and search.

use super::{date, Views};
use crate::urls;
use crate::views::bodies::Unread;
use crate::views::structs::{
    AccessibilityView, BodyWindow, FindingView, FrontView, Link, MeetingSummary, OrganSummary,
    OrganView, PublishingView, SearchView, TombstoneView, YearLinks, YearView,
};
use chrono::{Datelike, NaiveDate};
use motebok_domain::{meetings_by_year, DocumentIx, MeetingIx, OrganIx, Source, TrailEntry};

impl Views<'_> {
    /// The front page.
    pub fn front(&self) -> FrontView {
        let visible: Vec<MeetingIx> = (0..self.site.meetings.len())
            .filter(|&m| self.site.meetings[m].publication.is_published())
            .collect();
        let upcoming: Vec<MeetingSummary> = visible
            .iter()
            .filter(|&&m| self.site.meetings[m].date >= self.today)
            .take(6)
            .map(|&m| self.meeting_summary(m))
            .collect();
        let recent: Vec<MeetingSummary> = visible
            .iter()
            .rev()
            .filter(|&&m| self.site.meetings[m].date < self.today)
            .take(6)
            .map(|&m| self.meeting_summary(m))
            .collect();
        let mut docs: Vec<DocumentIx> = (0..self.site.documents.len())
            .filter(|&d| self.site.documents[d].publication.is_published())
            .collect();
        docs.sort_by_key(|&d| std::cmp::Reverse(self.site.documents[d].dato));
        let organs = self
            .site
            .organs
            .iter()
            .map(|o| OrganSummary {
                href: urls::href(urls::organ(&o.id)),
                name: o.navn.clone(),
                short: o.kortnavn.clone(),
                next_meeting: o
                    .meetings
                    .iter()
                    .find(|&&m| {
                        self.site.meetings[m].date >= self.today && !self.site.meetings[m].avlyst
                    })
                    .map(|&m| self.meeting_summary(m)),
            })
            .collect();
        FrontView {
            intro: format!(
                "Sakspapirer fra møtene i {}: innkallinger, saksfremlegg, referater og avtaler.",
                self.cfg.title
            ),
            upcoming,
            recent,
            documents: docs
                .into_iter()
                .take(8)
                .map(|d| self.document_summary(d))
                .collect(),
            organs,
        }
    }

    /// A body's page: its mandate and meetings by year.
    pub fn organ(&self, oi: OrganIx) -> Result<OrganView, Unread> {
        let o = &self.site.organs[oi];
        let root = urls::root_from(&urls::organ(&o.id));
        let years = meetings_by_year(self.site, oi)
            .into_iter()
            .rev()
            .filter_map(|(year, ms)| {
                let meetings: Vec<MeetingSummary> = ms
                    .into_iter()
                    .rev()
                    .filter(|&m| self.site.meetings[m].publication.is_published())
                    .map(|m| self.meeting_summary(m))
                    .collect();
                (!meetings.is_empty()).then(|| YearView {
                    year,
                    meetings,
                    decisions_href: urls::href(urls::decisions(&o.id, year)),
                })
            })
            .collect();
        Ok(OrganView {
            name: o.navn.clone(),
            short: o.kortnavn.clone(),
            mandate_html: self.markdown(&o.body, &o.src.path, &root, 3)?,
            years,
            follow: self.follow(oi, urls::organ_feed(&o.id)),
        })
    }

    /// What stays at the URL of an item whose window closed.
    pub fn tombstone(
        &self,
        title: String,
        kind: &str,
        number: Option<String>,
        d: Option<NaiveDate>,
        src: &Source,
        closed: NaiveDate,
    ) -> TombstoneView {
        let first = src.trail.as_ref().and_then(|t| t.published());
        // A file approved after its window closed was never on the site. One imported (history
        // before the import mark) stands for papers the old site may have carried: that is
        // not known, so it is not claimed either way beyond the window's close.
        let late = |e: &&TrailEntry| crate::dates::oslo_day(&e.time) >= closed;
        let never_published = first.filter(late).is_some_and(|e| !e.imported);
        // A body's papers are archived as it decides; other documents always are.
        let organ = src
            .path
            .strip_prefix("content/")
            .and_then(|p| p.split_once('/'))
            .and_then(|(id, _)| self.site.organs.iter().find(|o| o.id == id));
        let archived = organ.is_none_or(|o| o.arkivverdig);
        TombstoneView {
            title,
            kind: kind.into(),
            number,
            date: d.map(date),
            published: first
                .filter(|e| !late(e))
                .map(|e| crate::views::trail::date_view(&e.time)),
            unpublished: date(closed),
            archive_contact: self.cfg.archive_contact.clone(),
            archived,
            not_archived_by: match organ {
                Some(o) if !archived => o.navn.clone(),
                _ => String::new(),
            },
            never_published,
        }
    }

    /// The page on what is published, and for how long.
    pub fn publishing(&self) -> PublishingView {
        let m = self.cfg.window_months;
        PublishingView {
            window_months: m,
            window_years_text: months_text(m),
            bodies: self
                .site
                .organs
                .iter()
                .map(|o| BodyWindow {
                    name: o.navn.clone(),
                    months: o.window_months,
                    archived: o.arkivverdig,
                })
                .collect(),
            archive_contact: self.cfg.archive_contact.clone(),
            publisher: self.cfg.publisher().to_string(),
        }
    }

    /// The accessibility statement, with the build's findings.
    pub fn accessibility(&self) -> AccessibilityView {
        AccessibilityView {
            publisher: self.cfg.publisher().to_string(),
            site_title: self.cfg.title.clone(),
            site_url: self.cfg.base(),
            contact: self.cfg.accessibility.contact.clone(),
            uustatus_url: self.cfg.accessibility.uustatus_url.clone(),
            audit_date: self
                .cfg
                .accessibility
                .audit_date
                .as_deref()
                .and_then(|d| motebok_parser::parse_iso_date(d).ok())
                .map(date),
            known_issues: self.cfg.accessibility.known_issues.clone(),
            built: date(self.today),
            tools: crate::accessibility::AUDITED_WITH
                .iter()
                .map(|(name, version)| format!("{name} {version}"))
                .collect(),
            findings: crate::accessibility::findings(self.site)
                .into_iter()
                .map(|f| FindingView {
                    href: urls::href(f.fil.clone()),
                    label: f.fil,
                    page: f.side.map(|s| Link {
                        href: urls::href(s.clone()),
                        label: s,
                    }),
                    wcag: f.wcag,
                    what: f.feil,
                })
                .collect(),
            findings_json: "funn.json".into(),
        }
    }

    /// The search page's ways to browse.
    pub fn search(&self) -> SearchView {
        let mut years: Vec<i32> = self
            .site
            .meetings
            .iter()
            .filter(|m| m.publication.is_published())
            .map(|m| m.date.year())
            .collect();
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.dedup();
        let years = years
            .into_iter()
            .map(|year| YearLinks {
                year,
                organs: self
                    .site
                    .organs
                    .iter()
                    .filter(|o| {
                        o.meetings.iter().any(|&m| {
                            let m = &self.site.meetings[m];
                            m.date.year() == year && m.publication.is_published()
                        })
                    })
                    .map(|o| Link {
                        href: format!("{}#ar-{year}", urls::href(urls::organ(&o.id))),
                        label: o.kortnavn.clone(),
                    })
                    .collect(),
            })
            .collect();
        SearchView {
            organs: self
                .site
                .organs
                .iter()
                .map(|o| Link {
                    href: urls::href(urls::organ(&o.id)),
                    label: o.navn.clone(),
                })
                .collect(),
            years,
        }
    }
}

/// "24 måneder (to år)"
pub(super) fn months_text(m: u32) -> String {
    const WORDS: [&str; 11] = [
        "null", "ett", "to", "tre", "fire", "fem", "seks", "sju", "åtte", "ni", "ti",
    ];
    if m.is_multiple_of(12) && ((m / 12) as usize) < WORDS.len() {
        let y = (m / 12) as usize;
        format!("{m} måneder ({} år)", WORDS[y])
    } else {
        crate::words::count(m as usize, "måned", "måneder")
    }
}
