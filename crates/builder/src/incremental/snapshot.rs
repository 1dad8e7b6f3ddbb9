//! What a production build leaves for the next one, beside its output (never inside it: it
//! holds unpublished files too): the history walk to continue, every file as the checks saw
//! it, and what was rendered. It describes exactly one output, named by its manifest key.

use crate::examined::Examined;
use crate::pipeline::RenderState;
use motebok_git::trail::WalkState;
use motebok_parser::Diagnostic;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

use super::sealed;
pub(crate) use super::sealed::Unusable;

/// The input part of a snapshot, as [`read_base`] gives it.
pub(crate) struct Base {
    pub settings: String,
    pub tree: String,
    pub walk: WalkState,
    pub files: Vec<Examined>,
    pub links: Vec<Diagnostic>,
}

/// A snapshot as a build leaves it; stored in parts (see [`write`]).
pub(crate) struct Snapshot {
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
    pub rendered: RenderState,
}

/// `.<name>.motebok-cache` beside the output folder `<name>`; its parts add a suffix.
pub(crate) fn path_for(out: &Path) -> PathBuf {
    let (parent, name) = crate::write::beside(out);
    parent.join(format!(".{name}.motebok-cache"))
}

/// The snapshot is stored in three files, read and written side by side: the input (walk and
/// files), the pages with `/api/`, and the search index.
const PARTS: [&str; 3] = ["", "-pages", "-search"];

fn part_path(out: &Path, part: &str) -> PathBuf {
    let mut p = path_for(out).into_os_string();
    p.push(part);
    PathBuf::from(p)
}

#[derive(Serialize)]
struct BaseOut<'a> {
    settings: &'a str,
    tree: &'a str,
    walk: &'a WalkState,
    files: &'a [Examined],
    links: &'a [Diagnostic],
}

#[derive(Deserialize)]
struct BaseIn {
    settings: String,
    tree: String,
    walk: WalkState,
    files: Vec<Examined>,
    links: Vec<Diagnostic>,
}

#[derive(Serialize)]
struct PagesOut<'a> {
    pages: &'a std::collections::HashMap<String, crate::pipeline::PageEntry>,
    api: &'a motebok_publish::ApiState,
    copied: &'a std::collections::HashMap<String, (u64, motebok_publish::FileFacts)>,
    feeds: &'a crate::remake::OutputKeys,
    papers: &'a crate::papers::PaperState,
}

#[derive(Deserialize)]
struct PagesIn {
    pages: std::collections::HashMap<String, crate::pipeline::PageEntry>,
    api: motebok_publish::ApiState,
    copied: std::collections::HashMap<String, (u64, motebok_publish::FileFacts)>,
    feeds: crate::remake::OutputKeys,
    papers: crate::papers::PaperState,
}

#[derive(Serialize)]
struct SearchOut<'a> {
    search: &'a crate::search::IndexState,
}

#[derive(Deserialize)]
struct SearchIn {
    search: crate::search::IndexState,
}

/// One part, if it verifies (see [`sealed`]) and describes the output `output_key`.
fn read_part<T: serde::de::DeserializeOwned>(
    out: &Path,
    part: &str,
    output_key: &str,
) -> Result<T, Unusable> {
    let bytes = match std::fs::read(part_path(out, part)) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Unusable::Missing),
        Err(e) => return Err(Unusable::damaged(e)),
    };
    sealed::open(&bytes, part, output_key)
}

/// The input part of the snapshot beside `out` (walk and files), if it verifies and describes
/// the output `output_key`. The rest ([`read_rendered`]) can be read alongside the work that
/// needs only this part.
pub(crate) fn read_base(out: &Path, output_key: &str) -> Result<Base, Unusable> {
    let b = read_part::<BaseIn>(out, PARTS[0], output_key)?;
    Ok(Base {
        settings: b.settings,
        tree: b.tree,
        walk: b.walk,
        files: b.files,
        links: b.links,
    })
}

/// What the build with `output_key` rendered, if both its parts verify, are of that build and
/// agree with each other.
pub(crate) fn read_rendered(out: &Path, output_key: &str) -> Result<RenderState, Unusable> {
    let (pages, search) = rayon::join(
        || read_part::<PagesIn>(out, PARTS[1], output_key),
        || read_part::<SearchIn>(out, PARTS[2], output_key),
    );
    let (pages, search) = (pages?, search?);
    // The index holds exactly the pages marked searchable: a page kept from the previous
    // build stays in the index on its word.
    let searchable = pages.pages.values().filter(|p| p.searchable).count();
    let agree = searchable == search.search.docs.len()
        && search
            .search
            .docs
            .iter()
            .all(|d| pages.pages.get(&d.url).is_some_and(|p| p.searchable));
    if !agree {
        return Err(Unusable::damaged(
            "søkeindeksen og sidene stemmer ikke overens",
        ));
    }
    Ok(RenderState {
        pages: pages.pages,
        search: search.search,
        api: pages.api,
        copied: pages.copied,
        feeds: pages.feeds,
        papers: pages.papers,
    })
}

/// Writes one part (to a temporary file first, so a reader never sees half; its name has a
/// random part, and it is removed when the write fails). Streamed: the snapshot of a large
/// archive is tens of megabytes, not worth a copy in memory.
fn write_part<T: Serialize>(
    out: &Path,
    part: &str,
    output_key: &str,
    value: &T,
) -> std::io::Result<()> {
    use std::io::Write;
    let path = part_path(out, part);
    let (parent, _) = crate::write::beside(out);
    let mut prefix = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    prefix.push(".tmp-");
    let mut tmp = tempfile::Builder::new()
        .prefix(&prefix)
        .rand_bytes(8)
        .tempfile_in(parent)?;
    let mut w = std::io::BufWriter::with_capacity(1 << 20, tmp.as_file_mut());
    sealed::write_to(&mut w, part, output_key, value)?;
    w.flush()?;
    drop(w);
    tmp.persist(&path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes `snap` beside `out`, its parts side by side.
pub(crate) fn write(out: &Path, snap: &Snapshot) -> std::io::Result<()> {
    let key = snap.output_key.as_str();
    let (a, (b, c)) = rayon::join(
        || {
            write_part(
                out,
                PARTS[0],
                key,
                &BaseOut {
                    settings: &snap.settings,
                    tree: &snap.tree,
                    walk: &snap.walk,
                    files: &snap.files,
                    links: &snap.links,
                },
            )
        },
        || {
            rayon::join(
                || {
                    write_part(
                        out,
                        PARTS[1],
                        key,
                        &PagesOut {
                            pages: &snap.rendered.pages,
                            api: &snap.rendered.api,
                            copied: &snap.rendered.copied,
                            feeds: &snap.rendered.feeds,
                            papers: &snap.rendered.papers,
                        },
                    )
                },
                || {
                    write_part(
                        out,
                        PARTS[2],
                        key,
                        &SearchOut {
                            search: &snap.rendered.search,
                        },
                    )
                },
            )
        },
    );
    a.and(b).and(c)
}

/// Removes the snapshot beside `out`, if any: the output it described is gone or replaced.
pub(crate) fn remove(out: &Path) {
    for part in PARTS {
        let _ = std::fs::remove_file(part_path(out, part));
    }
}

/// The settings string of a build: binary, date, committed `site.toml` and theme.
pub(crate) fn settings(
    config_text: &str,
    theme: &motebok_site::theme::Theme,
    today: chrono::NaiveDate,
) -> String {
    let text = format!("{config_text}{}", theme.key_text());
    format!(
        "motebok {} | {today} | {}",
        crate::binary::binary_id(),
        crate::digest::hash64_hex(text.as_bytes())
    )
}

/// Leaves what the next build starts from beside the output (see `incremental`). A snapshot
/// that cannot be written (a full disk) is removed, and a warning says so: the output is as
/// it should be, and the next build is a full one.
#[allow(clippy::too_many_arguments)]
pub fn save_snapshot(
    opts: &crate::options::Options,
    key: &str,
    git: crate::loaded::GitBase,
    theme: &motebok_site::theme::Theme,
    today: chrono::NaiveDate,
    files: Vec<crate::examined::Examined>,
    links: Vec<Diagnostic>,
    rendered: crate::pipeline::RenderState,
) -> Option<Diagnostic> {
    let snap = Snapshot {
        settings: settings(&git.config_text, theme, today),
        output_key: key.to_string(),
        tree: git.tree.to_string(),
        walk: git.walk,
        files,
        links,
        rendered,
    };
    let e = write(&opts.output, &snap).err()?;
    remove(&opts.output);
    Some(snapshot_warning(&opts.output, &e))
}

/// The warning for a snapshot that could not be saved.
pub fn snapshot_warning(out: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::new(
        path_for(out).display().to_string(),
        format!(
            "kunne ikke lagre grunnlaget for neste bygg ({e}); nettstedet er bygget som det \
             skal, men neste bygg blir et fullt bygg"
        ),
    )
    .hint("frigjør plass på disken der nettstedet bygges")
}
