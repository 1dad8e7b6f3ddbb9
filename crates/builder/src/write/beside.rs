//! What lives beside an output folder `<name>`, all named `.<name>.motebok-*`:
//!
//! | name | what |
//! |---|---|
//! | `-lock` | a lock file: one build at a time writes into `<name>` (flock, released when the process ends) |
//! | `-spare` | the previous output, kept to build the next one in (see [`crate::write`]) |
//! | `-cache*` | the snapshot for the next rebuild (`incremental::snapshot`) |
//! | `-old-<random>` | the output moved aside for an instant, where the two-rename fallback swaps |
//!
//! Anything else with that prefix (and any `-cache*` file with `.tmp-` in its name) was left
//! by an interrupted run, of this version or an older one (whose staging folders were
//! `.<name>.motebok-<random>` and `.<name>.motebok-old-<pid>`), and is removed when the next
//! build takes the lock. Temporary names carry a random part, never the process id alone.

use super::error::{io, WriteError};
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

/// The folder an output folder lives in, and its name.
pub(crate) fn beside(out: &Path) -> (PathBuf, String) {
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

/// The output folder `out` locked for one build: held until dropped.
pub(crate) struct OutputLock {
    _file: File,
    pub(crate) out: PathBuf,
    pub(crate) parent: PathBuf,
    pub(crate) name: String,
}

impl OutputLock {
    /// Waits until no other build writes into `out`, then repairs what an interrupted run
    /// left: an output moved aside and never put back is restored, and leftovers removed.
    pub(crate) fn acquire(out: &Path) -> Result<OutputLock, WriteError> {
        let (parent, name) = beside(out);
        std::fs::create_dir_all(&parent).map_err(io(&parent))?;
        let path = parent.join(format!(".{name}.motebok-lock"));
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(io(&path))?;
        rustix::fs::flock(&file, rustix::fs::FlockOperation::LockExclusive)
            .map_err(|e| io(&path)(e.into()))?;
        let lock = OutputLock {
            _file: file,
            out: out.to_path_buf(),
            parent,
            name,
        };
        lock.recover()?;
        Ok(lock)
    }

    /// `.<name>.motebok-<what>` beside the output.
    pub(crate) fn beside(&self, what: &str) -> PathBuf {
        self.parent.join(format!(".{}.motebok-{what}", self.name))
    }

    /// The folder the next output is built in.
    pub(crate) fn spare(&self) -> PathBuf {
        self.beside("spare")
    }

    fn recover(&self) -> Result<(), WriteError> {
        let prefix = format!(".{}.motebok-", self.name);
        let entries = match std::fs::read_dir(&self.parent) {
            Ok(e) => e,
            Err(e) => return Err(io(&self.parent)(e)),
        };
        let mut leftovers = Vec::new();
        let mut aside = Vec::new();
        for e in entries.flatten() {
            let file_name = e.file_name();
            let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
                continue;
            };
            let kept = matches!(rest, "lock" | "spare")
                || (rest.starts_with("cache") && !rest.contains(".tmp"));
            if kept {
                continue;
            }
            if rest.starts_with("old-") && e.file_type().is_ok_and(|t| t.is_dir()) {
                aside.push(e.path());
            } else {
                leftovers.push(e.path());
            }
        }
        // Killed between the fallback's two renames: the output is missing and was moved
        // aside. The latest such folder is the output readers last saw.
        if !exists(&self.out) {
            aside.sort_by_key(|p| std::fs::symlink_metadata(p).and_then(|m| m.modified()).ok());
            if let Some(last) = aside.pop() {
                std::fs::rename(&last, &self.out).map_err(io(&self.out))?;
            }
        }
        leftovers.extend(aside);
        for p in leftovers {
            remove_any(&p);
        }
        Ok(())
    }
}

/// Whether anything (even a dangling link) is at `p`.
pub(crate) fn exists(p: &Path) -> bool {
    std::fs::symlink_metadata(p).is_ok()
}

/// Removes whatever is at `p` (a folder with its content; a link, not its target).
pub(crate) fn remove_any(p: &Path) {
    match std::fs::symlink_metadata(p) {
        Ok(m) if m.is_dir() => {
            let _ = std::fs::remove_dir_all(p);
        }
        Ok(_) => {
            let _ = std::fs::remove_file(p);
        }
        Err(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn leftovers_of_any_version_go_and_an_output_moved_aside_comes_back() {
        let tmp = tempfile::tempdir().unwrap();
        let p = |n: &str| tmp.path().join(n);
        for dir in [
            ".public.motebok-old-4242",
            ".public.motebok-a1B2c3",
            ".public.motebok-spare",
            ".other.motebok-x",
        ] {
            std::fs::create_dir_all(p(dir).join("sub")).unwrap();
        }
        std::fs::write(p(".public.motebok-old-4242/index.html"), "gammel").unwrap();
        for file in [
            ".public.motebok-cache",
            ".public.motebok-cache-pages",
            ".public.motebok-cache.tmp-77",
            ".public.motebok-cache-search.tmp-Xy12ab",
            "site.toml",
        ] {
            std::fs::write(p(file), "x").unwrap();
        }
        // No output: the folder moved aside is the output.
        let lock = OutputLock::acquire(&p("public")).unwrap();
        assert_eq!(
            std::fs::read_to_string(p("public/index.html")).unwrap(),
            "gammel"
        );
        drop(lock);
        assert_eq!(
            names(tmp.path()),
            [
                ".other.motebok-x",
                ".public.motebok-cache",
                ".public.motebok-cache-pages",
                ".public.motebok-lock",
                ".public.motebok-spare",
                "public",
                "site.toml"
            ]
        );
        // With an output in place, a folder moved aside is only a leftover.
        std::fs::create_dir(p(".public.motebok-old-1")).unwrap();
        drop(OutputLock::acquire(&p("public")).unwrap());
        assert!(!p(".public.motebok-old-1").exists());
        assert!(p("public/index.html").exists());
    }
}
