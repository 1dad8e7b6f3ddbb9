//! Which commits of the chain belong to the import (`[approval] imported_until`).

use super::super::{ImportMark, TrailError};
use chrono::{DateTime, FixedOffset, NaiveDate};
use chrono_tz::Europe::Oslo;
use git2::{Commit, Oid, Repository};
use std::collections::HashSet;

/// The commit an [`ImportMark::Commit`] names today. A saved walk is continued only if it is
/// the same: a tag or branch used as the mark can move.
pub(super) fn mark_commit(
    repo: &Repository,
    mark: Option<&ImportMark>,
) -> Result<Option<Oid>, TrailError> {
    let Some(ImportMark::Commit(spec)) = mark else {
        return Ok(None);
    };
    let commit = repo
        .revparse_single(spec)
        .and_then(|o| o.peel_to_commit())
        .map_err(|source| TrailError::ImportMark {
            mark: spec.clone(),
            source: source.into(),
        })?;
    Ok(Some(commit.id()))
}

pub(super) enum Import {
    None,
    Until(NaiveDate),
    Commits(HashSet<Oid>),
}

impl Import {
    /// `commit` is [`mark_commit`]'s answer. `stop`, when resuming, is the `known` set of the
    /// earlier walk: only commits after its tip will be asked about, and none of those is an
    /// ancestor of a known commit, so the mark's first-parent chain is followed only until it
    /// meets one (at once, when the mark is older than the earlier tip).
    pub(super) fn resolve(
        repo: &Repository,
        mark: Option<&ImportMark>,
        commit: Option<Oid>,
        stop: Option<&HashSet<Oid>>,
    ) -> Result<Import, TrailError> {
        match (mark, commit) {
            (None, _) => Ok(Import::None),
            (Some(ImportMark::Until(date)), _) => Ok(Import::Until(*date)),
            (Some(ImportMark::Commit(_)), None) => Ok(Import::None),
            (Some(ImportMark::Commit(_)), Some(mut id)) => {
                let mut set = HashSet::new();
                loop {
                    if stop.is_some_and(|s| s.contains(&id)) {
                        break;
                    }
                    set.insert(id);
                    let c = repo.find_commit(id)?;
                    match c.parent_id(0) {
                        Ok(p) => id = p,
                        Err(_) => break,
                    }
                }
                Ok(Import::Commits(set))
            }
        }
    }

    pub(super) fn contains(&self, commit: &Commit<'_>, time: &DateTime<FixedOffset>) -> bool {
        match self {
            Import::None => false,
            Import::Until(date) => time.with_timezone(&Oslo).date_naive() <= *date,
            Import::Commits(set) => set.contains(&commit.id()),
        }
    }
}
