//! Links and images in Markdown bodies that name a file of the repository (CONTENT.md §4): a
//! link to a file that does not exist is an error at its line, never a broken link on the site.
//! A relative link without a file extension (`../2025-05-22/`) is taken as a page address and
//! left to the site's own links. A case's `referat` is Markdown too: its links are checked at
//! the line of its key.

use super::scripted::body_of;
use crate::links::{folder, join};
use motebok_parser::{Diagnostic, RawDoc, RawFile};
use std::collections::HashSet;

/// A link in a body to a file that exists: whether it lands on something published is
/// settled once the site is known (`reach`).
#[derive(Debug, Clone)]
pub(super) struct FileLink {
    /// The file whose body holds the link.
    pub from: String,
    pub line: u32,
    /// As written.
    pub written: String,
    /// The repository path it names.
    pub target: String,
}

/// One error per link to a missing file; the links to files that exist. `unparsed`: files
/// that exist but failed to parse (a link to one is neither an error nor kept).
pub(super) fn check(
    files: &[RawFile],
    unparsed: &HashSet<String>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<FileLink> {
    let mut found = Vec::new();
    let known: HashSet<&str> = files
        .iter()
        .map(|f| f.path.as_str())
        .chain(unparsed.iter().map(String::as_str))
        .collect();
    for f in files {
        // The lines come from the parse: the text is not read again (in a rebuild it is not
        // in memory).
        let body = body_of(&f.doc).map(|body| {
            let lines = body
                .link_lines
                .iter()
                .copied()
                .chain(std::iter::repeat(body.line));
            body.links.iter().cloned().zip(lines)
        });
        let referat = match &f.doc {
            RawDoc::Case(c) => crate::links::referat_links(c.referat.as_deref())
                .into_iter()
                .map(|link| (link, c.referat_line))
                .collect(),
            _ => Vec::new(),
        };
        let dir = folder(&f.path);
        let mut reported = HashSet::new();
        for (link, line) in body.into_iter().flatten().chain(referat) {
            if !names_a_file(&link) || !reported.insert(link.clone()) {
                continue;
            }
            let link = &link;
            match join(dir, link) {
                Some(full) if unparsed.contains(&full) => {}
                Some(full) if known.contains(full.as_str()) => found.push(FileLink {
                    from: f.path.clone(),
                    line,
                    written: link.clone(),
                    target: full,
                }),
                Some(full) => errors.push(
                    Diagnostic::new(
                        &f.path,
                        format!("den lenkede filen `{link}` finnes ikke"),
                    )
                    .at(line)
                    .hint(format!(
                        "legg filen i {full}, eller rett lenken (den er relativ til mappen filen ligger i)"
                    )),
                ),
                None => errors.push(
                    Diagnostic::new(
                        &f.path,
                        format!("lenken `{link}` peker ut av repositoriet"),
                    )
                    .at(line)
                    .hint("lenk til en fil i møtemappen, for eksempel `vedlegg/notat.pdf`, eller til en side med full adresse"),
                ),
            }
        }
    }
    found
}

/// A relative link whose last segment has an extension: a file, not a page address or an
/// external link.
fn names_a_file(link: &str) -> bool {
    if link.is_empty() || link.contains(':') || link.starts_with(['/', '?', '#']) {
        return false;
    }
    let path = link.split('?').next().unwrap_or("");
    let last = path.rsplit('/').next().unwrap_or("");
    last.contains('.') && last != "." && last != ".."
}

#[cfg(test)]
mod tests {
    use super::names_a_file;

    #[test]
    fn files_are_told_from_pages_and_other_sites() {
        for file in [
            "vedlegg/a.pdf",
            "../2025-02-27/2025.10.md",
            "kart.png",
            "a b.pdf",
        ] {
            assert!(names_a_file(file), "{file}");
        }
        for other in [
            "https://example.org/a.pdf",
            "mailto:a@b.no",
            "/helsefellesskap/a.pdf",
            "../2025-02-27/",
            "..",
            "sok",
            "",
        ] {
            assert!(!names_a_file(other), "{other}");
        }
    }
}
