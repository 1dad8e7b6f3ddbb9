//! The builder of motebok: reads a site, resolves it, renders it and writes it.
//!
//! The phases live in [`build`]; the builder owns all I/O (files, git, clock), while the
//! parser and domain crates stay pure.

pub mod accessibility;
pub mod api;
pub mod archive;
pub mod attachments;
pub mod build;
pub mod calendar;
pub mod config;
pub mod config_urls;
pub mod dates;
pub mod deps;
pub mod feeds;
pub mod follow;
pub mod gone;
pub mod incremental;
pub mod load;
pub mod pages;
pub mod preview;
pub mod privacy;
pub mod progress;
pub mod same_name;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod sitemap;
pub mod skeleton;
pub mod source;
pub mod stream;
#[cfg(test)]
pub mod testkit;
pub mod theme;
pub mod theme_source;
pub mod trail;
pub mod urls;
pub mod views;
pub mod words;
pub mod write;

pub use build::{build, build_with, check, BuildError, Options, Report};
pub use config::SiteConfig;
