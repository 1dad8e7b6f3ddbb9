//! The documents of the package as readers saw them: the summons with its agenda, the minutes,
//! each case paper, each Markdown attachment and each other document, as self-contained HTML.

use super::html::{self, esc, Links};
use super::select::{self, Selection};
use crate::dates;
use motebok_domain::*;

/// What every page needs to know of the package.
pub(super) struct Ctx<'a> {
    pub site: &'a Site,
    pub sel: &'a Selection,
    pub links: &'a Links,
    pub org: &'a str,
}

/// Package paths of a meeting's generated pages.
impl Ctx<'_> {
    /// Markdown of the repository file `src` inside the package file `current`: each link
    /// goes to the package file of the item the domain resolved it to (`Site::links`), if the
    /// package holds it.
    fn markdown(&self, md: &str, src: &str, current: &str) -> String {
        let to = |link: &str| {
            let item = self.site.links.get(src, link)?.item()?;
            self.links.get(self.site.path_of(item)).cloned()
        };
        html::markdown(md, current, &to)
    }
}

pub(super) fn summons_path(m: &Meeting) -> String {
    meeting_dir(m) + "innkalling.html"
}
pub(super) fn minutes_path(m: &Meeting) -> String {
    meeting_dir(m) + "protokoll.html"
}
fn meeting_dir(m: &Meeting) -> String {
    let p = select::package_path(&m.src.path);
    p.rsplit_once('/')
        .map_or(String::new(), |(d, _)| format!("{d}/"))
}

pub(super) fn meeting_title(site: &Site, m: &Meeting) -> String {
    format!(
        "Møte i {} {}",
        site.organs[m.organ].kortnavn,
        dates::long(m.date)
    )
}

/// `SSU 2025.16`
pub(super) fn case_label(site: &Site, ci: CaseIx) -> String {
    let c = &site.cases[ci];
    format!("{} {}", site.organs[c.organ].kortnavn, c.number)
}

/// The title a case may show: its own, or its public title when exempt.
pub(super) fn public_title(c: &Case) -> String {
    match &c.unntatt {
        Some(u) => u
            .offentlig_tittel
            .clone()
            .unwrap_or_else(|| "Unntatt offentlighet".into()),
        None => c.tittel.clone(),
    }
}

pub(super) fn publication_text(p: Publication, today: chrono::NaiveDate) -> String {
    match p {
        Publication::Published { closes: Some(c) } => format!(
            "Fortsatt publisert på nettstedet per {today}, til og med {}.",
            c.pred_opt().unwrap_or(c)
        ),
        Publication::Published { closes: None } => {
            format!("Fortsatt publisert på nettstedet per {today}, så lenge dokumentet gjelder.")
        }
        Publication::Tombstone { closed } => {
            format!("Avpublisert fra nettstedet {closed}: publiseringsvinduet er lukket.")
        }
        Publication::Exempt => "Unntatt offentlighet: aldri publisert på nettstedet.".into(),
    }
}

impl Ctx<'_> {
    /// A case as a link if it is in the package, else as text.
    fn case_ref(&self, from: &str, ci: CaseIx) -> String {
        let c = &self.site.cases[ci];
        let label = format!("{} {}", case_label(self.site, ci), public_title(c));
        match self.links.get(&c.src.path) {
            Some(to) if self.sel.has_case(ci) => html::link(from, to, &label),
            _ => esc(&label),
        }
    }

    fn footer(&self, src: &str, note: &str) -> String {
        format!(
            "<p>Arkivkopi fra {} laget av motebok. Kilde: <code>{}</code>.</p>\n<p>{}</p>",
            esc(self.org),
            esc(src),
            esc(note)
        )
    }

    pub(super) fn summons(&self, mi: MeetingIx, today: chrono::NaiveDate) -> Vec<u8> {
        let m = &self.site.meetings[mi];
        let o = &self.site.organs[m.organ];
        let here = summons_path(m);
        let mut b = html::meta(&[
            ("Organ", Some(esc(&o.navn))),
            ("Dato", Some(esc(&dates::with_weekday(m.date)))),
            ("Tid", m.tid.as_deref().map(esc)),
            ("Sted", m.sted.as_deref().map(esc)),
            ("Møteleder", m.moteleder.as_deref().map(esc)),
            ("Referent", m.referent.as_deref().map(esc)),
        ]);
        if m.avlyst {
            b.push_str("<p class=\"merknad\"><strong>Møtet er avlyst.</strong></p>\n");
        }
        b.push_str(&self.markdown(&m.body.markdown, &m.src.path, &here));
        b.push_str("<h2>Saksliste</h2>\n<table>\n<thead><tr><th scope=\"col\">Sak</th>\
<th scope=\"col\">Tittel</th><th scope=\"col\">Sakstype</th><th scope=\"col\">Ansvarlig</th></tr></thead>\n<tbody>\n");
        for &ci in &m.cases {
            let c = &self.site.cases[ci];
            let title = match self.links.get(&c.src.path) {
                Some(to) if self.sel.has_case(ci) => html::link(&here, to, &public_title(c)),
                _ => esc(&public_title(c)),
            };
            let (types, who) = match &c.unntatt {
                Some(u) => (
                    format!("Unntatt offentlighet, {}", u.skjermingshjemmel),
                    None,
                ),
                None => (types(c), c.ansvarlig.clone()),
            };
            b.push_str(&format!(
                "<tr><th scope=\"row\">{}</th><td>{title}</td><td>{}</td><td>{}</td></tr>\n",
                c.number,
                esc(&types),
                esc(who.as_deref().unwrap_or(""))
            ));
        }
        b.push_str("</tbody>\n</table>\n");
        if m.has_minutes(self.site) {
            b.push_str(&format!(
                "<p>{}</p>\n",
                html::link(&here, &minutes_path(m), "Protokoll fra møtet")
            ));
        }
        let title = format!("Innkalling: {}", meeting_title(self.site, m));
        let foot = self.footer(&m.src.path, &publication_text(m.publication, today));
        html::page(self.org, &title, &b, &foot)
    }

    pub(super) fn minutes(&self, mi: MeetingIx, today: chrono::NaiveDate) -> Vec<u8> {
        let m = &self.site.meetings[mi];
        let here = minutes_path(m);
        let mut b = format!(
            "<p>{}</p>\n",
            html::link(&here, &summons_path(m), "Innkalling og saksliste")
        );
        if !m.minutes_approved_by.is_empty() {
            let by: Vec<String> = m
                .minutes_approved_by
                .iter()
                .map(|&c| self.case_ref(&here, c))
                .collect();
            b.push_str(&format!(
                "<p>Protokollen er godkjent i {}.</p>\n",
                by.join(", ")
            ));
        }
        for &ci in &m.cases {
            let c = &self.site.cases[ci];
            b.push_str(&format!(
                "<h2>Sak {} {}</h2>\n",
                c.number,
                esc(&public_title(c))
            ));
            if let Some(u) = &c.unntatt {
                b.push_str(&format!(
                    "<p>Unntatt offentlighet ({}).</p>\n",
                    esc(&u.skjermingshjemmel)
                ));
                continue;
            }
            match &c.vedtak {
                Some(v) => {
                    b.push_str("<h3>Vedtak</h3>\n");
                    b.push_str(&html::ordered(v));
                }
                None => b.push_str("<p>Ikke behandlet.</p>\n"),
            }
            if let Some(r) = &c.referat {
                b.push_str("<h3>Referat</h3>\n");
                b.push_str(&self.markdown(r, &c.src.path, &here));
            }
        }
        let title = format!("Protokoll: {}", meeting_title(self.site, m));
        let foot = self.footer(&m.src.path, &publication_text(m.publication, today));
        html::page(self.org, &title, &b, &foot)
    }

    pub(super) fn case(&self, ci: CaseIx, today: chrono::NaiveDate) -> Vec<u8> {
        let c = &self.site.cases[ci];
        let o = &self.site.organs[c.organ];
        let m = &self.site.meetings[c.meeting];
        let here = select::html_path(&c.src.path);
        let status = if c.vedtak.is_some() {
            "Behandlet"
        } else if m.avlyst {
            "Møtet er avlyst"
        } else {
            "Ikke behandlet"
        };
        let mut b = html::meta(&[
            ("Organ", Some(esc(&o.navn))),
            (
                "Møte",
                Some(html::link(
                    &here,
                    &summons_path(m),
                    &meeting_title(self.site, m),
                )),
            ),
            ("Sakstype", Some(esc(&types(c)))),
            ("Ansvarlig", c.ansvarlig.as_deref().map(esc)),
            ("Status", Some(status.into())),
            (
                "Skjerming",
                c.unntatt
                    .as_ref()
                    .map(|u| esc(&format!("Unntatt offentlighet, {}", u.skjermingshjemmel))),
            ),
        ]);
        b.push_str(&self.markdown(&c.body.markdown, &c.src.path, &here));
        if !c.forslag.is_empty() {
            b.push_str("<h2>Forslag til vedtak</h2>\n");
            b.push_str(&html::ordered(&c.forslag));
        }
        if let Some(v) = &c.vedtak {
            b.push_str("<h2>Vedtak</h2>\n");
            b.push_str(&html::ordered(v));
        }
        if let Some(r) = &c.referat {
            b.push_str("<h2>Referat</h2>\n");
            b.push_str(&self.markdown(r, &c.src.path, &here));
        }
        let atts: Vec<String> = select::case_attachments(self.site, ci)
            .into_iter()
            .map(|a| self.attachment_ref(&here, a, Some(ci)))
            .collect();
        let refs = |list: &[CaseIx]| -> Vec<String> {
            list.iter().map(|&x| self.case_ref(&here, x)).collect()
        };
        let minutes: Vec<String> = c
            .approves_minutes
            .iter()
            .map(|&mi| {
                let am = &self.site.meetings[mi];
                let label = format!("Protokoll: {}", meeting_title(self.site, am));
                if self.sel.has_meeting(mi) {
                    html::link(&here, &minutes_path(am), &label)
                } else {
                    esc(&label)
                }
            })
            .collect();
        let adopted: Vec<String> = c
            .adopted
            .iter()
            .filter(|&&d| self.site.documents[d].unntatt.is_none() || self.sel.has_document(d))
            .map(|&d| self.document_ref(&here, d))
            .collect();
        for (h, items) in [
            ("Vedlegg", atts),
            ("Følger opp", refs(&c.follows_up)),
            ("Fulgt opp i", refs(&c.followed_by)),
            ("Godkjenner protokoll", minutes),
            ("Vedtatte dokumenter", adopted),
        ] {
            if !items.is_empty() {
                b.push_str(&format!("<h2>{h}</h2>\n{}", html::list(&items)));
            }
        }
        let title = format!("{} {}", case_label(self.site, ci), c.tittel);
        let foot = self.footer(&c.src.path, &publication_text(c.publication, today));
        html::page(self.org, &title, &b, &foot)
    }

    fn attachment_ref(&self, from: &str, ai: AttachmentIx, case: Option<CaseIx>) -> String {
        let a = &self.site.attachments[ai];
        let title = attachment_title(self.site, ai, case);
        match self.links.get(&a.src.path) {
            Some(to) => html::link(from, to, &title),
            None => esc(&title),
        }
    }

    fn document_ref(&self, from: &str, di: DocumentIx) -> String {
        let d = &self.site.documents[di];
        match self.links.get(&d.src.path) {
            Some(to) if self.sel.has_document(di) => html::link(from, to, &d.tittel),
            _ => esc(&format!("{} ({})", d.tittel, d.dato)),
        }
    }

    /// A Markdown attachment as a page of its own.
    pub(super) fn attachment(
        &self,
        ai: AttachmentIx,
        case: Option<CaseIx>,
        today: chrono::NaiveDate,
    ) -> Vec<u8> {
        let a = &self.site.attachments[ai];
        let here = select::html_path(&a.src.path);
        let mut uses: Vec<String> = a
            .used_by_cases
            .iter()
            .filter(|&&c| self.sel.has_case(c))
            .map(|&c| self.case_ref(&here, c))
            .collect();
        uses.extend(
            a.used_by_documents
                .iter()
                .filter(|&&d| self.sel.has_document(d))
                .map(|&d| self.document_ref(&here, d)),
        );
        let mut b = html::meta(&[("Vedlegg til", Some(uses.join(", ")))]);
        if let Some((_, body)) = &a.page {
            b.push_str(&self.markdown(&body.markdown, &a.src.path, &here));
        }
        let title = attachment_title(self.site, ai, case);
        let foot = self.footer(&a.src.path, &publication_text(a.publication, today));
        html::page(self.org, &title, &b, &foot)
    }

    pub(super) fn document(&self, di: DocumentIx, today: chrono::NaiveDate) -> Vec<u8> {
        let d = &self.site.documents[di];
        let here = select::html_path(&d.src.path);
        let mut b = html::meta(&[
            ("Dokumenttype", Some(esc(d.doktype.label()))),
            ("Dato", Some(esc(&dates::long(d.dato)))),
            ("Gyldig fra", d.gyldig_fra.map(|x| esc(&dates::long(x)))),
            ("Gyldig til", d.gyldig_til.map(|x| esc(&dates::long(x)))),
            ("Vedtatt i", d.vedtatt_i.map(|c| self.case_ref(&here, c))),
            (
                "Skjerming",
                d.unntatt
                    .as_ref()
                    .map(|u| esc(&format!("Unntatt offentlighet, {}", u.skjermingshjemmel))),
            ),
        ]);
        b.push_str(&self.markdown(&d.body.markdown, &d.src.path, &here));
        let atts: Vec<String> = select::document_attachments(self.site, di)
            .into_iter()
            .map(|a| self.attachment_ref(&here, a, None))
            .collect();
        if !atts.is_empty() {
            b.push_str(&format!("<h2>Vedlegg</h2>\n{}", html::list(&atts)));
        }
        let foot = self.footer(&d.src.path, &publication_text(d.publication, today));
        html::page(self.org, &d.tittel, &b, &foot)
    }
}

pub(super) fn types(c: &Case) -> String {
    c.sakstype
        .iter()
        .map(|t| t.label())
        .collect::<Vec<_>>()
        .join(", ")
}

/// An attachment's title: its own, else the one `case` (or any case) lists it with, else its name.
pub(super) fn attachment_title(site: &Site, ai: AttachmentIx, case: Option<CaseIx>) -> String {
    let a = &site.attachments[ai];
    if let Some((Some(t), _)) = &a.page {
        return t.clone();
    }
    let listed = |ci: CaseIx| {
        site.cases[ci]
            .vedlegg
            .iter()
            .find(|v| v.attachment == ai)
            .map(|v| v.tittel.clone())
    };
    case.and_then(listed)
        .or_else(|| a.used_by_cases.iter().find_map(|&c| listed(c)))
        .unwrap_or_else(|| a.name.trim_end_matches(".md").to_string())
}
