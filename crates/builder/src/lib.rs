//! The builder of motebok: reads a site, resolves it, renders it and writes it.
//!
//! `build` orchestrates the commands; every run (a build, a rebuild, the live preview,
//! `check --against`) goes through one pipeline (`pipeline`). The builder owns the I/O
//! (files, clock) and reads git through `motebok_git`, while the parser and domain crates
//! stay pure.

pub(crate) mod accessibility;
pub(crate) mod api;
pub mod archive;
pub mod attachments;
pub(crate) mod binary;
pub mod build;
pub(crate) mod build_error;
pub(crate) mod calendar;
pub mod config;
pub(crate) mod config_urls;
pub mod dates;
pub(crate) mod deps;
pub(crate) mod digest;
pub(crate) mod escape;
pub(crate) mod examined;
pub(crate) mod feeds;
pub(crate) mod follow;
pub(crate) mod gone;
pub(crate) mod incremental;
pub mod load;
pub(crate) mod loaded;
pub(crate) mod mime;
pub(crate) mod moved_files;
pub(crate) mod options;
pub(crate) mod pages;
pub(crate) mod papers;
pub(crate) mod phases;
pub(crate) mod pipeline;
pub mod preview;
pub mod privacy;
pub mod progress;
pub(crate) mod remake;
pub(crate) mod same_name;
pub mod scaffold;
pub mod search;
pub mod serve;
pub(crate) mod sitemap;
pub(crate) mod skeleton;
pub mod source;
pub(crate) mod start;
pub mod store;
#[cfg(test)]
pub(crate) mod testkit;
pub(crate) mod theme;
pub(crate) mod theme_source;
pub(crate) mod timer;
pub(crate) mod urls;
pub(crate) mod views;
pub mod words;
pub(crate) mod write;
pub(crate) mod xml_out;

pub use build::{build, build_with, check, BuildError, Options, Report};
pub use config::SiteConfig;
