//! Reading a site's content: from the working tree for now (preview); git comes next.

use crate::build::{BuildError, Loaded};
use crate::config::SiteConfig;
use crate::source;
use chrono::NaiveDate;
use std::collections::HashSet;
use std::path::Path;

pub fn load(
    root: &Path,
    cfg: SiteConfig,
    today: NaiveDate,
    _worktree: bool,
) -> Result<Loaded, BuildError> {
    let (files, problems) = source::read_worktree(root)?;
    Ok(Loaded {
        cfg,
        files,
        trails: Default::default(),
        drafts: HashSet::new(),
        today,
        problems,
    })
}
