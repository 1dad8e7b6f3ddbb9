//! A body's decisions by year, and what body and case pages say about following them.

use super::decided::{decided, decision_years};
use super::{date, Views};
use crate::urls;
use crate::views::structs::{DecisionRow, DecisionsView, FeedLink, FollowView, Link, YearLink};
use chrono::Datelike;
use motebok_domain::OrganIx;

impl Views<'_> {
    /// How to follow `feed` (a site path), with the calendar of body `oi`.
    pub(crate) fn follow(&self, oi: OrganIx, feed: String) -> FollowView {
        let o = &self.site.organs[oi];
        let base = self.cfg.base();
        let calendar = urls::organ_calendar(&o.id);
        FollowView {
            organ: o.navn.clone(),
            feed_url: format!("{base}{}", urls::iri(&feed)),
            feed_href: urls::href(feed),
            calendar_url: format!("{base}{}", urls::iri(&calendar)),
            calendar_href: urls::href(calendar),
        }
    }

    /// The body's feed and calendar, for the head of its pages.
    pub fn organ_feeds(&self, oi: OrganIx) -> Vec<FeedLink> {
        let o = &self.site.organs[oi];
        vec![
            FeedLink {
                kind: "application/atom+xml",
                title: crate::views::follow::organ_feed_title(&o.navn),
                href: urls::href(urls::organ_feed(&o.id)),
            },
            FeedLink {
                kind: "text/calendar",
                title: format!("Møter i {}", o.navn),
                href: urls::href(urls::organ_calendar(&o.id)),
            },
        ]
    }

    /// A body's decisions of one year.
    pub fn decisions(&self, oi: OrganIx, year: i32) -> DecisionsView {
        let site = self.site;
        let o = &site.organs[oi];
        let rows = decided(site, oi, year)
            .into_iter()
            .map(|ci| {
                let c = &site.cases[ci];
                let m = &site.meetings[c.meeting];
                DecisionRow {
                    case: self.case_link(ci, false),
                    meeting: Link {
                        href: urls::href(urls::meeting(&o.id, m.date)),
                        label: self.meeting_title(m),
                    },
                    meeting_date: date(m.date),
                    vedtak: c.vedtak.clone().unwrap_or_default(),
                    followed_by: c
                        .followed_by
                        .iter()
                        .map(|&x| self.case_link(x, false))
                        .collect(),
                }
            })
            .collect();
        DecisionsView {
            organ: Link {
                href: urls::href(urls::organ(&o.id)),
                label: o.navn.clone(),
            },
            short: o.kortnavn.clone(),
            year,
            years: decision_years(site, oi)
                .into_iter()
                .rev()
                .map(|y| YearLink {
                    year: y,
                    href: urls::href(urls::decisions(&o.id, y)),
                    current: y == year,
                })
                .collect(),
            rows,
            closed: o.meetings.iter().any(|&m| {
                let m = &site.meetings[m];
                m.date.year() == year && !m.publication.is_published()
            }),
            follow: self.follow(oi, urls::organ_feed(&o.id)),
        }
    }
}
