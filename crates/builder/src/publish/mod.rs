//! The open data a build publishes beside its pages: `/api/` (OParl JSON), the Atom feeds,
//! the follow feeds and calendars of each body and case, `/moter.ics` and `/sitemap.xml`.
//!
//! Made from the views (`crate::views`) and URLs alone, so that it can become a crate of its
//! own (`motebok-publish`): it names nothing else of the builder but `urls`, `paper_files`,
//! `digest`, the body store and `write::OutFile`. It writes nothing itself: the builder hands
//! it a `put` for the files and converts its errors at the boundary.

mod api;
mod calendar;
mod feeds;
mod follow;
mod sitemap;
mod stamp;

// What the rest of the builder uses.
pub(crate) use api::{
    files as api_files, index_page as api_index_page, paths as api_paths, ApiError, ApiObject,
    ApiState, FileFacts, Reuse, INDEX_TEMPLATE as API_INDEX_TEMPLATE,
};
pub(crate) use calendar::calendar;
pub(crate) use follow::{case_feed_title, case_has_feed, each as follow_feeds, site_feed, Make};
pub(crate) use sitemap::{sitemap, Listed};
