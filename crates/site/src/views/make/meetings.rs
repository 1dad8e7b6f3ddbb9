//! The meeting page, and the meeting titles and summaries other pages show.

use super::{date, Views};
use crate::dates;
use crate::urls;
use crate::views::bodies::Unread;
use crate::views::structs::{
    AgendaRow, Link, MeetingSummary, MeetingView, MinutesItem, MinutesView,
};
use motebok_domain::{Meeting, MeetingIx};

impl Views<'_> {
    /// A meeting's name: the body's short name and the date.
    pub fn meeting_title(&self, m: &Meeting) -> String {
        format!(
            "{} {}",
            self.site.organs[m.organ].kortnavn,
            dates::long(m.date)
        )
    }

    /// A meeting as the lists name it.
    pub(crate) fn meeting_summary(&self, mi: MeetingIx) -> MeetingSummary {
        let m = &self.site.meetings[mi];
        let o = &self.site.organs[m.organ];
        MeetingSummary {
            href: urls::href(urls::meeting(&o.id, m.date)),
            organ: o.kortnavn.clone(),
            organ_name: o.navn.clone(),
            title: self.meeting_title(m),
            date: date(m.date),
            weekday_date: dates::with_weekday(m.date),
            tid: m.tid.clone(),
            sted: m.sted.clone(),
            avlyst: m.avlyst,
            case_count: m.cases.len(),
            has_minutes: m.has_minutes(self.site),
        }
    }

    /// A meeting's page: its agenda, minutes and papers.
    pub fn meeting(&self, mi: MeetingIx) -> Result<MeetingView, Unread> {
        let m = &self.site.meetings[mi];
        let o = &self.site.organs[m.organ];
        let url = urls::meeting(&o.id, m.date);
        let root = urls::root_from(&url);
        let agenda = m
            .cases
            .iter()
            .map(|&ci| {
                let c = &self.site.cases[ci];
                match &c.unntatt {
                    Some(u) => AgendaRow {
                        number: c.number.to_string(),
                        href: None,
                        title: u
                            .offentlig_tittel
                            .clone()
                            .unwrap_or_else(|| "Unntatt offentlighet".into()),
                        types: String::new(),
                        ansvarlig: None,
                        attachments: Vec::new(),
                        exempt: Some(u.skjermingshjemmel.clone()),
                    },
                    None => AgendaRow {
                        number: c.number.to_string(),
                        href: Some(urls::href(urls::case(&o.id, c.number))),
                        title: c.tittel.clone(),
                        types: c
                            .sakstype
                            .iter()
                            .map(|t| t.label())
                            .collect::<Vec<_>>()
                            .join(", "),
                        ansvarlig: c.ansvarlig.clone(),
                        attachments: self.case_attachments(c),
                        exempt: None,
                    },
                }
            })
            .collect();
        let minutes = m.has_minutes(self.site).then(|| MinutesView {
            approved_by: m
                .minutes_approved_by
                .iter()
                .map(|&c| self.case_link(c, false))
                .collect(),
            items: m
                .cases
                .iter()
                .map(|&ci| {
                    let c = &self.site.cases[ci];
                    let exempt = c.unntatt.is_some();
                    MinutesItem {
                        number: c.number.to_string(),
                        href: (!exempt).then(|| urls::href(urls::case(&o.id, c.number))),
                        title: self.case_link(ci, false).title,
                        vedtak: if exempt {
                            Vec::new()
                        } else {
                            c.vedtak.clone().unwrap_or_default()
                        },
                        referat_html: if exempt {
                            None
                        } else {
                            c.referat
                                .as_ref()
                                .map(|r| self.referat(r, &c.src.path, &root, 4))
                        },
                        exempt,
                    }
                })
                .collect(),
        });
        Ok(MeetingView {
            organ: Link {
                href: urls::href(urls::organ(&o.id)),
                label: o.navn.clone(),
            },
            title: format!("Møte i {} {}", o.kortnavn, dates::long(m.date)),
            date: date(m.date),
            weekday_date: dates::with_weekday(m.date),
            tid: m.tid.clone(),
            sted: m.sted.clone(),
            moteleder: m.moteleder.clone(),
            referent: m.referent.clone(),
            avlyst: m.avlyst,
            intro_html: self.markdown(&m.body, &m.src.path, &root, 2)?,
            agenda,
            minutes,
            papers: self.paper_links(mi),
        })
    }

    /// Minutes (front matter, always in memory) as HTML.
    pub(super) fn referat(&self, md: &str, src_path: &str, root: &str, level: u8) -> String {
        self.render_markdown(md, src_path, root, level)
    }
}
