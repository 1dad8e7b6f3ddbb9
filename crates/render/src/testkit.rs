//! Sites in memory for unit tests (here, and in the crates above with the `testkit` feature):
//! files, hand-made trails and drafts in, a resolved site out, and bodies read from memory as
//! the builder's store reads a full build's. The domain types are plain data, so a trail here
//! is exactly what git would give.

use chrono::{DateTime, NaiveDate};
use motebok_domain::{resolve, Change, FileTrail, Inputs, Site, TrailEntry, Trails};
use motebok_site::views::{Bodies, Unread};
use std::collections::HashSet;
use std::sync::Arc;

/// A `site.toml` with every required key.
pub const TOML: &str = "title = \"Helsefellesskapet i Testfold\"\nbase_url = \"https://example.org/hf\"\narchive_contact = \"arkiv@example.org\"\nrepository_url = \"https://github.com/example/hf\"\n";

/// The date `s` (`YYYY-MM-DD`).
pub fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// One approved first-parent commit: a merged pull request.
pub fn entry(commit: &str, time: &str, subject: &str, change: Change) -> TrailEntry {
    TrailEntry {
        commit: commit.into(),
        time: DateTime::parse_from_rfc3339(time).unwrap(),
        subject: subject.into(),
        approvers: vec!["Kari Nordmann".into()],
        pull_request: Some(7),
        authors: vec!["Ola Sekretær".into()],
        change,
        direct: false,
        imported: false,
    }
}

/// A file's trail of `entries`, oldest first.
pub fn trail(entries: Vec<TrailEntry>) -> std::sync::Arc<FileTrail> {
    FileTrail { entries }.into()
}

/// Resolves `files` as of `today`, with `trails` by path and `drafts` marked.
pub fn site(files: &[(&str, &str)], trails: Trails, drafts: &[&str], today: &str) -> Site {
    let raw = files
        .iter()
        .map(|(p, t)| motebok_parser::parse_file(p, t.as_bytes()).expect("test file parses"))
        .collect();
    let drafts: HashSet<String> = drafts.iter().map(|s| s.to_string()).collect();
    resolve(Inputs {
        files: raw,
        trails: &trails,
        drafts: &drafts,
        today: day(today),
        window_months: 24,
        unparsed: &HashSet::new(),
    })
    .expect("test site resolves")
}

/// A body with two meetings: an old one (window closes 2025-01-10) and one in 2025 with a case
/// following up the old one, an exempt case and a Markdown attachment.
pub fn files() -> Vec<(&'static str, &'static str)> {
    vec![
        ("content/ssu/_organ.md", "---\nnavn: Strategisk samarbeidsutvalg\nkortnavn: SSU\n---\nMandat.\n"),
        ("content/ssu/2023-01-10/_mote.md", "---\ndato: 2023-01-10\n---\nGammelt møte.\n"),
        ("content/ssu/2023-01-10/2023.01.md", "---\nsaksnr: \"2023.01\"\ntittel: Gammel sak\nsakstype: [orientering]\n---\nGammel tekst.\n"),
        ("content/ssu/2025-05-22/_mote.md", "---\ndato: 2025-05-22\ntid: \"09:00-12:00\"\nsted: SiV, møterom 1\n---\nVelkommen.\n"),
        ("content/ssu/2025-05-22/2025.13.md", "---\nsaksnr: \"2025.13\"\ntittel: Oppfølging av gammel sak\nsakstype: [beslutning]\noppfolging_av: [\"2023.01\"]\nvedtak:\n  - Godkjent.\nvedlegg:\n  - tittel: Notat\n    fil: vedlegg/notat.md\n---\nNy tekst.\n"),
        ("content/ssu/2025-05-22/2025.14.md", "---\nsaksnr: \"2025.14\"\ntittel: Hemmelig personalsak Hansen\nsakstype: [beslutning]\noffentlig: false\nskjermingshjemmel: \"offl. § 13\"\nvedtak:\n  - Hemmelig vedtak.\nvedlegg:\n  - tittel: Hemmelig vedleggstittel\n    fil: vedlegg/notat.md\n---\nHemmelig tekst.\n"),
        ("content/ssu/2025-05-22/vedlegg/notat.md", "# Notat\n\nInnhold i notatet.\n"),
    ]
}

/// Bodies in memory: every text a full build has; a body without its text is a failed read.
pub struct InMemory;

impl Bodies for InMemory {
    fn text(&self, path: &str, body: &motebok_parser::Body) -> Result<Arc<str>, Unread> {
        body.markdown.known().cloned().ok_or_else(|| Unread {
            path: path.to_string(),
            why: "teksten er ikke lest inn".into(),
        })
    }
}
