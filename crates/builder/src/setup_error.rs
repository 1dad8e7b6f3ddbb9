//! What a run needs from its surroundings and did not find (exit status 2): the repository,
//! its history, the publishing branch, `site.toml`, the date. Each a variant with the facts,
//! so callers can tell them apart; the words are said once, here.

use motebok_git::trail::TrailError;
use std::path::PathBuf;

/// The surroundings a run needs were not there.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    /// `root` is not the top of a git repository.
    #[error(
        "{} er ikke et git-repositorium ({}). motebok publiserer bare det som er godkjent på \
         publiseringsgrenen; bruk `motebok build --worktree` for en forhåndsvisning",
        .root.display(),
        .why.message()
    )]
    NotARepository {
        /// The folder given.
        root: PathBuf,
        /// Why git could not open it.
        why: motebok_git::Error,
    },
    /// The clone has no full history, so the trail cannot be told.
    #[error(
        "repositoriet er en grunn klone (shallow clone): historikken kan ikke fortelle når \
         dokumentene ble publisert eller hvem som godkjente dem, så motebok bygger ikke. Hent hele \
         historikken med `git fetch --unshallow` (i GitHub Actions: `actions/checkout` med \
         `fetch-depth: 0`)"
    )]
    Shallow,
    /// The publishing branch is not in the repository.
    #[error(
        "publiseringsgrenen `{branch}` finnes ikke i repositoriet; sett `branch` i site.toml, \
         eller hent grenen med `git fetch origin {branch}:{branch}`"
    )]
    NoBranch {
        /// The branch site.toml names.
        branch: String,
    },
    /// The history walk failed otherwise.
    #[error("kunne ikke lese git-historikken: {0}")]
    History(TrailError),
    /// A git object or reference could not be read.
    #[error("git: {}", .0.message())]
    Git(motebok_git::Error),
    /// The tree of the branch tip could not be read.
    #[error("{0}")]
    Tree(motebok_git::Error),
    /// `site.toml` in the working tree is a folder or another kind of file.
    #[error("{} er ikke en vanlig fil", .0.display())]
    ConfigNotAFile(PathBuf),
    /// `site.toml` could not be read from the working tree.
    #[error(
        "fant ikke {} ({why}); kjør motebok i et innholdsrepositorium, eller bruk --root",
        .path.display()
    )]
    NoConfig {
        /// Where it was looked for.
        path: PathBuf,
        /// Why it could not be read.
        why: std::io::Error,
    },
    /// The publishing branch has no `site.toml`.
    #[error("site.toml er ikke med på grenen `{branch}`; legg den til i en commit")]
    ConfigNotCommitted {
        /// The branch.
        branch: String,
    },
    /// `check --against` names another branch than the one site.toml publishes from.
    #[error("site.toml publiserer fra `{configured}`, men --against sier `{against}`")]
    OtherBranch {
        /// The branch site.toml names.
        configured: String,
        /// The branch given to `--against`.
        against: String,
    },
    /// `SOURCE_DATE_EPOCH` is not a whole number of seconds.
    #[error("SOURCE_DATE_EPOCH={0} er ikke et antall sekunder")]
    EpochNotSeconds(String),
    /// `SOURCE_DATE_EPOCH` is a time chrono cannot hold.
    #[error("SOURCE_DATE_EPOCH={0} er utenfor gyldig område")]
    EpochOutOfRange(String),
}

impl From<TrailError> for SetupError {
    fn from(e: TrailError) -> Self {
        match e {
            TrailError::Shallow { .. } => SetupError::Shallow,
            TrailError::NoBranch { branch } => SetupError::NoBranch { branch },
            other => SetupError::History(other),
        }
    }
}
