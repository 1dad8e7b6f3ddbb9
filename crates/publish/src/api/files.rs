//! File objects: the pages of the site (summons, minutes, case papers, Markdown attachments,
//! documents) and the attachments copied as they are. A File carries the size and SHA-512 of
//! what its `accessUrl` serves, and the plain text of the Markdown behind it.

use super::error::ApiError;
use super::make::{value, Maker};
use super::objects::{type_uri, File};
use super::text;
use chrono::NaiveDate;
use motebok_domain::{AttachmentIx, CaseIx, DocumentIx, MeetingIx, Publication, Source};
use motebok_site::urls;
use serde_json::Value;

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

impl Maker<'_> {
    /// Size and SHA-512 of an output file, when it is in the output.
    fn measure(&self, out_path: &str) -> (Option<u64>, Option<String>) {
        match self.facts.get(out_path) {
            Some(f) => (Some(f.size), Some(f.sha512.clone())),
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
            stamp: self.stamp(own, parts),
        }
    }

    /// A meeting's summons or minutes File describes its PDF (the builder's `papers`), read on the
    /// meeting page; its id stays the one it had when it described the page's part.
    fn as_paper(&self, f: &mut File, mi: MeetingIx, which: motebok_site::paper_files::Which) {
        let path = motebok_site::paper_files::path(self.site, mi, which);
        let (size, sha) = self.measure(&path);
        let m = &self.site.meetings[mi];
        f.mime_type = "application/pdf".into();
        f.size = size;
        f.sha512_checksum = sha;
        f.access_url = self.abs(&path);
        f.download_url = Some(self.abs(&path));
        f.web = Some(self.abs(&urls::meeting(&self.site.organs[m.organ].id, m.date)));
        f.meeting = vec![self.meeting_id(mi)];
    }

    /// The summons packet: `innkalling.pdf`.
    pub(crate) fn invitation(&self, mi: MeetingIx) -> Result<Value, ApiError> {
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
            file_name: format!("innkalling-{organ}-{}.pdf", m.date),
            role: "innkalling",
            date: m.date,
            text: text::invitation(self.v, mi)?,
        };
        let mut f = self.page_file(page, &m.src, &self.public_sources(mi));
        self.as_paper(&mut f, mi, motebok_site::paper_files::Which::Summons);
        value(&f)
    }

    /// The minutes, once a case has a decision: `protokoll.pdf`.
    pub(crate) fn protocol(&self, mi: MeetingIx) -> Result<Option<Value>, ApiError> {
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
            file_name: format!("protokoll-{organ}-{}.pdf", m.date),
            role: "referat",
            date: m.date,
            text: text::protocol(self.v, mi),
        };
        let mut f = self.page_file(page, &m.src, &self.public_sources(mi));
        self.as_paper(&mut f, mi, motebok_site::paper_files::Which::Minutes);
        Ok(Some(value(&f)?))
    }

    /// The case paper (saksfremlegg) itself: the case page.
    pub(crate) fn case_file(&self, ci: CaseIx) -> Result<Option<Value>, ApiError> {
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
                    text: text::plain(&self.v.body(&c.body, &c.src.path)?),
                };
                let mut f = self.page_file(page, &c.src, &[]);
                f.paper = vec![self.paper_id(ci)];
                Ok(Some(value(&f)?))
            }
        }
    }

    /// An attachment, Markdown (its page) or copied as is. `None` when exempt: never published.
    pub(crate) fn attachment(&self, ai: AttachmentIx) -> Result<Option<Value>, ApiError> {
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
                    text: text::plain(&self.v.body(body, &a.src.path)?),
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
                    mime_type: motebok_site::mime::of(&a.name).into(),
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
                    stamp: self.stamp(&a.src, &[]),
                }
            }
        };
        f.paper = public_cases.iter().map(|&c| self.paper_id(c)).collect();
        Ok(Some(value(&f)?))
    }

    /// A document outside meetings. `None` when exempt: not published at all.
    pub(crate) fn document(&self, di: DocumentIx) -> Result<Option<Value>, ApiError> {
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
                    text: text::plain(&self.v.body(&d.body, &d.src.path)?),
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
