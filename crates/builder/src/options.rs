//! What a command asks of a build, and where a long-running command takes "today" from.

use chrono::NaiveDate;
use std::path::PathBuf;

/// What a command asks of a build.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site's repository (or working tree).
    pub root: PathBuf,
    /// The output folder.
    pub output: PathBuf,
    /// "Now" for the window, resolved once by the caller (the command line).
    pub today: NaiveDate,
    /// Preview the working tree, marking unapproved files as drafts.
    pub worktree: bool,
}

/// Where a long-running command (`serve`) takes "today" at the top of each rebuild. Only the
/// command line reads the clock: the builder is given dates, never asks for one.
#[derive(Clone)]
pub struct DateSource(std::sync::Arc<dyn Fn() -> NaiveDate + Send + Sync>);

impl DateSource {
    /// Dates from `f`, asked once per rebuild.
    pub fn new(f: impl Fn() -> NaiveDate + Send + Sync + 'static) -> DateSource {
        DateSource(std::sync::Arc::new(f))
    }

    /// The date for the rebuild about to start.
    pub fn today(&self) -> NaiveDate {
        (self.0)()
    }
}

impl From<NaiveDate> for DateSource {
    fn from(d: NaiveDate) -> DateSource {
        DateSource::new(move || d)
    }
}

impl std::fmt::Debug for DateSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DateSource")
    }
}
