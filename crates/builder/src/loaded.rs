//! The loaded input of a build (what the load phase hands the phases after it).

use crate::source::SourceFile;
use chrono::NaiveDate;
use motebok_domain::Trails;
use motebok_parser::Diagnostic;
use motebok_site::config::SiteConfig;
use motebok_site::theme::Theme;
use std::collections::HashSet;

/// The loaded input of a build: configuration, files, trail, drafts and the date.
pub struct Loaded {
    /// site.toml, as committed (or in the working tree for previews).
    pub cfg: SiteConfig,
    /// Every file under `content/`.
    pub files: Vec<SourceFile>,
    /// The approval trail of each file.
    pub trails: Trails,
    /// Paths not approved on the branch (previews); empty in production.
    pub drafts: HashSet<String>,
    /// The build date, resolved once.
    pub today: NaiveDate,
    /// Problems found while loading (symlinks, unapproved commits), reported with the rest.
    pub problems: Vec<Diagnostic>,
    /// The theme, from the same tree as the files (the working tree for previews).
    pub theme: Theme,
    /// The branch tip the content came from (production builds and previews in a repository).
    pub head: Option<String>,
    /// What a production build read from git, kept for the next build to start from.
    pub git: Option<GitBase>,
    /// The files that left the publishing branch: their URLs stay (`gone`). Previews read
    /// them from the branch too, to show the same stubs.
    pub departures: motebok_render::Departures,
    /// Where typeset papers are kept across builds: the repository's (none outside one).
    pub(crate) paper_cache: Option<crate::papers::cache::PaperCache>,
}

/// The git side of a production build's input.
pub struct GitBase {
    /// The history walk, to be continued by the next build.
    pub walk: motebok_git::trail::WalkState,
    /// The tree of the branch tip.
    pub tree: motebok_git::Oid,
    /// `site.toml` as committed.
    pub config_text: String,
    /// Symbolic links found in the tree (also among the problems).
    pub links: Vec<Diagnostic>,
}
