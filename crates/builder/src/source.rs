//! Where content comes from: the git tree of the publishing branch, or the working tree for
//! previews. One seam: both give the same list of files.

use motebok_parser::Diagnostic;
use std::path::Path;

/// One file under `content/`, path relative to the repository root with `/` separators (NFC).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("kan ikke lese {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("git: {0}")]
    Git(#[from] git2::Error),
}

/// Normalises a path to Unicode NFC, as git may store NFD names from macOS.
pub fn nfc(path: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    path.nfc().collect()
}

/// Reads `content/` from the working tree. Symbolic links are refused: they could publish
/// files from outside the repository.
pub fn read_worktree(root: &Path) -> Result<(Vec<SourceFile>, Vec<Diagnostic>), SourceError> {
    let content = root.join("content");
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
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| SourceError::Io {
            path: e
                .path()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            source: e.into(),
        })?;
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        let rel = nfc(&rel.to_string_lossy().replace('\\', "/"));
        if is_hidden(&rel) {
            continue;
        }
        if entry.path_is_symlink() {
            problems.push(
                Diagnostic::new(&rel, "symbolske lenker publiseres ikke")
                    .hint("legg selve filen i repositoriet i stedet for en lenke"),
            );
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let bytes = std::fs::read(entry.path()).map_err(|e| SourceError::Io {
            path: rel.clone(),
            source: e,
        })?;
        files.push(SourceFile { path: rel, bytes });
    }
    Ok((files, problems))
}

/// Dotfiles and editor leftovers are never content.
pub fn is_hidden(path: &str) -> bool {
    path.split('/').any(|p| p.starts_with('.')) || path.ends_with('~')
}

/// Reads `content/` from a commit's tree: only what is on the branch can be published.
pub fn read_git_tree(
    repo: &git2::Repository,
    tree: &git2::Tree,
) -> Result<(Vec<SourceFile>, Vec<Diagnostic>), SourceError> {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let Some(content) = tree.get_name("content") else {
        return Ok((files, problems));
    };
    let content = repo.find_tree(content.id())?;
    let mut stack = vec![("content".to_string(), content)];
    while let Some((prefix, t)) = stack.pop() {
        for e in t.iter() {
            let name = String::from_utf8_lossy(e.name_bytes()).into_owned();
            let path = nfc(&format!("{prefix}/{name}"));
            if is_hidden(&path) {
                continue;
            }
            match e.kind() {
                Some(git2::ObjectType::Tree) => stack.push((path, repo.find_tree(e.id())?)),
                Some(git2::ObjectType::Blob) if e.filemode() == 0o120000 => problems.push(
                    Diagnostic::new(&path, "symbolske lenker publiseres ikke")
                        .hint("legg selve filen i repositoriet i stedet for en lenke"),
                ),
                Some(git2::ObjectType::Blob) => {
                    let blob = repo.find_blob(e.id())?;
                    files.push(SourceFile {
                        path,
                        bytes: blob.content().to_vec(),
                    });
                }
                _ => {}
            }
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((files, problems))
}
