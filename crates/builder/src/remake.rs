//! The outputs beside the pages that a rebuild takes over when nothing they are made from
//! changed: each is made under a key (a hash of all its bytes depend on), and one whose key is
//! the one the previous build made it with, and which the output still holds, is kept rather
//! than made again. The one place that turns "these inputs" into "make this file or keep it"
//! for them, as `deps` does for pages.

use crate::build_error::BuildError;
use crate::write::Output;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// The key each output was made with, by output path: what the next build compares against.
pub(crate) type OutputKeys = HashMap<String, u64>;

/// Outputs made or kept by key, into `out`.
pub(crate) struct Remake<'a> {
    out: &'a dyn Output,
    old: &'a OutputKeys,
    new: Mutex<OutputKeys>,
    made: AtomicUsize,
}

/// What a [`Remake`] did.
pub(crate) struct Made {
    /// The keys of every output, for the next build.
    pub keys: OutputKeys,
    /// Outputs made (the rest were kept).
    pub made: usize,
    /// Outputs made or kept.
    pub total: usize,
}

impl<'a> Remake<'a> {
    /// Outputs into `out`, taking over what `old` (the previous build's keys) still describes.
    pub(crate) fn new(out: &'a dyn Output, old: &'a OutputKeys) -> Remake<'a> {
        Remake {
            out,
            old,
            new: Mutex::new(HashMap::new()),
            made: AtomicUsize::new(0),
        }
    }

    /// The file at `path`, whose bytes `make` makes from what `key` hashes: kept if the
    /// previous build made it with the same key (and the output has it), else made and put.
    pub(crate) fn file(
        &self,
        path: &str,
        key: u64,
        make: &motebok_publish::Make,
    ) -> Result<(), BuildError> {
        if self.old.get(path) != Some(&key) || !self.out.keep(path) {
            self.out.put(path, &make()?)?;
            self.made.fetch_add(1, Ordering::Relaxed);
        }
        self.new
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string(), key);
        Ok(())
    }

    /// The keys of what was made or kept, and how many were made.
    pub(crate) fn finish(self) -> Made {
        let keys = self.new.into_inner().unwrap_or_else(|e| e.into_inner());
        Made {
            total: keys.len(),
            keys,
            made: self.made.into_inner(),
        }
    }
}
