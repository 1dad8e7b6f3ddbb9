//! What a year's package holds (CONTENT.md §2, §4, §5): the meetings of that year of bodies with
//! `arkivverdig: true`, their cases and attachments, and the other documents dated that year.
//! Exempt cases and documents only when asked for.

use chrono::Datelike;
use motebok_domain::*;

pub(super) struct Selection {
    pub year: i32,
    pub organs: Vec<OrganSel>,
    /// Other documents of the year, by date and slug.
    pub documents: Vec<DocumentIx>,
    /// Exempt cases and documents of the year left out (no `--include-exempt`).
    pub exempt_left_out: usize,
    /// Bodies with meetings this year that are not worth archiving.
    pub not_archived: Vec<OrganIx>,
}

pub(super) struct OrganSel {
    pub organ: OrganIx,
    pub meetings: Vec<MeetingSel>,
}

pub(super) struct MeetingSel {
    pub meeting: MeetingIx,
    /// Its number among the body's meetings of the year, from 1.
    pub number: usize,
    pub cases: Vec<CaseIx>,
}

impl Selection {
    pub(super) fn new(site: &Site, year: i32, include_exempt: bool) -> Selection {
        let mut sel = Selection {
            year,
            organs: Vec::new(),
            documents: Vec::new(),
            exempt_left_out: 0,
            not_archived: Vec::new(),
        };
        for (oi, o) in site.organs.iter().enumerate() {
            let meetings: Vec<MeetingIx> = o
                .meetings
                .iter()
                .copied()
                .filter(|&m| site.meetings[m].date.year() == year)
                .collect();
            if meetings.is_empty() {
                continue;
            }
            if !o.arkivverdig {
                sel.not_archived.push(oi);
                continue;
            }
            let mut ms = Vec::new();
            for (i, &mi) in meetings.iter().enumerate() {
                let mut cases = Vec::new();
                for &ci in &site.meetings[mi].cases {
                    if site.cases[ci].unntatt.is_some() && !include_exempt {
                        sel.exempt_left_out += 1;
                    } else {
                        cases.push(ci);
                    }
                }
                ms.push(MeetingSel {
                    meeting: mi,
                    number: i + 1,
                    cases,
                });
            }
            sel.organs.push(OrganSel {
                organ: oi,
                meetings: ms,
            });
        }
        let mut docs: Vec<DocumentIx> = (0..site.documents.len())
            .filter(|&d| site.documents[d].dato.year() == year)
            .collect();
        docs.sort_by(|&a, &b| {
            let (a, b) = (&site.documents[a], &site.documents[b]);
            (a.dato, &a.slug).cmp(&(b.dato, &b.slug))
        });
        for d in docs {
            if site.documents[d].unntatt.is_some() && !include_exempt {
                sel.exempt_left_out += 1;
            } else {
                sel.documents.push(d);
            }
        }
        sel
    }

    pub(super) fn is_empty(&self) -> bool {
        self.organs.is_empty() && self.documents.is_empty()
    }

    pub(super) fn meetings(&self) -> impl Iterator<Item = &MeetingSel> {
        self.organs.iter().flat_map(|o| o.meetings.iter())
    }

    pub(super) fn has_meeting(&self, mi: MeetingIx) -> bool {
        self.meetings().any(|m| m.meeting == mi)
    }

    pub(super) fn has_case(&self, ci: CaseIx) -> bool {
        self.meetings().any(|m| m.cases.contains(&ci))
    }

    pub(super) fn has_document(&self, di: DocumentIx) -> bool {
        self.documents.contains(&di)
    }
}

/// A case's attachments: those it lists, in order, then those its text links to, by name.
pub(super) fn case_attachments(site: &Site, ci: CaseIx) -> Vec<AttachmentIx> {
    let c = &site.cases[ci];
    let mut out: Vec<AttachmentIx> = Vec::new();
    for v in &c.vedlegg {
        if !out.contains(&v.attachment) {
            out.push(v.attachment);
        }
    }
    let mut linked: Vec<AttachmentIx> = (0..site.attachments.len())
        .filter(|a| !out.contains(a) && site.attachments[*a].used_by_cases.contains(&ci))
        .collect();
    linked.sort_by(|&a, &b| site.attachments[a].name.cmp(&site.attachments[b].name));
    out.extend(linked);
    out
}

/// A document's attachments, in the order its text links to them.
pub(super) fn document_attachments(site: &Site, di: DocumentIx) -> Vec<AttachmentIx> {
    let mut out: Vec<AttachmentIx> = Vec::new();
    for &a in &site.documents[di].attachments {
        if !out.contains(&a) {
            out.push(a);
        }
    }
    out
}

/// Where a repository file lies in the uttrekk: `content/ssu/...` → `DOKUMENT/ssu/...`.
pub(super) fn package_path(repo_path: &str) -> String {
    format!(
        "DOKUMENT/{}",
        repo_path.strip_prefix("content/").unwrap_or(repo_path)
    )
}

/// The PDF/A typeset from a Markdown file, beside it: `x.md` → `x.pdf`.
pub(super) fn pdf_path(repo_path: &str) -> String {
    let p = package_path(repo_path);
    match p.strip_suffix(".md") {
        Some(stem) => format!("{stem}.pdf"),
        None => format!("{p}.pdf"),
    }
}
