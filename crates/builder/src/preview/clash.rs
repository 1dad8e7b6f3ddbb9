//! Case numbers a pull request shares with its target branch. Two editors who each run
//! `motebok new sak` before either merges get the same number; merged, the body would have two
//! cases under one address. A number is a clash when both branches added it since they parted
//! (it is not in their merge base) and the target's file is another one: another path or
//! another title. A case both had before is an edit, whatever the pull request does to it.

use crate::scaffold::branches::{CaseReader, TreeCase};
use crate::scaffold::numbering;
use motebok_domain::CaseNumber;
use motebok_parser::Diagnostic;
use std::collections::{BTreeMap, HashSet};

/// The clashes of `head` with `base` (the target branch), as errors at the head's `saksnr`.
pub(super) fn clashes(
    repo: &motebok_git::Repo,
    head: motebok_git::Oid,
    base: motebok_git::Oid,
    base_branch: &str,
) -> Result<Vec<Diagnostic>, motebok_git::Error> {
    // The three trees share most meeting folders: each version of one is read once.
    let mut reader = CaseReader::new(repo);
    let head_cases = reader.cases(&repo.commit_tree(head)?, None, None);
    let base_cases = reader.cases(&repo.commit_tree(base)?, None, None);
    // Unrelated histories share nothing: every number both use is then a clash.
    let before: HashSet<(String, CaseNumber)> = match repo.merge_base(head, base)? {
        Some(id) => reader
            .cases(&repo.commit_tree(id)?, None, None)
            .iter()
            .flat_map(|c| c.numbers().map(|n| (c.organ.clone(), n)))
            .collect(),
        None => HashSet::new(),
    };
    let mut by_number: BTreeMap<(&str, CaseNumber), &TreeCase> = BTreeMap::new();
    for b in &base_cases {
        if let Some(n) = b.number() {
            by_number.entry((b.organ.as_str(), n)).or_insert(b);
        }
    }
    // Numbers either branch uses, by body: the hints propose numbers free on both.
    let mut used: BTreeMap<&str, Vec<CaseNumber>> = BTreeMap::new();
    for c in head_cases.iter().chain(&base_cases) {
        used.entry(c.organ.as_str())
            .or_default()
            .extend(c.numbers());
    }
    let mut out = Vec::new();
    let mut sorted: Vec<&TreeCase> = head_cases.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    for h in sorted {
        let Some(n) = h.number() else { continue };
        if before.contains(&(h.organ.clone(), n)) {
            continue;
        }
        let Some(b) = by_number.get(&(h.organ.as_str(), n)) else {
            continue;
        };
        if b.path == h.path && b.title == h.title {
            continue;
        }
        let taken = used.entry(h.organ.as_str()).or_default();
        let free = numbering::next(n.year, taken.iter().copied());
        // The next clash of the year is offered the number after this one.
        taken.push(free);
        let other = match (&b.title, b.path == h.path) {
            (Some(t), true) => format!("«{t}»"),
            (Some(t), false) => format!("{} («{t}»)", b.path),
            (None, _) => b.path.clone(),
        };
        let d = Diagnostic::new(
            &h.path,
            format!(
                "saksnummeret {n} er allerede brukt på `{base_branch}` av en annen sak: {other}"
            ),
        )
        .hint(format!(
            "gi saken et nytt nummer, for eksempel {free} (ledig på begge grenene): endre \
             `saksnr` og gi filen samme navn ({free}.md). `motebok new sak` foreslår alltid \
             neste ledige nummer"
        ));
        out.push(match h.saksnr {
            Some((_, line, col)) => d.at_col(line, col),
            None => d,
        });
    }
    Ok(out)
}
