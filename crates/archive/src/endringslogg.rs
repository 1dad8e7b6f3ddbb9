//! endringslogg.xml from the git trail: every first-parent commit that changed a file behind a
//! document of the package is one `endring` of that document (its `dokumentbeskrivelse`): who
//! changed it, when, from which version to which, and who approved it in which pull request.
//!
//! The schema wants at least one `endring`, each with a previous and a new value. A file with
//! no trail (a build from the working tree) gets one entry saying so, dated at the export.

use super::ids::{self, Stamp, SYSTEM};
use super::tree::*;
use super::xml::Xml;
use motebok_domain::{Change, Source, TrailEntry};
use std::io;

const NS: &str = "http://www.arkivverket.no/standarder/noark5/endringslogg";
const NS_XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
/// The metadata that changes when a file changes: the file a dokumentobjekt refers to.
const METADATA: &str = "referanseDokumentfil";

/// One `endring`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Endring {
    pub arkivenhet: String,
    pub dato: String,
    pub av: String,
    pub tidligere: String,
    pub ny: String,
}

/// Every change of every document of the package, in the order of the archive structure.
pub(super) fn changes(a: &Arkiv, exported: &Stamp) -> Vec<Endring> {
    let mut out = Vec::new();
    for k in &a.arkivdel.system.klasser {
        for m in &k.mapper {
            for r in &m.registreringer {
                for d in &r.dokumenter {
                    if let Some(src) = &d.source {
                        out.extend(of_file(&d.system_id, src, exported));
                    }
                }
            }
        }
    }
    out
}

fn short(commit: &str) -> &str {
    commit.get(..12).unwrap_or(commit)
}

/// The changes of one file, or the note that it has no trail.
pub(super) fn of_file(arkivenhet: &str, src: &Source, exported: &Stamp) -> Vec<Endring> {
    let entries = ids::entries(src);
    if entries.is_empty() {
        return vec![Endring {
            arkivenhet: arkivenhet.to_string(),
            dato: exported.time(),
            av: SYSTEM.to_string(),
            tidligere: "(ingen godkjenningshistorikk: filen er ikke lest fra publiseringsgrenen)"
                .into(),
            ny: src.path.clone(),
        }];
    }
    let mut prev: Option<(&str, &TrailEntry)> = None;
    let mut path = src.path.as_str();
    // Walk back from the current path through renames to know each version's path.
    let mut paths: Vec<&str> = vec![path; entries.len()];
    for (i, e) in entries.iter().enumerate().rev() {
        paths[i] = path;
        if let Change::Renamed { from } = &e.change {
            path = from;
        }
    }
    let mut out = Vec::new();
    for (e, &p) in entries.iter().zip(&paths) {
        let version = |path: &str, e: &TrailEntry| format!("{path}@{}", short(&e.commit));
        let tidligere = match (&e.change, prev) {
            (Change::Renamed { from }, Some((_, pe))) => version(from, pe),
            (Change::Added, _) | (_, None) => "(ingen: filen ble lagt til)".to_string(),
            (_, Some((pp, pe))) => version(pp, pe),
        };
        let ny = match &e.change {
            Change::Deleted => format!("(fjernet i {})", short(&e.commit)),
            _ => version(p, e),
        };
        out.push(Endring {
            arkivenhet: arkivenhet.to_string(),
            dato: Stamp::new(e.time, SYSTEM).time(),
            av: ids::people(e),
            tidligere,
            ny: format!("{ny}: {}", approval(e)),
        });
        prev = (!matches!(e.change, Change::Deleted)).then_some((p, e));
    }
    out
}

/// «Subject», pull request #N, godkjent av X
fn approval(e: &TrailEntry) -> String {
    let mut s = format!("«{}»", e.subject);
    if let Some(n) = e.pull_request {
        s.push_str(&format!(", pull request #{n}"));
    }
    if !e.approvers.is_empty() {
        s.push_str(&format!(", godkjent av {}", e.approvers.join(", ")));
    } else if e.imported {
        s.push_str(", importert");
    } else if e.direct {
        s.push_str(", direkte commit uten godkjenning");
    }
    s
}

pub(super) fn write(changes: &[Endring]) -> io::Result<Vec<u8>> {
    let mut x = Xml::new()?;
    let location = format!("{NS} endringslogg.xsd");
    x.open(
        "endringslogg",
        &[
            ("xmlns", NS),
            ("xmlns:xsi", NS_XSI),
            ("xsi:schemaLocation", &location),
        ],
    )?;
    for c in changes {
        x.open("endring", &[])?;
        x.leaf("referanseArkivenhet", &c.arkivenhet)?;
        x.leaf("referanseMetadata", METADATA)?;
        x.leaf("endretDato", &c.dato)?;
        x.leaf("endretAv", &c.av)?;
        x.leaf("tidligereVerdi", &c.tidligere)?;
        x.leaf("nyVerdi", &c.ny)?;
        x.close("endring")?;
    }
    x.close("endringslogg")?;
    Ok(x.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;
    use motebok_domain::FileTrail;

    fn entry(commit: &str, t: &str, change: Change, pr: Option<u32>) -> TrailEntry {
        TrailEntry {
            commit: commit.repeat(40 / commit.len()),
            time: DateTime::parse_from_rfc3339(t).unwrap(),
            subject: format!("Endring {commit}"),
            approvers: vec!["Kari Nordmann".into()],
            pull_request: pr,
            authors: vec!["Sekretariatet".into()],
            change,
            direct: false,
            imported: false,
        }
    }

    fn exported() -> Stamp {
        Stamp::new(
            DateTime::parse_from_rfc3339("2026-01-15T00:00:00+01:00").unwrap(),
            SYSTEM,
        )
    }

    #[test]
    fn one_change_per_commit_with_who_and_approval() {
        let src = Source {
            path: "content/ssu/2025-05-23/2025.16.md".into(),
            trail: Some(
                FileTrail {
                    entries: vec![
                        entry("a", "2025-05-01T10:00:00+02:00", Change::Added, Some(3)),
                        entry("b", "2025-05-10T10:00:00+02:00", Change::Modified, Some(5)),
                        entry(
                            "c",
                            "2025-05-12T10:00:00+02:00",
                            Change::Renamed {
                                from: "content/ssu/2025-05-22/2025.16.md".into(),
                            },
                            Some(6),
                        ),
                    ],
                }
                .into(),
            ),
            draft: false,
        };
        let c = of_file("id", &src, &exported());
        assert_eq!(c.len(), 3);
        assert_eq!(c[0].tidligere, "(ingen: filen ble lagt til)");
        assert_eq!(c[0].dato, "2025-05-01T10:00:00+02:00");
        assert_eq!(c[0].av, "Sekretariatet");
        assert!(
            c[0].ny
                .starts_with("content/ssu/2025-05-22/2025.16.md@aaaaaaaaaaaa: «Endring a"),
            "{}",
            c[0].ny
        );
        assert!(
            c[0].ny
                .ends_with("pull request #3, godkjent av Kari Nordmann"),
            "{}",
            c[0].ny
        );
        assert_eq!(
            c[1].tidligere,
            "content/ssu/2025-05-22/2025.16.md@aaaaaaaaaaaa"
        );
        assert_eq!(
            c[2].tidligere,
            "content/ssu/2025-05-22/2025.16.md@bbbbbbbbbbbb"
        );
        assert!(
            c[2].ny
                .starts_with("content/ssu/2025-05-23/2025.16.md@cccccccccccc"),
            "{}",
            c[2].ny
        );
        let xml = String::from_utf8(write(&c).unwrap()).unwrap();
        assert_eq!(xml.matches("<endring>").count(), 3);
    }

    #[test]
    fn a_file_without_trail_still_has_an_entry() {
        let src = Source {
            path: "content/ssu/_organ.md".into(),
            trail: None,
            draft: false,
        };
        let c = of_file("id", &src, &exported());
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].av, SYSTEM);
        assert_eq!(c[0].dato, "2026-01-15T00:00:00+01:00");
    }
}
