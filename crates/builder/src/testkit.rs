//! Sites in memory for unit tests: `motebok_render::testkit`'s sites (files, hand-made trails
//! and drafts in, a resolved site out), rendered here through the builder's pipeline.

use motebok_domain::Site;
pub(crate) use motebok_render::testkit::{day, entry, files, site, trail, TOML};
use motebok_site::config::SiteConfig;
use motebok_site::theme::Theme;
use std::collections::BTreeMap;

/// Renders `site` with the default theme, as a build publishes it: every output file by path.
pub(crate) fn render(site: &Site, today: &str) -> BTreeMap<String, Vec<u8>> {
    let cfg = SiteConfig::parse(TOML).unwrap();
    let theme = Theme::default_only();
    let env = theme.environment().unwrap();
    let cx = crate::pipeline::Context {
        cfg: &cfg,
        theme: &theme,
        env: &env,
        today: day(today),
        hashes: &Default::default(),
        binaries: &|_| None,
        bodies: &crate::store::Store::in_memory(),
        outputs: crate::pipeline::Outputs::Publish,
        paper_cache: None,
    };
    let run = crate::pipeline::render_in_memory(site, &cx)
        .unwrap_or_else(|e| panic!("render failed: {e:?}"));
    run.files
        .into_iter()
        .map(|(p, b)| (p, b.to_vec()))
        .collect()
}

pub(crate) fn text(files: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    String::from_utf8(
        files
            .get(path)
            .unwrap_or_else(|| panic!("no {path}"))
            .clone(),
    )
    .unwrap()
}

pub(crate) fn json(files: &BTreeMap<String, Vec<u8>>, path: &str) -> serde_json::Value {
    serde_json::from_str(&text(files, path)).unwrap()
}
