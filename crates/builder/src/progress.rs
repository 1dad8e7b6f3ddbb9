//! Progress of a long build, for whoever is watching. The builder only reports phases and
//! steps; the command line decides how (or whether) to show them.

/// Receives a build's progress from any thread.
pub trait Progress: Sync {
    /// A new phase starts; `total` is its number of steps when known.
    fn phase(&self, name: &str, total: Option<u64>);
    /// `n` more steps of the current phase are done.
    fn advance(&self, n: u64);
    /// The build is over (done or failed).
    fn finish(&self) {}
    /// A line for the person running the build, about the build itself (not the content):
    /// why it is a full build after all, say.
    fn note(&self, line: &str) {
        eprintln!("{line}");
    }
}

/// Shows nothing: tests, previews, and runs not attached to a terminal.
pub struct Silent;

impl Progress for Silent {
    fn phase(&self, _: &str, _: Option<u64>) {}
    fn advance(&self, _: u64) {}
}
