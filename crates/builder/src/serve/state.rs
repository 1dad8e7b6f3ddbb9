//! The preview's current build, shared between the watcher and the HTTP threads.

use crate::write::OutFile;
use std::collections::HashMap;
use std::sync::{Condvar, Mutex};
use std::time::Duration;

/// One build's result.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// Increases with every build; browsers reload when it moves.
    pub version: u64,
    pub files: HashMap<String, Vec<u8>>,
    /// The errors of the last build, shown instead of pages until fixed.
    pub error: Option<String>,
}

#[derive(Debug, Default)]
pub struct State {
    current: Mutex<Snapshot>,
    changed: Condvar,
    /// Rendered pages of the last build, reused for pages whose inputs did not change.
    pub pages: crate::pages::PageCache,
    /// The publishing branch's trail and files, kept while the branch does not move.
    pub branch: Mutex<Option<crate::load::BranchState>>,
    /// Parsed files by path and content hash.
    pub files: crate::build::FileCache,
}

impl State {
    pub fn snapshot(&self) -> Snapshot {
        self.current
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub fn with<T>(&self, f: impl FnOnce(&Snapshot) -> T) -> T {
        f(&self.current.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Replaces the files; returns how many differ from the previous build. The version moves
    /// only when something changed, so unaffected pages are not reloaded.
    pub fn publish_files(&self, files: Vec<OutFile>) -> usize {
        let mut cur = self.current.lock().unwrap_or_else(|e| e.into_inner());
        let mut changed = 0;
        let mut next = HashMap::with_capacity(files.len());
        for f in files {
            if cur.files.get(&f.path) != Some(&f.bytes) {
                changed += 1;
            }
            next.insert(f.path, f.bytes);
        }
        changed += cur.files.keys().filter(|k| !next.contains_key(*k)).count();
        if changed > 0 || cur.error.is_some() {
            cur.files = next;
            cur.error = None;
            cur.version += 1;
            self.changed.notify_all();
        }
        changed
    }

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
