//! The case page, and the case links and attachment lists other pages show.

use super::{date, Views};
use crate::urls;
use crate::views::bodies::Unread;
use crate::views::structs::{AttachmentLink, CaseLink, CaseView, Link};
use motebok_domain::{Case, CaseIx, Publication};

impl Views<'_> {
    /// A case as a list or thread names it (`current` on its own page).
    pub fn case_link(&self, ci: CaseIx, current: bool) -> CaseLink {
        let c = &self.site.cases[ci];
        let o = &self.site.organs[c.organ];
        let exempt = c.unntatt.is_some();
        CaseLink {
            href: (!exempt).then(|| urls::href(urls::case(&o.id, c.number))),
            number: c.number.to_string(),
            label: format!("{} {}", o.kortnavn, c.number),
            title: match &c.unntatt {
                Some(u) => u
                    .offentlig_tittel
                    .clone()
                    .unwrap_or_else(|| "Unntatt offentlighet".into()),
                None => c.tittel.clone(),
            },
            meeting_date: date(self.site.meetings[c.meeting].date),
            closed: matches!(c.publication, Publication::Tombstone { .. }),
            exempt,
            current,
        }
    }

    pub(super) fn case_attachments(&self, c: &Case) -> Vec<AttachmentLink> {
        c.vedlegg
            .iter()
            .filter_map(|v| self.attachment_link(v.attachment, &v.tittel))
            .collect()
    }

    /// A case's page.
    pub fn case(&self, ci: CaseIx) -> Result<CaseView, Unread> {
        let c = &self.site.cases[ci];
        let o = &self.site.organs[c.organ];
        let m = &self.site.meetings[c.meeting];
        let url = urls::case(&o.id, c.number);
        let root = urls::root_from(&url);
        let thread = self.site.thread(ci);
        Ok(CaseView {
            number: c.number.to_string(),
            label: format!("{} {}", o.kortnavn, c.number),
            title: c.tittel.clone(),
            organ: Link {
                href: urls::href(urls::organ(&o.id)),
                label: o.navn.clone(),
            },
            meeting: Link {
                href: urls::href(urls::meeting(&o.id, m.date)),
                label: self.meeting_title(m),
            },
            meeting_date: date(m.date),
            types: c
                .sakstype
                .iter()
                .map(|t| t.label())
                .collect::<Vec<_>>()
                .join(", "),
            ansvarlig: c.ansvarlig.clone(),
            status: if c.vedtak.is_some() {
                "Behandlet".into()
            } else if m.avlyst {
                "Møtet er avlyst".into()
            } else {
                "Til behandling".into()
            },
            body_html: self.markdown(&c.body, &c.src.path, &root, 2)?,
            forslag: c.forslag.clone(),
            vedtak: c.vedtak.clone(),
            referat_html: c
                .referat
                .as_ref()
                .map(|r| self.referat(r, &c.src.path, &root, 3)),
            attachments: self.case_attachments(c),
            follows_up: c
                .follows_up
                .iter()
                .map(|&x| self.case_link(x, false))
                .collect(),
            followed_by: c
                .followed_by
                .iter()
                .map(|&x| self.case_link(x, false))
                .collect(),
            thread: if thread.len() > 2 {
                thread.iter().map(|&x| self.case_link(x, x == ci)).collect()
            } else {
                Vec::new()
            },
            approves_minutes: c
                .approves_minutes
                .iter()
                .map(|&mi| {
                    let am = &self.site.meetings[mi];
                    let href = urls::href(urls::meeting(&self.site.organs[am.organ].id, am.date));
                    // A tombstone keeps no minutes to land on, and the link says where it goes.
                    if matches!(am.publication, Publication::Tombstone { .. }) {
                        Link {
                            href,
                            label: format!("{} {}", self.meeting_title(am), super::CLOSED_NOTE),
                        }
                    } else if am.has_minutes(self.site) {
                        Link {
                            href: format!("{href}#referat"),
                            label: self.meeting_title(am),
                        }
                    } else {
                        Link {
                            href,
                            label: self.meeting_title(am),
                        }
                    }
                })
                .collect(),
            adopted: c
                .adopted
                .iter()
                .filter(|&&d| !matches!(self.site.documents[d].publication, Publication::Exempt))
                .map(|&d| self.document_summary(d))
                .collect(),
            follow: crate::views::follow::case_has_feed(c)
                .then(|| self.follow(c.organ, urls::case_feed(&o.id, c.number))),
        })
    }
}
