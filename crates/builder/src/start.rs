//! What a production build reads first, once per run, and passes down: the working tree's
//! `site.toml` (it names the branch) and, at the branch tip, the committed `site.toml` and
//! theme. The key check, the rebuild and the full build all take them from here, so one run
//! never reads (nor can see two versions of) either twice.

use crate::build_error::BuildError;
use motebok_parser::Diagnostic;
use motebok_site::config::SiteConfig;
use motebok_site::theme::Theme;
use std::path::Path;

/// The inputs read once at the start of a build.
pub(crate) struct Start {
    /// `site.toml` in the working tree: the branch and the import mark.
    pub(crate) disk_cfg: SiteConfig,
    /// The branch tip and what it holds, if the repository has one.
    pub(crate) at_tip: Option<(motebok_git::Oid, AtTip)>,
}

/// The committed settings of one tree.
#[derive(Clone)]
pub(crate) struct AtTip {
    /// Its tree.
    pub(crate) tree: motebok_git::Oid,
    /// `site.toml` as committed.
    pub(crate) config_text: String,
    /// The same, parsed.
    pub(crate) cfg: SiteConfig,
    /// The theme as committed.
    pub(crate) theme: Theme,
    /// Links and other problems in the committed theme.
    pub(crate) theme_problems: Vec<Diagnostic>,
}

impl Start {
    /// Reads the working tree's `site.toml` and, for production builds (`git`), what the
    /// branch tip holds.
    pub(crate) fn read(root: &Path, git: bool) -> Result<Start, BuildError> {
        let disk_cfg = crate::config::read_config(root)?;
        let at_tip = if git { tip_of(root, &disk_cfg)? } else { None };
        Ok(Start { disk_cfg, at_tip })
    }

    /// The committed settings of `tree`: those read at the start when it is the same tree,
    /// else read now (the branch moved in between, and the later tree decides).
    pub(crate) fn committed(
        &self,
        repo: &motebok_git::Repo,
        tree: &motebok_git::Tree,
    ) -> Result<AtTip, BuildError> {
        match &self.at_tip {
            Some((_, t)) if t.tree == tree.id() => Ok(t.clone()),
            _ => read_at(repo, tree, &self.disk_cfg.branch),
        }
    }
}

/// The branch tip's settings, or `None` without a repository or branch.
fn tip_of(
    root: &Path,
    disk_cfg: &SiteConfig,
) -> Result<Option<(motebok_git::Oid, AtTip)>, BuildError> {
    let Ok(repo) = motebok_git::Repo::open(root) else {
        return Ok(None);
    };
    let Some(tip) = repo.branch_tip(&disk_cfg.branch) else {
        return Ok(None);
    };
    let tree = repo.commit_tree(tip)?;
    Ok(Some((tip, read_at(&repo, &tree, &disk_cfg.branch)?)))
}

fn read_at(
    repo: &motebok_git::Repo,
    tree: &motebok_git::Tree,
    branch: &str,
) -> Result<AtTip, BuildError> {
    let config_text = crate::config::committed_config(repo, tree, branch)?;
    let cfg = SiteConfig::parse(&config_text).map_err(BuildError::Content)?;
    let (theme, theme_problems) = crate::theme_source::from_git(repo, tree, &cfg.theme)?;
    Ok(AtTip {
        tree: tree.id(),
        config_text,
        cfg,
        theme,
        theme_problems,
    })
}
