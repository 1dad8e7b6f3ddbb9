//! `/api/index.html`: the human entry point the footer links to, rendered through the theme.

use super::paths;
use super::schemas::SCHEMAS;
use minijinja::Environment;
use motebok_site::views::{Link, Views};
use serde::Serialize;

#[derive(Debug, Serialize)]
struct Endpoint {
    href: String,
    label: String,
    what: String,
}

#[derive(Debug, Serialize)]
struct OrganEndpoints {
    name: String,
    organization: String,
    meetings: String,
    papers: String,
}

/// The section of the page that names the software: `System.product` points at it, since
/// OParl wants a URL there.
pub(super) const PRODUCT_ANCHOR: &str = "programvare";

#[derive(Debug, Serialize)]
struct ApiView {
    base: String,
    product: String,
    product_anchor: &'static str,
    entry: Vec<Endpoint>,
    organs: Vec<OrganEndpoints>,
    feeds: Vec<Endpoint>,
    schemas: Vec<Link>,
}

fn ep(href: &str, what: &str) -> Endpoint {
    Endpoint {
        href: href.to_string(),
        label: href.to_string(),
        what: what.to_string(),
    }
}

/// The theme's template of the page.
pub const TEMPLATE: &str = "api.html";

/// The page's HTML, rendered with the theme's [`TEMPLATE`]; its URL is [`paths::INDEX`].
/// Hrefs are relative to the site root.
pub fn index_page(v: &Views, env: &Environment<'static>) -> Result<String, minijinja::Error> {
    let url = paths::INDEX;
    let page = ApiView {
        base: v.cfg.base(),
        product: format!("motebok {}", env!("CARGO_PKG_VERSION")),
        product_anchor: PRODUCT_ANCHOR,
        entry: vec![
            ep(paths::SYSTEM, "System: inngangspunktet for OParl-klienter"),
            ep(
                paths::BODY,
                "Helsefellesskapet (Body) med lenker til alle lister",
            ),
            ep(paths::ORGANIZATIONS, "Alle organer (Organization)"),
            ep(
                paths::MEETINGS,
                "Alle møter med saksliste (Meeting, AgendaItem)",
            ),
            ep(paths::PAPERS, "Alle saker (Paper)"),
            ep(paths::FILES, "Alle dokumenter og vedlegg (File)"),
            ep(
                paths::AGENDA_ITEMS,
                "Alle punkter på sakslistene (AgendaItem)",
            ),
            ep(
                paths::CONSULTATIONS,
                "Behandlingen av hver sak (Consultation)",
            ),
            ep(paths::LOCATIONS, "Møtesteder (Location)"),
        ],
        organs: v
            .site
            .organs
            .iter()
            .map(|o| OrganEndpoints {
                name: o.navn.clone(),
                organization: motebok_site::urls::href(paths::organization(&o.id)),
                meetings: motebok_site::urls::href(paths::organ_meetings(&o.id)),
                papers: motebok_site::urls::href(paths::organ_papers(&o.id)),
            })
            .collect(),
        feeds: vec![
            ep("feed.xml", "Nye og endrede dokumenter (Atom)"),
            ep("moter.ics", "Møtekalender (iCalendar)"),
            ep("sitemap.xml", "Alle publiserte sider (Sitemap)"),
        ],
        schemas: SCHEMAS
            .iter()
            .map(|(name, _)| Link {
                href: format!("api/schema/{name}"),
                label: name.to_string(),
            })
            .collect(),
    };
    let layout = v.layout(
        url,
        "Åpne data",
        vec![Link {
            href: String::new(),
            label: "Forside".into(),
        }],
        None,
    );
    #[derive(Serialize)]
    struct Ctx<'a> {
        layout: &'a motebok_site::views::Layout,
        page: ApiView,
    }
    env.get_template(TEMPLATE).and_then(|t| {
        t.render(Ctx {
            layout: &layout,
            page,
        })
    })
}
