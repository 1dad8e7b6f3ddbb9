//! Sites in memory for unit tests: files, hand-made trails and drafts in, rendered output out.
//! The domain types are plain data, so a trail here is exactly what git would give.

use chrono::{DateTime, NaiveDate};
use motebok_domain::{resolve, Change, FileTrail, Inputs, Site, TrailEntry, Trails};
use motebok_site::config::SiteConfig;
use motebok_site::theme::Theme;
use std::collections::{BTreeMap, HashSet};

pub(crate) const TOML: &str = "title = \"Helsefellesskapet i Testfold\"\nbase_url = \"https://example.org/hf\"\narchive_contact = \"arkiv@example.org\"\nrepository_url = \"https://github.com/example/hf\"\n";

pub(crate) fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// One approved first-parent commit: a merged pull request.
pub(crate) fn entry(commit: &str, time: &str, subject: &str, change: Change) -> TrailEntry {
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

pub(crate) fn trail(entries: Vec<TrailEntry>) -> std::sync::Arc<FileTrail> {
    FileTrail { entries }.into()
}

/// Resolves `files` as of `today`, with `trails` by path and `drafts` marked.
pub(crate) fn site(files: &[(&str, &str)], trails: Trails, drafts: &[&str], today: &str) -> Site {
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

/// Renders `site` with the default theme, as a build publishes it: every output file by path.
pub(crate) fn render(site: &Site, today: &str) -> BTreeMap<String, Vec<u8>> {
    let cfg = SiteConfig::parse(TOML).unwrap();
    let theme = Theme::default_only();
    let env = theme.environment().unwrap();
    let cx = crate::pipeline::Context {
        cfg: &cfg,
        theme: &theme,
        env: &env,
        today: day(today),
        hashes: &Default::default(),
        binaries: &|_| None,
        bodies: &crate::store::Store::in_memory(),
        outputs: crate::pipeline::Outputs::Publish,
        paper_cache: None,
    };
    let run = crate::pipeline::render_in_memory(site, &cx)
        .unwrap_or_else(|e| panic!("render failed: {e:?}"));
    run.files
        .into_iter()
        .map(|(p, b)| (p, b.to_vec()))
        .collect()
}

pub(crate) fn text(files: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    String::from_utf8(
        files
            .get(path)
            .unwrap_or_else(|| panic!("no {path}"))
            .clone(),
    )
    .unwrap()
}

pub(crate) fn json(files: &BTreeMap<String, Vec<u8>>, path: &str) -> serde_json::Value {
    serde_json::from_str(&text(files, path)).unwrap()
}

/// A body with two meetings: an old one (window closes 2025-01-10) and one in 2025 with a case
/// following up the old one, an exempt case and a Markdown attachment.
pub(crate) fn files() -> Vec<(&'static str, &'static str)> {
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
