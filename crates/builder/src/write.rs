//! Writing the output atomically: everything goes into a fresh folder beside the target, which
//! is swapped in only when complete. A failed build leaves the previous output as it was.

use rayon::prelude::*;
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

/// Writes `files` to `out` atomically.
pub fn write_atomic(out: &Path, files: &[OutFile]) -> Result<(), WriteError> {
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
    files.par_iter().try_for_each(|f| {
        let p = staging.path().join(&f.path);
        std::fs::write(&p, &f.bytes).map_err(io(&p))
    })?;
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
    Ok(())
}
