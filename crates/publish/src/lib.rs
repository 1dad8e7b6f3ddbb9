//! The open data a build publishes beside its pages: `/api/` (OParl JSON), the Atom feeds,
//! the follow feeds and calendars of each body and case, `/moter.ics` and `/sitemap.xml`.
//!
//! Made from the views (`motebok_site::views`) and URLs alone. Pure: it reads no file, no git
//! and no clock, and writes nothing itself: the builder hands it the files' facts and a `put`
//! for the files, and converts its errors at the boundary.

mod api;
mod calendar;
mod feeds;
mod follow;
mod sitemap;
mod stamp;

/// What stands for an object inside other objects and in lists (for tests of whole sites).
pub use api::json::summarise as api_summary;
pub use api::{
    files as api_files, index_page as api_index_page, ApiError, ApiObject, ApiState, FileFacts,
    Reuse, INDEX_TEMPLATE as API_INDEX_TEMPLATE,
};
pub use calendar::calendar;
pub use feeds::MAX_ENTRIES as FEED_MAX_ENTRIES;
pub use follow::{case_feed_title, each as follow_feeds, site_feed, Make};
pub use sitemap::{sitemap, Listed};

/// Where the objects of `/api/` are written, relative to the output.
pub mod api_paths {
    pub use crate::api::paths::{
        agenda_item, consultation, file, location, meeting, organization, paper, INDEX,
    };
}
