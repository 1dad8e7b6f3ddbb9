//! Which pages a site has, and rendering each through its template, in parallel.

use crate::error::RenderError;
use crate::search_meta::{AttachmentText, SearchMeta};
use chrono::Datelike;
use minijinja::Environment;
use motebok_domain::*;
use motebok_site::config::SiteConfig;
use motebok_site::dates;
use motebok_site::out::OutFile;
use motebok_site::theme::Theme;
use motebok_site::urls;
use motebok_site::views::{Layout, Link, Views};
use serde::Serialize;

/// One page of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// The front page.
    Front,
    /// A body's page.
    Organ(OrganIx),
    /// A body's decisions of a year.
    Decisions(OrganIx, i32),
    /// A meeting's page (or its tombstone).
    Meeting(MeetingIx),
    /// A case's page (or its tombstone).
    Case(CaseIx),
    /// A document's page (or its tombstone).
    Document(DocumentIx),
    /// A Markdown attachment's page (or its tombstone).
    Attachment(AttachmentIx),
    /// A published URL whose file moved or was deleted (`Site::gone`).
    Gone(usize),
    /// The list of documents.
    Documents,
    /// What is published, and for how long.
    Publishing,
    /// The accessibility statement.
    Accessibility,
    /// The search page.
    Search,
    /// `404.html`.
    NotFound,
}

/// A rendered page and what the sitemap, feeds and search need to know of it.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// Its site path.
    pub url: String,
    /// The page.
    pub html: String,
    /// Listed in the sitemap and search (published and not a tombstone, not a draft).
    pub listed: bool,
    /// When what it shows was last approved (RFC 3339), for the sitemap.
    pub lastmod: Option<String>,
    /// Set on content pages that search may index (only when also `listed`).
    pub search: Option<SearchMeta>,
}

/// A view whose body could not be read, as the error of the page at `url`.
fn read<T>(url: &str, view: Result<T, motebok_site::views::Unread>) -> Result<T, RenderError> {
    view.map_err(|e| RenderError::unread(url, e))
}

/// Every page the site has on the build date. Exempt items have none; closed ones a tombstone.
pub fn pages(site: &Site) -> Vec<Page> {
    let mut out = vec![
        Page::Front,
        Page::Documents,
        Page::Publishing,
        Page::Accessibility,
        Page::Search,
        Page::NotFound,
    ];
    out.extend((0..site.organs.len()).map(Page::Organ));
    for oi in 0..site.organs.len() {
        out.extend(
            motebok_site::views::make::decision_years(site, oi)
                .into_iter()
                .map(|y| Page::Decisions(oi, y)),
        );
    }
    out.extend((0..site.meetings.len()).map(Page::Meeting));
    out.extend(
        (0..site.cases.len())
            .filter(|&c| site.cases[c].unntatt.is_none())
            .map(Page::Case),
    );
    out.extend(
        (0..site.documents.len())
            .filter(|&d| site.documents[d].unntatt.is_none())
            .map(Page::Document),
    );
    out.extend(
        (0..site.attachments.len())
            .filter(|&a| {
                let a = &site.attachments[a];
                a.is_markdown() && !matches!(a.publication, Publication::Exempt)
            })
            .map(Page::Attachment),
    );
    // A file's old URL (not ending in `/`) has no page: a `deleted` object in /api/ only.
    out.extend(
        (0..site.gone.len())
            .filter(|&g| site.gone[g].url.ends_with('/'))
            .map(Page::Gone),
    );
    out
}

#[derive(Serialize)]
struct Ctx<'a, T: Serialize> {
    layout: &'a Layout,
    page: T,
}

/// Renders pages of one site: its views and the theme's compiled templates.
pub struct Renderer<'a> {
    /// What the templates see.
    pub views: Views<'a>,
    /// The theme's templates, compiled.
    pub env: &'a Environment<'static>,
    /// Tombstones by shape, learnt as they are rendered.
    tombstones: crate::skeleton::Skeletons,
}

impl<'a> Renderer<'a> {
    /// A renderer of `views` through `env`.
    pub fn new(views: Views<'a>, env: &'a Environment<'static>) -> Renderer<'a> {
        Renderer {
            views,
            env,
            tombstones: Default::default(),
        }
    }

    fn render<T: Serialize>(
        &self,
        template: &str,
        layout: &Layout,
        page: T,
    ) -> Result<String, RenderError> {
        let err = |source| RenderError {
            url: layout.url.clone(),
            template: template.to_string(),
            source,
        };
        let tmpl = self.env.get_template(template).map_err(err)?;
        tmpl.render(Ctx { layout, page }).map_err(err)
    }

    fn crumbs(&self, items: &[(&str, &str)]) -> Vec<Link> {
        let mut v = vec![Link {
            href: String::new(),
            label: "Forside".into(),
        }];
        v.extend(items.iter().map(|(h, l)| Link {
            href: urls::href(h.to_string()),
            label: l.to_string(),
        }));
        v
    }

    fn tombstone(
        &self,
        url: String,
        view: motebok_site::views::TombstoneView,
        src: &Source,
    ) -> Result<Rendered, RenderError> {
        let mut layout = self.views.layout(&url, &view.title, self.crumbs(&[]), None);
        layout.noindex = true;
        layout.draft = src.draft;
        Ok(Rendered {
            html: self
                .tombstones
                .render(&layout, &view, |l, v| self.render("tombstone.html", l, v))?,
            url,
            listed: false,
            lastmod: None,
            search: None,
        })
    }

    fn simple<T: Serialize>(
        &self,
        url: &str,
        template: &str,
        title: &str,
        data: T,
        searchable: bool,
    ) -> Result<Rendered, RenderError> {
        let layout = self.views.layout(url, title, self.crumbs(&[]), None);
        Ok(Rendered {
            html: self.render(template, &layout, data)?,
            url: url.to_string(),
            listed: true,
            lastmod: None,
            search: searchable.then(|| SearchMeta {
                title: title.to_string(),
                kind: "Side".into(),
                organ: None,
                year: None,
                detail: self.views.cfg.title.clone(),
                attachments: Vec::new(),
            }),
        })
    }

    /// Renders one page.
    pub fn page(&self, page: Page) -> Result<Rendered, RenderError> {
        let v = &self.views;
        let site = v.site;
        match page {
            Page::Front => self.simple("", "index.html", &self.views.cfg.title, v.front(), false),
            Page::Documents => self.simple(
                urls::DOCUMENTS,
                "documents.html",
                "Dokumenter",
                v.documents_index(),
                false,
            ),
            Page::Publishing => self.simple(
                urls::PUBLISHING,
                "publishing.html",
                "Om publiseringen",
                v.publishing(),
                true,
            ),
            Page::Accessibility => self.simple(
                urls::ACCESSIBILITY,
                "accessibility.html",
                "Tilgjengelighetserklæring",
                v.accessibility(),
                true,
            ),
            Page::Search => self.simple(urls::SEARCH, "search.html", "Søk", v.search(), false),
            Page::NotFound => {
                let mut layout = v.layout(urls::NOT_FOUND, "Fant ikke siden", Vec::new(), None);
                // A host serves this page for a missing URL at any depth: relative links would
                // break there, so its links start at the site's own path.
                layout.root = v.cfg.base_path();
                layout.noindex = true;
                Ok(Rendered {
                    html: self.render("404.html", &layout, ())?,
                    url: urls::NOT_FOUND.into(),
                    listed: false,
                    lastmod: None,
                    search: None,
                })
            }
            Page::Organ(oi) => {
                let o = &site.organs[oi];
                let url = urls::organ(&o.id);
                let mut layout = v.layout(&url, &o.navn, self.crumbs(&[]), v.trail_of(&[&o.src]));
                layout.draft = o.src.draft;
                layout.feeds = v.organ_feeds(oi);
                let lastmod = lastmod(&[&o.src]);
                Ok(Rendered {
                    html: self.render("organ.html", &layout, read(&url, v.organ(oi))?)?,
                    url,
                    listed: !o.src.draft,
                    lastmod,
                    search: Some(SearchMeta {
                        title: o.navn.clone(),
                        kind: "Organ".into(),
                        organ: Some(o.kortnavn.clone()),
                        year: None,
                        detail: format!("Mandat, sammensetning og møter i {}", o.kortnavn),
                        attachments: Vec::new(),
                    }),
                })
            }
            Page::Decisions(oi, year) => {
                let o = &site.organs[oi];
                let url = urls::decisions(&o.id, year);
                let title = format!("Vedtak i {} {year}", o.kortnavn);
                let mut layout = v.layout(
                    &url,
                    &title,
                    self.crumbs(&[(&urls::organ(&o.id), &o.navn)]),
                    None,
                );
                let decided = motebok_site::views::make::decided(site, oi, year);
                let sources: Vec<&Source> = decided.iter().map(|&c| &site.cases[c].src).collect();
                layout.draft = sources.iter().any(|s| s.draft);
                layout.feeds = v.organ_feeds(oi);
                // A year whose meetings are all out of the window lists nothing: not for search
                // engines, though its URL stays.
                let published = o.meetings.iter().any(|&m| {
                    let m = &site.meetings[m];
                    m.date.year() == year && m.publication.is_published()
                });
                layout.noindex = layout.draft || !published;
                Ok(Rendered {
                    html: self.render("decisions.html", &layout, v.decisions(oi, year))?,
                    url,
                    listed: !layout.noindex,
                    lastmod: lastmod(&sources),
                    search: None,
                })
            }
            Page::Meeting(mi) => {
                let m = &site.meetings[mi];
                let o = &site.organs[m.organ];
                let url = urls::meeting(&o.id, m.date);
                if let Publication::Tombstone { closed } = m.publication {
                    let view = v.tombstone(
                        v.meeting_title(m),
                        "Møte",
                        None,
                        Some(m.date),
                        &m.src,
                        closed,
                    );
                    return self.tombstone(url, view, &m.src);
                }
                let public_cases: Vec<&Source> = m
                    .cases
                    .iter()
                    .map(|&c| &site.cases[c])
                    .filter(|c| c.unntatt.is_none())
                    .map(|c| &c.src)
                    .collect();
                let mut sources = vec![&m.src];
                sources.extend(public_cases);
                let title = v.meeting_title(m);
                let mut layout = v.layout(
                    &url,
                    &title,
                    self.crumbs(&[(&urls::organ(&o.id), &o.navn)]),
                    v.trail_of(&sources),
                );
                layout.draft = sources.iter().any(|s| s.draft);
                layout.noindex = layout.draft;
                // A meeting is followed through its body.
                layout.feeds = v.organ_feeds(m.organ);
                Ok(Rendered {
                    html: self.render("meeting.html", &layout, read(&url, v.meeting(mi))?)?,
                    url,
                    listed: !layout.draft,
                    lastmod: lastmod(&sources),
                    search: Some(SearchMeta {
                        title: format!("Møte i {}", title),
                        kind: "Møte".into(),
                        organ: Some(o.kortnavn.clone()),
                        year: Some(m.date.year()),
                        detail: format!("{}{}", o.navn, if m.avlyst { " · avlyst" } else { "" }),
                        attachments: Vec::new(),
                    }),
                })
            }
            Page::Case(ci) => {
                let c = &site.cases[ci];
                let o = &site.organs[c.organ];
                let m = &site.meetings[c.meeting];
                let url = urls::case(&o.id, c.number);
                if let Publication::Tombstone { closed } = c.publication {
                    let view = v.tombstone(
                        c.tittel.clone(),
                        "Sak",
                        Some(format!("{} {}", o.kortnavn, c.number)),
                        Some(m.date),
                        &c.src,
                        closed,
                    );
                    return self.tombstone(url, view, &c.src);
                }
                let title = format!("{} {}: {}", o.kortnavn, c.number, c.tittel);
                let crumbs = self.crumbs(&[
                    (&urls::organ(&o.id), &o.navn),
                    (&urls::meeting(&o.id, m.date), &v.meeting_title(m)),
                ]);
                let mut sources = vec![&c.src];
                sources.extend(
                    c.vedlegg
                        .iter()
                        .map(|a| &site.attachments[a.attachment].src),
                );
                let mut layout = v.layout(&url, &title, crumbs, v.trail_of(&sources));
                layout.draft = sources.iter().any(|s| s.draft);
                layout.noindex = layout.draft;
                if motebok_site::views::follow::case_has_feed(c) {
                    layout.feeds = vec![motebok_site::views::FeedLink {
                        kind: "application/atom+xml",
                        title: motebok_publish::case_feed_title(&o.kortnavn, c),
                        href: urls::href(urls::case_feed(&o.id, c.number)),
                    }];
                }
                Ok(Rendered {
                    html: self.render("case.html", &layout, read(&url, v.case(ci))?)?,
                    url,
                    listed: !layout.draft,
                    lastmod: lastmod(&sources),
                    search: Some(SearchMeta {
                        title,
                        kind: "Sak".into(),
                        organ: Some(o.kortnavn.clone()),
                        year: Some(m.date.year()),
                        detail: format!("Møte i {} {}", o.kortnavn, dates::long(m.date)),
                        attachments: attachment_texts(
                            site,
                            c.vedlegg.iter().map(|v| (v.attachment, v.tittel.as_str())),
                        ),
                    }),
                })
            }
            Page::Document(di) => {
                let d = &site.documents[di];
                let url = urls::document(&d.slug);
                if let Publication::Tombstone { closed } = d.publication {
                    let view = v.tombstone(
                        d.tittel.clone(),
                        d.doktype.label(),
                        None,
                        Some(d.dato),
                        &d.src,
                        closed,
                    );
                    return self.tombstone(url, view, &d.src);
                }
                let mut layout = v.layout(
                    &url,
                    &d.tittel,
                    self.crumbs(&[(urls::DOCUMENTS, "Dokumenter")]),
                    v.trail_of(&[&d.src]),
                );
                layout.draft = d.src.draft;
                layout.noindex = layout.draft;
                Ok(Rendered {
                    html: self.render("document.html", &layout, read(&url, v.document(di))?)?,
                    url,
                    listed: !d.src.draft,
                    lastmod: lastmod(&[&d.src]),
                    search: Some(SearchMeta {
                        title: d.tittel.clone(),
                        kind: d.doktype.label().into(),
                        organ: d
                            .vedtatt_i
                            .map(|c| site.organs[site.cases[c].organ].kortnavn.clone()),
                        year: Some(d.dato.year()),
                        detail: format!("{}, {}", d.doktype.label(), dates::long(d.dato)),
                        attachments: attachment_texts(
                            site,
                            d.attachments
                                .iter()
                                .map(|&a| (a, site.attachments[a].name.as_str())),
                        ),
                    }),
                })
            }
            Page::Gone(gi) => {
                let g = &site.gone[gi];
                let mut layout = v.layout(&g.url, &g.title, self.crumbs(&[]), None);
                layout.noindex = true;
                Ok(Rendered {
                    html: self.render("gone.html", &layout, v.gone(g))?,
                    url: g.url.clone(),
                    listed: false,
                    lastmod: None,
                    search: None,
                })
            }
            Page::Attachment(ai) => {
                let a = &site.attachments[ai];
                let url = urls::attachment(&a.owner, &a.name);
                let title = v.attachment_title(ai);
                if let Publication::Tombstone { closed } = a.publication {
                    let view = v.tombstone(title, "Vedlegg", None, None, &a.src, closed);
                    return self.tombstone(url, view, &a.src);
                }
                let mut layout = v.layout(&url, &title, self.crumbs(&[]), v.trail_of(&[&a.src]));
                layout.draft = a.src.draft;
                layout.noindex = layout.draft;
                Ok(Rendered {
                    html: self.render("attachment.html", &layout, read(&url, v.attachment(ai))?)?,
                    url,
                    listed: !a.src.draft,
                    lastmod: lastmod(&[&a.src]),
                    search: Some(attachment_search(site, a, title)),
                })
            }
        }
    }
}

/// Search facts of an attachment page: its meeting's body and year, if it has a meeting.
fn attachment_search(site: &Site, a: &Attachment, title: String) -> SearchMeta {
    let (organ, year) = match &a.owner {
        AttachmentOwner::Meeting { organ, folder } => (
            site.organs
                .iter()
                .find(|o| &o.id == organ)
                .map(|o| o.kortnavn.clone()),
            folder.get(..4).and_then(|y| y.parse().ok()),
        ),
        AttachmentOwner::Documents => (None, None),
    };
    let detail = match &organ {
        Some(o) => format!("Vedlegg til en sak i {o}"),
        None => "Vedlegg til et dokument".into(),
    };
    SearchMeta {
        title,
        kind: "Vedlegg".into(),
        organ,
        year,
        detail,
        attachments: Vec::new(),
    }
}

/// The text of the published PDF attachments among `list` (attachment, title), searched as
/// part of the case or document that lists them.
fn attachment_texts<'a>(
    site: &Site,
    list: impl Iterator<Item = (AttachmentIx, &'a str)>,
) -> Vec<AttachmentText> {
    list.filter_map(|(ai, title)| {
        let a = &site.attachments[ai];
        let pdf = site.files.get(&a.src.path)?.pdf.as_ref()?;
        (a.publication.is_published() && !pdf.text.trim().is_empty()).then(|| AttachmentText {
            title: title.to_string(),
            url: urls::attachment(&a.owner, &a.name),
            text: pdf.text.clone(),
        })
    })
    .collect()
}

fn lastmod(sources: &[&Source]) -> Option<String> {
    sources
        .iter()
        .filter_map(|s| s.trail.as_ref()?.changed())
        .map(|e| e.time)
        .max()
        .map(|t| t.to_rfc3339())
}

/// The URL of `page`, known before rendering it.
pub fn url_of(site: &Site, page: Page) -> String {
    match page {
        Page::Front => String::new(),
        Page::Documents => urls::DOCUMENTS.into(),
        Page::Publishing => urls::PUBLISHING.into(),
        Page::Accessibility => urls::ACCESSIBILITY.into(),
        Page::Search => urls::SEARCH.into(),
        Page::NotFound => urls::NOT_FOUND.into(),
        Page::Organ(o) => urls::organ(&site.organs[o].id),
        Page::Decisions(o, y) => urls::decisions(&site.organs[o].id, y),
        Page::Meeting(m) => {
            let m = &site.meetings[m];
            urls::meeting(&site.organs[m.organ].id, m.date)
        }
        Page::Case(c) => {
            let c = &site.cases[c];
            urls::case(&site.organs[c.organ].id, c.number)
        }
        Page::Document(d) => urls::document(&site.documents[d].slug),
        Page::Attachment(a) => {
            let a = &site.attachments[a];
            urls::attachment(&a.owner, &a.name)
        }
        Page::Gone(g) => site.gone[g].url.clone(),
    }
}

/// The theme's assets and the attachments copied as they are (PDFs and the like).
pub fn static_files(
    site: &Site,
    theme: &Theme,
    binaries: &dyn Fn(&str) -> Option<Vec<u8>>,
) -> Vec<OutFile> {
    let mut files: Vec<OutFile> = theme
        .assets()
        .map(|(name, text)| OutFile {
            path: format!("{}{name}", urls::STATIC),
            bytes: text.as_bytes().to_vec(),
        })
        .collect();
    for (path, a) in copied_files(site) {
        if let Some(bytes) = binaries(&a.src.path) {
            files.push(OutFile { path, bytes });
        }
    }
    files
}

/// The files copied as they are, by output path: each published attachment that is not
/// Markdown, and the old URLs of those that moved (`moved_files`).
pub fn copied_files(site: &Site) -> Vec<(String, &Attachment)> {
    let mut v: Vec<(String, &Attachment)> = site
        .attachments
        .iter()
        .filter(|a| !a.is_markdown() && a.publication.is_published())
        .map(|a| (urls::attachment(&a.owner, &a.name), a))
        .collect();
    v.extend(
        site.moved_files
            .iter()
            .map(|m| (m.url.clone(), &site.attachments[m.attachment])),
    );
    v
}

/// `/api/index.html`, the page the footer links to, which publish renders through the theme.
pub fn api_index(views: &Views, env: &Environment<'static>) -> Result<Rendered, RenderError> {
    use motebok_publish::{
        api_index_page as index_page, api_paths as paths, API_INDEX_TEMPLATE as INDEX_TEMPLATE,
    };
    let html = index_page(views, env).map_err(|source| RenderError {
        url: paths::INDEX.to_string(),
        template: INDEX_TEMPLATE.into(),
        source,
    })?;
    Ok(Rendered {
        url: paths::INDEX.to_string(),
        html,
        listed: true,
        lastmod: None,
        search: None,
    })
}

/// `/sitemap.xml` (listed pages only) and `/robots.txt` pointing to it.
pub fn site_maps(cfg: &SiteConfig, rendered: &[Rendered]) -> [OutFile; 2] {
    [
        OutFile {
            path: urls::SITEMAP.into(),
            bytes: motebok_publish::sitemap(
                cfg,
                rendered
                    .iter()
                    .filter(|p| p.listed)
                    .map(|p| motebok_publish::Listed {
                        url: &p.url,
                        lastmod: p.lastmod.as_deref(),
                    }),
            )
            .into_bytes(),
        },
        OutFile {
            path: urls::ROBOTS.into(),
            bytes: format!(
                "User-agent: *\nAllow: /\nSitemap: {}{}\n",
                cfg.base(),
                urls::SITEMAP
            )
            .into_bytes(),
        },
    ]
}

/// `/api/` and `/moter.ics` (not the feeds, which the caller makes or keeps by key, nor
/// `follow`'s), taking over from `reuse` the `/api/` objects whose inputs did not change;
/// `E` is the error of the caller's `put` (its writes), reported as the index's.
pub fn open_data<E: From<motebok_publish::ApiError> + std::fmt::Display + Send>(
    views: &Views,
    facts: &std::collections::HashMap<String, motebok_publish::FileFacts>,
    reuse: &motebok_publish::Reuse<E>,
) -> Result<(Vec<OutFile>, motebok_publish::ApiState, usize), Vec<RenderError>> {
    let (mut out, state, kept) = motebok_publish::api_files(views, facts, reuse).map_err(|e| {
        vec![RenderError {
            url: motebok_publish::api_paths::INDEX.into(),
            template: "(JSON)".into(),
            source: minijinja::Error::new(minijinja::ErrorKind::BadSerialization, e.to_string()),
        }]
    })?;
    out.extend(linked_data(views));
    Ok((out, state, kept))
}

/// `/moter.ics` and the accessibility findings (`tilgjengelighet/funn.json`): the open data
/// the pages link to, which a preview makes too.
pub fn linked_data(views: &Views) -> [OutFile; 2] {
    [
        OutFile {
            path: urls::CALENDAR.into(),
            bytes: motebok_publish::calendar(views).into_bytes(),
        },
        crate::accessibility::json_file(views.site, views.today),
    ]
}
