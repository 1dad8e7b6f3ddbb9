//! The documents of the package as Papers, typeset by `motebok-papers` into PDF/A-2a (and
//! PDF/UA-1): the summons with its agenda, the minutes, each case paper, each Markdown
//! attachment and each other document. Assembled here from the archive's own selection (what is
//! in the package, exempt material only with `--include-exempt`), not from the website's views:
//! a link to another document of the package is a relative link to its PDF, a link to anything
//! else of the site keeps its text only, and a link to the web stays. The Markdown becomes
//! blocks through the papers' converter (`motebok_render::papers::markdown`).

use super::docs::{
    attachment_title, case_label, meeting_title, public_title, publication_text, types, Ctx,
};
use super::html::relative;
use super::ids::Stamp;
use super::select;
use motebok_builder::source::SourceError;
use motebok_domain::*;
use motebok_papers::{Block, Fact, Inline, Paper, PaperKind, Section};
use motebok_parser::LinkTo;
use motebok_render::papers::markdown::{self as markdown, Links};
use motebok_site::dates;
use std::sync::Arc;

/// The PRONOM id of what `typeset` makes: PDF/A-2a.
pub(super) const PDFA_2A: &str = "fmt/476";

fn text(s: impl Into<String>) -> Vec<Inline> {
    vec![Inline::Text(s.into())]
}

fn facts(rows: &[(&str, Option<String>)]) -> Vec<Fact> {
    rows.iter()
        .filter_map(|(k, v)| {
            let v = v.as_deref().filter(|v| !v.is_empty())?;
            Some(Fact {
                label: k.to_string(),
                value: text(v),
            })
        })
        .collect()
}

/// What an exempt case or document says in place of its type: why it is exempt.
fn exempt(u: &Exemption) -> String {
    format!("Unntatt offentlighet, {}", u.skjermingshjemmel)
}

fn section(heading: impl Into<String>, blocks: Vec<Block>) -> Section {
    Section {
        heading: heading.into(),
        outline: true,
        new_page: false,
        blocks,
    }
}

fn numbered(items: &[String]) -> Block {
    Block::List {
        ordered: true,
        start: 1,
        items: items
            .iter()
            .map(|i| vec![Block::Paragraph(text(i.clone()))])
            .collect(),
    }
}

fn bullets(items: Vec<String>) -> Block {
    Block::List {
        ordered: false,
        start: 1,
        items: items
            .into_iter()
            .map(|i| vec![Block::Paragraph(text(i))])
            .collect(),
    }
}

impl Ctx<'_> {
    /// A paper of `head` (kind, title, running header) about the source `about` (its path, its
    /// publication, the export's today), closed by a section on where it comes from.
    fn paper(
        &self,
        (kind, title, header): (PaperKind, String, String),
        made: &Stamp,
        facts: Vec<Fact>,
        mut sections: Vec<Section>,
        (src, p, today): (&str, Publication, chrono::NaiveDate),
    ) -> Paper {
        sections.push(Section {
            heading: "Om dokumentet".into(),
            outline: false,
            new_page: false,
            blocks: vec![
                Block::Paragraph(text(format!(
                    "Arkivkopi fra {} laget av motebok. Kilde: {src}.",
                    self.org
                ))),
                Block::Paragraph(text(publication_text(p, today))),
            ],
        });
        Paper {
            kind,
            title,
            lang: "nb".into(),
            organisation: self.org.to_string(),
            running_header: header,
            draft: None,
            made: made.at.naive_utc(),
            facts,
            sections,
        }
    }

    /// The text of `body`, of the file at `src`, through the store.
    fn text(&self, body: &Body, src: &str) -> Result<Arc<str>, SourceError> {
        self.bodies.text(src, body)
    }

    /// Markdown of the repository file `src` as blocks in the package file `current`.
    fn blocks(&self, md: &str, src: &str, current: &str) -> Vec<Block> {
        // Each link goes to the package file of the item the domain resolved it to
        // (`Site::links`), if the package holds it.
        let resolve = |target: &str| -> Option<LinkTo> {
            let frag = target.split_once('#').map_or("", |(_, f)| f);
            let item = self.site.links.get(src, target)?.item()?;
            let to = self.links.get(self.site.path_of(item))?;
            let rel = relative(current, to);
            Some(LinkTo {
                url: if frag.is_empty() {
                    rel
                } else {
                    format!("{rel}#{frag}")
                },
                note: None,
            })
        };
        let no_image = |_: &str| -> Option<Vec<u8>> { None };
        markdown::blocks(
            md,
            2,
            &Links {
                resolve: &resolve,
                image: &no_image,
            },
        )
    }

    /// A paper of meeting `m` (its summons or its minutes): `what: <meeting>`, with the
    /// meeting's facts; only the summons says when it starts.
    fn meeting_paper(
        &self,
        (kind, what): (PaperKind, &str),
        m: &Meeting,
        made: &Stamp,
        sections: Vec<Section>,
        today: chrono::NaiveDate,
    ) -> Paper {
        let o = &self.site.organs[m.organ];
        let time = m.tid.clone().filter(|_| kind == PaperKind::Summons);
        self.paper(
            (
                kind,
                format!("{what}: {}", meeting_title(self.site, m)),
                format!("{} · {}", o.navn, dates::long(m.date)),
            ),
            made,
            facts(&[
                ("Organ", Some(o.navn.clone())),
                ("Dato", Some(dates::with_weekday(m.date))),
                ("Tid", time),
                ("Sted", m.sted.clone()),
                ("Møteleder", m.moteleder.clone()),
                ("Referent", m.referent.clone()),
            ]),
            sections,
            (&m.src.path, m.publication, today),
        )
    }

    fn case_text(&self, ci: CaseIx) -> String {
        format!(
            "{} {}",
            case_label(self.site, ci),
            public_title(&self.site.cases[ci])
        )
    }

    pub(super) fn summons_paper(
        &self,
        mi: MeetingIx,
        made: &Stamp,
        today: chrono::NaiveDate,
    ) -> Result<Paper, SourceError> {
        let m = &self.site.meetings[mi];
        let here = super::docs::summons_path(m);
        let mut intro = Vec::new();
        if m.avlyst {
            intro.push(Block::Paragraph(vec![Inline::Strong(text(
                "Møtet er avlyst.",
            ))]));
        }
        intro.extend(self.blocks(&self.text(&m.body, &m.src.path)?, &m.src.path, &here));
        let rows = m
            .cases
            .iter()
            .map(|&ci| {
                let c = &self.site.cases[ci];
                let (types, who) = match &c.unntatt {
                    Some(u) => (exempt(u), None),
                    None => (types(c), c.ansvarlig.clone()),
                };
                vec![
                    text(c.number.to_string()),
                    text(public_title(c)),
                    text(types),
                    text(who.unwrap_or_default()),
                ]
            })
            .collect();
        let agenda = Block::Table {
            columns: vec![motebok_papers::Align::Start; 4],
            header: vec![
                text("Sak"),
                text("Tittel"),
                text("Sakstype"),
                text("Ansvarlig"),
            ],
            rows,
        };
        let mut sections = Vec::new();
        if !intro.is_empty() {
            sections.push(section("Innkalling", intro));
        }
        sections.push(section("Saksliste", vec![agenda]));
        Ok(self.meeting_paper((PaperKind::Summons, "Innkalling"), m, made, sections, today))
    }

    pub(super) fn minutes_paper(
        &self,
        mi: MeetingIx,
        made: &Stamp,
        today: chrono::NaiveDate,
    ) -> Result<Paper, SourceError> {
        let m = &self.site.meetings[mi];
        let here = super::docs::minutes_path(m);
        let mut sections = Vec::new();
        if !m.minutes_approved_by.is_empty() {
            let by: Vec<String> = m
                .minutes_approved_by
                .iter()
                .map(|&c| self.case_text(c))
                .collect();
            sections.push(section(
                "Godkjenning",
                vec![Block::Paragraph(text(format!(
                    "Protokollen er godkjent i {}.",
                    by.join(", ")
                )))],
            ));
        }
        for &ci in &m.cases {
            let c = &self.site.cases[ci];
            let mut b = Vec::new();
            if let Some(u) = &c.unntatt {
                b.push(Block::Paragraph(text(format!(
                    "Unntatt offentlighet ({}).",
                    u.skjermingshjemmel
                ))));
            } else {
                match &c.vedtak {
                    Some(v) => {
                        b.push(Block::Heading {
                            level: 2,
                            content: text("Vedtak"),
                        });
                        b.push(numbered(v));
                    }
                    None => b.push(Block::Paragraph(text("Ikke behandlet."))),
                }
                if let Some(r) = &c.referat {
                    b.push(Block::Heading {
                        level: 2,
                        content: text("Referat"),
                    });
                    let mut r = self.blocks(r, &c.src.path, &here);
                    shift(&mut r);
                    b.extend(r);
                }
            }
            sections.push(section(format!("Sak {} {}", c.number, public_title(c)), b));
        }
        Ok(self.meeting_paper((PaperKind::Minutes, "Protokoll"), m, made, sections, today))
    }

    pub(super) fn case_paper(
        &self,
        ci: CaseIx,
        made: &Stamp,
        today: chrono::NaiveDate,
    ) -> Result<Paper, SourceError> {
        let c = &self.site.cases[ci];
        let o = &self.site.organs[c.organ];
        let m = &self.site.meetings[c.meeting];
        let here = select::pdf_path(&c.src.path);
        let status = if c.vedtak.is_some() {
            "Behandlet"
        } else if m.avlyst {
            "Møtet er avlyst"
        } else {
            "Ikke behandlet"
        };
        let mut sections = vec![section(
            "Saksframlegg",
            self.blocks(&self.text(&c.body, &c.src.path)?, &c.src.path, &here),
        )];
        if !c.forslag.is_empty() {
            sections.push(section("Forslag til vedtak", vec![numbered(&c.forslag)]));
        }
        if let Some(v) = &c.vedtak {
            sections.push(section("Vedtak", vec![numbered(v)]));
        }
        if let Some(r) = &c.referat {
            sections.push(section("Referat", self.blocks(r, &c.src.path, &here)));
        }
        let atts: Vec<String> = select::case_attachments(self.site, ci)
            .into_iter()
            .map(|a| attachment_title(self.site, a, Some(ci)))
            .collect();
        let refs =
            |list: &[CaseIx]| -> Vec<String> { list.iter().map(|&x| self.case_text(x)).collect() };
        let minutes: Vec<String> = c
            .approves_minutes
            .iter()
            .map(|&mi| {
                format!(
                    "Protokoll: {}",
                    meeting_title(self.site, &self.site.meetings[mi])
                )
            })
            .collect();
        let adopted: Vec<String> = c
            .adopted
            .iter()
            .filter(|&&d| self.site.documents[d].unntatt.is_none() || self.sel.has_document(d))
            .map(|&d| self.site.documents[d].tittel.clone())
            .collect();
        for (h, items) in [
            ("Vedlegg", atts),
            ("Følger opp", refs(&c.follows_up)),
            ("Fulgt opp i", refs(&c.followed_by)),
            ("Godkjenner protokoll", minutes),
            ("Vedtatte dokumenter", adopted),
        ] {
            if !items.is_empty() {
                sections.push(section(h, vec![bullets(items)]));
            }
        }
        Ok(self.paper(
            (
                PaperKind::CasePaper,
                format!("{} {}", case_label(self.site, ci), c.tittel),
                format!("{} · {}", o.navn, case_label(self.site, ci)),
            ),
            made,
            facts(&[
                ("Organ", Some(o.navn.clone())),
                ("Møte", Some(meeting_title(self.site, m))),
                ("Sakstype", Some(types(c))),
                ("Ansvarlig", c.ansvarlig.clone()),
                ("Status", Some(status.into())),
                ("Skjerming", c.unntatt.as_ref().map(exempt)),
            ]),
            sections,
            (&c.src.path, c.publication, today),
        ))
    }

    pub(super) fn attachment_paper(
        &self,
        ai: AttachmentIx,
        case: Option<CaseIx>,
        made: &Stamp,
        today: chrono::NaiveDate,
    ) -> Result<Paper, SourceError> {
        let a = &self.site.attachments[ai];
        let here = select::pdf_path(&a.src.path);
        let mut uses: Vec<String> = a
            .used_by_cases
            .iter()
            .filter(|&&c| self.sel.has_case(c))
            .map(|&c| self.case_text(c))
            .collect();
        uses.extend(
            a.used_by_documents
                .iter()
                .filter(|&&d| self.sel.has_document(d))
                .map(|&d| self.site.documents[d].tittel.clone()),
        );
        let body = match &a.page {
            Some((_, body)) => self.blocks(&self.text(body, &a.src.path)?, &a.src.path, &here),
            None => Vec::new(),
        };
        let title = attachment_title(self.site, ai, case);
        Ok(self.paper(
            (PaperKind::Document, title.clone(), title),
            made,
            facts(&[("Vedlegg til", Some(uses.join(", ")))]),
            vec![section("Vedlegget", body)],
            (&a.src.path, a.publication, today),
        ))
    }

    pub(super) fn document_paper(
        &self,
        di: DocumentIx,
        made: &Stamp,
        today: chrono::NaiveDate,
    ) -> Result<Paper, SourceError> {
        let d = &self.site.documents[di];
        let here = select::pdf_path(&d.src.path);
        let mut sections = vec![section(
            "Dokumentet",
            self.blocks(&self.text(&d.body, &d.src.path)?, &d.src.path, &here),
        )];
        let atts: Vec<String> = select::document_attachments(self.site, di)
            .into_iter()
            .map(|a| attachment_title(self.site, a, None))
            .collect();
        if !atts.is_empty() {
            sections.push(section("Vedlegg", vec![bullets(atts)]));
        }
        Ok(self.paper(
            (PaperKind::Document, d.tittel.clone(), d.tittel.clone()),
            made,
            facts(&[
                ("Dokumenttype", Some(d.doktype.label().to_string())),
                ("Dato", Some(dates::long(d.dato))),
                ("Gyldig fra", d.gyldig_fra.map(dates::long)),
                ("Gyldig til", d.gyldig_til.map(dates::long)),
                ("Vedtatt i", d.vedtatt_i.map(|c| self.case_text(c))),
                ("Skjerming", d.unntatt.as_ref().map(exempt)),
            ]),
            sections,
            (&d.src.path, d.publication, today),
        ))
    }
}

/// Headings of a minutes' referat one level down, below the case's "Referat" (level 2).
fn shift(blocks: &mut [Block]) {
    for b in blocks {
        if let Block::Heading { level, .. } = b {
            *level = (*level + 1).min(6);
        }
    }
}

/// Typesets a paper; a failure is a bug of the typesetter, never the content's fault.
pub(super) fn typeset(p: &Paper) -> Result<Vec<u8>, super::ArchiveError> {
    motebok_papers::typeset(p).map_err(|e| super::ArchiveError::Typeset(e.to_string()))
}
