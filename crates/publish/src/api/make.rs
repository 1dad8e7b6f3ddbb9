//! OParl objects from the resolved site. Exempt cases yield only their agenda line; closed
//! windows yield `deleted` stubs; exempt documents and attachments yield nothing at all.

use super::error::ApiError;
use super::facts::FileFacts;
use super::objects::*;
use super::{paths, text};
use crate::calendar::{oslo_times, parse_tid};
use crate::stamp::{self, oslo_midnight, rfc3339, Stamp};
use chrono::NaiveDate;
use motebok_domain::{AttachmentIx, CaseIx, MeetingIx, OrganIx, Publication, Site, Source};
use motebok_site::urls;
use motebok_site::views::Views;
use serde_json::Value;
use std::collections::HashMap;

/// Builds objects for one site; `facts` holds the size and checksum of every output file so
/// far (pages and copied attachments), by output path.
pub(crate) struct Maker<'a> {
    pub v: &'a Views<'a>,
    pub site: &'a Site,
    base: String,
    pub(super) repo: Option<&'a str>,
    pub(super) facts: &'a HashMap<String, FileFacts>,
}

pub(crate) fn value<T: serde::Serialize>(t: &T) -> Result<Value, ApiError> {
    Ok(serde_json::to_value(t)?)
}

impl<'a> Maker<'a> {
    pub(crate) fn new(v: &'a Views<'a>, facts: &'a HashMap<String, FileFacts>) -> Self {
        Maker {
            v,
            site: v.site,
            base: v.cfg.base(),
            repo: v.cfg.repository_url.as_deref(),
            facts,
        }
    }

    /// Absolute URL of a path relative to the site root.
    pub(crate) fn abs(&self, rel: &str) -> String {
        format!("{}{}", self.base, motebok_site::urls::iri(rel))
    }

    fn organ_id(&self, oi: OrganIx) -> String {
        self.abs(&paths::organization(&self.site.organs[oi].id))
    }
    pub(crate) fn meeting_id(&self, mi: MeetingIx) -> String {
        let m = &self.site.meetings[mi];
        self.abs(&paths::meeting(&self.site.organs[m.organ].id, m.date))
    }
    pub(crate) fn paper_id(&self, ci: CaseIx) -> String {
        let c = &self.site.cases[ci];
        self.abs(&paths::paper(&self.site.organs[c.organ].id, c.number))
    }
    /// A File's id follows the page or file it describes.
    pub(super) fn file_id(&self, url: &str) -> String {
        self.abs(&paths::file(url))
    }
    pub(crate) fn body_id(&self) -> String {
        self.abs(paths::BODY)
    }
    fn agenda_item_id(&self, ci: CaseIx) -> String {
        let c = &self.site.cases[ci];
        self.abs(&paths::agenda_item(&self.site.organs[c.organ].id, c.number))
    }
    fn consultation_id(&self, ci: CaseIx) -> String {
        let c = &self.site.cases[ci];
        self.abs(&paths::consultation(
            &self.site.organs[c.organ].id,
            c.number,
        ))
    }

    /// `created`, `modified` and the trail of an object built from `own` and `parts` (see
    /// [`stamp::stamp`]). OParl 1.1 wants both times on every object: a file without a trail
    /// (a draft in a preview, never in a published build) counts as made on the build date.
    pub(super) fn stamp(&self, own: &Source, parts: &[&Source]) -> Stamp {
        let mut s = stamp::stamp(own, parts, self.repo);
        let today = || rfc3339(&oslo_midnight(self.v.today));
        s.created.get_or_insert_with(today);
        s.modified.get_or_insert_with(today);
        s
    }

    /// `created` and `modified` alone, for objects without a trail of their own.
    fn times(&self, own: &Source, parts: &[&Source]) -> (String, String) {
        let s = self.stamp(own, parts);
        (
            s.created.unwrap_or_default(),
            s.modified.unwrap_or_default(),
        )
    }

    /// `created` and `modified` of the whole site (System and Body): its first publication
    /// and its last change, of any file, published or not.
    pub(crate) fn site_times(&self) -> (String, String) {
        let site = self.site;
        let all: Vec<&Source> = site
            .organs
            .iter()
            .map(|o| &o.src)
            .chain(site.meetings.iter().map(|m| &m.src))
            .chain(site.cases.iter().map(|c| &c.src))
            .chain(site.documents.iter().map(|d| &d.src))
            .chain(site.attachments.iter().map(|a| &a.src))
            .collect();
        let today = oslo_midnight(self.v.today);
        let created = stamp::first(&all).unwrap_or(today);
        let modified = stamp::last(&all).unwrap_or(today).max(created);
        (rfc3339(&created), rfc3339(&modified))
    }

    /// A tombstone: kept `created`, `modified` = the day the window closed.
    pub(crate) fn deleted(
        &self,
        id: String,
        kind: &str,
        src: Option<&Source>,
        closed: NaiveDate,
    ) -> Value {
        let srcs: Vec<&Source> = src.into_iter().collect();
        let gone = oslo_midnight(closed);
        let modified = stamp::last(&srcs).map_or(gone, |t| t.max(gone));
        // OParl keeps `created` on a deleted object; without a trail, when it went.
        let created = stamp::first(&srcs).unwrap_or(modified);
        value(&Deleted {
            id,
            r#type: type_uri(kind),
            created: rfc3339(&created),
            modified: rfc3339(&modified),
            deleted: true,
        })
        .unwrap_or(Value::Null)
    }

    /// The stub at the old id of a URL that moved or was withdrawn: `modified` is when it left.
    pub(crate) fn gone(&self, path: &str, kind: &str, g: &motebok_domain::Gone) -> Value {
        let mut o = serde_json::Map::new();
        o.insert("id".into(), Value::String(self.abs(path)));
        o.insert("type".into(), Value::String(type_uri(kind)));
        o.insert("created".into(), Value::String(rfc3339(&g.published)));
        o.insert("modified".into(), Value::String(rfc3339(&g.left)));
        o.insert("deleted".into(), Value::Bool(true));
        Value::Object(o)
    }

    /// The public cases of a meeting, whose files make up its pages.
    pub(super) fn public_sources(&self, mi: MeetingIx) -> Vec<&'a Source> {
        let site: &'a Site = self.site;
        site.meetings[mi]
            .cases
            .iter()
            .map(|&c| &site.cases[c])
            .filter(|c| c.unntatt.is_none())
            .map(|c| &c.src)
            .collect()
    }

    pub(crate) fn organization(&self, oi: OrganIx) -> Result<Value, ApiError> {
        let o = &self.site.organs[oi];
        value(&Organization {
            id: self.organ_id(oi),
            r#type: type_uri("Organization"),
            body: self.body_id(),
            name: o.navn.clone(),
            short_name: o.kortnavn.clone(),
            // The spec's own list of values; what kind of body it is goes in `classification`.
            organization_type: "Gremium".into(),
            classification: o.niva.map(|n| match n {
                1 => "Partnerskapsmøtet".to_string(),
                2 => "Strategisk nivå".to_string(),
                3 => "Faglig nivå".to_string(),
                n => format!("Nivå {n}"),
            }),
            meeting: self.abs(&paths::organ_meetings(&o.id)),
            papers: self.abs(&paths::organ_papers(&o.id)),
            level: o.niva,
            window_months: o.window_months,
            archived: o.arkivverdig,
            mandate: text::plain(&self.v.body(&o.body, &o.src.path)?),
            web: self.abs(&urls::organ(&o.id)),
            draft: o.src.draft,
            stamp: self.stamp(&o.src, &[]),
        })
    }

    /// One agenda line. An exempt case: number, public title, legal basis; nothing else.
    fn agenda_item(&self, mi: MeetingIx, order: usize, ci: CaseIx) -> AgendaItem {
        let c = &self.site.cases[ci];
        let meeting = self.meeting_id(mi);
        // Its own file's times: an exempt line's title comes from the case's file too.
        let (created, modified) = self.times(&c.src, &[]);
        let mut item = AgendaItem {
            id: self.agenda_item_id(ci),
            created,
            modified,
            r#type: type_uri("AgendaItem"),
            meeting,
            number: c.number.to_string(),
            order,
            name: self.v.case_link(ci, false).title,
            public: c.unntatt.is_none(),
            legal_basis: c.unntatt.as_ref().map(|u| u.skjermingshjemmel.clone()),
            consultation: None,
            paper: None,
            result: None,
            resolution_text: None,
            web: None,
        };
        if c.unntatt.is_none() {
            item.consultation = Some(self.consultation_id(ci));
            item.paper = Some(self.paper_id(ci));
            item.result = c.vedtak.as_ref().map(|_| "Behandlet".to_string());
            item.resolution_text = c.vedtak.as_ref().map(|v| text::numbered(v).join("\n"));
            item.web = Some(self.abs(&urls::case(&self.site.organs[c.organ].id, c.number)));
        }
        item
    }

    /// The agenda items of a meeting and its Location, each also a file of its own (OParl 1.1:
    /// every object answers at its id). Deleted objects when the meeting's window has closed.
    pub(crate) fn meeting_parts(
        &self,
        mi: MeetingIx,
    ) -> Result<(Vec<Value>, Option<Value>), ApiError> {
        let m = &self.site.meetings[mi];
        let organ = &self.site.organs[m.organ].id;
        let loc_id = self.abs(&paths::location(organ, m.date));
        if let Publication::Tombstone { closed } = m.publication {
            let items = m
                .cases
                .iter()
                .map(|&ci| {
                    let src = Some(&self.site.cases[ci].src);
                    self.deleted(self.agenda_item_id(ci), "AgendaItem", src, closed)
                })
                .collect();
            let loc = m
                .sted
                .as_ref()
                .map(|_| self.deleted(loc_id, "Location", Some(&m.src), closed));
            return Ok((items, loc));
        }
        let items = m
            .cases
            .iter()
            .enumerate()
            .map(|(i, &ci)| value(&self.agenda_item(mi, i + 1, ci)))
            .collect::<Result<_, _>>()?;
        let loc = match &m.sted {
            Some(s) => {
                let (created, modified) = self.times(&m.src, &[]);
                Some(value(&Location {
                    id: loc_id,
                    r#type: type_uri("Location"),
                    description: s.clone(),
                    meetings: vec![self.meeting_id(mi)],
                    created,
                    modified,
                })?)
            }
            None => None,
        };
        Ok((items, loc))
    }

    /// The meeting with its agenda; `invitation` and `protocol` are the summaries of its Files
    /// (see [`super::json::summarise`]), `items` and `location` its embedded objects (from
    /// [`Self::meeting_parts`]), built once by the caller.
    pub(crate) fn meeting(
        &self,
        mi: MeetingIx,
        invitation: Value,
        protocol: Option<Value>,
        items: Vec<Value>,
        location: Option<Value>,
    ) -> Result<Value, ApiError> {
        let m = &self.site.meetings[mi];
        if let Publication::Tombstone { closed } = m.publication {
            return Ok(self.deleted(self.meeting_id(mi), "Meeting", Some(&m.src), closed));
        }
        let times = m
            .tid
            .as_deref()
            .and_then(parse_tid)
            .map(|t| oslo_times(m.date, t));
        let state = if m.avlyst {
            "avlyst"
        } else if m.date < self.v.today {
            "avholdt"
        } else {
            "planlagt"
        };
        let id = self.meeting_id(mi);
        value(&Meeting {
            name: format!("Møte i {}", self.v.meeting_title(m)),
            r#type: type_uri("Meeting"),
            meeting_state: state.into(),
            cancelled: m.avlyst,
            date: m.date.to_string(),
            start: times.map(|(s, _)| rfc3339(&s)),
            end: times.and_then(|(_, e)| e).map(|e| rfc3339(&e)),
            location,
            organization: vec![self.organ_id(m.organ)],
            chair: m.moteleder.clone(),
            secretary: m.referent.clone(),
            text: text::plain(&self.v.body(&m.body, &m.src.path)?),
            invitation,
            results_protocol: protocol,
            agenda_item: items,
            minutes_approved_in: m
                .minutes_approved_by
                .iter()
                .map(|&c| self.paper_id(c))
                .collect(),
            web: self.abs(&urls::meeting(&self.site.organs[m.organ].id, m.date)),
            draft: m.src.draft,
            stamp: self.stamp(&m.src, &self.public_sources(mi)),
            id,
        })
    }

    /// The case; `main` is the summary of its case paper's File and `attachments` gives those
    /// of the site's attachments (by index), built once by the caller.
    /// A public case's treatment in its meeting, also a file of its own; a deleted object once
    /// the meeting's window has closed. `None` for an exempt case: its agenda line is all.
    pub(crate) fn consultation(&self, ci: CaseIx) -> Result<Option<Value>, ApiError> {
        let c = &self.site.cases[ci];
        let m = &self.site.meetings[c.meeting];
        if c.unntatt.is_some() {
            return Ok(None);
        }
        let id = self.consultation_id(ci);
        if let Publication::Tombstone { closed } = m.publication {
            return Ok(Some(self.deleted(id, "Consultation", Some(&c.src), closed)));
        }
        let role = c
            .sakstype
            .iter()
            .map(|t| t.label())
            .collect::<Vec<_>>()
            .join(", ");
        let (created, modified) = self.times(&c.src, &[]);
        Ok(Some(value(&Consultation {
            id,
            r#type: type_uri("Consultation"),
            paper: self.paper_id(ci),
            meeting: self.meeting_id(c.meeting),
            agenda_item: self.agenda_item_id(ci),
            organization: vec![self.organ_id(c.organ)],
            authoritative: c.sakstype.iter().any(|t| t.key() == "beslutning"),
            role,
            created,
            modified,
        })?))
    }

    /// The case; `main` is the summary of its case paper's File, `consultation` its
    /// Consultation (from [`Self::consultation`]) and `attachments` gives the summaries of the
    /// site's attachments (by index), built once by the caller.
    pub(crate) fn paper(
        &self,
        ci: CaseIx,
        main: Option<Value>,
        consultation: Option<Value>,
        attachments: &dyn Fn(AttachmentIx) -> Option<Value>,
    ) -> Result<Value, ApiError> {
        let c = &self.site.cases[ci];
        let m = &self.site.meetings[c.meeting];
        let organ = &self.site.organs[c.organ];
        let id = self.paper_id(ci);
        // An exempt case lives as long as its agenda line, on its meeting's page.
        // An exempt case's stub keeps the `created` its live object showed.
        if let Publication::Tombstone { closed } = m.publication {
            return Ok(self.deleted(id, "Paper", Some(&c.src), closed));
        }
        if let Some(u) = &c.unntatt {
            let (created, modified) = self.times(&c.src, &[]);
            return value(&ExemptPaper {
                created,
                modified,
                id,
                r#type: type_uri("Paper"),
                body: self.body_id(),
                name: self.v.case_link(ci, false).title,
                reference: c.number.to_string(),
                date: m.date.to_string(),
                exempt: true,
                legal_basis: u.skjermingshjemmel.clone(),
                under_direction_of: vec![self.organ_id(c.organ)],
            });
        }
        let ids = |v: &[CaseIx]| v.iter().map(|&x| self.paper_id(x)).collect::<Vec<_>>();
        let mut related: Vec<CaseIx> = c.follows_up.iter().chain(&c.followed_by).copied().collect();
        related.sort_by_key(|&x| {
            (
                self.site.meetings[self.site.cases[x].meeting].date,
                organ_order(self.site, x),
                self.site.cases[x].number,
            )
        });
        related.dedup();
        let auxiliary: Vec<Value> = c
            .vedlegg
            .iter()
            .filter_map(|v| attachments(v.attachment))
            .collect();
        let types: Vec<&'static str> = c.sakstype.iter().map(|t| t.key()).collect();
        let paper_type = c
            .sakstype
            .iter()
            .map(|t| t.label())
            .collect::<Vec<_>>()
            .join(", ");
        value(&Paper {
            r#type: type_uri("Paper"),
            body: self.body_id(),
            name: c.tittel.clone(),
            reference: c.number.to_string(),
            date: m.date.to_string(),
            paper_type,
            case_type: types,
            related_paper: ids(&related),
            follows_up: ids(&c.follows_up),
            followed_up_by: ids(&c.followed_by),
            main_file: main.unwrap_or(Value::Null),
            auxiliary_file: auxiliary,
            under_direction_of: vec![self.organ_id(c.organ)],
            consultation: consultation.into_iter().collect(),
            responsible: c.ansvarlig.clone(),
            proposal: c.forslag.clone(),
            decision: c.vedtak.clone(),
            minutes: c.referat.as_deref().map(text::plain),
            approves_minutes_of: c
                .approves_minutes
                .iter()
                .map(|&x| self.meeting_id(x))
                .collect(),
            adopted: c
                .adopted
                .iter()
                .filter(|&&d| self.site.documents[d].unntatt.is_none())
                .map(|&d| self.file_id(&urls::document(&self.site.documents[d].slug)))
                .collect(),
            web: self.abs(&urls::case(&organ.id, c.number)),
            draft: c.src.draft,
            stamp: self.stamp(&c.src, &[]),
            id,
        })
    }
}

/// Bodies in site order, so related papers of one day sort the same way every build.
fn organ_order(site: &Site, ci: CaseIx) -> OrganIx {
    site.cases[ci].organ
}
