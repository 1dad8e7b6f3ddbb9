//! `site.toml`, read once per run: from the working tree (it names the branch), or as committed
//! at the branch tip (production builds publish that one). Below `start` and `load`, which both
//! read it.

use crate::build_error::BuildError;
use crate::setup_error::SetupError;
use motebok_parser::Diagnostic;
use motebok_site::config::SiteConfig;
use std::path::Path;

/// Reads and checks `site.toml` in the working tree at `root`.
pub fn read_config(root: &Path) -> Result<SiteConfig, BuildError> {
    let path = root.join("site.toml");
    // Read through a link, a parse error would show lines of whatever it points at (a CI
    // runner's environment, /etc/passwd).
    match std::fs::symlink_metadata(&path) {
        Ok(m) if m.file_type().is_symlink() => {
            return Err(BuildError::Content(vec![config_link()]))
        }
        Ok(m) if !m.is_file() => return Err(SetupError::ConfigNotAFile(path).into()),
        _ => {}
    }
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(why) => return Err(SetupError::NoConfig { path, why }.into()),
    };
    SiteConfig::parse(&text).map_err(BuildError::Content)
}

/// The error for a `site.toml` that is a symbolic link, on disk or in git.
pub fn config_link() -> Diagnostic {
    Diagnostic::new(
        "site.toml",
        "site.toml er en symbolsk lenke, og symbolske lenker leses ikke",
    )
    .hint("legg selve filen i repositoriet i stedet for en lenke")
}

/// `site.toml` as committed at the tip of the publishing branch (named by the working tree's
/// site.toml, read as far as it reads; else `main`), to quote errors a production build found
/// in it. `None` if there is no such file.
pub fn committed_config_text(root: &Path) -> Option<String> {
    let branch = std::fs::read_to_string(root.join("site.toml"))
        .ok()
        .and_then(|t| t.parse::<toml::Table>().ok())
        .and_then(|t| t.get("branch")?.as_str().map(str::to_string))
        .unwrap_or_else(|| "main".to_string());
    let repo = motebok_git::Repo::open(root).ok()?;
    let tip = repo.branch_tip(&branch)?;
    let tree = repo.commit_tree(tip).ok()?;
    committed_config(&repo, &tree, &branch).ok()
}

/// `site.toml` as committed in `tree`: the branch decides, not the working tree.
pub fn committed_config(
    repo: &motebok_git::Repo,
    tree: &motebok_git::Tree,
    branch: &str,
) -> Result<String, BuildError> {
    let entry = tree.get_name("site.toml");
    if entry.as_ref().is_some_and(|e| e.mode() == 0o120000) {
        return Err(BuildError::Content(vec![config_link()]));
    }
    entry
        .and_then(|e| repo.blob(e.id()).ok())
        .map(|b| String::from_utf8_lossy(b.content()).into_owned())
        .ok_or_else(|| {
            SetupError::ConfigNotCommitted {
                branch: branch.to_string(),
            }
            .into()
        })
}
