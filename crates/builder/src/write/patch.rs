//! A rebuild's output, after a few commits: made in the spare folder from the manifests alone.
//! The spare holds the output before the current one; what differs from the new output is
//! written or hard-linked from the current output, and the rest is not touched. Hard-linking
//! all 45,000 files of a large archive into a fresh folder would cost more than the whole
//! rebuild (and removing the old tree afterwards more again); with the spare a rebuild costs
//! only what changed in the last two builds.
//!
//! A rebuild trusts the manifests (the output's and the spare's); a full build checks every
//! byte. A spare with no manifest (changed halfway by a build that was interrupted) is
//! emptied first, and everything it needs is then linked from the output.

use super::beside::OutputLock;
use super::error::{io, WriteError};
use super::manifest::Manifest;
use super::output::{Output, WriteStats};
use super::spare::{make_parent, open_spare, refuse_leaks, remove_empty_parents, write_new};
use super::swap;
use crate::sync::lock;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// An output made from the previous one: see the module documentation.
pub(crate) struct Patch<'a> {
    lock: &'a OutputLock,
    out: PathBuf,
    dir: PathBuf,
    /// The output's files and hashes, sorted by path.
    old: Vec<(String, String)>,
    /// Per file of `old`: taken over (tens of thousands of calls from every thread: a flag
    /// each rather than a shared set).
    kept: Vec<AtomicBool>,
    /// What the spare holds, by its manifest.
    spare: HashMap<String, String>,
    /// Files put whose bytes differ from the output's, with their hash.
    changed: Mutex<BTreeMap<String, String>>,
    dirs: Mutex<HashSet<PathBuf>>,
    /// The files that change are scanned for identity numbers before the exchange.
    backstop: crate::privacy::Backstop,
}

impl<'a> Patch<'a> {
    /// Starts the next output for the locked output, described by its manifest `old`.
    pub(crate) fn new(lock: &'a OutputLock, old: Manifest) -> Result<Patch<'a>, WriteError> {
        let (dir, spare) = open_spare(lock)?;
        let spare = match spare {
            Some(m) => m.files.into_iter().collect(),
            None => {
                if std::fs::read_dir(&dir).map_err(io(&dir))?.next().is_some() {
                    std::fs::remove_dir_all(&dir).map_err(io(&dir))?;
                    std::fs::create_dir(&dir).map_err(io(&dir))?;
                }
                HashMap::new()
            }
        };
        let old: Vec<(String, String)> = old.files.into_iter().collect();
        Ok(Patch {
            lock,
            out: lock.out.clone(),
            dir,
            kept: old.iter().map(|_| AtomicBool::new(false)).collect(),
            old,
            spare,
            changed: Mutex::new(BTreeMap::new()),
            dirs: Mutex::new(HashSet::new()),
            backstop: Default::default(),
        })
    }

    /// The changed files that hold an identity number (see [`super::Staging::privacy_errors`]).
    pub(crate) fn privacy_errors(&self) -> Vec<motebok_parser::Diagnostic> {
        if crate::timer::Timer::new().on() {
            eprintln!("privacy backstop: {}", self.backstop.cost());
        }
        self.backstop.errors(&self.out)
    }

    /// The index of `path` in the output.
    fn find(&self, path: &str) -> Option<usize> {
        self.old
            .binary_search_by(|(p, _)| p.as_str().cmp(path))
            .ok()
    }

    /// Puts one file: written only when the spare does not hold these bytes already.
    pub(crate) fn put(&self, path: &str, bytes: &[u8]) -> Result<(), WriteError> {
        let h = crate::digest::hash64_hex(bytes);
        if let Some(i) = self.find(path).filter(|&i| self.old[i].1 == h) {
            if self.keep_at(i) {
                return Ok(());
            }
        }
        // Only what changes is published anew, so only that is scanned.
        self.backstop.inspect(path, bytes);
        if self.spare.get(path) != Some(&h) {
            let target = self.dir.join(path);
            make_parent(&self.dir, &target, &self.dirs)?;
            write_new(&target, bytes, true)?;
        }
        lock(&self.changed).insert(path.to_string(), h);
        Ok(())
    }

    /// Takes the output's file at `path` over as it is; false when it has none.
    pub(crate) fn keep(&self, path: &str) -> bool {
        self.find(path).is_some_and(|i| self.keep_at(i))
    }

    /// Takes the output's file `i` over: hard-linked into the spare unless the spare has it.
    fn keep_at(&self, i: usize) -> bool {
        let (path, h) = &self.old[i];
        if self.spare.get(path) != Some(h) {
            let target = self.dir.join(path);
            if make_parent(&self.dir, &target, &self.dirs).is_err() {
                return false;
            }
            super::beside::remove_any(&target);
            if std::fs::hard_link(self.out.join(path), &target).is_err() {
                return false;
            }
        }
        self.kept[i].store(true, Ordering::Relaxed);
        true
    }

    /// The output's bytes at `path`, if it has that file.
    pub(crate) fn old_bytes(&self, path: &str) -> Option<Vec<u8>> {
        self.find(path)?;
        std::fs::read(self.out.join(path)).ok()
    }

    /// Removes from the spare what the new output no longer has, writes its manifest with
    /// `key` and swaps it in.
    pub(crate) fn finish(self, key: &str) -> Result<WriteStats, WriteError> {
        refuse_leaks(&self.backstop, &self.out)?;
        let changed = self.changed.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut files: BTreeMap<String, String> = BTreeMap::new();
        for ((path, h), kept) in self.old.into_iter().zip(self.kept) {
            if kept.into_inner() && !changed.contains_key(&path) {
                files.insert(path, h);
            }
        }
        let written = changed.len();
        files.extend(changed);
        for path in self.spare.keys() {
            if !files.contains_key(path) {
                let target = self.dir.join(path);
                match std::fs::remove_file(&target) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                        return Err(io(&target)(e))
                    }
                    _ => {}
                }
                remove_empty_parents(&self.dir, &target);
            }
        }
        let reused = files.len() - written;
        super::manifest::write_manifest(
            &self.dir,
            &Manifest {
                format: super::manifest::MANIFEST_FORMAT,
                key: key.to_string(),
                files,
            },
        )?;
        swap::swap_in(self.lock, &self.dir)?;
        Ok(WriteStats { written, reused })
    }
}

impl Output for Patch<'_> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::{read_manifest, write_atomic, OutFile, MANIFEST};
    use std::path::Path;

    fn files(dir: &Path) -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter(|e| !e.path().ends_with(MANIFEST))
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

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
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
        write_atomic(&out, &first, Some("k1")).unwrap();
        let ino = |p: &str| {
            use std::os::unix::fs::MetadataExt;
            std::fs::metadata(out.join(p)).unwrap().ino()
        };
        let (b, c) = (ino("a/b/index.html"), ino("a/c/index.html"));

        // Twice: first with no spare (all linked from the output), then with one.
        for (round, key, stats_want) in [(0, "k2", (2, 2)), (1, "k3", (0, 4))] {
            let lock = OutputLock::acquire(&out).unwrap();
            let patch = Patch::new(&lock, read_manifest(&out).unwrap()).unwrap();
            assert!(patch.keep("a/b/index.html"));
            assert!(!patch.keep("no/such/file"));
            patch.put("a/c/index.html", b"c").unwrap(); // same bytes: kept
            patch.put("index.html", b"ny forside").unwrap();
            patch.put("new/index.html", b"ny").unwrap();
            // Before `finish`, the output is as it was.
            let before = if round == 0 { "forside" } else { "ny forside" };
            assert_eq!(
                std::fs::read_to_string(out.join("index.html")).unwrap(),
                before
            );
            let stats = patch.finish(key).unwrap();
            assert_eq!((stats.written, stats.reused), stats_want);
            assert_eq!(read_manifest(&out).unwrap().key, key);
            assert_eq!(
                files(&out),
                pairs(&[
                    ("a/b/index.html", "b"),
                    ("a/c/index.html", "c"),
                    ("index.html", "ny forside"),
                    ("new/index.html", "ny"),
                ])
            );
            // Unchanged files are the same files, and the emptied folder is gone.
            assert_eq!((ino("a/b/index.html"), ino("a/c/index.html")), (b, c));
            assert!(!out.join("gone").exists());
        }
        // The spare holds the output before: k2's.
        let spare = tmp.path().join(".public.motebok-spare");
        assert_eq!(read_manifest(&spare).unwrap().key, "k2");
        assert_eq!(files(&spare), files(&out));
    }

    #[test]
    fn an_unfinished_patch_leaves_the_output_and_an_untrusted_spare() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_atomic(&out, &[f("index.html", "gammel")], Some("k")).unwrap();
        write_atomic(&out, &[f("index.html", "eldre"), f("x", "x")], Some("k0")).unwrap();
        write_atomic(&out, &[f("index.html", "gammel")], Some("k")).unwrap();
        let lock = OutputLock::acquire(&out).unwrap();
        let patch = Patch::new(&lock, read_manifest(&out).unwrap()).unwrap();
        patch.put("index.html", b"halvferdig").unwrap();
        drop(patch);
        assert_eq!(files(&out), pairs(&[("index.html", "gammel")]));
        assert_eq!(read_manifest(&out).unwrap().key, "k");
        // The spare was changed halfway: it has no manifest, and the next patch empties it.
        let spare = tmp.path().join(".public.motebok-spare");
        assert!(read_manifest(&spare).is_none());
        let patch = Patch::new(&lock, read_manifest(&out).unwrap()).unwrap();
        assert!(patch.keep("index.html"));
        patch.finish("k2").unwrap();
        assert_eq!(files(&out), pairs(&[("index.html", "gammel")]));
    }

    #[test]
    fn a_spare_described_in_an_older_manifest_format_is_emptied_not_trusted() {
        // Manifests before the format was named hashed with SipHash; the bytes a spare holds
        // are never judged by hashes of another function, whatever they happen to say.
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_atomic(&out, &[f("index.html", "forside")], Some("k1")).unwrap();
        write_atomic(&out, &[f("index.html", "forside")], Some("k2")).unwrap();
        let spare = tmp.path().join(".public.motebok-spare");
        std::fs::write(spare.join("ny.html"), "gammelt innhold").unwrap();
        let old = format!(
            r#"{{"key":"k0","files":{{"index.html":"{}","ny.html":"{}"}}}}"#,
            crate::digest::hash64_hex(b"forside"),
            crate::digest::hash64_hex(b"nytt")
        );
        std::fs::write(spare.join(MANIFEST), old).unwrap();
        assert!(read_manifest(&spare).is_none(), "an old manifest was read");
        let lock = OutputLock::acquire(&out).unwrap();
        let patch = Patch::new(&lock, read_manifest(&out).unwrap()).unwrap();
        patch.put("index.html", b"forside").unwrap();
        patch.put("ny.html", b"nytt").unwrap();
        patch.finish("k3").unwrap();
        assert_eq!(
            files(&out),
            pairs(&[("index.html", "forside"), ("ny.html", "nytt")])
        );
    }
}
