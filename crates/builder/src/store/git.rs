//! Bodies of the snapshot's files, read again from git only when a page reads one.
//!
//! The snapshot keeps each file's blob id and where its body lies in it (`Body::at`), not the
//! text: its bodies come back as [`Text::Unloaded`](motebok_parser::Text). [`GitBodies`] reads
//! them for the store ([`super::Store`]), once each; a body that cannot be read (the blob gone or
//! damaged: it should not be, as the snapshot's tree is still there) is an error.

use crate::examined::Examined;
use motebok_parser::BodyAt;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// Reads the bodies of the files given to [`index`] from the repository.
pub(crate) struct GitBodies {
    git_dir: PathBuf,
    workdir: Option<PathBuf>,
    /// Idle repository handles: a `Repo` is `Send` but not `Sync`, so each load takes one, or
    /// opens another while all are in use.
    handles: Mutex<Vec<motebok_git::Repo>>,
    loaded: AtomicUsize,
    /// Path → where its body lies, and the body once read (or why it could not be).
    bodies: HashMap<String, Entry>,
}

struct Entry {
    blob: motebok_git::Oid,
    at: BodyAt,
    text: OnceLock<Result<Arc<str>, String>>,
}

impl GitBodies {
    /// The bodies read so far.
    pub(crate) fn loaded(&self) -> usize {
        self.loaded.load(Ordering::Relaxed)
    }

    /// The body of the file at `path`, read once; why not, when it cannot be read.
    pub(crate) fn text(&self, path: &str) -> Result<Arc<str>, String> {
        let Some(e) = self.bodies.get(path) else {
            return Err("filen er ikke i øyeblikksbildet".into());
        };
        e.text.get_or_init(|| self.load(path, e.blob, e.at)).clone()
    }

    fn load(&self, path: &str, blob: motebok_git::Oid, at: BodyAt) -> Result<Arc<str>, String> {
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
                    return Ok(text);
                }
            }
        }
        let handle = crate::sync::lock(&self.handles).pop();
        let repo = handle
            .map_or_else(|| motebok_git::Repo::open(&self.git_dir), Ok)
            .map_err(|e| e.to_string())?;
        let text = repo.blob(blob).map(|b| at.read(b.content()));
        crate::sync::lock(&self.handles).push(repo);
        match text {
            Ok(Some(text)) => Ok(text),
            Ok(None) => Err("blobben har ikke teksten der øyeblikksbildet sier".into()),
            Err(e) => Err(e.to_string()),
        }
    }
}

/// A reader of the bodies of `files` (as read from a snapshot, without text) from `repo`.
/// `None` when some file has no blob id or its blob is not in the repository: the snapshot
/// cannot be trusted, and a full build is needed.
pub(crate) fn index<'a>(
    repo: &motebok_git::Repo,
    files: impl IntoIterator<Item = &'a Examined>,
) -> Option<GitBodies> {
    let odb = repo.objects().ok()?;
    let mut bodies = HashMap::new();
    for e in files {
        let Ok(raw) = &e.parsed else { continue };
        let Some(body) = raw.body() else { continue };
        // Checked now, cheaply (an index look-up), so that a missing blob means a full build
        // rather than a failure halfway through rendering.
        let blob = e.blob.and_then(|b| motebok_git::Oid::from_bytes(&b).ok())?;
        if !odb.contains(blob) {
            return None;
        }
        let text = OnceLock::new();
        let at = body.at;
        bodies.insert(e.path.clone(), Entry { blob, at, text });
    }
    Some(GitBodies {
        git_dir: repo.git_dir().to_path_buf(),
        workdir: repo.workdir().map(Into::into),
        handles: Mutex::new(Vec::new()),
        loaded: AtomicUsize::new(0),
        bodies,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    const SENTENCE: &str = "Kommunene legger fram et felles forslag til legevaktsamarbeid.";
    const PATH: &str = "content/ssu/2026-01-01/2026.01.md";

    /// A repository with one case, and the case as a snapshot stores it (postcard bytes).
    fn snapshot_of_one_case(dir: &std::path::Path) -> (motebok_git::Repo, git2::Oid, Vec<u8>) {
        let made = git2::Repository::init(dir).unwrap();
        let repo = motebok_git::Repo::open(dir).unwrap();
        let file = format!(
            "---\r\nsaksnr: \"2026.01\"\r\ntittel: Sak\r\nsakstype: [orientering]\r\n---\r\n# Sak\r\n\r\n{SENTENCE}\r\n"
        );
        let blob = made.blob(file.as_bytes()).unwrap();
        let e = crate::examined::examine_one(PATH, file.as_bytes(), Some(blob.into()));
        (repo, blob, postcard::to_allocvec(&vec![e]).unwrap())
    }

    fn body(files: &[Examined]) -> &motebok_parser::Body {
        files[0].parsed.as_ref().unwrap().body().unwrap()
    }

    #[test]
    fn a_snapshot_keeps_no_body_text_and_the_store_reads_it_again_from_git() {
        let dir = tempfile::tempdir().unwrap();
        let (repo, _, bytes) = snapshot_of_one_case(dir.path());
        let hay = String::from_utf8_lossy(&bytes);
        assert!(!hay.contains("felles forslag"), "the body was written");

        let files: Vec<Examined> = postcard::from_bytes(&bytes).unwrap();
        // Plain data: the restored body says it has no text, and reading it takes the store.
        assert_eq!(body(&files).markdown, motebok_parser::Text::Unloaded);
        let store = Store::with(index(&repo, &files));
        assert_eq!(store.read_from_git(), 0);
        let text = store.text(PATH, body(&files)).unwrap();
        assert!(text.contains(SENTENCE), "{text}");
        let again = store.text(PATH, body(&files)).unwrap();
        assert!(Arc::ptr_eq(&text, &again));
        assert_eq!(store.read_from_git(), 1, "read once");
        assert!(store.failed().is_empty());

        // A checked-out file that differs from the blob is not read in its place.
        let on_disk = dir.path().join(PATH);
        std::fs::create_dir_all(on_disk.parent().unwrap()).unwrap();
        std::fs::write(&on_disk, "---\r\n---\r\nannet forslag\r\n").unwrap();
        let store = Store::with(index(&repo, &files));
        assert!(store.text(PATH, body(&files)).unwrap().contains(SENTENCE));

        // A blob that is not in the repository: no reader, a full build instead.
        let mut files: Vec<Examined> = postcard::from_bytes(&bytes).unwrap();
        files[0].blob = Some([7; 20]);
        assert!(index(&repo, &files).is_none());
    }

    #[test]
    fn a_body_whose_blob_went_missing_is_an_error_from_the_store_not_an_empty_text() {
        let dir = tempfile::tempdir().unwrap();
        let (repo, blob, bytes) = snapshot_of_one_case(dir.path());
        let files: Vec<Examined> = postcard::from_bytes(&bytes).unwrap();
        let store = Store::with(index(&repo, &files));
        // The blob goes after the snapshot was checked against the repository.
        let hex = blob.to_string();
        std::fs::remove_file(
            dir.path()
                .join(".git/objects")
                .join(&hex[..2])
                .join(&hex[2..]),
        )
        .unwrap();

        let err = store.text(PATH, body(&files)).unwrap_err();
        assert!(
            err.to_string()
                .starts_with(&format!("kan ikke lese {PATH} fra git: ")),
            "{err}"
        );
        // Asked again (another page), it fails again, and the run sees it once.
        assert!(store.text(PATH, body(&files)).is_err());
        let failed: Vec<String> = store.failed().iter().map(|e| e.to_string()).collect();
        assert_eq!(failed.len(), 1, "{failed:?}");
        assert!(failed[0].contains(PATH));

        // A store with nothing to read from git gives an error too, never a text.
        assert!(Store::in_memory().text(PATH, body(&files)).is_err());
    }
}
