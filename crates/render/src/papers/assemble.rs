//! What each paper of a meeting says, from the same views and resolved links as its page:
//! the summons packet, the minutes and the tombstone left when the window closes.

use super::markdown::{self, Links};
use chrono::{NaiveDateTime, NaiveTime};
use motebok_domain::{Body, Case, CaseIx, Meeting, MeetingIx, Publication, Source};
use motebok_papers::{Align, Block, Fact, Inline, Paper, PaperKind, Section};
use motebok_site::dates;
use motebok_site::paper_files::Which;
use motebok_site::urls;
use motebok_site::views::{AgendaRow, Unread, Views};
use std::sync::Arc;

/// The draft mark of a preview, as the page's banner says it.
pub(super) const DRAFT_MARK: &str = "UTKAST – ikke godkjent";

pub(super) fn text(s: impl Into<String>) -> Vec<Inline> {
    vec![Inline::Text(s.into())]
}

pub(super) fn fact(label: &str, value: impl Into<String>) -> Fact {
    Fact {
        label: label.into(),
        value: text(value),
    }
}

fn heading(level: u8, s: impl Into<String>) -> Block {
    Block::Heading {
        level,
        content: text(s),
    }
}

/// The latest approval among `sources` (a preview's draft has none): the paper's date, never the clock.
fn made(sources: &[&Source], fallback: chrono::NaiveDate) -> NaiveDateTime {
    sources
        .iter()
        .filter_map(|s| s.trail.as_ref()?.changed())
        .map(|e| e.time)
        .max()
        .map(|t| t.naive_utc())
        .unwrap_or_else(|| fallback.and_time(NaiveTime::MIN))
}

/// The images a paper can show (the typesetter takes PNG, JPEG and SVG).
pub fn is_image(path: &str) -> bool {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    matches!(ext.as_deref(), Some("png" | "jpg" | "jpeg" | "svg"))
}

/// The views of a site, and the bytes of its files (for the images a body shows).
pub struct Assembler<'a> {
    /// The site's views, as the pages see them.
    pub v: &'a Views<'a>,
    /// The bytes of a file of the repository (the images a body shows), if it has them.
    pub bytes: &'a (dyn Fn(&str) -> Option<Vec<u8>> + Sync),
}

impl<'a> std::ops::Deref for Assembler<'a> {
    type Target = Views<'a>;
    fn deref(&self) -> &Views<'a> {
        self.v
    }
}

impl Assembler<'_> {
    /// Meeting `mi`'s paper `which`, or `None` when the meeting has no such paper; a read of
    /// a body that failed is the error.
    pub fn paper(&self, mi: MeetingIx, which: Which) -> Result<Option<Paper>, Unread> {
        let m = &self.site.meetings[mi];
        Ok(match (m.publication, which) {
            (Publication::Tombstone { .. }, w) => self.tombstone_paper(mi, w.name()),
            (Publication::Published { .. }, Which::Summons) => Some(self.summons_paper(mi)?),
            (Publication::Published { .. }, Which::Minutes) => self.minutes_paper(mi)?,
            (Publication::Exempt, _) => None,
        })
    }

    /// The base URL before a site path: links in a paper are absolute.
    pub(super) fn abs(&self, path: String) -> String {
        format!("{}{}", self.cfg.base(), urls::iri(&path))
    }

    /// What a meeting's papers show of it and what they are made from: the meeting and its
    /// public cases (as its page), and those cases' published attachments.
    fn paper_sources(&self, mi: MeetingIx) -> Vec<&Source> {
        let m = &self.site.meetings[mi];
        let mut sources = vec![&m.src];
        for c in public_cases(self, m) {
            sources.push(&c.src);
            for v in &c.vedlegg {
                let a = &self.site.attachments[v.attachment];
                if a.publication.is_published() {
                    sources.push(&a.src);
                }
            }
        }
        sources
    }

    fn paper_blocks(&self, body: &Body, src_path: &str, level: u8) -> Result<Vec<Block>, Unread> {
        Ok(self.md_blocks(&self.body(body, src_path)?, src_path, level))
    }

    fn md_blocks(&self, md: &str, src_path: &str, level: u8) -> Vec<Block> {
        let base = self.cfg.base();
        let resolve = self.link_resolver(src_path, &base);
        let image = |target: &str| -> Option<Vec<u8>> {
            let path = self.linked_file(src_path, target)?;
            is_image(&path).then(|| (self.bytes)(&path)).flatten()
        };
        markdown::blocks(
            md,
            level,
            &Links {
                resolve: &resolve,
                image: &image,
            },
        )
    }

    fn paper_frame(&self, mi: MeetingIx, kind: PaperKind, what: &str) -> Paper {
        let m = &self.site.meetings[mi];
        let o = &self.site.organs[m.organ];
        let sources = self.paper_sources(mi);
        let mut facts = vec![
            fact("Utvalg", o.navn.clone()),
            fact("Dato", dates::with_weekday(m.date)),
        ];
        for (label, v) in [
            ("Tid", &m.tid),
            ("Sted", &m.sted),
            ("Møteleder", &m.moteleder),
            ("Referent", &m.referent),
        ] {
            if let Some(v) = v {
                facts.push(fact(label, v.clone()));
            }
        }
        if m.avlyst {
            facts.push(fact("Status", "Møtet er avlyst"));
        }
        Paper {
            kind,
            title: format!("{what} – {} {}", o.navn, dates::long(m.date)),
            lang: self.cfg.language.clone(),
            organisation: self.cfg.publisher().to_string(),
            running_header: format!("{} · {}", o.navn, dates::long(m.date)),
            draft: sources
                .iter()
                .any(|s| s.draft)
                .then(|| DRAFT_MARK.to_string()),
            made: made(&sources, m.date),
            facts,
            sections: Vec::new(),
        }
    }

    /// The summons packet: the meeting's facts, its text and agenda, then every public case
    /// paper in agenda order; an exempt case is its agenda line only, as on the page.
    pub(super) fn summons_paper(&self, mi: MeetingIx) -> Result<Paper, Unread> {
        let m = &self.site.meetings[mi];
        let mut paper = self.paper_frame(mi, PaperKind::Summons, "Innkalling");
        let mut blocks = self.paper_blocks(&m.body, &m.src.path, 2)?;
        let rows = self.meeting(mi)?.agenda;
        if rows.is_empty() {
            blocks.push(Block::Paragraph(text("Sakslisten er ikke klar ennå.")));
        } else {
            blocks.push(Block::Table {
                columns: vec![Align::Start; 5],
                header: ["Saksnr.", "Sak", "Sakstype", "Ansvarlig", "Vedlegg"]
                    .into_iter()
                    .map(text)
                    .collect(),
                rows: rows.iter().map(|r| self.agenda_row(r)).collect(),
            });
        }
        paper.sections.push(Section {
            heading: "Saksliste".into(),
            outline: true,
            new_page: false,
            blocks,
        });
        for &ci in &m.cases {
            if self.site.cases[ci].unntatt.is_none() {
                paper.sections.push(self.case_paper(ci)?);
            }
        }
        Ok(paper)
    }

    fn agenda_row(&self, r: &AgendaRow) -> Vec<Vec<Inline>> {
        let mut title = match &r.href {
            Some(href) => vec![Inline::Link {
                url: self.abs(href.clone()),
                content: text(r.title.clone()),
            }],
            None => text(r.title.clone()),
        };
        if let Some(basis) = &r.exempt {
            title.push(Inline::Text(format!(" (unntatt offentlighet, {basis})")));
        }
        let mut attachments = Vec::new();
        for (i, a) in r.attachments.iter().enumerate() {
            if i > 0 {
                attachments.push(Inline::Break);
            }
            attachments.push(Inline::Link {
                url: self.abs(a.href.clone()),
                content: text(a.title.clone()),
            });
            if a.kind != "side" {
                attachments.push(Inline::Text(format!(" ({})", a.kind)));
            }
        }
        vec![
            text(r.number.clone()),
            title,
            text(r.types.clone()),
            text(r.ansvarlig.clone().unwrap_or_default()),
            attachments,
        ]
    }

    /// One case paper (saksfremlegg): its facts, the proposal, its text, then its attachments
    /// (a Markdown attachment in full, others as links).
    fn case_paper(&self, ci: CaseIx) -> Result<Section, Unread> {
        let c = &self.site.cases[ci];
        let view = self.case(ci)?;
        let mut facts = vec![fact("Sakstype", view.types.clone())];
        if let Some(a) = &view.ansvarlig {
            facts.push(fact("Ansvarlig", a.clone()));
        }
        let mut blocks = vec![Block::Facts(facts)];
        if !c.forslag.is_empty() {
            blocks.push(heading(2, "Forslag til vedtak"));
            blocks.push(numbered(&c.forslag));
        }
        blocks.extend(self.paper_blocks(&c.body, &c.src.path, 2)?);
        let copied: Vec<Vec<Block>> = view
            .attachments
            .iter()
            .filter(|a| a.kind != "side")
            .map(|a| {
                vec![Block::Paragraph(vec![
                    Inline::Link {
                        url: self.abs(a.href.clone()),
                        content: text(a.title.clone()),
                    },
                    Inline::Text(format!(" ({})", a.kind)),
                ])]
            })
            .collect();
        if !copied.is_empty() {
            blocks.push(heading(2, "Vedlegg"));
            blocks.push(Block::List {
                ordered: false,
                start: 1,
                items: copied,
            });
        }
        for v in &c.vedlegg {
            let a = &self.site.attachments[v.attachment];
            if let (true, Some((own_title, body))) = (a.publication.is_published(), &a.page) {
                let title = own_title.clone().unwrap_or_else(|| v.tittel.clone());
                blocks.push(heading(2, format!("Vedlegg: {title}")));
                blocks.extend(self.paper_blocks(body, &a.src.path, 3)?);
            }
        }
        Ok(Section {
            heading: format!("Sak {} {}", c.number, c.tittel),
            outline: true,
            new_page: true,
            blocks,
        })
    }

    /// The minutes, once a case has a decision: the approval status as the page says it, then
    /// each case with its minutes text and decision; an exempt case says only that it is exempt.
    pub(super) fn minutes_paper(&self, mi: MeetingIx) -> Result<Option<Paper>, Unread> {
        let Some(minutes) = self.meeting(mi)?.minutes else {
            return Ok(None);
        };
        let m = &self.site.meetings[mi];
        let mut paper = self.paper_frame(mi, PaperKind::Minutes, "Protokoll");
        let status = if minutes.approved_by.is_empty() {
            "ikke godkjent ennå".to_string()
        } else {
            let each: Vec<String> = minutes
                .approved_by
                .iter()
                .map(|c| format!("sak {} i møtet {}", c.label, c.meeting_date.text))
                .collect();
            format!("godkjent i {}", each.join(" og "))
        };
        paper.facts.push(fact("Protokollen", status));
        for (item, &ci) in minutes.items.iter().zip(&m.cases) {
            let c = &self.site.cases[ci];
            let mut blocks = Vec::new();
            if item.exempt {
                blocks.push(Block::Paragraph(text("Saken er unntatt offentlighet.")));
            } else {
                if let Some(r) = &c.referat {
                    blocks.extend(self.md_blocks(r, &c.src.path, 2));
                }
                if item.vedtak.is_empty() {
                    blocks.push(Block::Paragraph(text("Ingen konklusjon registrert.")));
                } else {
                    blocks.push(heading(2, "Konklusjon"));
                    blocks.push(numbered(&item.vedtak));
                }
            }
            paper.sections.push(Section {
                heading: format!("Sak {} {}", item.number, item.title),
                outline: true,
                new_page: false,
                blocks,
            });
        }
        Ok(Some(paper))
    }

    /// The one page left at a paper's URL once the meeting's window has closed: what it was,
    /// its dates, and where to ask the archive, as the meeting's tombstone page says it.
    pub(super) fn tombstone_paper(&self, mi: MeetingIx, what: &str) -> Option<Paper> {
        let m = &self.site.meetings[mi];
        let Publication::Tombstone { closed } = m.publication else {
            return None;
        };
        let o = &self.site.organs[m.organ];
        let t = self.tombstone(
            self.meeting_title(m),
            "Møte",
            None,
            Some(m.date),
            &m.src,
            closed,
        );
        let mut facts = vec![fact("Møtedato", dates::long(m.date))];
        if let Some(p) = &t.published {
            facts.push(fact("Publisert", p.text.clone()));
        }
        let notice = if t.never_published {
            facts.push(fact("Ikke publisert", t.unpublished.text.clone()));
            format!("Dokumentet har aldri vært publisert på nettstedet: publiseringsperioden var over {}, før dokumentet ble godkjent.", t.unpublished.text)
        } else {
            facts.push(fact("Avpublisert", t.unpublished.text.clone()));
            format!(
                "Dokumentet ble avpublisert {}, da publiseringsperioden var over.",
                t.unpublished.text
            )
        };
        let ask = if t.archived {
            "Dokumentet er arkivert og kan bestilles fra arkivet: ".to_string()
        } else {
            format!(
                "{} arkiverer ikke disse dokumentene; spørsmål kan rettes til: ",
                t.not_archived_by
            )
        };
        let contact = &t.archive_contact;
        Some(Paper {
            kind: motebok_papers::PaperKind::Tombstone,
            title: format!("{what} – {} {} (avpublisert)", o.navn, dates::long(m.date)),
            lang: self.cfg.language.clone(),
            organisation: self.cfg.publisher().to_string(),
            running_header: format!("{} · {}", o.navn, dates::long(m.date)),
            draft: None,
            made: closed.and_time(NaiveTime::MIN),
            facts,
            sections: vec![Section {
                heading: "Avpublisert".into(),
                outline: false,
                new_page: false,
                blocks: vec![
                    Block::Paragraph(text(notice)),
                    Block::Paragraph(vec![
                        Inline::Text(ask),
                        Inline::Link {
                            url: format!("mailto:{contact}"),
                            content: text(contact.clone()),
                        },
                        Inline::Text(". Les om hva som publiseres, og hvor lenge: ".into()),
                        Inline::Link {
                            url: self.abs(urls::PUBLISHING.to_string()),
                            content: text(self.abs(urls::PUBLISHING.to_string())),
                        },
                    ]),
                ],
            }],
        })
    }
}

/// The Markdown a meeting's papers read, with the file each is in (for its links). Every
/// body is read before an error is returned, so the store has recorded each that failed.
pub fn paper_texts<'v>(v: &'v Views, mi: MeetingIx) -> Result<Vec<(&'v str, Arc<str>)>, Unread> {
    let m = &v.site.meetings[mi];
    let mut bodies = vec![(m.src.path.as_str(), &m.body)];
    let mut out = Vec::new();
    for c in public_cases(v, m) {
        bodies.push((&c.src.path, &c.body));
        if let Some(r) = &c.referat {
            out.push((c.src.path.as_str(), Arc::from(r.as_str())));
        }
        for a in &c.vedlegg {
            let a = &v.site.attachments[a.attachment];
            if let (true, Some((_, body))) = (a.publication.is_published(), &a.page) {
                bodies.push((&a.src.path, body));
            }
        }
    }
    let mut failed = None;
    for (path, body) in bodies {
        match v.body(body, path) {
            Ok(text) => out.push((path, text)),
            Err(e) => failed = failed.or(Some(e)),
        }
    }
    failed.map_or(Ok(out), Err)
}

/// A meeting's cases that are not exempt, in its order.
fn public_cases<'m>(v: &'m Views, m: &'m Meeting) -> impl Iterator<Item = &'m Case> + 'm {
    m.cases
        .iter()
        .map(|&ci| &v.site.cases[ci])
        .filter(|c| c.unntatt.is_none())
}

fn numbered(points: &[String]) -> Block {
    Block::List {
        ordered: true,
        start: 1,
        items: points
            .iter()
            .map(|p| vec![Block::Paragraph(text(p.clone()))])
            .collect(),
    }
}
