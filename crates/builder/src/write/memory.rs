//! An output held in memory (the live preview, `check --against`, tests): the same
//! [`Output`] the render pass writes a folder through, over the files of the previous run.

use super::error::WriteError;
use super::output::Output;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// Files by output path, shared with the preview's HTTP threads without copying.
pub type Files = HashMap<String, Arc<[u8]>>;

/// A new set of files made over `old`: what is kept or written equal to before shares the old
/// bytes; what is neither put nor kept is gone when it is finished.
pub struct Memory {
    old: Arc<Files>,
    new: Mutex<Files>,
    changed: AtomicUsize,
}

impl Memory {
    /// An output over the files of the previous run (empty for a first one).
    pub fn over(old: Arc<Files>) -> Memory {
        Memory {
            old,
            new: Mutex::new(HashMap::new()),
            changed: AtomicUsize::new(0),
        }
    }

    /// The files put or kept, and how many differ from before (added, changed or gone).
    pub fn finish(self) -> (Files, usize) {
        let new = self.new.into_inner().unwrap_or_else(|e| e.into_inner());
        let gone = self.old.keys().filter(|k| !new.contains_key(*k)).count();
        (new, self.changed.into_inner() + gone)
    }

    fn insert(&self, path: &str, bytes: Arc<[u8]>) {
        let mut new = self.new.lock().unwrap_or_else(|e| e.into_inner());
        new.insert(path.to_string(), bytes);
    }
}

impl Output for Memory {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), WriteError> {
        match self.old.get(path) {
            Some(old) if **old == *bytes => self.insert(path, old.clone()),
            _ => {
                self.changed.fetch_add(1, Ordering::Relaxed);
                self.insert(path, bytes.into());
            }
        }
        Ok(())
    }
    fn keep(&self, path: &str) -> bool {
        let Some(old) = self.old.get(path) else {
            return false;
        };
        self.insert(path, old.clone());
        true
    }
    fn old_bytes(&self, path: &str) -> Option<Vec<u8>> {
        self.old.get(path).map(|b| b.to_vec())
    }
}
