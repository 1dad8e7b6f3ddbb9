//! What left the publishing branch, as plain data: every departed path, and each page-bearing
//! file as it was just before it left. The builder's load reads them from git; which of their
//! URLs stay is decided after `resolve`, by `gone` (CONTENT.md §7).

use motebok_domain::trail::{Departed, FileTrail};
use motebok_parser::raw::RawFile;
use std::sync::Arc;

/// What left the branch: the page-bearing files as they were, and every path (files copied as
/// they are keep their old URL too: `moved_files`). Production builds and previews alike.
#[derive(Debug, Clone, Default)]
pub struct Departures {
    /// The page-bearing files that left, each as it was just before.
    pub pages: Vec<Old>,
    /// Every path that left.
    pub files: Vec<Departed>,
}

/// A path that left the branch, with its file as it was just before.
#[derive(Debug, Clone)]
pub struct Old {
    /// The file as it was, parsed.
    pub file: RawFile,
    /// Its trail, to this day.
    pub trail: Arc<FileTrail>,
    /// Its file's path at the tip, when it moved and is still there.
    pub now: Option<String>,
    /// The entry of `trail` that took it away.
    pub left: usize,
}
