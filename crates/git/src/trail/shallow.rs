//! Shallow clones cannot tell the trail: their oldest commit looks like the root and would
//! claim every file was published that day.

/// Whether `repo` is a shallow clone (libgit2 says so, or the git dir has a `shallow` file).
pub(crate) fn is_shallow(repo: &git2::Repository) -> bool {
    repo.is_shallow() || repo.path().join("shallow").is_file()
}
