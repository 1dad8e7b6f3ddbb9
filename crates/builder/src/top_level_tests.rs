//! The site's top-level paths against what a build writes (the test stays in the builder,
//! which renders: `motebok_site::urls` only names the paths).

use crate::testkit;
use motebok_site::urls::organ;

/// Every top-level path the site writes is a body's folder or one of `SITE_PATHS`, which
/// bodies may not take: a new output file at the top must be added there.
#[test]
fn every_top_level_output_is_a_site_path_or_a_body() {
    let site = testkit::site(&testkit::files(), Default::default(), &[], "2025-06-01");
    let files = testkit::render(&site, "2025-06-01");
    let mut tops: Vec<String> = files
        .keys()
        .map(|p| match p.split_once('/') {
            Some((dir, _)) => format!("{dir}/"),
            None => p.clone(),
        })
        .collect();
    tops.push(format!(
        "{}/",
        crate::search::BUNDLE_DIR.split('/').next().unwrap()
    ));
    tops.push(format!(
        "{}/",
        crate::write::MANIFEST.split('/').next().unwrap()
    ));
    tops.sort();
    tops.dedup();
    let bodies: Vec<String> = site.organs.iter().map(|o| organ(&o.id)).collect();
    for top in &tops {
        assert!(
            motebok_parser::names::SITE_PATHS.contains(&top.as_str()) || bodies.contains(top),
            "{top} is written at the top of the site but is not in names::SITE_PATHS"
        );
    }
    assert!(tops.contains(&"feed.xml".to_string()) && tops.contains(&"api/".to_string()));
}
