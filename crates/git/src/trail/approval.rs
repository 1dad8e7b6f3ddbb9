//! Who approved a first-parent commit (CONTENT.md §6):
//! - a merge commit: its author (on GitHub the person who pressed Merge); the authors of the
//!   change are those of the commits it merged;
//! - a squash merge (a non-merge whose subject ends in `(#N)`): its committer, unless that is
//!   GitHub itself (`noreply@github.com`): then the pull request stands for the approval;
//! - in every case the names in `Approved-by:` and `Reviewed-by:` trailers.
//!
//! A commit that is neither a merge, nor a squash merge, nor carries `Approved-by:` is direct.

use git2::{Commit, ErrorCode, Oid, Repository, Signature};
use std::collections::HashSet;

/// The approval facts of one first-parent commit.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Approval {
    pub subject: String,
    pub approvers: Vec<String>,
    pub pull_request: Option<u32>,
    pub authors: Vec<String>,
    pub direct: bool,
}

/// The first line of a commit message.
pub(crate) fn subject(message: &str) -> String {
    message
        .lines()
        .next()
        .unwrap_or("")
        .trim_end_matches('\r')
        .trim()
        .to_owned()
}

fn leading_number(s: &str) -> Option<u32> {
    let digits: &str = &s[..s.bytes().take_while(u8::is_ascii_digit).count()];
    digits.parse().ok()
}

/// `N` of a subject `Merge pull request #N from ...`.
pub(crate) fn merge_pull_request(subject: &str) -> Option<u32> {
    leading_number(subject.strip_prefix("Merge pull request #")?)
}

/// `N` of a subject ending in `(#N)`.
pub(crate) fn squash_pull_request(subject: &str) -> Option<u32> {
    let inner = subject.trim_end().strip_suffix(')')?;
    let at = inner.rfind("(#")?;
    let digits = &inner[at + 2..];
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// The trailers that matter here, by name (the `<email>` dropped).
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Trailers {
    pub approved_by: Vec<String>,
    pub reviewed_by: Vec<String>,
    pub co_authored_by: Vec<String>,
}

/// `Jane Doe <jane@example.org>` → `Jane Doe`; a bare `<jane@example.org>` → the address.
pub(crate) fn trailer_name(value: &str) -> String {
    let value = value.trim();
    let name = value.split('<').next().unwrap_or("").trim();
    if name.is_empty() {
        value
            .trim_matches(|c| c == '<' || c == '>')
            .trim()
            .to_owned()
    } else {
        name.to_owned()
    }
}

/// Reads `Approved-by:`, `Reviewed-by:` and `Co-authored-by:` lines after the subject
/// (keys case-insensitive; squash messages list them anywhere in the body).
pub(crate) fn trailers(message: &str) -> Trailers {
    let mut t = Trailers::default();
    for line in message.lines().skip(1) {
        let line = line.trim();
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let list = match key.trim().to_ascii_lowercase().as_str() {
            "approved-by" => &mut t.approved_by,
            "reviewed-by" => &mut t.reviewed_by,
            "co-authored-by" => &mut t.co_authored_by,
            _ => continue,
        };
        let name = trailer_name(value);
        if !name.is_empty() {
            list.push(name);
        }
    }
    t
}

fn push_unique(list: &mut Vec<String>, name: String) {
    if !name.is_empty() && !list.contains(&name) {
        list.push(name);
    }
}

pub(crate) fn name_of(sig: &Signature<'_>) -> String {
    String::from_utf8_lossy(sig.name_bytes()).trim().to_owned()
}

fn is_github(sig: &Signature<'_>) -> bool {
    sig.email_bytes()
        .eq_ignore_ascii_case(b"noreply@github.com")
}

/// Finds the commits each merge of the first-parent chain brought in: those reachable from its
/// other parents and not from its first parent.
///
/// Every commit reachable from a first-parent commit is on the chain or was brought in by an
/// earlier merge, so a walk from the other parents stops at any commit already `known`; fed
/// every merge of the chain oldest first, the whole walk reads each commit once.
pub(crate) struct MergedCommits {
    known: HashSet<Oid>,
}

impl MergedCommits {
    /// Starts with the first-parent chain itself known.
    pub(super) fn new(chain: &[Commit<'_>]) -> Self {
        MergedCommits {
            known: chain.iter().map(Commit::id).collect(),
        }
    }

    /// Continues from the `known` set of an earlier walk, the chain walked since added: the
    /// earlier set holds only ancestors of the earlier tip, as a fresh walk's would.
    pub(super) fn resume(mut known: HashSet<Oid>, chain: &[Commit<'_>]) -> Self {
        known.extend(chain.iter().map(Commit::id));
        MergedCommits { known }
    }

    /// Every commit met so far: the chain and what its merges brought in.
    pub(super) fn known(&self) -> &HashSet<Oid> {
        &self.known
    }

    /// The commits `merge` brought in, oldest (by committer time) first. Must be called for
    /// every merge of the chain, in order.
    pub(super) fn merged<'r>(
        &mut self,
        repo: &'r Repository,
        merge: &Commit<'_>,
    ) -> Result<Vec<Commit<'r>>, git2::Error> {
        let mut stack: Vec<Oid> = merge.parent_ids().skip(1).collect();
        let mut out = Vec::new();
        while let Some(id) = stack.pop() {
            if !self.known.insert(id) {
                continue;
            }
            let commit = repo.find_commit(id)?;
            stack.extend(commit.parent_ids());
            out.push(commit);
        }
        out.sort_by_key(|c| c.committer().when().seconds());
        Ok(out)
    }
}

/// Whether an error means a commit of the history is missing (a cut-off history).
pub(crate) fn is_missing(e: &git2::Error) -> bool {
    e.code() == ErrorCode::NotFound
}

/// The approval facts of a first-parent commit; `merged` are the commits it brought in
/// (empty unless it is a merge).
pub(crate) fn approval(commit: &Commit<'_>, merged: &[Commit<'_>]) -> Approval {
    let message = String::from_utf8_lossy(commit.message_bytes());
    let subject = subject(&message);
    let trailers = trailers(&message);
    let merge = commit.parent_count() >= 2;
    let squash_pr = squash_pull_request(&subject);

    let mut approvers = Vec::new();
    let mut authors = Vec::new();
    let pull_request;
    if merge {
        pull_request = merge_pull_request(&subject).or(squash_pr);
        push_unique(&mut approvers, name_of(&commit.author()));
        for c in merged {
            push_unique(&mut authors, name_of(&c.author()));
            let message = String::from_utf8_lossy(c.message_bytes());
            for name in self::trailers(&message).co_authored_by {
                push_unique(&mut authors, name);
            }
        }
    } else {
        pull_request = squash_pr;
        if squash_pr.is_some() {
            let committer = commit.committer();
            if !is_github(&committer) {
                push_unique(&mut approvers, name_of(&committer));
            }
        }
        push_unique(&mut authors, name_of(&commit.author()));
        for name in &trailers.co_authored_by {
            push_unique(&mut authors, name.clone());
        }
    }
    let has_approved_by = !trailers.approved_by.is_empty();
    for name in trailers.approved_by.into_iter().chain(trailers.reviewed_by) {
        push_unique(&mut approvers, name);
    }
    Approval {
        subject,
        approvers,
        pull_request,
        authors,
        direct: !(merge || squash_pr.is_some() || has_approved_by),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pull_request_numbers() {
        assert_eq!(
            merge_pull_request("Merge pull request #12 from sekretariat/x"),
            Some(12)
        );
        assert_eq!(merge_pull_request("Merge branch 'x'"), None);
        assert_eq!(merge_pull_request("Merge pull request #abc"), None);
        assert_eq!(
            squash_pull_request("Innkalling SSU 20. mai (#13)"),
            Some(13)
        );
        assert_eq!(squash_pull_request("Rett skrivefeil (#7) "), Some(7));
        assert_eq!(squash_pull_request("Sak (#) "), None);
        assert_eq!(squash_pull_request("Sak (#1a)"), None);
        assert_eq!(squash_pull_request("Sak #13"), None);
    }

    #[test]
    fn trailer_names() {
        let msg =
            "Title\n\nBody text: with a colon\n\nApproved-by: Kari Nordmann <kari@example.org>\n\
                   reviewed-by: Ola <ola@example.org>\nCo-authored-by: Åse Ås <ase@example.org>\n\
                   Approved-by: <anon@example.org>\n";
        let t = trailers(msg);
        assert_eq!(t.approved_by, vec!["Kari Nordmann", "anon@example.org"]);
        assert_eq!(t.reviewed_by, vec!["Ola"]);
        assert_eq!(t.co_authored_by, vec!["Åse Ås"]);
        assert_eq!(subject("Første linje\r\nandre"), "Første linje");
        assert_eq!(subject(""), "");
    }
}
