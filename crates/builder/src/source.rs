//! Where content comes from: the git tree of the publishing branch, or the working tree for
//! previews. One seam: both give the same list of files.

use motebok_git::Kind;
use motebok_parser::Diagnostic;
use rayon::prelude::*;
use std::path::Path;

/// One file under `content/`, path relative to the repository root with `/` separators (NFC).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Repository path.
    pub path: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Its git blob, when read from a commit: the next build can read its body again from it.
    pub blob: Option<motebok_git::Oid>,
}

/// Content hashes of the source files, by repository path (`motebok_render`'s: what the
/// pages' fingerprints, the feeds' keys and the papers' keys read of a file).
pub(crate) use motebok_render::deps::SourceHashes;

/// Why content files could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// A file of the working tree could not be read.
    #[error("kan ikke lese {path}: {source}")]
    Io {
        /// Repository path.
        path: String,
        /// The error.
        source: std::io::Error,
    },
    /// The git repository could not be read.
    #[error("git: {0}")]
    Git(#[from] motebok_git::Error),
    /// A file of the branch could not be read from git (its object missing or damaged).
    #[error("kan ikke lese {path} fra git: {source}")]
    Blob {
        /// Repository path.
        path: String,
        /// The error.
        source: motebok_git::Error,
    },
    /// Files of the branch that could not be read from git, every one of them (each a
    /// `Blob`, by path): a build reports them together (`BuildError::Unread`).
    #[error("{}", .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"))]
    Unread(Vec<SourceError>),
}

/// Paths are known in NFC; the normalising lives with the names it compares (`same_name`).
pub use crate::same_name::nfc;

/// Reads `content/` from the working tree. Symbolic links are refused: they could publish
/// files from outside the repository.
pub fn read_worktree(root: &Path) -> Result<(Vec<SourceFile>, Vec<Diagnostic>), SourceError> {
    let content = root.join("content");
    if content.is_symlink() {
        return Ok((Vec::new(), content_problem(0o120000).into_iter().collect()));
    }
    if !content.is_dir() {
        return Ok((Vec::new(), Vec::new()));
    }
    read_dir(root, &content)
}

/// `read_worktree` for one folder below `root` (a live preview reads a folder moved in).
pub fn read_dir(
    root: &Path,
    dir: &Path,
) -> Result<(Vec<SourceFile>, Vec<Diagnostic>), SourceError> {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut raw_names = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| SourceError::Io {
            path: e
                .path()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            source: e.into(),
        })?;
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        let raw = rel.to_string_lossy().replace('\\', "/");
        let rel = nfc(&raw);
        if is_hidden(&rel) {
            continue;
        }
        if entry.path_is_symlink() {
            problems.push(symlink_problem(&rel));
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let bytes = std::fs::read(entry.path()).map_err(|e| SourceError::Io {
            path: rel.clone(),
            source: e,
        })?;
        problems.extend(motebok_parser::long_name(&rel));
        files.push(SourceFile {
            path: rel,
            bytes,
            blob: None,
        });
        raw_names.push(raw);
    }
    problems.extend(crate::same_name::clashes(
        raw_names.iter().map(String::as_str),
    ));
    Ok((files, problems))
}

/// Symbolic links are refused: they could publish files from outside the repository.
pub fn symlink_problem(path: &str) -> Diagnostic {
    Diagnostic::new(path, "symbolske lenker publiseres ikke")
        .hint("legg selve filen i repositoriet i stedet for en lenke")
}

/// The text of a repository file to quote in an error message, or `None` when it must not be
/// quoted: a path through a symbolic link or to anything but a regular file could show a file
/// from outside the repository (a CI runner's environment, /etc/passwd). `site.toml` is quoted
/// only when git tracks it as a regular file.
pub fn quotable(root: &Path, rel: &str) -> Option<String> {
    let mut at = root.to_path_buf();
    for part in rel.split('/') {
        at.push(part);
        if std::fs::symlink_metadata(&at)
            .ok()?
            .file_type()
            .is_symlink()
        {
            return None;
        }
    }
    if !std::fs::symlink_metadata(&at).ok()?.is_file() {
        return None;
    }
    if rel == "site.toml" {
        let repo = motebok_git::Repo::open(root).ok()?;
        let mode = repo.index_mode(rel)?;
        if !matches!(mode, 0o100644 | 0o100755) {
            return None;
        }
    }
    std::fs::read_to_string(&at).ok()
}

/// The error for a `content` that is not a folder (git file mode `mode`), if it is not one.
pub fn content_problem(mode: i32) -> Option<Diagnostic> {
    match mode {
        0o040000 => None,
        0o120000 => Some(symlink_problem("content").hint(
            "content/ må være en vanlig mappe i repositoriet: legg filene der i stedet for en lenke \
             (`git rm content`, flytt filene inn, og commit dem)",
        )),
        _ => Some(
            Diagnostic::new("content", "content er en fil, ikke en mappe")
                .hint("innholdet skal ligge i mappen content/; se CONTENT.md §1"),
        ),
    }
}

/// Dotfiles and editor leftovers are never content.
pub fn is_hidden(path: &str) -> bool {
    path.split('/').any(|p| p.starts_with('.')) || path.ends_with('~')
}

/// The git object id of a blob with `bytes`. RustCrypto's SHA-1 rather than libgit2's
/// collision-detecting one, which is several times slower: the result is only compared with
/// an id from the branch's own tree, for files in the checkout the build runs in.
pub(crate) fn blob_id(bytes: &[u8]) -> [u8; 20] {
    use sha1::{Digest, Sha1};
    let mut h = Sha1::new();
    h.update(format!("blob {}\0", bytes.len()).as_bytes());
    h.update(bytes);
    h.finalize().into()
}

/// Reads `content/` from a commit's tree: only what is on the branch can be published.
///
/// Inflating 10,000 blobs from packs is the slowest part of loading a large archive, so the
/// blobs are read in parallel, and a file in the working tree is used instead when its git
/// blob id equals the tree's: the hash proves the bytes are the committed ones, and a clean
/// checkout (as in CI) then costs a file read and a SHA-1 rather than delta resolution.
pub fn read_git_tree(
    repo: &motebok_git::Repo,
    tree: &motebok_git::Tree,
) -> Result<(Vec<SourceFile>, Vec<Diagnostic>), SourceError> {
    let mut blobs = Vec::new();
    let mut problems = Vec::new();
    let Some(content) = tree.get_name("content") else {
        return Ok((Vec::new(), problems));
    };
    // `content` itself committed as a link or a file: say so, not what git says of the type.
    if let Some(problem) = content_problem(content.mode()) {
        problems.push(problem);
        return Ok((Vec::new(), problems));
    }
    let content = repo.tree(content.id())?;
    let mut stack = vec![("content".to_string(), content)];
    while let Some((prefix, t)) = stack.pop() {
        for e in t.iter() {
            let name = String::from_utf8_lossy(e.name_bytes()).into_owned();
            // `raw` is the name on disk; `path` the NFC form the site uses.
            let raw = format!("{prefix}/{name}");
            let path = nfc(&raw);
            if is_hidden(&path) {
                continue;
            }
            match e.kind() {
                Kind::Tree => stack.push((raw, repo.tree(e.id())?)),
                Kind::Blob if e.mode() == 0o120000 => problems.push(symlink_problem(&path)),
                Kind::Blob => {
                    problems.extend(motebok_parser::long_name(&path));
                    blobs.push((path, raw, e.id()))
                }
                Kind::Other => {}
            }
        }
    }
    problems.extend(crate::same_name::clashes(
        blobs.iter().map(|(_, raw, _)| raw.as_str()),
    ));
    let git_dir = repo.git_dir().to_path_buf();
    let workdir = repo.workdir().map(Path::to_path_buf);
    let read: Vec<Result<SourceFile, SourceError>> = blobs
        .into_par_iter()
        .map_init(
            // A repository handle is not shareable between threads: one per worker.
            || motebok_git::Repo::open(&git_dir),
            |handle, (path, raw, id)| {
                if let Some(bytes) = workdir
                    .as_ref()
                    .and_then(|w| std::fs::read(w.join(&raw)).ok())
                {
                    if blob_id(&bytes) == id.as_bytes() {
                        let blob = Some(id);
                        return Ok(SourceFile { path, bytes, blob });
                    }
                }
                let repo = handle
                    .as_ref()
                    .map_err(|e| SourceError::Git(e.message_only()))?;
                let bytes = repo
                    .blob(id)
                    .map_err(|source| SourceError::Blob {
                        path: path.clone(),
                        source,
                    })?
                    .content()
                    .to_vec();
                let blob = Some(id);
                Ok(SourceFile { path, bytes, blob })
            },
        )
        .collect();
    // Read on past a file that cannot be read: every one is named in the one run.
    let mut files = Vec::with_capacity(read.len());
    let mut unread = Vec::new();
    for r in read {
        match r {
            Ok(file) => files.push(file),
            Err(e @ SourceError::Blob { .. }) => unread.push(e),
            // The repository itself could not be opened: not a file's fault.
            Err(e) => return Err(e),
        }
    }
    if !unread.is_empty() {
        unread.sort_by_cached_key(|e| match e {
            SourceError::Blob { path, .. } => path.clone(),
            _ => String::new(),
        });
        return Err(SourceError::Unread(unread));
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((files, problems))
}
