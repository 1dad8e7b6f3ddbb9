//! The preview's current build, shared between the watcher and the HTTP threads.

use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// One build's result.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// Increases with every build; browsers reload when it moves.
    pub version: u64,
    /// Files by output path, shared with the build that made them.
    pub files: Arc<HashMap<String, Arc<[u8]>>>,
    /// The errors of the last build, shown instead of pages until fixed.
    pub error: Option<String>,
    /// The path of `base_url` without its leading slash (`helsefellesskap/`): requests under
    /// it are served too, so the 404 page's links, which start there, work in the preview.
    pub base_path: String,
}

/// What the server serves, replaced whole by each rebuild; waiters are woken on change.
#[derive(Debug, Default)]
pub struct State {
    current: Mutex<Snapshot>,
    changed: Condvar,
}

impl State {
    /// A copy of what is served now (cheap: the files are shared).
    pub fn snapshot(&self) -> Snapshot {
        self.current
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Runs `f` on what is served now, under the lock.
    pub fn with<T>(&self, f: impl FnOnce(&Snapshot) -> T) -> T {
        f(&self.current.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Replaces the files, of which the build says `changed` differ from the previous build.
    /// The version moves only when something changed, so unaffected pages are not reloaded.
    pub fn publish_files(
        &self,
        files: Arc<HashMap<String, Arc<[u8]>>>,
        changed: usize,
        base_path: &str,
    ) {
        let mut cur = self.current.lock().unwrap_or_else(|e| e.into_inner());
        cur.files = files;
        // Requests are decoded before they are looked up: so is the path they are matched to.
        cur.base_path = motebok_site::urls::from_iri(base_path.trim_start_matches('/'));
        if changed > 0 || cur.error.is_some() {
            cur.error = None;
            cur.version += 1;
            self.changed.notify_all();
        }
    }

    /// Shows `text` in place of the site until the next good build.
    pub fn publish_error(&self, text: String) {
        let mut cur = self.current.lock().unwrap_or_else(|e| e.into_inner());
        cur.error = Some(text);
        cur.version += 1;
        self.changed.notify_all();
    }

    /// Blocks until the version differs from `seen` or the timeout passes.
    pub fn wait_newer(&self, seen: u64, timeout: Duration) -> u64 {
        let cur = self.current.lock().unwrap_or_else(|e| e.into_inner());
        let (cur, _) = self
            .changed
            .wait_timeout_while(cur, timeout, |s| s.version == seen)
            .unwrap_or_else(|e| e.into_inner());
        cur.version
    }
}
