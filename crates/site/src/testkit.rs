//! Sites in memory for the unit tests of the views (a subset of the builder's `testkit`: the
//! views need a resolved site, not a render).

use chrono::NaiveDate;
use motebok_domain::{resolve, Inputs, Site};
use std::collections::HashSet;

pub(crate) const TOML: &str = "title = \"Helsefellesskapet i Testfold\"\nbase_url = \"https://example.org/hf\"\narchive_contact = \"arkiv@example.org\"\n";

pub(crate) fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Resolves `files` as of `today`, without trails or drafts.
pub(crate) fn site(files: &[(&str, &str)], today: &str) -> Site {
    let raw = files
        .iter()
        .map(|(p, t)| motebok_parser::parse_file(p, t.as_bytes()).expect("test file parses"))
        .collect();
    resolve(Inputs {
        files: raw,
        trails: &Default::default(),
        drafts: &HashSet::new(),
        today: day(today),
        window_months: 24,
        unparsed: &HashSet::new(),
    })
    .expect("test site resolves")
}

/// A body with one meeting and one case.
pub(crate) fn files() -> Vec<(&'static str, &'static str)> {
    vec![
        ("content/ssu/_organ.md", "---\nnavn: Strategisk samarbeidsutvalg\nkortnavn: SSU\n---\nMandat i minnet.\n"),
        ("content/ssu/2025-05-22/_mote.md", "---\ndato: 2025-05-22\n---\nVelkommen.\n"),
        ("content/ssu/2025-05-22/2025.13.md", "---\nsaksnr: \"2025.13\"\ntittel: En sak\nsakstype: [orientering]\n---\nSakens tekst.\n"),
    ]
}
