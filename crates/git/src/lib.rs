//! The git side of motebok, and the only crate that speaks to git (through libgit2): the
//! first-parent history walk of the publishing branch and the approval trail it yields
//! ([`trail`]), and the reading of a repository's branches, trees and blobs ([`Repo`]).
//! Its types wrap libgit2's, so that git2 stays out of every other crate's API.

mod repo;
pub mod trail;

pub use repo::{Blob, Delta, Entry, Error, Kind, Objects, Oid, Repo, Side, Tree};
