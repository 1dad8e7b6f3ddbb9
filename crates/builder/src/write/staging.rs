//! A full build's output: every file is made in the spare folder, which then holds exactly the
//! bytes a build into an empty folder would (nothing is taken over on a manifest's word).

use super::beside::OutputLock;
use super::error::{io, WriteError};
use super::manifest::{write_manifest, Manifest};
use super::output::{Output, WriteStats};
use super::spare::{make_parent, open_spare, refuse_leaks, remove_empty_parents, write_new};
use super::swap;
use crate::sync::lock;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// An output being written (from any thread) into the spare folder beside the target, swapped
/// in by [`Staging::finish`]. Dropped unfinished (a failed build), the output stays as it was.
pub(crate) struct Staging<'a> {
    lock: &'a OutputLock,
    dir: PathBuf,
    /// Keep the previous output as the spare afterwards (builds with a manifest).
    keep_spare: bool,
    /// The regular files found in the spare, relative to it.
    found: HashSet<PathBuf>,
    /// The folders found in the spare.
    found_dirs: Vec<PathBuf>,
    /// Hash of every file put so far, for the new manifest.
    hashes: Mutex<BTreeMap<String, String>>,
    /// Folders known to exist in the spare.
    dirs: Mutex<HashSet<PathBuf>>,
    reused: AtomicUsize,
    /// Every file put is scanned for identity numbers before the output may be swapped in.
    backstop: crate::privacy::Backstop,
}

impl<'a> Staging<'a> {
    /// Starts a full output for the locked output folder.
    pub(crate) fn new(lock: &'a OutputLock, keep_spare: bool) -> Result<Staging<'a>, WriteError> {
        let (dir, _) = open_spare(lock)?;
        let mut found = HashSet::new();
        let mut found_dirs = Vec::new();
        for e in walkdir::WalkDir::new(&dir).min_depth(1) {
            let e = e.map_err(|e| io(&dir)(e.into()))?;
            let rel = e
                .path()
                .strip_prefix(&dir)
                .unwrap_or(e.path())
                .to_path_buf();
            let t = e.file_type();
            if t.is_dir() {
                found_dirs.push(rel);
            } else if t.is_file() {
                found.insert(rel);
            } else {
                // A link or anything else: nothing a build writes. Never followed.
                super::beside::remove_any(e.path());
            }
        }
        let dirs = found_dirs.iter().map(|d| dir.join(d)).collect();
        Ok(Staging {
            lock,
            dir,
            keep_spare,
            found,
            found_dirs,
            hashes: Mutex::new(BTreeMap::new()),
            dirs: Mutex::new(dirs),
            reused: AtomicUsize::new(0),
            backstop: Default::default(),
        })
    }

    /// The files put so far that hold an identity number (the build reports them and leaves
    /// the output as it was: [`Staging::finish`] would refuse them anyway).
    pub(crate) fn privacy_errors(&self) -> Vec<motebok_parser::Diagnostic> {
        if crate::timer::Timer::new().on() {
            eprintln!("privacy backstop: {}", self.backstop.cost());
        }
        self.backstop.errors(&self.lock.out)
    }

    /// Puts one file (path relative to the output root). A file already in the spare with
    /// exactly these bytes stays; any other is written anew.
    pub(crate) fn put(&self, path: &str, bytes: &[u8]) -> Result<(), WriteError> {
        self.backstop.inspect(path, bytes);
        let target = self.dir.join(path);
        let there = self.found.contains(Path::new(path));
        if there && same_bytes(&target, bytes) {
            self.reused.fetch_add(1, Ordering::Relaxed);
        } else {
            make_parent(&self.dir, &target, &self.dirs)?;
            write_new(&target, bytes, there)?;
        }
        lock(&self.hashes).insert(path.to_string(), crate::digest::hash64_hex(bytes));
        Ok(())
    }

    /// Removes what the spare held beyond the files put, writes the manifest (with a `key`)
    /// and swaps the new output in for the old one.
    pub(crate) fn finish(self, key: Option<&str>) -> Result<WriteStats, WriteError> {
        refuse_leaks(&self.backstop, &self.lock.out)?;
        let hashes = self.hashes.into_inner().unwrap_or_else(|e| e.into_inner());
        let files = hashes.len();
        let wanted: HashSet<&Path> = hashes.keys().map(Path::new).collect();
        for f in &self.found {
            if !wanted.contains(f.as_path()) {
                let p = self.dir.join(f);
                let _ = std::fs::remove_file(&p);
                remove_empty_parents(&self.dir, &p);
            }
        }
        // A folder left with nothing put in it (empty, or only empty folders).
        let needed: HashSet<&Path> = wanted.iter().flat_map(|p| p.ancestors()).collect();
        for d in self.found_dirs.iter().rev() {
            if !needed.contains(d.as_path()) {
                let _ = std::fs::remove_dir_all(self.dir.join(d));
            }
        }
        if let Some(key) = key {
            let manifest = Manifest {
                format: super::manifest::MANIFEST_FORMAT,
                key: key.to_string(),
                files: hashes,
            };
            write_manifest(&self.dir, &manifest)?;
        }
        swap::swap_in(self.lock, &self.dir)?;
        if !self.keep_spare {
            super::beside::remove_any(&self.dir);
        }
        let reused = self.reused.into_inner();
        Ok(WriteStats {
            written: files - reused,
            reused,
        })
    }
}

/// Whether the regular file at `path` holds exactly `bytes`.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && std::fs::read(path).is_ok_and(|b| b == bytes)
}

impl Output for Staging<'_> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::{read_manifest, write_atomic, OutFile, MANIFEST};
    use rayon::prelude::*;

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

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn files_put_from_many_threads_land_together_and_the_spare_is_checked_byte_for_byte() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let lock = OutputLock::acquire(&out).unwrap();
        let s = Staging::new(&lock, true).unwrap();
        (0..50).into_par_iter().for_each(|i| {
            s.put(
                &format!("a/{}/index.html", i % 7),
                format!("side {i}").as_bytes(),
            )
            .unwrap_or_else(|e| panic!("{e}"));
        });
        s.finish(Some("k1")).unwrap();
        let s = Staging::new(&lock, true).unwrap();
        s.put("a/0/index.html", b"gammel").unwrap();
        s.finish(Some("k2")).unwrap();
        // The spare now holds k1's output; a file of it changed by hand is written again.
        let spare = tmp.path().join(".public.motebok-spare");
        std::fs::write(spare.join("a/0/index.html"), "endret for hånd").unwrap();
        std::fs::write(spare.join("a/1/extra.html"), "lagt til for hånd").unwrap();
        let s = Staging::new(&lock, true).unwrap();
        s.put("a/0/index.html", b"ny").unwrap();
        s.put("b.txt", b"b").unwrap();
        let same = std::fs::read(spare.join("a/2/index.html")).unwrap();
        s.put("a/2/index.html", &same).unwrap();
        let stats = s.finish(Some("k3")).unwrap();
        assert_eq!((stats.written, stats.reused), (2, 1));
        assert_eq!(
            listing(&out),
            [MANIFEST, "a/0/index.html", "a/2/index.html", "b.txt"]
        );
        assert_eq!(std::fs::read(out.join("a/0/index.html")).unwrap(), b"ny");
        assert_eq!(read_manifest(&out).unwrap().key, "k3");
        assert_eq!(read_manifest(&spare).unwrap().key, "k2");
    }

    #[test]
    fn an_unfinished_output_leaves_the_previous_one() {
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
        let lock = OutputLock::acquire(&out).unwrap();
        let s = Staging::new(&lock, true).unwrap();
        s.put("index.html", b"halvferdig").unwrap();
        drop(s); // a build that failed after writing some files
        drop(lock);
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"gammel");
        assert_eq!(read_manifest(&out).unwrap().key, "k");
        assert_eq!(
            names(tmp.path()),
            [".public.motebok-lock", ".public.motebok-spare", "public"]
        );
    }

    #[test]
    fn without_a_key_the_output_holds_exactly_its_files_and_no_spare() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("bag");
        let f = |p: &str| OutFile {
            path: p.into(),
            bytes: p.as_bytes().to_vec(),
        };
        write_atomic(&out, &[f("a.txt"), f("d/b.txt")], None).unwrap();
        write_atomic(&out, &[f("a.txt")], None).unwrap();
        assert_eq!(listing(&out), ["a.txt"]);
        assert_eq!(names(tmp.path()), [".bag.motebok-lock", "bag"]);
    }
}
