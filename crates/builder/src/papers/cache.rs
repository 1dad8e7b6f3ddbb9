//! Typeset papers kept across builds, in the content repository's git folder
//! (`.git/motebok/papers/<binary>/`), so that a build into a new output folder (a fresh
//! checkout of the site, `--output` somewhere else, a wiped `public/`) typesets only the papers
//! whose content changed. Typesetting is most of a cold build's time (docs/performance.md).
//!
//! An entry is named by a hash of the assembled [`Paper`] (everything the typesetter is given)
//! and lives under this binary's id (the template and typst are compiled in), so a hit is the
//! very bytes typesetting would give. Each entry carries the SHA-256 of its PDF, checked on
//! every read: a damaged entry is reported, removed and typeset again, never published. Entries
//! are written to a temporary name and renamed, so a killed build leaves none half-written. The
//! cache is an optimisation only: a folder that cannot be created or written costs speed, not
//! the build.

use motebok_papers::Paper;
use motebok_site::checksum;
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The first bytes of an entry: what it is and its format.
const MAGIC: &[u8] = b"motebok paper cache 1\n";

/// How long an entry no build has used is kept: long enough for builds with another window
/// (`--all`) or of another branch to find theirs again.
const KEEP_UNUSED: Duration = Duration::from_secs(30 * 24 * 3600);

/// The identity of a paper's content: a SHA-256 of the assembled [`Paper`], 128 bits in hex.
pub(crate) fn paper_id(paper: &Paper) -> String {
    let mut h = ShaHasher(Sha256::new());
    paper.hash(&mut h);
    checksum::hex(&h.0.finalize()[..16])
}

/// Feeds `Hash` into SHA-256: a paper's identity must not collide across thousands of papers
/// kept for months, which 64 bits of `DefaultHasher` does not promise.
struct ShaHasher(Sha256);

impl Hasher for ShaHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }
    fn finish(&self) -> u64 {
        unreachable!("only the digest is read")
    }
}

/// What the cache holds for a paper.
pub(crate) enum Lookup {
    /// The PDF, its checksum verified.
    Hit(Vec<u8>),
    Miss,
    /// An entry whose bytes do not match its checksum (or cannot be read): removed.
    Damaged(PathBuf),
}

/// The typeset papers of one binary, in one repository.
#[derive(Debug, Clone)]
// `pub`: a field of the pipeline's public `Given` names it (previews pass `None`).
pub struct PaperCache {
    /// `.git/motebok/papers`: one folder per binary under it.
    root: PathBuf,
    /// This binary's folder.
    dir: PathBuf,
}

impl PaperCache {
    /// The cache of the repository whose git folder is `git_dir`, for this binary.
    pub(crate) fn in_git_dir(git_dir: &Path) -> PaperCache {
        let root = git_dir.join("motebok").join("papers");
        let id = crate::binary::binary_id().replace(' ', "-");
        PaperCache {
            dir: root.join(id),
            root,
        }
    }

    fn entry(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.pdf"))
    }

    /// The PDF kept for the paper `id`, its checksum verified.
    pub(crate) fn get(&self, id: &str) -> Lookup {
        let path = self.entry(id);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Lookup::Miss,
            Err(_) => return self.damaged(path),
        };
        let Some(rest) = bytes.strip_prefix(MAGIC) else {
            return self.damaged(path);
        };
        if rest.len() < 32 || Sha256::digest(&rest[32..])[..] != rest[..32] {
            return self.damaged(path);
        }
        // Marks the entry as used, for `prune`.
        if let Ok(f) = std::fs::File::options().append(true).open(&path) {
            let _ = f.set_modified(wall_clock());
        }
        Lookup::Hit(rest[32..].to_vec())
    }

    fn damaged(&self, path: PathBuf) -> Lookup {
        let _ = std::fs::remove_file(&path);
        Lookup::Damaged(path)
    }

    /// Keeps `pdf` as the paper `id`. Errors are ignored: the cache only saves time.
    pub(crate) fn put(&self, id: &str, pdf: &[u8]) {
        let path = self.entry(id);
        let tmp = self.dir.join(format!(".{id}.{}.tmp", std::process::id()));
        let mut bytes = Vec::with_capacity(MAGIC.len() + 32 + pdf.len());
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&Sha256::digest(pdf));
        bytes.extend_from_slice(pdf);
        let written = std::fs::create_dir_all(&self.dir)
            .and_then(|()| std::fs::write(&tmp, &bytes))
            .and_then(|()| std::fs::rename(&tmp, &path));
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }

    /// Removes the folders of other binaries (their papers may look different), leftovers of
    /// killed builds, and entries neither in `used` nor used for [`KEEP_UNUSED`].
    pub(crate) fn prune(&self, used: &HashSet<&str>) {
        if let Ok(dirs) = std::fs::read_dir(&self.root) {
            for d in dirs.flatten() {
                if d.path() != self.dir {
                    let _ = std::fs::remove_dir_all(d.path());
                }
            }
        }
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        let now = wall_clock();
        for e in entries.flatten() {
            let name = e.file_name();
            let name = name.to_string_lossy();
            let id = name.strip_suffix(".pdf").filter(|_| !name.starts_with('.'));
            if id.is_some_and(|id| used.contains(id)) {
                continue;
            }
            let age = e
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|m| now.duration_since(m).ok());
            // A temporary file of a build still running is young; one of a killed build is not.
            let limit = if id.is_some() {
                KEEP_UNUSED
            } else {
                Duration::from_secs(3600)
            };
            if age.is_some_and(|a| a > limit) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

/// The time of day, for the cache's own bookkeeping only (when an entry was last used): it
/// never reaches the output, which takes its date from the command line like every build.
#[allow(clippy::disallowed_methods)]
fn wall_clock() -> SystemTime {
    SystemTime::now()
}
