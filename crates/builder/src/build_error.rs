//! Why a build stopped: content errors (exit status 1) or the environment (exit status 2).
//! Every phase stops with this error, so it sits below them all and names only the errors of
//! modules below it and of other crates (a page's `RenderError` is `motebok-render`'s).

use crate::source;
use motebok_parser::Diagnostic;
use motebok_render::RenderError;

/// Why a build stopped; `exit_code` tells content errors from environment errors.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// Content or approval errors: exit status 1.
    #[error("{} feil i innholdet", .0.len())]
    Content(Vec<Diagnostic>),
    /// What the run needs from its surroundings was not there: exit status 2.
    #[error(transparent)]
    Setup(#[from] crate::setup_error::SetupError),
    /// Content files could not be read.
    #[error(transparent)]
    Source(source::SourceError),
    /// Files of the branch could not be read from git (a full build reads them all, a rebuild
    /// the bodies pages need), every one of them.
    #[error("{}\n  hjelp: git-objektene til {} er skadet eller borte; hent dem igjen (git fetch, eller en ny klone av repositoriet) og bygg på nytt", .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"), if .0.len() == 1 { "filen" } else { "filene" })]
    Unread(Vec<source::SourceError>),
    /// The theme could not be loaded.
    #[error(transparent)]
    Theme(#[from] crate::theme_source::ThemeError),
    /// Pages failed to render, all of them reported.
    #[error("{}", .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"))]
    Render(Vec<RenderError>),
    /// The search index could not be made.
    #[error(transparent)]
    Search(#[from] motebok_search::SearchError),
    /// The output could not be written.
    #[error(transparent)]
    Write(#[from] crate::write::WriteError),
    /// A meeting paper could not be typeset (a bug, never the content's fault).
    #[error(transparent)]
    Paper(#[from] motebok_papers::PaperError),
}

/// Files of the branch not read from git are reported as the rebuild reports unread bodies.
impl From<source::SourceError> for BuildError {
    fn from(e: source::SourceError) -> Self {
        match e {
            source::SourceError::Unread(all) => BuildError::Unread(all),
            e => BuildError::Source(e),
        }
    }
}

/// A body a view or an output could not read: as the store reports it.
impl From<motebok_site::views::Unread> for BuildError {
    fn from(e: motebok_site::views::Unread) -> Self {
        source::SourceError::from(e).into()
    }
}

/// A template that does not compile stops the build as the theme (`theme.environment()?`).
impl From<motebok_site::theme::TemplateError> for BuildError {
    fn from(e: motebok_site::theme::TemplateError) -> Self {
        BuildError::Theme(e.into())
    }
}

impl BuildError {
    /// 1 for content errors, 2 for environment errors (CONTENT.md §10).
    pub fn exit_code(&self) -> i32 {
        match self {
            BuildError::Content(_) => 1,
            _ => 2,
        }
    }
}
