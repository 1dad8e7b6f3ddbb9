//! `/sitemap.xml`: published pages only, with `lastmod` from the trail.

use crate::config::SiteConfig;
use crate::pages::Rendered;

pub fn sitemap(cfg: &SiteConfig, pages: &[Rendered]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for p in pages
        .iter()
        .filter(|p| p.listed && (p.url.is_empty() || p.url.ends_with('/')))
    {
        out.push_str("  <url><loc>");
        out.push_str(&xml_escape(&format!("{}{}", cfg.base(), p.url)));
        out.push_str("</loc>");
        if let Some(m) = &p.lastmod {
            out.push_str("<lastmod>");
            out.push_str(m);
            out.push_str("</lastmod>");
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

pub fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}
