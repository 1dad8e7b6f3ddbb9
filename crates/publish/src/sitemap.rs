//! `/sitemap.xml`: published pages only, with `lastmod` from the trail.

use motebok_site::config::SiteConfig;

/// A page the sitemap may list (published, not a tombstone, not a draft): its URL relative
/// to the site root and when it last changed.
pub struct Listed<'a> {
    /// Its URL relative to the site root.
    pub url: &'a str,
    /// When it last changed (RFC 3339), if its trail says.
    pub lastmod: Option<&'a str>,
}

/// The sitemap of the `listed` pages that are folders (`…/`, the site root), not files.
pub fn sitemap<'a>(cfg: &SiteConfig, listed: impl IntoIterator<Item = Listed<'a>>) -> String {
    let mut d = motebok_site::xml_out::Doc::new("UTF-8");
    d.open(
        "urlset",
        &[("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9")],
    );
    d.layout("\n");
    for p in listed
        .into_iter()
        .filter(|p| p.url.is_empty() || p.url.ends_with('/'))
    {
        d.layout("  ");
        d.open("url", &[]);
        let loc = format!("{}{}", cfg.base(), motebok_site::urls::iri(p.url));
        d.leaf("loc", &[], &loc);
        if let Some(m) = p.lastmod {
            d.leaf("lastmod", &[], m);
        }
        d.close("url");
        d.layout("\n");
    }
    d.close("urlset");
    d.layout("\n");
    d.finish()
}
