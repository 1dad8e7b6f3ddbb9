//! Writing the output atomically: everything goes into a fresh folder beside the target, which
//! is swapped in only when complete. A failed build leaves the previous output as it was.

mod patch;

pub use patch::Patch;

use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// One output file, path relative to the output root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, thiserror::Error)]
#[error("kan ikke skrive {path}: {source}")]
pub struct WriteError {
    pub path: String,
    #[source]
    pub source: std::io::Error,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |source| WriteError {
        path: path.display().to_string(),
        source,
    }
}

/// Where a build records what it wrote: the build's key and a hash of every file. It lives
/// inside the output, so it is swapped in with it and always describes it.
pub const MANIFEST: &str = ".motebok/manifest.json";

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct Manifest {
    /// Everything a build's output depends on (binary, commit, date, theme): equal keys mean
    /// equal output.
    pub key: String,
    pub files: BTreeMap<String, String>,
}

/// The manifest of the output at `out`, if it has a readable one.
pub fn read_manifest(out: &Path) -> Option<Manifest> {
    let text = std::fs::read_to_string(out.join(MANIFEST)).ok()?;
    serde_json::from_str(&text).ok()
}

/// The folder an output folder lives in, and its name: staging folders, patches and the
/// snapshot go beside it as `.<name>.motebok-*`.
pub fn beside(out: &Path) -> (PathBuf, String) {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    (parent, name)
}

/// Where a build's files go: a fresh folder ([`Staging`]) or the previous output updated in
/// place ([`Patch`]). Called from any thread.
pub trait Output: Sync {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), WriteError>;
    /// Takes the previous output's file at `path` over unchanged; false when there is none.
    fn keep(&self, path: &str) -> bool;
    /// The previous output's bytes at `path`, if it had that file.
    fn old_bytes(&self, path: &str) -> Option<Vec<u8>>;
}

impl Output for Staging {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), WriteError> {
        Staging::put(self, path, bytes)
    }
    fn keep(&self, _: &str) -> bool {
        false
    }
    fn old_bytes(&self, _: &str) -> Option<Vec<u8>> {
        None
    }
}

impl Output for Patch {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), WriteError> {
        Patch::put(self, path, bytes)
    }
    fn keep(&self, path: &str) -> bool {
        Patch::keep(self, path)
    }
    fn old_bytes(&self, path: &str) -> Option<Vec<u8>> {
        Patch::old_bytes(self, path)
    }
}

/// Writes `manifest` into the output folder `out`.
fn write_manifest(out: &Path, manifest: &Manifest) -> Result<(), WriteError> {
    let mpath = out.join(MANIFEST);
    std::fs::create_dir_all(mpath.parent().unwrap_or(out)).map_err(io(&mpath))?;
    // Compact: on a large archive it lists some 45,000 files, read back on every rebuild.
    let json = serde_json::to_vec(manifest).map_err(|e| io(&mpath)(std::io::Error::other(e)))?;
    std::fs::write(&mpath, json).map_err(io(&mpath))
}

/// A stable hash of a file's bytes (SipHash with fixed keys; the key includes the binary's
/// version, so a change of hash function between versions only costs one full write).
pub fn content_hash(bytes: &[u8]) -> String {
    use std::hash::Hasher;
    let mut h = std::hash::DefaultHasher::new();
    h.write(bytes);
    format!("{:016x}", h.finish())
}

/// How many files a write created anew and how many it took over unchanged.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub reused: usize,
}

/// Writes `files` to `out` atomically. With a `key`, files whose bytes equal the previous
/// output's are hard-linked from it rather than written again, and a manifest records the
/// build; without one (an archive package) the output holds exactly `files`.
pub fn write_atomic(
    out: &Path,
    files: &[OutFile],
    key: Option<&str>,
) -> Result<WriteStats, WriteError> {
    let staging = Staging::new(out, key.is_some())?;
    files
        .par_iter()
        .try_for_each(|f| staging.put(&f.path, &f.bytes))?;
    staging.finish(key)
}

/// An output being written: a fresh folder beside the target that files go into as soon as
/// they are made (from any thread), swapped in by [`Staging::finish`]. Dropped unfinished (a
/// failed build), it is removed and the previous output stays as it was.
pub struct Staging {
    dir: tempfile::TempDir,
    out: PathBuf,
    parent: PathBuf,
    name: String,
    /// The previous output's manifest: unchanged files are hard-linked from it.
    old: Manifest,
    /// Hash of every file put so far, for the new manifest.
    hashes: Mutex<BTreeMap<String, String>>,
    /// Folders already created inside the staging folder.
    dirs: Mutex<HashSet<PathBuf>>,
    reused: AtomicUsize,
    /// Every file put is scanned for identity numbers before the output may be swapped in.
    backstop: crate::privacy::Backstop,
}

impl Staging {
    /// Starts an output for `out`; `reuse`: take unchanged files over from the output there.
    pub fn new(out: &Path, reuse: bool) -> Result<Staging, WriteError> {
        let (parent, name) = beside(out);
        std::fs::create_dir_all(&parent).map_err(io(&parent))?;
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.motebok-"))
            .tempdir_in(&parent)
            .map_err(io(&parent))?;
        let old = if reuse {
            read_manifest(out).unwrap_or_default()
        } else {
            Manifest::default()
        };
        Ok(Staging {
            dir,
            out: out.to_path_buf(),
            parent,
            name,
            old,
            hashes: Mutex::new(BTreeMap::new()),
            dirs: Mutex::new(HashSet::new()),
            reused: AtomicUsize::new(0),
            backstop: Default::default(),
        })
    }

    /// The files put so far that hold an identity number (the build reports them and drops
    /// the staging folder: [`Staging::finish`] would refuse them anyway).
    pub fn privacy_errors(&self) -> Vec<motebok_parser::Diagnostic> {
        if crate::build::Timer::new().on() {
            eprintln!("privacy backstop: {}", self.backstop.cost());
        }
        self.backstop.errors(&self.out)
    }

    /// Puts one file (path relative to the output root). A file whose bytes equal the previous
    /// output's is hard-linked from it: on a rebuild only changed files cost a write.
    pub fn put(&self, path: &str, bytes: &[u8]) -> Result<(), WriteError> {
        self.backstop.inspect(path, bytes);
        let target = self.dir.path().join(path);
        if let Some(d) = target.parent() {
            let known = lock(&self.dirs).contains(d);
            if !known {
                std::fs::create_dir_all(d).map_err(io(d))?;
                lock(&self.dirs).insert(d.to_path_buf());
            }
        }
        let h = content_hash(bytes);
        let same = self.old.files.get(path) == Some(&h)
            && std::fs::hard_link(self.out.join(path), &target).is_ok();
        if same {
            self.reused.fetch_add(1, Ordering::Relaxed);
        } else {
            std::fs::write(&target, bytes).map_err(io(&target))?;
        }
        lock(&self.hashes).insert(path.to_string(), h);
        Ok(())
    }

    /// Writes the manifest (with a `key`) and swaps the new output in for the old one.
    pub fn finish(self, key: Option<&str>) -> Result<WriteStats, WriteError> {
        refuse_leaks(&self.backstop, &self.out)?;
        let hashes = self.hashes.into_inner().unwrap_or_else(|e| e.into_inner());
        let files = hashes.len();
        if let Some(key) = key {
            let manifest = Manifest {
                key: key.to_string(),
                files: hashes,
            };
            write_manifest(self.dir.path(), &manifest)?;
        }
        let reused = self.reused.into_inner();
        let (out, parent, name) = (self.out, self.parent, self.name);
        let staging = self.dir.keep();
        // Swap: move the old output aside, the new one in, then remove the old one.
        let old = parent.join(format!(".{name}.motebok-old-{}", std::process::id()));
        let had_old = out.exists();
        if had_old {
            std::fs::rename(&out, &old).map_err(io(&out))?;
        }
        if let Err(e) = std::fs::rename(&staging, &out) {
            if had_old {
                let _ = std::fs::rename(&old, &out);
            }
            let _ = std::fs::remove_dir_all(&staging);
            return Err(io(&out)(e));
        }
        if had_old {
            let _ = std::fs::remove_dir_all(&old);
        }
        Ok(WriteStats {
            written: files - reused,
            reused,
        })
    }
}

/// A output holding an identity number is never swapped in, whoever forgot to ask first.
fn refuse_leaks(backstop: &crate::privacy::Backstop, out: &Path) -> Result<(), WriteError> {
    match backstop.errors(out).first() {
        None => Ok(()),
        Some(d) => Err(WriteError {
            path: d.path.clone(),
            source: std::io::Error::other(d.message.clone()),
        }),
    }
}

pub(crate) fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().strip_prefix(dir).unwrap().display().to_string())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn files_put_from_many_threads_land_together_and_unchanged_ones_are_linked() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let s = Staging::new(&out, true).unwrap();
        (0..50).into_par_iter().for_each(|i| {
            s.put(
                &format!("a/{}/index.html", i % 7),
                format!("side {i}").as_bytes(),
            )
            .unwrap_or_else(|e| panic!("{e}"));
        });
        let stats = s.finish(Some("k1")).unwrap();
        assert_eq!(stats.written + stats.reused, 7);
        let s = Staging::new(&out, true).unwrap();
        s.put("a/0/index.html", b"ny").unwrap();
        s.put("b.txt", b"b").unwrap();
        let before = std::fs::read(out.join("a/1/index.html")).unwrap();
        s.put("a/1/index.html", &before).unwrap();
        let stats = s.finish(Some("k2")).unwrap();
        assert_eq!((stats.written, stats.reused), (2, 1));
        assert_eq!(
            listing(&out),
            [
                ".motebok/manifest.json",
                "a/0/index.html",
                "a/1/index.html",
                "b.txt"
            ]
        );
        assert_eq!(std::fs::read(out.join("a/0/index.html")).unwrap(), b"ny");
        assert_eq!(read_manifest(&out).unwrap().key, "k2");
    }

    #[test]
    fn an_unfinished_output_leaves_the_previous_one_and_no_trace() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_atomic(
            &out,
            &[OutFile {
                path: "index.html".into(),
                bytes: b"gammel".to_vec(),
            }],
            Some("k"),
        )
        .unwrap();
        let s = Staging::new(&out, true).unwrap();
        s.put("index.html", b"halvferdig").unwrap();
        drop(s); // a build that failed after writing some files
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"gammel");
        let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "only the output folder remains");
    }
}
