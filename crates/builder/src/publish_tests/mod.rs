//! Tests of `motebok_publish` on whole sites the builder loads and renders in memory
//! (`crate::testkit`): the crate below the builder cannot build a site itself.

mod api;
mod calendar_and_sitemap;
