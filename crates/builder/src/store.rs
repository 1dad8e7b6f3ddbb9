//! The store every reader of a body's text goes through. A body is in memory (a full build
//! reads every file), or was restored from a rebuild's snapshot without its text: then the
//! store reads it from git once, for every page that needs it. A read can fail (the blob gone
//! or damaged); that is an error for the reader to pass on and for the run to report with
//! every other failed read, never an empty body.

// Reading bodies from git is the store's own business, below the rebuild that asks for it.
pub(crate) mod git;

use crate::source::SourceError;
use git::GitBodies;
use motebok_parser::Body;
use motebok_site::views::{Bodies, Unread};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

/// Body texts, in memory or read from git on first use. Shared by the threads rendering.
pub struct Store {
    git: Option<GitBodies>,
    /// Every read that failed (path → why), for the run to report them all at once.
    failed: Mutex<BTreeMap<String, String>>,
}

impl Store {
    /// A store with every body in memory (a full build, a preview).
    pub fn in_memory() -> Store {
        Store::with(None)
    }

    /// A store that reads bodies not in memory from git.
    pub(crate) fn with(git: Option<GitBodies>) -> Store {
        Store {
            git,
            failed: Mutex::new(BTreeMap::new()),
        }
    }

    /// The text of `body`, of the file at `path`: from memory, or read from git (once).
    pub fn text(&self, path: &str, body: &Body) -> Result<Arc<str>, SourceError> {
        self.read(path, body).map_err(SourceError::from)
    }

    fn read(&self, path: &str, body: &Body) -> Result<Arc<str>, Unread> {
        if let Some(text) = body.markdown.known() {
            return Ok(text.clone());
        }
        let read = match &self.git {
            Some(git) => git.text(path),
            // A bug: a body without text where nothing can read it.
            None => Err("teksten er ikke lest inn, og bygget har ikke git å lese den fra".into()),
        };
        read.map_err(|why| {
            crate::sync::lock(&self.failed).insert(path.to_string(), why.clone());
            Unread {
                path: path.to_string(),
                why,
            }
        })
    }

    /// The bodies read from git so far.
    pub(crate) fn read_from_git(&self) -> usize {
        self.git.as_ref().map_or(0, GitBodies::loaded)
    }

    /// Every read that failed, by path: the run's error when not empty.
    pub(crate) fn failed(&self) -> Vec<SourceError> {
        crate::sync::lock(&self.failed)
            .iter()
            .map(|(path, why)| blob_error(path, why))
            .collect()
    }
}

fn blob_error(path: &str, why: &str) -> SourceError {
    SourceError::Blob {
        path: path.to_string(),
        source: motebok_git::Error::from_message(why),
    }
}

/// The views read bodies through the store.
impl Bodies for Store {
    fn text(&self, path: &str, body: &Body) -> Result<Arc<str>, Unread> {
        self.read(path, body)
    }
}

/// A body the views could not read: the store's failed read from git, with its message.
impl From<Unread> for SourceError {
    fn from(e: Unread) -> SourceError {
        blob_error(&e.path, &e.why)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit;
    use motebok_site::config::SiteConfig;
    use motebok_site::views::Views;

    /// A page whose body the store cannot read: the views hand back the store's `Unread`, and
    /// the builder reports it as the failed read from git it always was (message and kind).
    #[test]
    fn a_body_the_views_cannot_read_is_the_stores_failed_read() {
        let mut site = testkit::site(&testkit::files(), Default::default(), &[], "2025-06-01");
        // As a rebuild restores it from its snapshot: without its text.
        site.organs[0].body.markdown = motebok_parser::Text::Unloaded;
        let cfg = SiteConfig::parse(testkit::TOML).unwrap();
        let store = Store::in_memory();
        let v = Views::new(&site, &cfg, testkit::day("2025-06-01"), &store);

        let err = SourceError::from(v.organ(0).unwrap_err());
        assert!(matches!(&err, SourceError::Blob { path, .. } if path == "content/ssu/_organ.md"));
        assert_eq!(
            err.to_string(),
            "kan ikke lese content/ssu/_organ.md fra git: teksten er ikke lest inn, og bygget har ikke git å lese den fra"
        );
        let failed: Vec<String> = store.failed().iter().map(|e| e.to_string()).collect();
        assert_eq!(failed, [err.to_string()]);
    }
}
