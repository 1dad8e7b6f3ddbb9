//! The trail as readers see it: Publisert, Sist endret, Godkjent av, pull request, Historikk.

use crate::dates;
use crate::views::structs::{DateView, Link, TrailEntryView, TrailView};
use motebok_domain::{Change, FileTrail, TrailEntry};

pub(super) fn date_view(t: &chrono::DateTime<chrono::FixedOffset>) -> DateView {
    DateView {
        iso: t.to_rfc3339(),
        text: dates::oslo_time(t),
    }
}

pub(crate) fn pr_link(repo: Option<&str>, n: u32) -> Link {
    let href = repo
        .map(|r| format!("{}/pull/{n}", r.trim_end_matches('/')))
        .unwrap_or_default();
    Link {
        href,
        label: format!("#{n}"),
    }
}

fn change_label(e: &TrailEntry, first: bool) -> String {
    match &e.change {
        Change::Added if first => "Publisert".into(),
        Change::Added => "Publisert på nytt".into(),
        Change::Modified => "Endret".into(),
        Change::Renamed { from } => format!("Flyttet fra {from}"),
        Change::Deleted => "Fjernet".into(),
    }
}

/// Merges the trails of the files behind one page (a meeting page is `_mote.md` plus its cases).
pub(super) fn view(trails: &[&FileTrail], repo: Option<&str>) -> Option<TrailView> {
    let mut entries: Vec<&TrailEntry> = trails.iter().flat_map(|t| t.entries.iter()).collect();
    if entries.is_empty() {
        return None;
    }
    entries.sort_by_key(|e| e.time);
    entries.dedup_by(|a, b| a.commit == b.commit);
    let first = entries.first()?;
    let last = entries.last()?;
    let mut approved_by: Vec<String> = Vec::new();
    for a in &last.approvers {
        if !approved_by.contains(a) {
            approved_by.push(a.clone());
        }
    }
    let history = entries
        .iter()
        .enumerate()
        .map(|(i, e)| TrailEntryView {
            when: date_view(&e.time),
            change: change_label(e, i == 0),
            approvers: if e.imported && e.approvers.is_empty() {
                "Importert".into()
            } else if e.approvers.is_empty() && e.pull_request.is_some() {
                "Godkjent i pull request".into()
            } else {
                e.approvers.join(", ")
            },
            authors: e.authors.join(", "),
            pull_request: e.pull_request.map(|n| pr_link(repo, n)),
            commit: e.commit.chars().take(7).collect(),
            commit_href: repo.map(|r| format!("{}/commit/{}", r.trim_end_matches('/'), e.commit)),
            subject: e.subject.clone(),
        })
        .collect();
    Some(TrailView {
        published: Some(date_view(&first.time)),
        changed: (entries.len() > 1).then(|| date_view(&last.time)),
        approved_by,
        pull_request: last.pull_request.map(|n| pr_link(repo, n)),
        history,
    })
}
