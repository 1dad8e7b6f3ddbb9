//! OParl objects from the resolved site. Exempt cases yield only their agenda line; closed
//! windows yield `deleted` stubs; exempt documents and attachments yield nothing at all.

use super::objects::*;
use super::stamp::{self, oslo_midnight, rfc3339, stamp};
use super::{paths, text, ApiError};
use crate::calendar::{oslo_times, parse_tid};
use crate::urls;
use crate::views::Views;
use chrono::NaiveDate;
use motebok_domain::{
    AttachmentIx, CaseIx, DocumentIx, MeetingIx, OrganIx, Publication, Site, Source,
};
use serde_json::Value;
use std::collections::HashMap;

/// What a File of a page says about it.
struct PageFile<'s> {
    url: &'s str,
    anchor: &'s str,
    name: String,
    file_name: String,
    role: &'static str,
    date: NaiveDate,
    text: String,
}

/// Builds objects for one site; `outputs` holds every output file so far (path → bytes), for
/// the sizes and checksums of pages and copied attachments.
pub struct Maker<'a> {
    pub v: &'a Views<'a>,
    pub site: &'a Site,
    base: String,
    repo: Option<&'a str>,
    outputs: HashMap<&'a str, &'a [u8]>,
}

pub fn value<T: serde::Serialize>(t: &T) -> Result<Value, ApiError> {
    Ok(serde_json::to_value(t)?)
}

impl<'a> Maker<'a> {
    pub fn new(v: &'a Views<'a>, outputs: HashMap<&'a str, &'a [u8]>) -> Self {
        Maker {
            v,
            site: v.site,
            base: v.cfg.base(),
            repo: v.cfg.repository_url.as_deref(),
            outputs,
        }
    }

    /// Absolute URL of a path relative to the site root.
    pub fn abs(&self, rel: &str) -> String {
        format!("{}{}", self.base, super::iri(rel))
    }

    fn organ_id(&self, oi: OrganIx) -> String {
        self.abs(&paths::organization(&self.site.organs[oi].id))
    }
    pub fn meeting_id(&self, mi: MeetingIx) -> String {
        let m = &self.site.meetings[mi];
        self.abs(&paths::meeting(&self.site.organs[m.organ].id, m.date))
    }
    pub fn paper_id(&self, ci: CaseIx) -> String {
        let c = &self.site.cases[ci];
        self.abs(&paths::paper(&self.site.organs[c.organ].id, c.number))
    }
    /// A File's id follows the page or file it describes.
    fn file_id(&self, url: &str) -> String {
        self.abs(&paths::file(url))
    }
    pub fn body_id(&self) -> String {
        self.abs(paths::BODY)
    }

    /// A tombstone: kept `created`, `modified` = the day the window closed.
    pub fn deleted(
        &self,
        id: String,
        kind: &str,
        src: Option<&Source>,
        closed: NaiveDate,
    ) -> Value {
        let srcs: Vec<&Source> = src.into_iter().collect();
        let gone = oslo_midnight(closed);
        let modified = stamp::last(&srcs).map_or(gone, |t| t.max(gone));
        let mut o = serde_json::Map::new();
        o.insert("id".into(), Value::String(id));
        o.insert("type".into(), Value::String(type_uri(kind)));
        if let Some(t) = stamp::first(&srcs) {
            o.insert("created".into(), Value::String(rfc3339(&t)));
        }
        o.insert("modified".into(), Value::String(rfc3339(&modified)));
        o.insert("deleted".into(), Value::Bool(true));
        Value::Object(o)
    }

    /// Size and SHA-512 of an output file, when it is in the output.
    fn measure(&self, out_path: &str) -> (Option<u64>, Option<String>) {
        match self.outputs.get(out_path) {
            Some(b) => (Some(b.len() as u64), Some(text::sha512_hex(b))),
            None => (None, None),
        }
    }

    /// A File describing an HTML page of the site (or, with an anchor, a part of one).
    fn page_file(&self, p: PageFile, own: &Source, parts: &[&Source]) -> File {
        let (size, sha) = self.measure(&urls::file_of(p.url));
        let access = format!("{}{}", self.abs(p.url), p.anchor);
        File {
            id: self.file_id(&format!("{}{}", p.url, p.anchor.trim_start_matches('#'))),
            r#type: type_uri("File"),
            name: p.name,
            file_name: p.file_name,
            mime_type: "text/html".into(),
            date: Some(p.date.to_string()),
            size,
            sha512_checksum: sha,
            text: Some(p.text),
            access_url: access.clone(),
            download_url: None,
            meeting: Vec::new(),
            paper: Vec::new(),
            role: p.role,
            document_type: None,
            valid_from: None,
            valid_until: None,
            adopted_in: None,
            attachment: Vec::new(),
            web: Some(access),
            draft: own.draft || parts.iter().any(|s| s.draft),
            stamp: stamp(own, parts, self.repo),
        }
    }

    /// The public cases of a meeting, whose files make up its pages.
    fn public_sources(&self, mi: MeetingIx) -> Vec<&'a Source> {
        let site: &'a Site = self.site;
        site.meetings[mi]
            .cases
            .iter()
            .map(|&c| &site.cases[c])
            .filter(|c| c.unntatt.is_none())
            .map(|c| &c.src)
            .collect()
    }

    /// The summons and agenda: the meeting page.
    pub fn invitation(&self, mi: MeetingIx) -> Result<Value, ApiError> {
        let m = &self.site.meetings[mi];
        let organ = &self.site.organs[m.organ].id;
        let url = urls::meeting(organ, m.date);
        if let Publication::Tombstone { closed } = m.publication {
            return Ok(self.deleted(
                self.file_id(&format!("{url}innkalling")),
                "File",
                Some(&m.src),
                closed,
            ));
        }
        let page = PageFile {
            url: &url,
            anchor: "#innkalling",
            name: format!("Innkalling: {}", self.v.meeting_title(m)),
            file_name: format!("innkalling-{organ}-{}.html", m.date),
            role: "innkalling",
            date: m.date,
            text: text::invitation(self.v, mi),
        };
        let mut f = self.page_file(page, &m.src, &self.public_sources(mi));
        // The summons is the whole page; the anchor only names it.
        f.access_url = self.abs(&url);
        f.web = Some(self.abs(&url));
        f.meeting = vec![self.meeting_id(mi)];
        value(&f)
    }

    /// The minutes, once a case has a decision: the `#referat` part of the meeting page.
    pub fn protocol(&self, mi: MeetingIx) -> Result<Option<Value>, ApiError> {
        let m = &self.site.meetings[mi];
        if !m.has_minutes(self.site) {
            return Ok(None);
        }
        let organ = &self.site.organs[m.organ].id;
        let url = urls::meeting(organ, m.date);
        if let Publication::Tombstone { closed } = m.publication {
            return Ok(Some(self.deleted(
                self.file_id(&format!("{url}referat")),
                "File",
                Some(&m.src),
                closed,
            )));
        }
        let page = PageFile {
            url: &url,
            anchor: "#referat",
            name: format!("Referat: {}", self.v.meeting_title(m)),
            file_name: format!("referat-{organ}-{}.html", m.date),
            role: "referat",
            date: m.date,
            text: text::protocol(self.v, mi),
        };
        let mut f = self.page_file(page, &m.src, &self.public_sources(mi));
        f.meeting = vec![self.meeting_id(mi)];
        Ok(Some(value(&f)?))
    }

    pub fn organization(&self, oi: OrganIx) -> Result<Value, ApiError> {
        let o = &self.site.organs[oi];
        value(&Organization {
            id: self.organ_id(oi),
            r#type: type_uri("Organization"),
            body: self.body_id(),
            name: o.navn.clone(),
            short_name: o.kortnavn.clone(),
            organization_type: "utvalg".into(),
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
            mandate: text::plain(&o.body.markdown),
            web: self.abs(&urls::organ(&o.id)),
            draft: o.src.draft,
            stamp: stamp(&o.src, &[], self.repo),
        })
    }

    /// One agenda line. An exempt case: number, public title, legal basis; nothing else.
    fn agenda_item(&self, mi: MeetingIx, order: usize, ci: CaseIx) -> AgendaItem {
        let c = &self.site.cases[ci];
        let meeting = self.meeting_id(mi);
        let id = format!("{meeting}#sak-{}", c.number);
        let mut item = AgendaItem {
            id,
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
            item.consultation = Some(format!("{}#behandling", self.paper_id(ci)));
            item.paper = Some(self.paper_id(ci));
            item.result = c.vedtak.as_ref().map(|_| "Behandlet".to_string());
            item.resolution_text = c.vedtak.as_ref().map(|v| text::numbered(v).join("\n"));
            item.web = Some(self.abs(&urls::case(&self.site.organs[c.organ].id, c.number)));
        }
        item
    }

    pub fn meeting(&self, mi: MeetingIx) -> Result<Value, ApiError> {
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
            location: m.sted.as_ref().map(|s| Location {
                id: format!("{id}#sted"),
                r#type: type_uri("Location"),
                description: s.clone(),
            }),
            organization: vec![self.organ_id(m.organ)],
            chair: m.moteleder.clone(),
            secretary: m.referent.clone(),
            text: text::plain(&m.body.markdown),
            invitation: self.invitation(mi)?,
            results_protocol: self.protocol(mi)?,
            agenda_item: m
                .cases
                .iter()
                .enumerate()
                .map(|(i, &ci)| self.agenda_item(mi, i + 1, ci))
                .collect(),
            minutes_approved_in: m
                .minutes_approved_by
                .iter()
                .map(|&c| self.paper_id(c))
                .collect(),
            web: self.abs(&urls::meeting(&self.site.organs[m.organ].id, m.date)),
            draft: m.src.draft,
            stamp: stamp(&m.src, &self.public_sources(mi), self.repo),
            id,
        })
    }

    /// The case paper (saksfremlegg) itself: the case page.
    pub fn case_file(&self, ci: CaseIx) -> Result<Option<Value>, ApiError> {
        let c = &self.site.cases[ci];
        let organ = &self.site.organs[c.organ];
        let url = urls::case(&organ.id, c.number);
        match c.publication {
            Publication::Exempt => Ok(None),
            Publication::Tombstone { closed } => Ok(Some(self.deleted(
                self.file_id(&url),
                "File",
                Some(&c.src),
                closed,
            ))),
            Publication::Published { .. } => {
                let date = self.site.meetings[c.meeting].date;
                let page = PageFile {
                    url: &url,
                    anchor: "",
                    name: format!("Saksfremlegg {} {}: {}", organ.kortnavn, c.number, c.tittel),
                    file_name: format!("{}.html", c.number),
                    role: "saksfremlegg",
                    date,
                    text: text::plain(&c.body.markdown),
                };
                let mut f = self.page_file(page, &c.src, &[]);
                f.paper = vec![self.paper_id(ci)];
                Ok(Some(value(&f)?))
            }
        }
    }

    pub fn paper(&self, ci: CaseIx) -> Result<Value, ApiError> {
        let c = &self.site.cases[ci];
        let m = &self.site.meetings[c.meeting];
        let organ = &self.site.organs[c.organ];
        let id = self.paper_id(ci);
        // An exempt case lives as long as its agenda line, on its meeting's page.
        if let Publication::Tombstone { closed } = m.publication {
            let src = c.unntatt.is_none().then_some(&c.src);
            return Ok(self.deleted(id, "Paper", src, closed));
        }
        if let Some(u) = &c.unntatt {
            return value(&ExemptPaper {
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
        let mut auxiliary = Vec::new();
        for v in &c.vedlegg {
            auxiliary.extend(self.attachment(v.attachment)?);
        }
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
            paper_type: paper_type.clone(),
            case_type: types.clone(),
            related_paper: ids(&related),
            follows_up: ids(&c.follows_up),
            followed_up_by: ids(&c.followed_by),
            main_file: self.case_file(ci)?.unwrap_or(Value::Null),
            auxiliary_file: auxiliary,
            under_direction_of: vec![self.organ_id(c.organ)],
            consultation: vec![Consultation {
                id: format!("{id}#behandling"),
                r#type: type_uri("Consultation"),
                paper: id.clone(),
                meeting: self.meeting_id(c.meeting),
                agenda_item: format!("{}#sak-{}", self.meeting_id(c.meeting), c.number),
                organization: vec![self.organ_id(c.organ)],
                authoritative: types.contains(&"beslutning"),
                role: paper_type,
            }],
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
            stamp: stamp(&c.src, &[], self.repo),
            id,
        })
    }

    /// An attachment, Markdown (its page) or copied as is. `None` when exempt: never published.
    pub fn attachment(&self, ai: AttachmentIx) -> Result<Option<Value>, ApiError> {
        let a = &self.site.attachments[ai];
        let url = urls::attachment(&a.owner, &a.name);
        match a.publication {
            Publication::Exempt => return Ok(None),
            Publication::Tombstone { closed } => {
                return Ok(Some(self.deleted(
                    self.file_id(&url),
                    "File",
                    Some(&a.src),
                    closed,
                )))
            }
            Publication::Published { .. } => {}
        }
        let public_cases: Vec<CaseIx> = a
            .used_by_cases
            .iter()
            .copied()
            .filter(|&c| self.site.cases[c].publication.is_published())
            .collect();
        let date = public_cases
            .iter()
            .map(|&c| self.site.meetings[self.site.cases[c].meeting].date)
            .min()
            .or_else(|| {
                a.used_by_documents
                    .iter()
                    .map(|&d| self.site.documents[d].dato)
                    .min()
            });
        let title = text::attachment_title(self.site, ai);
        let mut f = match &a.page {
            Some((_, body)) => {
                let stem = a.name.trim_end_matches(".md");
                let page = PageFile {
                    url: &url,
                    anchor: "",
                    name: title,
                    file_name: format!("{stem}.html"),
                    role: "vedlegg",
                    date: date.unwrap_or_default(),
                    text: text::plain(&body.markdown),
                };
                let mut f = self.page_file(page, &a.src, &[]);
                f.date = date.map(|d| d.to_string());
                f
            }
            None => {
                let (size, sha) = self.measure(&url);
                let access = self.abs(&url);
                File {
                    id: self.file_id(&url),
                    r#type: type_uri("File"),
                    name: title,
                    file_name: a.name.rsplit('/').next().unwrap_or(&a.name).to_string(),
                    mime_type: text::mime_type(&a.name).into(),
                    date: date.map(|d| d.to_string()),
                    size,
                    sha512_checksum: sha,
                    text: None,
                    access_url: access.clone(),
                    download_url: Some(access),
                    meeting: Vec::new(),
                    paper: Vec::new(),
                    role: "vedlegg",
                    document_type: None,
                    valid_from: None,
                    valid_until: None,
                    adopted_in: None,
                    attachment: Vec::new(),
                    web: None,
                    draft: a.src.draft,
                    stamp: stamp(&a.src, &[], self.repo),
                }
            }
        };
        f.paper = public_cases.iter().map(|&c| self.paper_id(c)).collect();
        Ok(Some(value(&f)?))
    }

    /// A document outside meetings. `None` when exempt: not published at all.
    pub fn document(&self, di: DocumentIx) -> Result<Option<Value>, ApiError> {
        let d = &self.site.documents[di];
        let url = urls::document(&d.slug);
        match d.publication {
            Publication::Exempt => Ok(None),
            Publication::Tombstone { closed } => Ok(Some(self.deleted(
                self.file_id(&url),
                "File",
                Some(&d.src),
                closed,
            ))),
            Publication::Published { .. } => {
                let page = PageFile {
                    url: &url,
                    anchor: "",
                    name: d.tittel.clone(),
                    file_name: format!("{}.html", d.slug),
                    role: "dokument",
                    date: d.dato,
                    text: text::plain(&d.body.markdown),
                };
                let mut f = self.page_file(page, &d.src, &[]);
                f.document_type = Some(d.doktype.label().into());
                f.valid_from = d.gyldig_fra.map(|x| x.to_string());
                f.valid_until = d.gyldig_til.map(|x| x.to_string());
                f.adopted_in = d
                    .vedtatt_i
                    .filter(|&c| self.site.cases[c].unntatt.is_none())
                    .map(|c| self.paper_id(c));
                f.paper = f.adopted_in.iter().cloned().collect();
                f.attachment = d
                    .attachments
                    .iter()
                    .filter(|&&a| {
                        !matches!(self.site.attachments[a].publication, Publication::Exempt)
                    })
                    .map(|&a| {
                        let at = &self.site.attachments[a];
                        self.file_id(&urls::attachment(&at.owner, &at.name))
                    })
                    .collect();
                Ok(Some(value(&f)?))
            }
        }
    }
}

/// Bodies in site order, so related papers of one day sort the same way every build.
fn organ_order(site: &Site, ci: CaseIx) -> OrganIx {
    site.cases[ci].organ
}
