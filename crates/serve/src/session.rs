//! The preview's inputs kept between rebuilds: every file under `content/` with its bytes and
//! hash, and what the publishing branch says. A rebuild re-reads only the paths the watcher
//! reported (a full rescan only when it lost track), hands the pipeline the files whose bytes
//! changed ([`motebok_builder::pipeline::Changes`]), and asks git again only when the branch
//! tip moved. What the checks said of each file is kept by the pipeline (its `State`), as for
//! a rebuild from git.

use motebok_builder::load::{self, BranchState};
use motebok_builder::source::{self, SourceError, SourceFile};
use motebok_builder::BuildError;
use motebok_git::trail::TrailOptions;
use motebok_parser::Diagnostic;
use motebok_site::config::SiteConfig;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What the watcher saw since the last rebuild.
#[derive(Debug, Clone, Default)]
pub struct Changes {
    /// Read everything again: the first build, or the watcher lost events.
    pub rescan: bool,
    /// Absolute paths of files or folders that were created, changed, renamed or removed.
    pub paths: HashSet<PathBuf>,
}

impl Changes {
    /// Everything to be read again.
    pub fn all() -> Changes {
        Changes {
            rescan: true,
            paths: HashSet::new(),
        }
    }
}

/// One file under `content/`: its bytes (shared with the output when copied as they are) and
/// their `digest::hash64`, compared with the branch's.
pub struct Entry {
    pub bytes: Arc<[u8]>,
    pub hash: u64,
}

/// The working tree as last read, and the branch state it was compared with.
pub struct Inputs {
    root: PathBuf,
    /// Every file under `content/` by repository path.
    pub files: BTreeMap<String, Entry>,
    /// Symbolic links found under `content/`, by path.
    pub links: BTreeMap<String, Diagnostic>,
    /// The publishing branch, if there is a repository.
    pub branch: Option<BranchState>,
    /// What `branch` was read for: the tip and the trail options of site.toml.
    branch_key: Option<(motebok_git::Oid, TrailOptions)>,
    /// Paths that differ from the branch: shown as drafts.
    pub drafts: HashSet<String>,
    /// Files whose bytes changed since the changes were last taken, and files gone.
    added: BTreeMap<String, Arc<[u8]>>,
    removed: BTreeSet<String>,
}

impl Inputs {
    /// Nothing read yet from the working tree at `root`.
    pub fn new(root: &Path) -> Inputs {
        Inputs {
            root: root.to_path_buf(),
            files: BTreeMap::new(),
            links: BTreeMap::new(),
            branch: None,
            branch_key: None,
            drafts: HashSet::new(),
            added: BTreeMap::new(),
            removed: BTreeSet::new(),
        }
    }

    /// Brings the inputs up to date with what the watcher saw and the branch named in `cfg`.
    pub fn update(&mut self, changes: &Changes, cfg: &SiteConfig) -> Result<(), BuildError> {
        if changes.rescan {
            self.rescan()?;
        } else {
            // Shortest first, so a folder is read before anything reported inside it.
            let mut paths: Vec<&PathBuf> = changes.paths.iter().collect();
            paths.sort();
            for p in paths {
                self.refresh(p)?;
            }
        }
        self.refresh_branch(cfg);
        Ok(())
    }

    /// The files whose bytes changed and the files gone since the last call.
    pub(crate) fn take_changes(&mut self) -> motebok_builder::pipeline::Changes {
        motebok_builder::pipeline::Changes {
            removed: std::mem::take(&mut self.removed).into_iter().collect(),
            added: std::mem::take(&mut self.added)
                .into_iter()
                .map(|(path, bytes)| SourceFile {
                    path,
                    bytes: bytes.to_vec(),
                    blob: None,
                })
                .collect(),
        }
    }

    fn rescan(&mut self) -> Result<(), BuildError> {
        let (files, links) = source::read_worktree(&self.root)?;
        let mut seen = HashSet::with_capacity(files.len());
        for f in files {
            seen.insert(f.path.clone());
            self.put(f.path, f.bytes);
        }
        let gone: Vec<String> = self
            .files
            .keys()
            .filter(|k| !seen.contains(*k))
            .cloned()
            .collect();
        for k in gone {
            self.remove(&k);
        }
        self.links = links.into_iter().map(|d| (d.path.clone(), d)).collect();
        Ok(())
    }

    /// Re-reads one reported path: a file, a folder (read whole), or something now gone.
    fn refresh(&mut self, abs: &Path) -> Result<(), BuildError> {
        let Ok(rel) = abs.strip_prefix(&self.root) else {
            return Ok(());
        };
        let rel = source::nfc(&rel.to_string_lossy().replace('\\', "/"));
        if !(rel == "content" || rel.starts_with("content/")) || source::is_hidden(&rel) {
            return Ok(());
        }
        match std::fs::symlink_metadata(abs) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => self.remove_under(&rel),
            Err(e) => return Err(io_error(&rel, e)),
            Ok(m) if m.file_type().is_symlink() => {
                self.remove_under(&rel);
                self.links
                    .insert(rel.clone(), source::symlink_problem(&rel));
            }
            Ok(m) if m.is_dir() => {
                // A folder created or moved in: its files were not reported one by one.
                self.remove_under(&rel);
                let (files, links) = source::read_dir(&self.root, abs)?;
                for f in files {
                    self.put(f.path, f.bytes);
                }
                self.links
                    .extend(links.into_iter().map(|d| (d.path.clone(), d)));
            }
            Ok(m) if m.is_file() => match std::fs::read(abs) {
                Ok(bytes) => {
                    self.links.remove(&rel);
                    self.put(rel, bytes);
                }
                // Removed again before we read it: its removal is reported next.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => self.remove_under(&rel),
                Err(e) => return Err(io_error(&rel, e)),
            },
            Ok(_) => self.remove_under(&rel),
        }
        Ok(())
    }

    fn put(&mut self, path: String, bytes: Vec<u8>) {
        let hash = motebok_builder::digest::hash64(&bytes);
        if self.files.get(&path).is_some_and(|e| e.hash == hash) {
            return;
        }
        self.set_draft(&path, hash);
        let bytes: Arc<[u8]> = bytes.into();
        self.added.insert(path.clone(), bytes.clone());
        self.files.insert(path, Entry { bytes, hash });
    }

    fn remove(&mut self, path: &str) {
        self.files.remove(path);
        self.drafts.remove(path);
        self.added.remove(path);
        self.removed.insert(path.to_string());
    }

    /// Removes `path` and everything below it.
    fn remove_under(&mut self, path: &str) {
        let prefix = format!("{path}/");
        let gone: Vec<String> = self
            .files
            .range(path.to_string()..)
            .map(|(k, _)| k)
            .take_while(|k| k.as_str() == path || k.starts_with(&prefix))
            .cloned()
            .collect();
        for k in gone {
            self.remove(&k);
        }
        self.links
            .retain(|k, _| k.as_str() != path && !k.starts_with(&prefix));
    }

    fn set_draft(&mut self, path: &str, hash: u64) {
        let committed = self.branch.as_ref().map(|b| b.committed.get(path));
        if committed == Some(Some(&hash)) {
            self.drafts.remove(path);
        } else {
            self.drafts.insert(path.to_string());
        }
    }

    /// Reads the branch again only when its tip moved (or appeared, or went away).
    fn refresh_branch(&mut self, cfg: &SiteConfig) {
        let key = load::branch_tip(&self.root, &cfg.branch).map(|t| (t, load::trail_options(cfg)));
        if key == self.branch_key {
            return;
        }
        self.branch = key
            .as_ref()
            .and_then(|_| load::branch_state_at(&self.root, cfg));
        self.branch_key = key;
        self.drafts = self
            .files
            .iter()
            .filter(|(p, e)| {
                self.branch
                    .as_ref()
                    .is_none_or(|b| b.committed.get(*p) != Some(&e.hash))
            })
            .map(|(p, _)| p.clone())
            .collect();
    }
}

fn io_error(rel: &str, e: std::io::Error) -> BuildError {
    BuildError::Source(SourceError::Io {
        path: rel.to_string(),
        source: e,
    })
}
