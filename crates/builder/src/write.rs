//! Writing the output atomically: everything goes into a fresh folder beside the target, which
//! is swapped in only when complete. A failed build leaves the previous output as it was.

use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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

/// Writes `files` to `out` atomically. Files whose bytes equal the previous output's are
/// hard-linked from it rather than written again.
pub fn write_atomic(out: &Path, files: &[OutFile], key: &str) -> Result<WriteStats, WriteError> {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(io(parent))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.motebok-"))
        .tempdir_in(parent)
        .map_err(io(parent))?;
    let dirs: std::collections::BTreeSet<PathBuf> = files
        .iter()
        .filter_map(|f| Path::new(&f.path).parent().map(Path::to_path_buf))
        .collect();
    for d in &dirs {
        let p = staging.path().join(d);
        std::fs::create_dir_all(&p).map_err(io(&p))?;
    }
    let old_manifest = read_manifest(out).unwrap_or_default();
    let hashes: Vec<String> = files.par_iter().map(|f| content_hash(&f.bytes)).collect();
    let reused = std::sync::atomic::AtomicUsize::new(0);
    files.par_iter().zip(&hashes).try_for_each(|(f, h)| {
        let p = staging.path().join(&f.path);
        if old_manifest.files.get(&f.path) == Some(h)
            && std::fs::hard_link(out.join(&f.path), &p).is_ok()
        {
            reused.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            return Ok(());
        }
        std::fs::write(&p, &f.bytes).map_err(io(&p))
    })?;
    let manifest = Manifest {
        key: key.to_string(),
        files: files
            .iter()
            .zip(hashes)
            .map(|(f, h)| (f.path.clone(), h))
            .collect(),
    };
    let mpath = staging.path().join(MANIFEST);
    std::fs::create_dir_all(mpath.parent().unwrap_or(staging.path())).map_err(io(&mpath))?;
    let json =
        serde_json::to_vec_pretty(&manifest).map_err(|e| io(&mpath)(std::io::Error::other(e)))?;
    std::fs::write(&mpath, json).map_err(io(&mpath))?;
    let reused = reused.into_inner();
    let staging = staging.keep();
    // Swap: move the old output aside, the new one in, then remove the old one.
    let old = parent.join(format!(".{name}.motebok-old-{}", std::process::id()));
    let had_old = out.exists();
    if had_old {
        std::fs::rename(out, &old).map_err(io(out))?;
    }
    if let Err(e) = std::fs::rename(&staging, out) {
        if had_old {
            let _ = std::fs::rename(&old, out);
        }
        let _ = std::fs::remove_dir_all(&staging);
        return Err(io(out)(e));
    }
    if had_old {
        let _ = std::fs::remove_dir_all(&old);
    }
    Ok(WriteStats {
        written: files.len() - reused,
        reused,
    })
}
