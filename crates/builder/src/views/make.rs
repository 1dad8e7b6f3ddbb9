//! Building view structs from the resolved site. One function per kind of page.

use super::*;
use crate::config::SiteConfig;
use crate::{dates, urls};
use chrono::{Datelike, NaiveDate};
use motebok_domain::*;
use std::collections::HashMap;

/// The ids the default templates give their own elements: a heading in a Markdown body never
/// takes one of them, so ids stay unique on every page (a test keeps this list complete).
pub const TEMPLATE_IDS: &[&str] = &[
    "aldri",
    "bla",
    "bla-ar",
    "bla-organer",
    "dokumenter",
    "eldre",
    "forslag",
    "fra-motet",
    "fra-nar",
    "godkjenner",
    "historikk-tittel",
    "hva",
    "hvor-lenge",
    "inngang",
    "innhold",
    "kommende",
    "konklusjon",
    "kontroll",
    "mandat",
    "melde",
    "moter",
    "organer",
    "referat",
    "sakens-gang",
    "saksliste",
    "siste",
    "skjema",
    "sok-aar",
    "sok-felt",
    "sok-hjelp",
    "sok-organ",
    "sok-skjema",
    "sok-status",
    "sok-treff",
    "sok-type",
    "sok-uten-js",
    "standard",
    "status",
    "strommer",
    "tilsyn",
    "vedlegg",
    "vedtatte",
];

/// Builds views for one site. Holds only references and a path → URL map for links.
pub struct Views<'a> {
    pub site: &'a Site,
    pub cfg: &'a SiteConfig,
    pub today: NaiveDate,
    /// Repository path → URL of every page or file that exists in the output.
    links: HashMap<String, String>,
}

pub fn date(d: NaiveDate) -> DateView {
    DateView {
        iso: d.to_string(),
        text: dates::long(d),
    }
}

impl<'a> Views<'a> {
    pub fn new(site: &'a Site, cfg: &'a SiteConfig, today: NaiveDate) -> Self {
        let mut links = HashMap::new();
        for c in &site.cases {
            if !matches!(c.publication, Publication::Exempt) {
                links.insert(
                    c.src.path.clone(),
                    urls::case(&site.organs[c.organ].id, c.number),
                );
            }
        }
        for d in &site.documents {
            if !matches!(d.publication, Publication::Exempt) {
                links.insert(d.src.path.clone(), urls::document(&d.slug));
            }
        }
        for a in &site.attachments {
            if a.publication.is_published()
                || (a.is_markdown() && matches!(a.publication, Publication::Tombstone { .. }))
            {
                links.insert(a.src.path.clone(), urls::attachment(&a.owner, &a.name));
            }
        }
        for m in &site.meetings {
            links.insert(
                m.src.path.clone(),
                urls::meeting(&site.organs[m.organ].id, m.date),
            );
        }
        Views {
            site,
            cfg,
            today,
            links,
        }
    }

    /// Repository path → URL of every page or file in the output (what relative links resolve to).
    pub fn link_targets(&self) -> HashMap<&str, String> {
        self.links
            .iter()
            .map(|(k, v)| (k.as_str(), v.clone()))
            .collect()
    }

    /// Markdown of the file at `src_path`, with relative links to other content resolved and
    /// its top heading at `level`.
    pub fn markdown(&self, body: &Body, src_path: &str, root: &str, level: u8) -> String {
        let dir = src_path.rsplit_once('/').map_or("", |(d, _)| d);
        let resolve = |target: &str| -> Option<String> {
            if target.contains(':') || target.starts_with('/') || target.starts_with('#') {
                return None;
            }
            let (path, frag) = target.split_once('#').map_or((target, ""), |(p, f)| (p, f));
            let full = normalise(&format!("{dir}/{path}"))?;
            let url = self.links.get(&full)?;
            Some(if frag.is_empty() {
                format!("{root}{url}")
            } else {
                format!("{root}{url}#{frag}")
            })
        };
        motebok_parser::render_reserving(&body.markdown, level, TEMPLATE_IDS, &resolve).html
    }

    pub fn layout(
        &self,
        url: &str,
        title: &str,
        breadcrumbs: Vec<Link>,
        trail: Option<TrailView>,
    ) -> Layout {
        let root = urls::root_from(url);
        let section = url.split('/').next().unwrap_or("");
        let mut nav = vec![NavItem {
            href: String::new(),
            label: "Forside".into(),
            current: url.is_empty(),
        }];
        for o in &self.site.organs {
            nav.push(NavItem {
                href: urls::organ(&o.id),
                label: o.kortnavn.clone(),
                current: section == o.id,
            });
        }
        nav.push(NavItem {
            href: urls::DOCUMENTS.into(),
            label: "Dokumenter".into(),
            current: section == "dokumenter",
        });
        nav.push(NavItem {
            href: urls::SEARCH.into(),
            label: "Søk".into(),
            current: section == "sok",
        });
        Layout {
            site_title: self.cfg.title.clone(),
            publisher: self.cfg.publisher().to_string(),
            lang: self.cfg.language.clone(),
            root,
            url: url.to_string(),
            canonical: format!("{}{}", self.cfg.base(), url),
            title: title.to_string(),
            description: String::new(),
            noindex: false,
            draft: false,
            nav,
            breadcrumbs,
            trail,
            archive_contact: self.cfg.archive_contact.clone(),
            accessibility_contact: self.cfg.accessibility.contact.clone(),
            generator: format!("motebok {}", env!("CARGO_PKG_VERSION")),
        }
    }

    pub fn trail_of(&self, sources: &[&Source]) -> Option<TrailView> {
        let trails: Vec<&FileTrail> = sources.iter().filter_map(|s| s.trail.as_deref()).collect();
        super::trail::view(&trails, self.cfg.repository_url.as_deref())
    }

    pub fn meeting_title(&self, m: &Meeting) -> String {
        format!(
            "{} {}",
            self.site.organs[m.organ].kortnavn,
            dates::long(m.date)
        )
    }

    pub fn meeting_summary(&self, mi: MeetingIx) -> MeetingSummary {
        let m = &self.site.meetings[mi];
        let o = &self.site.organs[m.organ];
        MeetingSummary {
            href: urls::meeting(&o.id, m.date),
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

    pub fn case_link(&self, ci: CaseIx, current: bool) -> CaseLink {
        let c = &self.site.cases[ci];
        let o = &self.site.organs[c.organ];
        let exempt = c.unntatt.is_some();
        CaseLink {
            href: (!exempt).then(|| urls::case(&o.id, c.number)),
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

    fn attachment_link(&self, ai: AttachmentIx, title: &str) -> Option<AttachmentLink> {
        let a = &self.site.attachments[ai];
        if !a.publication.is_published() {
            return None;
        }
        let kind = match a.name.rsplit_once('.') {
            Some((_, "md")) => "side".to_string(),
            Some((_, ext)) => ext.to_uppercase(),
            None => "fil".to_string(),
        };
        Some(AttachmentLink {
            href: urls::attachment(&a.owner, &a.name),
            title: title.to_string(),
            kind,
        })
    }

    fn case_attachments(&self, c: &Case) -> Vec<AttachmentLink> {
        c.vedlegg
            .iter()
            .filter_map(|v| self.attachment_link(v.attachment, &v.tittel))
            .collect()
    }

    pub fn document_summary(&self, di: DocumentIx) -> DocumentSummary {
        let d = &self.site.documents[di];
        DocumentSummary {
            href: urls::document(&d.slug),
            title: d.tittel.clone(),
            doktype: d.doktype.label().into(),
            date: date(d.dato),
        }
    }

    pub fn front(&self) -> FrontView {
        let visible: Vec<MeetingIx> = (0..self.site.meetings.len())
            .filter(|&m| self.site.meetings[m].publication.is_published())
            .collect();
        let upcoming: Vec<MeetingSummary> = visible
            .iter()
            .filter(|&&m| self.site.meetings[m].date >= self.today)
            .take(6)
            .map(|&m| self.meeting_summary(m))
            .collect();
        let recent: Vec<MeetingSummary> = visible
            .iter()
            .rev()
            .filter(|&&m| self.site.meetings[m].date < self.today)
            .take(6)
            .map(|&m| self.meeting_summary(m))
            .collect();
        let mut docs: Vec<DocumentIx> = (0..self.site.documents.len())
            .filter(|&d| self.site.documents[d].publication.is_published())
            .collect();
        docs.sort_by_key(|&d| std::cmp::Reverse(self.site.documents[d].dato));
        let organs = self
            .site
            .organs
            .iter()
            .map(|o| OrganSummary {
                href: urls::organ(&o.id),
                name: o.navn.clone(),
                short: o.kortnavn.clone(),
                next_meeting: o
                    .meetings
                    .iter()
                    .find(|&&m| {
                        self.site.meetings[m].date >= self.today && !self.site.meetings[m].avlyst
                    })
                    .map(|&m| self.meeting_summary(m)),
            })
            .collect();
        FrontView {
            intro: format!(
                "Sakspapirer fra møtene i {}: innkallinger, saksfremlegg, referater og avtaler.",
                self.cfg.title
            ),
            upcoming,
            recent,
            documents: docs
                .into_iter()
                .take(8)
                .map(|d| self.document_summary(d))
                .collect(),
            organs,
        }
    }

    pub fn organ(&self, oi: OrganIx) -> OrganView {
        let o = &self.site.organs[oi];
        let root = urls::root_from(&urls::organ(&o.id));
        let years = meetings_by_year(self.site, oi)
            .into_iter()
            .rev()
            .filter_map(|(year, ms)| {
                let meetings: Vec<MeetingSummary> = ms
                    .into_iter()
                    .rev()
                    .filter(|&m| self.site.meetings[m].publication.is_published())
                    .map(|m| self.meeting_summary(m))
                    .collect();
                (!meetings.is_empty()).then_some(YearView { year, meetings })
            })
            .collect();
        OrganView {
            name: o.navn.clone(),
            short: o.kortnavn.clone(),
            mandate_html: self.markdown(&o.body, &o.src.path, &root, 3),
            years,
        }
    }

    pub fn meeting(&self, mi: MeetingIx) -> MeetingView {
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
                        href: Some(urls::case(&o.id, c.number)),
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
                        href: (!exempt).then(|| urls::case(&o.id, c.number)),
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
        MeetingView {
            organ: Link {
                href: urls::organ(&o.id),
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
            intro_html: self.markdown(&m.body, &m.src.path, &root, 2),
            agenda,
            minutes,
        }
    }

    fn referat(&self, md: &str, src_path: &str, root: &str, level: u8) -> String {
        let body = Body {
            markdown: md.into(),
            line: 0,
            at: Default::default(),
            links: Vec::new(),
        };
        self.markdown(&body, src_path, root, level)
    }

    pub fn case(&self, ci: CaseIx) -> CaseView {
        let c = &self.site.cases[ci];
        let o = &self.site.organs[c.organ];
        let m = &self.site.meetings[c.meeting];
        let url = urls::case(&o.id, c.number);
        let root = urls::root_from(&url);
        let thread = self.site.thread(ci);
        CaseView {
            number: c.number.to_string(),
            label: format!("{} {}", o.kortnavn, c.number),
            title: c.tittel.clone(),
            organ: Link {
                href: urls::organ(&o.id),
                label: o.navn.clone(),
            },
            meeting: Link {
                href: urls::meeting(&o.id, m.date),
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
            body_html: self.markdown(&c.body, &c.src.path, &root, 2),
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
                    Link {
                        href: urls::meeting(&self.site.organs[am.organ].id, am.date),
                        label: self.meeting_title(am),
                    }
                })
                .collect(),
            adopted: c
                .adopted
                .iter()
                .filter(|&&d| !matches!(self.site.documents[d].publication, Publication::Exempt))
                .map(|&d| self.document_summary(d))
                .collect(),
        }
    }

    pub fn document(&self, di: DocumentIx) -> DocumentView {
        let d = &self.site.documents[di];
        let url = urls::document(&d.slug);
        let root = urls::root_from(&url);
        DocumentView {
            title: d.tittel.clone(),
            doktype: d.doktype.label().into(),
            date: date(d.dato),
            gyldig_fra: d.gyldig_fra.map(date),
            gyldig_til: d.gyldig_til.map(date),
            in_force: d.gyldig_fra.is_some_and(|f| f <= self.today)
                && d.gyldig_til.is_none_or(|t| t >= self.today),
            vedtatt_i: d.vedtatt_i.map(|c| self.case_link(c, false)),
            body_html: self.markdown(&d.body, &d.src.path, &root, 2),
            attachments: d
                .attachments
                .iter()
                .filter_map(|&a| self.attachment_link(a, &self.site.attachments[a].name))
                .collect(),
        }
    }

    pub fn documents_index(&self) -> DocumentsIndexView {
        let mut groups: Vec<DocumentGroup> = Vec::new();
        for (_, t) in Doktype::ALL {
            let documents: Vec<DocumentSummary> = (0..self.site.documents.len())
                .filter(|&d| {
                    self.site.documents[d].doktype == t
                        && self.site.documents[d].publication.is_published()
                })
                .map(|d| self.document_summary(d))
                .collect();
            if !documents.is_empty() {
                groups.push(DocumentGroup {
                    label: t.label().into(),
                    documents,
                });
            }
        }
        DocumentsIndexView { groups }
    }

    /// The title of an attachment page: its own, else the one the case gives it, else its name.
    pub fn attachment_title(&self, ai: AttachmentIx) -> String {
        let a = &self.site.attachments[ai];
        if let Some((Some(t), _)) = &a.page {
            return t.clone();
        }
        // Only a public case may lend its title: an exempt one's list is not public.
        a.used_by_cases
            .iter()
            .filter(|&&c| self.site.cases[c].unntatt.is_none())
            .flat_map(|&c| self.site.cases[c].vedlegg.iter())
            .find(|v| v.attachment == ai)
            .map(|v| v.tittel.clone())
            .unwrap_or_else(|| a.name.trim_end_matches(".md").to_string())
    }

    pub fn attachment(&self, ai: AttachmentIx) -> AttachmentView {
        let a = &self.site.attachments[ai];
        let url = urls::attachment(&a.owner, &a.name);
        let root = urls::root_from(&url);
        AttachmentView {
            title: self.attachment_title(ai),
            used_by: a
                .used_by_cases
                .iter()
                .filter(|&&c| self.site.cases[c].unntatt.is_none())
                .map(|&c| self.case_link(c, false))
                .collect(),
            documents: a
                .used_by_documents
                .iter()
                .filter(|&&d| self.site.documents[d].unntatt.is_none())
                .map(|&d| Link {
                    href: urls::document(&self.site.documents[d].slug),
                    label: self.site.documents[d].tittel.clone(),
                })
                .collect(),
            body_html: a
                .page
                .as_ref()
                .map(|(_, b)| self.markdown(b, &a.src.path, &root, 2))
                .unwrap_or_default(),
        }
    }

    pub fn tombstone(
        &self,
        title: String,
        kind: &str,
        number: Option<String>,
        d: Option<NaiveDate>,
        src: &Source,
        closed: NaiveDate,
    ) -> TombstoneView {
        TombstoneView {
            title,
            kind: kind.into(),
            number,
            date: d.map(date),
            published: src
                .trail
                .as_ref()
                .and_then(|t| t.published())
                // A file imported after its window closed was never on the site.
                .filter(|e| crate::dates::oslo_day(&e.time) < closed)
                .map(|e| super::trail::date_view(&e.time)),
            unpublished: date(closed),
            archive_contact: self.cfg.archive_contact.clone(),
        }
    }

    pub fn publishing(&self) -> PublishingView {
        let m = self.cfg.window_months;
        PublishingView {
            window_months: m,
            window_years_text: months_text(m),
            bodies: self
                .site
                .organs
                .iter()
                .map(|o| BodyWindow {
                    name: o.navn.clone(),
                    months: o.window_months,
                    archived: o.arkivverdig,
                })
                .collect(),
            archive_contact: self.cfg.archive_contact.clone(),
            publisher: self.cfg.publisher().to_string(),
        }
    }

    pub fn accessibility(&self) -> AccessibilityView {
        AccessibilityView {
            publisher: self.cfg.publisher().to_string(),
            site_title: self.cfg.title.clone(),
            site_url: self.cfg.base(),
            contact: self.cfg.accessibility.contact.clone(),
            audit_date: self
                .cfg
                .accessibility
                .audit_date
                .as_deref()
                .and_then(|d| motebok_parser::parse_iso_date(d).ok())
                .map(date),
            known_issues: self.cfg.accessibility.known_issues.clone(),
        }
    }

    pub fn search(&self) -> SearchView {
        let mut years: Vec<i32> = self
            .site
            .meetings
            .iter()
            .filter(|m| m.publication.is_published())
            .map(|m| m.date.year())
            .collect();
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.dedup();
        let years = years
            .into_iter()
            .map(|year| YearLinks {
                year,
                organs: self
                    .site
                    .organs
                    .iter()
                    .filter(|o| {
                        o.meetings.iter().any(|&m| {
                            let m = &self.site.meetings[m];
                            m.date.year() == year && m.publication.is_published()
                        })
                    })
                    .map(|o| Link {
                        href: format!("{}#ar-{year}", urls::organ(&o.id)),
                        label: o.kortnavn.clone(),
                    })
                    .collect(),
            })
            .collect();
        SearchView {
            organs: self
                .site
                .organs
                .iter()
                .map(|o| Link {
                    href: urls::organ(&o.id),
                    label: o.navn.clone(),
                })
                .collect(),
            years,
        }
    }
}

/// "24 måneder (to år)"
pub fn months_text(m: u32) -> String {
    const WORDS: [&str; 11] = [
        "null", "ett", "to", "tre", "fire", "fem", "seks", "sju", "åtte", "ni", "ti",
    ];
    if m.is_multiple_of(12) && ((m / 12) as usize) < WORDS.len() {
        let y = (m / 12) as usize;
        format!("{m} måneder ({} år)", WORDS[y])
    } else {
        format!("{m} måneder")
    }
}

/// Resolves `.` and `..` in a repository path; `None` if it climbs out of the repository.
pub(crate) fn normalise(path: &str) -> Option<String> {
    let mut out: Vec<&str> = Vec::new();
    for p in path.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                out.pop()?;
            }
            p => out.push(p),
        }
    }
    Some(out.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_paths() {
        assert_eq!(
            normalise("content/ssu/2025-05-22/../2025-02-27/2025.07.md").as_deref(),
            Some("content/ssu/2025-02-27/2025.07.md")
        );
        assert_eq!(normalise("../../x"), None);
        assert_eq!(months_text(24), "24 måneder (to år)");
    }

    #[test]
    fn template_ids_are_all_reserved() {
        for (name, text) in crate::theme::DEFAULT {
            for part in text.split("id=\"").skip(1) {
                let id = &part[..part.find('"').unwrap()];
                if !id.contains("{{") {
                    assert!(
                        TEMPLATE_IDS.contains(&id),
                        "{name}: id `{id}` is not in TEMPLATE_IDS"
                    );
                }
            }
        }
    }
}
