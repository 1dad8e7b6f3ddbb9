//! The open data a build publishes beside its pages: `/api/` (OParl JSON), the Atom feeds,
//! the follow feeds and calendars of each body and case, `/moter.ics` and `/sitemap.xml`.
//!
//! Made from the views (`crate::views`) and URLs alone, so that it can become a crate of its
//! own (`motebok-publish`): it names nothing else of the builder but `urls`, `paper_files`,
//! `digest`, the body store and `write::OutFile`. It writes nothing itself: the builder hands
//! it a `put` for the files and converts its errors at the boundary.

pub(crate) mod api;
pub(crate) mod calendar;
pub(crate) mod feeds;
pub(crate) mod follow;
pub(crate) mod sitemap;
