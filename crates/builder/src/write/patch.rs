//! Updating an output in place, for rebuilds after a few commits: only the files whose bytes
//! changed are written, and the rest are never touched (hard-linking 45,000 unchanged files
//! into a fresh folder costs more than the whole rebuild may).
//!
//! Nothing is changed until the new output is complete in memory and on disk: changed files
//! go first into a folder beside the output, and `finish` then removes the manifest, renames
//! each file into place (each file is replaced atomically), removes the files the new build
//! no longer has, and writes the new manifest last. A rebuild interrupted in between leaves
//! no manifest, so the next build is a full one into a fresh folder.

use super::{content_hash, io, lock, refuse_leaks, Manifest, WriteError, WriteStats, MANIFEST};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// An output being updated in place: see the module documentation.
pub struct Patch {
    out: PathBuf,
    /// The previous output's files and hashes, sorted by path.
    old: Vec<(String, String)>,
    /// Per file of `old`: taken over (tens of thousands of calls from every thread: a flag
    /// each rather than a shared set).
    kept: Vec<AtomicBool>,
    pending: tempfile::TempDir,
    /// Changed files, by path, with their hash; their bytes wait in `pending`.
    changed: Mutex<BTreeMap<String, String>>,
    dirs: Mutex<HashSet<PathBuf>>,
    /// The changed files are scanned for identity numbers before any is renamed in.
    backstop: crate::privacy::Backstop,
}

impl Patch {
    /// Starts updating the output at `out`, described by its manifest `old`.
    pub fn new(out: &Path, old: Manifest) -> Result<Patch, WriteError> {
        let (parent, name) = super::beside(out);
        let pending = tempfile::Builder::new()
            .prefix(&format!(".{name}.motebok-"))
            .tempdir_in(&parent)
            .map_err(io(&parent))?;
        let old: Vec<(String, String)> = old.files.into_iter().collect();
        Ok(Patch {
            out: out.to_path_buf(),
            kept: old.iter().map(|_| AtomicBool::new(false)).collect(),
            old,
            pending,
            changed: Mutex::new(BTreeMap::new()),
            dirs: Mutex::new(HashSet::new()),
            backstop: Default::default(),
        })
    }

    /// The changed files that hold an identity number (see [`super::Staging::privacy_errors`]).
    pub fn privacy_errors(&self) -> Vec<motebok_parser::Diagnostic> {
        if crate::build::Timer::new().on() {
            eprintln!("privacy backstop: {}", self.backstop.cost());
        }
        self.backstop.errors(&self.out)
    }

    /// The index of `path` in the previous output.
    fn find(&self, path: &str) -> Option<usize> {
        self.old
            .binary_search_by(|(p, _)| p.as_str().cmp(path))
            .ok()
    }

    /// Puts one file: written (to the side, for now) only when its bytes differ from the
    /// previous output's.
    pub fn put(&self, path: &str, bytes: &[u8]) -> Result<(), WriteError> {
        let h = content_hash(bytes);
        if let Some(i) = self.find(path).filter(|&i| self.old[i].1 == h) {
            self.kept[i].store(true, Ordering::Relaxed);
            return Ok(());
        }
        // Only what changes is written, so only that is scanned.
        self.backstop.inspect(path, bytes);
        let target = self.pending.path().join(path);
        if let Some(d) = target.parent() {
            if !lock(&self.dirs).contains(d) {
                std::fs::create_dir_all(d).map_err(io(d))?;
                lock(&self.dirs).insert(d.to_path_buf());
            }
        }
        std::fs::write(&target, bytes).map_err(io(&target))?;
        lock(&self.changed).insert(path.to_string(), h);
        Ok(())
    }

    /// Takes the previous output's file at `path` over as it is; false when it has none.
    pub fn keep(&self, path: &str) -> bool {
        match self.find(path) {
            Some(i) => {
                self.kept[i].store(true, Ordering::Relaxed);
                true
            }
            None => false,
        }
    }

    /// The previous output's bytes at `path`, if it had that file.
    pub fn old_bytes(&self, path: &str) -> Option<Vec<u8>> {
        self.find(path)?;
        std::fs::read(self.out.join(path)).ok()
    }

    /// Applies the changes to the output and writes its new manifest with `key`.
    pub fn finish(self, key: &str) -> Result<WriteStats, WriteError> {
        refuse_leaks(&self.backstop, &self.out)?;
        let changed = self.changed.into_inner().unwrap_or_else(|e| e.into_inner());
        let manifest_path = self.out.join(MANIFEST);
        match std::fs::remove_file(&manifest_path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(io(&manifest_path)(e))
            }
            _ => {}
        }
        let mut made: HashSet<PathBuf> = HashSet::new();
        for path in changed.keys() {
            let target = self.out.join(path);
            if let Some(d) = target.parent() {
                if made.insert(d.to_path_buf()) {
                    std::fs::create_dir_all(d).map_err(io(d))?;
                }
            }
            let from = self.pending.path().join(path);
            std::fs::rename(&from, &target).map_err(io(&target))?;
        }
        let mut files: BTreeMap<String, String> = BTreeMap::new();
        for ((path, h), kept) in self.old.into_iter().zip(self.kept) {
            if changed.contains_key(&path) {
                continue;
            }
            if kept.into_inner() {
                files.insert(path, h);
            } else {
                let target = self.out.join(&path);
                match std::fs::remove_file(&target) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                        return Err(io(&target)(e))
                    }
                    _ => {}
                }
                remove_empty_parents(&self.out, &target);
            }
        }
        let written = changed.len();
        files.extend(changed);
        let reused = files.len() - written;
        super::write_manifest(
            &self.out,
            &Manifest {
                key: key.to_string(),
                files,
            },
        )?;
        Ok(WriteStats { written, reused })
    }
}

/// Removes the folders above `file` that are now empty, up to (not including) `root`.
fn remove_empty_parents(root: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == root || !d.starts_with(root) || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::{read_manifest, OutFile};

    fn files(dir: &Path) -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().strip_prefix(dir).unwrap().display().to_string(),
                    std::fs::read_to_string(e.path()).unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    }

    fn f(path: &str, text: &str) -> OutFile {
        OutFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn only_changed_files_are_written_and_gone_ones_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let first = [
            f("index.html", "forside"),
            f("a/b/index.html", "b"),
            f("a/c/index.html", "c"),
            f("gone/x/index.html", "x"),
        ];
        crate::write::write_atomic(&out, &first, Some("k1")).unwrap();
        let ino = |p: &str| {
            use std::os::unix::fs::MetadataExt;
            std::fs::metadata(out.join(p)).unwrap().ino()
        };
        let (b, c) = (ino("a/b/index.html"), ino("a/c/index.html"));

        let patch = Patch::new(&out, read_manifest(&out).unwrap()).unwrap();
        assert!(patch.keep("a/b/index.html"));
        assert!(!patch.keep("no/such/file"));
        patch.put("a/c/index.html", b"c").unwrap(); // same bytes: kept
        patch.put("index.html", b"ny forside").unwrap();
        patch.put("new/index.html", b"ny").unwrap();
        // Before `finish`, the output is as it was.
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "forside"
        );
        let stats = patch.finish("k2").unwrap();
        assert_eq!((stats.written, stats.reused), (2, 2));
        let mut want = vec![
            ("a/b/index.html".to_string(), "b".to_string()),
            ("a/c/index.html".into(), "c".into()),
            ("index.html".into(), "ny forside".into()),
            ("new/index.html".into(), "ny".into()),
        ];
        let m = read_manifest(&out).unwrap();
        assert_eq!(m.key, "k2");
        assert_eq!(
            m.files.keys().cloned().collect::<Vec<_>>(),
            want.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>()
        );
        want.push((crate::write::MANIFEST.into(), String::new()));
        let got: Vec<(String, String)> = files(&out)
            .into_iter()
            .map(|(p, t)| {
                if p == crate::write::MANIFEST {
                    (p, String::new())
                } else {
                    (p, t)
                }
            })
            .collect();
        want.sort();
        assert_eq!(got, want);
        // Unchanged files were not rewritten, and the emptied folder is gone.
        assert_eq!((ino("a/b/index.html"), ino("a/c/index.html")), (b, c));
        assert!(!out.join("gone").exists());
        // No folder is left beside the output.
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn an_unfinished_patch_leaves_the_output_as_it_was() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        crate::write::write_atomic(&out, &[f("index.html", "gammel")], Some("k")).unwrap();
        let patch = Patch::new(&out, read_manifest(&out).unwrap()).unwrap();
        patch.put("index.html", b"halvferdig").unwrap();
        drop(patch);
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "gammel"
        );
        assert_eq!(read_manifest(&out).unwrap().key, "k");
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }
}
