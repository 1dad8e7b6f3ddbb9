//! The first phase: the previous run's files, with what changed read and examined again.

use crate::examined::{examine_one, Examined};
use crate::source::SourceFile;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// What changed under `content/` since the previous run: from the git tree diff (a rebuild),
/// the file watcher (the live preview), or every file (a run from the empty state).
#[derive(Default)]
pub struct Changes {
    /// Paths gone or replaced (NFC).
    pub removed: Vec<String>,
    /// Files added or changed, with their bytes (and their git blob, if read from git).
    pub added: Vec<SourceFile>,
}

impl Changes {
    /// Every file, for a run from the empty state.
    pub(crate) fn everything(files: Vec<SourceFile>) -> Changes {
        Changes {
            removed: Vec::new(),
            added: files,
        }
    }
}

/// Brings the previous run's `files` up to date with `changes`: what was added or changed is
/// examined (in parallel), the rest stays as it was examined.
pub(crate) fn update(previous: &mut BTreeMap<String, Examined>, changes: &Changes) {
    update_with(previous, &changes.removed, &changes.added);
}

/// [`update`], with the changes borrowed: `removed` paths, then `added` files.
pub(crate) fn update_with(
    previous: &mut BTreeMap<String, Examined>,
    removed: &[String],
    added: &[SourceFile],
) {
    for path in removed {
        previous.remove(path);
    }
    let examined: Vec<Examined> = added
        .par_iter()
        .map(|f| examine_one(&f.path, &f.bytes, f.blob))
        .collect();
    for e in examined {
        previous.insert(e.path.clone(), e);
    }
}
