//! The builder of motebok: reads a site, resolves it, renders it and writes it.
//!
//! `build` orchestrates the commands; every run (a build, a rebuild, the live preview,
//! `check --against`) goes through one pipeline (`pipeline`). The builder owns the I/O
//! (files, clock) and reads git through `motebok_git`, while the parser and domain crates
//! stay pure.

pub(crate) mod accessibility;
pub(crate) mod api;
pub mod attachments;
pub(crate) mod binary;
pub mod build;
pub(crate) mod build_error;
pub(crate) mod calendar;
pub(crate) mod deps;
pub mod digest;
pub(crate) mod examined;
pub(crate) mod feeds;
pub(crate) mod follow;
pub(crate) mod gone;
pub(crate) mod incremental;
pub mod load;
pub(crate) mod loaded;
pub(crate) mod moved_files;
pub(crate) mod options;
pub(crate) mod pages;
pub(crate) mod paper_files;
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
pub(crate) mod theme_source;
pub(crate) mod timer;
pub mod urls;
pub(crate) mod views;
pub mod write;

pub use build::{build, build_with, check, BuildError, Options, Report};
/// A body's Markdown as the meeting papers' blocks, for the archive's papers too.
pub use papers::markdown as paper_markdown;
/// Parse and resolve what [`build::load`] loaded, as a build does (for `motebok-archive`).
pub use phases::resolve_site;
