//! The builder of motebok: the I/O and the orchestration of a build.
//!
//! It reads a site (the git tree through `motebok_git`, or the working tree), checks what it
//! read (privacy, attachments), hands the files to the pure crates below it (the parser, the
//! domain, then `motebok_render` and `motebok_publish` for what is published), typesets the
//! meeting papers (`papers`, kept across builds in its cache) and writes the output atomically
//! (`write`). Every run (a build, a rebuild, the live preview, `check --against`) goes through
//! one pipeline (`pipeline`); `build` orchestrates the commands. The commands that consume a
//! build sit above it in crates of their own (`motebok-archive`, `motebok-serve`); the builder
//! knows neither.

pub mod attachments;
pub(crate) mod binary;
pub mod build;
pub(crate) mod build_error;
pub(crate) mod config;
pub(crate) mod departures;
pub mod digest;
pub(crate) mod examined;
pub(crate) mod incremental;
pub mod load;
pub(crate) mod loaded;
pub(crate) mod options;
pub(crate) mod papers;
pub(crate) mod phases;
pub mod pipeline;
pub mod preview;
pub mod privacy;
pub mod progress;
#[cfg(test)]
mod publish_tests;
pub(crate) mod remake;
pub(crate) mod same_name;
pub mod scaffold;
pub mod search;
pub mod setup_error;
pub mod source;
pub(crate) mod start;
pub mod store;
pub(crate) mod sync;
#[cfg(test)]
pub(crate) mod testkit;
pub(crate) mod theme_source;
pub(crate) mod timer;
#[cfg(test)]
mod top_level_tests;
pub mod write;

pub use build::{build, build_with, check, BuildError, Options, Report};
/// Parse and resolve what [`build::load`] loaded, as a build does (for `motebok-archive`).
pub use phases::resolve_site;
/// The working tree built into memory from scratch, as a preview shows it (for
/// `motebok-serve`'s tests: what the live preview must equal after any sequence of edits).
pub use phases::worktree_in_memory;
/// The theme in the working tree, its files that differ from the branch marked as drafts (for
/// `motebok-serve`, which reads it once per rebuild).
pub use theme_source::from_worktree as worktree_theme;
