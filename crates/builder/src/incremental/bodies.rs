//! Bodies of the snapshot's files, read again from git only when a page reads one.
//!
//! The snapshot keeps each file's blob id and where its body lies in it (`Body::at`), not the
//! text. A body that cannot be read (the blob gone from the repository: it should not be, as
//! the snapshot's tree is still there) reads as empty and is recorded; the rebuild checks
//! [`Bodies::failed`] before it changes the output, and builds everything instead.

use crate::examined::Examined;
use motebok_parser::{BodyAt, Text};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// Reads bodies from the repository for every loader attached by [`attach`].
pub(crate) struct Bodies {
    git_dir: PathBuf,
    workdir: Option<PathBuf>,
    /// Idle repository handles: a `Repo` is `Send` but not `Sync`, so each load takes one, or
    /// opens another while all are in use.
    handles: Mutex<Vec<motebok_git::Repo>>,
    loaded: AtomicUsize,
    failed: Mutex<Vec<String>>,
}

impl Bodies {
    /// The bodies read so far.
    pub(crate) fn loaded(&self) -> usize {
        self.loaded.load(Ordering::Relaxed)
    }

    /// The bodies that could not be read (`path: why`), sorted.
    pub(crate) fn failed(&self) -> Vec<String> {
        let mut v = crate::write::lock(&self.failed).clone();
        v.sort();
        v
    }

    fn load(&self, path: &str, blob: motebok_git::Oid, at: BodyAt) -> Arc<str> {
        self.loaded.fetch_add(1, Ordering::Relaxed);
        // As `source::read_git_tree`: a checked-out file whose blob id is the one wanted holds
        // the committed bytes, and costs a read and a SHA-1 rather than inflating from a pack.
        if let Some(bytes) = self
            .workdir
            .as_ref()
            .and_then(|w| std::fs::read(w.join(path)).ok())
        {
            if crate::source::blob_id(&bytes) == blob.as_bytes() {
                if let Some(text) = at.read(&bytes) {
                    return text;
                }
            }
        }
        let handle = crate::write::lock(&self.handles).pop();
        let repo = match handle.map_or_else(|| motebok_git::Repo::open(&self.git_dir), Ok) {
            Ok(repo) => repo,
            Err(e) => return self.fail(path, &e.to_string()),
        };
        let text = repo.blob(blob).map(|b| at.read(b.content()));
        crate::write::lock(&self.handles).push(repo);
        match text {
            Ok(Some(text)) => text,
            Ok(None) => self.fail(path, "blobben har ikke teksten der øyeblikksbildet sier"),
            Err(e) => self.fail(path, &e.to_string()),
        }
    }

    fn fail(&self, path: &str, why: &str) -> Arc<str> {
        crate::write::lock(&self.failed).push(format!("{path}: {why}"));
        Arc::from("")
    }
}

/// Gives every body of `files` (as read from a snapshot, without text) a loader reading it
/// from `repo`. `None` when some file has no blob id or its blob is not in the repository:
/// the snapshot cannot be trusted, and a full build is needed.
pub(crate) fn attach<'a>(
    repo: &motebok_git::Repo,
    files: impl IntoIterator<Item = &'a mut Examined>,
) -> Option<Arc<Bodies>> {
    let odb = repo.objects().ok()?;
    let bodies = Arc::new(Bodies {
        git_dir: repo.git_dir().to_path_buf(),
        workdir: repo.workdir().map(Into::into),
        handles: Mutex::new(Vec::new()),
        loaded: AtomicUsize::new(0),
        failed: Mutex::new(Vec::new()),
    });
    for e in files {
        let Ok(raw) = &mut e.parsed else { continue };
        let Some(body) = raw.body_mut() else { continue };
        // Checked now, cheaply (an index look-up), so that a missing blob means a full build
        // rather than a failure halfway through rendering.
        let blob = e.blob.and_then(|b| motebok_git::Oid::from_bytes(&b).ok())?;
        if !odb.contains(blob) {
            return None;
        }
        let (b, path, at) = (bodies.clone(), e.path.clone(), body.at);
        body.markdown = Text::lazy(Arc::new(move || b.load(&path, blob, at)));
    }
    Some(bodies)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SENTENCE: &str = "Kommunene legger fram et felles forslag til legevaktsamarbeid.";

    #[test]
    fn a_snapshot_keeps_no_body_text_and_reads_it_again_from_git() {
        let dir = tempfile::tempdir().unwrap();
        let made = git2::Repository::init(dir.path()).unwrap();
        let repo = motebok_git::Repo::open(dir.path()).unwrap();
        let path = "content/ssu/2026-01-01/2026.01.md";
        let file = format!(
            "---\r\nsaksnr: \"2026.01\"\r\ntittel: Sak\r\nsakstype: [orientering]\r\n---\r\n# Sak\r\n\r\n{SENTENCE}\r\n"
        );
        let blob = made.blob(file.as_bytes()).unwrap();
        let e = crate::examined::examine_one(path, file.as_bytes(), Some(blob.into()));
        let want = e.parsed.as_ref().unwrap().clone();

        // As the snapshot stores its files.
        let bytes = postcard::to_allocvec(&vec![e]).unwrap();
        let hay = String::from_utf8_lossy(&bytes);
        assert!(!hay.contains("felles forslag"), "the body was written");

        let mut files: Vec<Examined> = postcard::from_bytes(&bytes).unwrap();
        let bodies = attach(&repo, &mut files).unwrap();
        assert_eq!(bodies.loaded(), 0);
        let got = files[0].parsed.as_ref().unwrap();
        assert_eq!(got, &want);
        assert!(got.clone().body_mut().unwrap().markdown.contains(SENTENCE));
        assert_eq!(bodies.loaded(), 1, "clones share one load");
        assert!(bodies.failed().is_empty());

        // A checked-out file that differs from the blob is not read in its place.
        let on_disk = dir.path().join(path);
        std::fs::create_dir_all(on_disk.parent().unwrap()).unwrap();
        std::fs::write(&on_disk, file.replace("felles forslag", "annet forslag")).unwrap();
        let mut again: Vec<Examined> = postcard::from_bytes(&bytes).unwrap();
        attach(&repo, &mut again).unwrap();
        assert_eq!(again[0].parsed.as_ref().unwrap(), &want);

        // A blob that cannot be read reads as empty, and is recorded for the rebuild to see.
        let gone = motebok_git::Oid::from_bytes(&[7; 20]).unwrap();
        assert_eq!(&*bodies.load(path, gone, BodyAt::default()), "");
        assert_eq!(bodies.failed().len(), 1);

        // A blob that is not in the repository: no loaders, a full build instead.
        let mut files: Vec<Examined> = postcard::from_bytes(&bytes).unwrap();
        files[0].blob = Some([7; 20]);
        assert!(attach(&repo, &mut files).is_none());
    }
}
