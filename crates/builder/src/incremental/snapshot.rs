//! What a production build leaves for the next one, beside its output (never inside it: it
//! holds unpublished files too): the history walk to continue, every file as the checks saw
//! it, and what was rendered. It describes exactly one output, named by its manifest key.

use crate::build::Examined;
use crate::stream::Previous;
use crate::trail::WalkState;
use motebok_parser::Diagnostic;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Bumped whenever the snapshot's shape or meaning changes.
pub const FORMAT: u32 = 2;

#[derive(Serialize, Deserialize)]
pub struct Snapshot {
    pub format: u32,
    /// Everything but the content the output depends on (binary, date, committed
    /// configuration, theme): a rebuild starts from the snapshot only when they are the same.
    pub settings: String,
    /// The manifest key of the output this snapshot describes.
    pub output_key: String,
    /// The tree of the branch tip built (hex).
    pub tree: String,
    pub walk: WalkState,
    /// Every file under `content/`, sorted by path, without body text: see `bodies`.
    pub files: Vec<Examined>,
    /// Symbolic links found in the tree, by path.
    pub links: Vec<Diagnostic>,
    pub rendered: Previous,
}

/// `.<name>.motebok-cache` beside the output folder `<name>`.
pub fn path_for(out: &Path) -> PathBuf {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    parent.join(format!(".{name}.motebok-cache"))
}

/// The snapshot beside `out`, if there is a readable one of this format.
pub fn read(out: &Path) -> Option<Snapshot> {
    let bytes = std::fs::read(path_for(out)).ok()?;
    // The format comes first: an older snapshot is recognised without decoding the rest.
    let (format, _): (u32, _) = postcard::take_from_bytes(&bytes).ok()?;
    if format != FORMAT {
        return None;
    }
    postcard::from_bytes(&bytes).ok()
}

/// Writes `snap` beside `out` (to a temporary file first, so a reader never sees half).
pub fn write(out: &Path, snap: &Snapshot) -> std::io::Result<()> {
    use std::io::Write;
    let path = path_for(out);
    let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
    // Streamed: the snapshot of a large archive is tens of megabytes, not worth a copy in
    // memory at the build's peak.
    let mut w = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&tmp)?);
    postcard::to_io(snap, &mut w).map_err(std::io::Error::other)?;
    w.flush()?;
    drop(w);
    std::fs::rename(&tmp, &path)
}

/// Removes the snapshot beside `out`, if any: the output it described is gone or replaced.
pub fn remove(out: &Path) {
    let _ = std::fs::remove_file(path_for(out));
}

/// The settings string of a build: binary, date, committed `site.toml` and theme.
pub fn settings(
    config_text: &str,
    theme: &crate::theme::Theme,
    today: chrono::NaiveDate,
) -> String {
    let mut text = String::from(config_text);
    for (k, v) in &theme.files {
        text.push_str(k);
        text.push_str(v);
    }
    format!(
        "motebok {} | {today} | {}",
        env!("CARGO_PKG_VERSION"),
        crate::write::content_hash(text.as_bytes())
    )
}
