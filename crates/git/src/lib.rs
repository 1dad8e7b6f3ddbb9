//! The git side of motebok, and the only crate that speaks to git (through libgit2): the
//! first-parent history walk of the publishing branch and the approval trail it yields
//! ([`trail`]).

pub mod trail;
