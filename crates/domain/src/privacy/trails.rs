//! The trail is published too: the names of who approved (`Approved-by:` and `Reviewed-by:`
//! trailers among them) and who wrote a change, and each commit's subject. A number there is
//! an error naming the commit.

use super::{scan, IdKind};
use crate::trail::Trails;
use motebok_parser::Diagnostic;
use std::collections::BTreeMap;

/// One error per commit whose approvers, authors or subject hold an identity number, at the
/// first file (by path) it changed.
pub fn check_trails(trails: &Trails) -> Vec<Diagnostic> {
    // Commit → (first path, what held the number, kind).
    let mut found: BTreeMap<&str, (&str, &'static str, IdKind)> = BTreeMap::new();
    let mut seen = std::collections::HashSet::new();
    for (path, trail) in trails {
        for e in &trail.entries {
            if let Some(f) = found.get_mut(e.commit.as_str()) {
                if path.as_str() < f.0 {
                    f.0 = path;
                }
                continue;
            }
            // A commit touches many files; its names are read once.
            if !seen.insert(e.commit.as_str()) {
                continue;
            }
            let first =
                |names: &[String]| names.iter().find_map(|n| scan(n).first().map(|h| h.kind));
            let hit = first(&e.approvers)
                .map(|k| ("godkjenner (Approved-by/Reviewed-by)", k))
                .or_else(|| first(&e.authors).map(|k| ("forfatter", k)))
                .or_else(|| scan(&e.subject).first().map(|h| ("emnelinjen", h.kind)));
            if let Some((what, kind)) = hit {
                found.insert(&e.commit, (path, what, kind));
            }
        }
    }
    found
        .into_iter()
        .map(|(commit, (path, what, kind))| {
            let short = commit.get(..7).unwrap_or(commit);
            Diagnostic::new(
                path,
                format!(
                    "commit {short} har {} i feltet for {what}, og sporet publiseres",
                    kind.label()
                ),
            )
            .sensitive()
            .hint(
                "historikken må skrives om uten tallet før bygget kan publiseres (for eksempel \
                 med git rebase eller git filter-repo); skriv aldri personnummer i \
                 commit-meldinger",
            )
        })
        .collect()
}
