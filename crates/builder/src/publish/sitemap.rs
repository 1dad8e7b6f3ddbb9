//! `/sitemap.xml`: published pages only, with `lastmod` from the trail.

use motebok_site::config::SiteConfig;

/// A page the sitemap may list (published, not a tombstone, not a draft): its URL relative
/// to the site root and when it last changed.
pub(crate) struct Listed<'a> {
    pub url: &'a str,
    pub lastmod: Option<&'a str>,
}

/// The sitemap of the `listed` pages that are folders (`…/`, the site root), not files.
pub(crate) fn sitemap<'a>(
    cfg: &SiteConfig,
    listed: impl IntoIterator<Item = Listed<'a>>,
) -> String {
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
        let loc = format!("{}{}", cfg.base(), crate::urls::iri(p.url));
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

#[cfg(test)]
mod tests {
    use crate::testkit::*;
    use motebok_domain::{Change, Trails};

    #[test]
    fn lists_published_pages_only_with_lastmod_from_the_trail() {
        let mut trails = Trails::new();
        trails.insert(
            "content/ssu/2025-05-22/2025.13.md".into(),
            trail(vec![entry(
                "b1",
                "2025-05-23T14:00:00+02:00",
                "Vedtak",
                Change::Added,
            )]),
        );
        let drafts = ["content/ssu/2025-05-22/_mote.md"];
        let site = site(&files(), trails, &drafts, "2025-06-10");
        let out = render(&site, "2025-06-10");
        let map = text(&out, "sitemap.xml");
        let base = "https://example.org/hf/";
        assert!(map.contains(&format!(
            "<url><loc>{base}ssu/sak/2025.13/</loc><lastmod>2025-05-23T14:00:00+02:00</lastmod></url>"
        )));
        assert!(map.contains(&format!("<loc>{base}ssu/2025-05-22/vedlegg/notat/</loc>")));
        assert!(map.contains(&format!("<loc>{base}api/</loc>")));
        // Tombstones (2023), the exempt case (no page) and the draft meeting are absent.
        for gone in [
            "ssu/2023-01-10/",
            "ssu/sak/2023.01/",
            "ssu/sak/2025.14/",
            "ssu/2025-05-22/<",
            "404.html",
        ] {
            assert!(!map.contains(gone), "{gone} in the sitemap:\n{map}");
        }
    }
}
