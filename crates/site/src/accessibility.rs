//! The accessibility statement's facts (CONTENT.md §8): what the theme is audited with, and
//! every published item the build found not to meet the requirements, from the run's
//! warnings that carry a WCAG criterion (the PDF attachments' and the content rules'). The
//! statement page shows them; the builder also writes them as `/tilgjengelighet/funn.json`.

use crate::urls;
use motebok_domain::Site;
use serde::Serialize;
use std::collections::HashMap;

/// The tools the browser audit (`tests/browser/`) checks every page of the theme with, and
/// their versions: those of `tests/browser/package-lock.json`, which a test compares with.
pub const AUDITED_WITH: &[(&str, &str)] = &[
    ("axe-core", "4.14.1"),
    ("Nu Html Checker (vnu-jar)", "26.9.27"),
    ("Playwright", "1.65.1"),
];

/// One published item that does not meet the requirements.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Finding {
    /// The published file or page, as a site path (`ssu/2025-05-22/vedlegg/a.pdf`).
    pub fil: String,
    /// The page it is published on (a case or document page), when it is a file.
    pub side: Option<String>,
    /// The WCAG 2.1 success criterion (`1.3.1`).
    pub wcag: String,
    /// What is wrong, in plain words.
    pub feil: String,
    /// Its source in the repository.
    pub kilde: String,
}

/// What is published for each source file: its own URL and the page that shows it (for a
/// copied attachment: the first published case or document listing it). Only published
/// items are here: an exempt or closed one is no part of the site.
fn published(site: &Site) -> HashMap<&str, (String, Option<String>)> {
    let mut out = HashMap::new();
    let case_url = |c: usize| {
        let c = &site.cases[c];
        (c.publication.is_published() && c.unntatt.is_none())
            .then(|| urls::case(&site.organs[c.organ].id, c.number))
    };
    let doc_url = |d: usize| {
        let d = &site.documents[d];
        (d.publication.is_published() && d.unntatt.is_none()).then(|| urls::document(&d.slug))
    };
    for ci in 0..site.cases.len() {
        if let Some(u) = case_url(ci) {
            out.insert(site.cases[ci].src.path.as_str(), (u, None));
        }
    }
    for di in 0..site.documents.len() {
        if let Some(u) = doc_url(di) {
            out.insert(site.documents[di].src.path.as_str(), (u, None));
        }
    }
    for m in &site.meetings {
        if m.publication.is_published() {
            let u = urls::meeting(&site.organs[m.organ].id, m.date);
            out.insert(m.src.path.as_str(), (u, None));
        }
    }
    for o in &site.organs {
        out.insert(o.src.path.as_str(), (urls::organ(&o.id), None));
    }
    for a in &site.attachments {
        if !a.publication.is_published() {
            continue;
        }
        let page = a
            .used_by_cases
            .iter()
            .find_map(|&c| case_url(c))
            .or_else(|| a.used_by_documents.iter().find_map(|&d| doc_url(d)));
        let url = urls::attachment(&a.owner, &a.name);
        let page = page.filter(|_| !a.is_markdown());
        out.insert(a.src.path.as_str(), (url, page));
    }
    out
}

/// Every finding about published content, sorted, one per file, criterion and problem.
pub fn findings(site: &Site) -> Vec<Finding> {
    let published = published(site);
    let mut out: Vec<Finding> = site
        .warnings
        .iter()
        .filter_map(|w| {
            let wcag = w.wcag.as_deref()?.to_string();
            let (fil, side) = published.get(w.path.as_str())?.clone();
            Some(Finding {
                fil,
                side,
                wcag,
                feil: plain(&w.message),
                kilde: match w.line {
                    Some(l) => format!("{}:{l}", w.path),
                    None => w.path.clone(),
                },
            })
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// A warning's message without the criterion it ends with (the statement shows that in a
/// column of its own).
fn plain(message: &str) -> String {
    match message.rfind(" (WCAG ") {
        Some(at) if message.ends_with(')') => message[..at].to_string(),
        _ => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The versions named in the statement are the ones the audit installs.
    #[test]
    fn audited_with_the_locked_versions() {
        // Read when the test is compiled: this crate reads no files.
        let lock: serde_json::Value =
            serde_json::from_str(include_str!("../../../tests/browser/package-lock.json")).unwrap();
        let packages = [
            ("axe-core", "axe-core"),
            ("Nu Html Checker (vnu-jar)", "vnu-jar"),
            ("Playwright", "playwright-core"),
        ];
        assert_eq!(packages.len(), AUDITED_WITH.len());
        for ((name, npm), (tool, version)) in packages.iter().zip(AUDITED_WITH) {
            assert_eq!(name, tool);
            let locked = &lock["packages"][format!("node_modules/{npm}")]["version"];
            assert_eq!(locked, version, "{npm}: update AUDITED_WITH");
        }
    }

    #[test]
    fn the_criterion_leaves_the_message() {
        assert_eq!(
            plain("PDF-vedlegget mangler språk (/Lang) (WCAG 3.1.1)"),
            "PDF-vedlegget mangler språk (/Lang)"
        );
        assert_eq!(
            plain("Bildet mangler tekstalternativ"),
            "Bildet mangler tekstalternativ"
        );
    }
}
