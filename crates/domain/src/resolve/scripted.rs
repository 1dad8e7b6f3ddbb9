//! Attachments that would run script in a reader's browser (the parser says why:
//! `RawAttachment::script`) are refused where they are used: at the `vedlegg.fil` line of a
//! case and at the line of a link or image in any body, or at the file itself when nothing
//! uses it. Checked over the raw files, so a use is found even in a case refused for another
//! reason.

use super::attachments::attachment_path;
use motebok_parser::{Body, Diagnostic, RawDoc, RawFile};
use std::collections::{BTreeMap, HashSet};

const HINT: &str = "vedlegg er dokumenter, ikke programmer: lagre filen som PDF (eller skriv den \
                    i Markdown, som blir en side) og legg den inn i stedet";

/// One error per use of an attachment that runs script; one at the file if nothing uses it.
pub(super) fn check(files: &[RawFile], errors: &mut Vec<Diagnostic>) {
    let scripted: BTreeMap<&str, &str> = files
        .iter()
        .filter_map(|f| match &f.doc {
            RawDoc::Attachment(a) => a.script.as_deref().map(|why| (f.path.as_str(), why)),
            _ => None,
        })
        .collect();
    if scripted.is_empty() {
        return;
    }
    let mut used: HashSet<&str> = HashSet::new();
    let refuse = |at: &str, written: &str, why: &str| {
        Diagnostic::new(
            at,
            format!("vedlegget `{written}` kan kjøre skript i nettleseren: {why}"),
        )
        .hint(HINT)
    };
    for f in files {
        if let RawDoc::Case(c) = &f.doc {
            for v in &c.vedlegg {
                let Ok(full) = attachment_path(&c.organ, &c.folder, &v.fil.value) else {
                    continue;
                };
                if let Some((&path, why)) = scripted.get_key_value(full.as_str()) {
                    used.insert(path);
                    errors.push(
                        refuse(&f.path, &v.fil.value, why)
                            .at_col(v.fil.line, v.fil.col)
                            .len(v.fil.value.chars().count() as u32),
                    );
                }
            }
        }
        let dir = crate::links::folder(&f.path);
        let mut check = |link: &str, line: u32| {
            if link.contains(':') || link.starts_with('/') {
                return;
            }
            let Some(full) = crate::links::join(dir, link) else {
                return;
            };
            if let Some((&path, why)) = scripted.get_key_value(full.as_str()) {
                used.insert(path);
                errors.push(refuse(&f.path, link, why).at(line));
            }
        };
        if let Some(body) = body_of(&f.doc) {
            let lines = body
                .link_lines
                .iter()
                .copied()
                .chain(std::iter::repeat(body.line));
            for (link, line) in body.links.iter().zip(lines) {
                check(link, line);
            }
        }
        // A case's `referat` is Markdown too: its links at the line of its key.
        if let RawDoc::Case(c) = &f.doc {
            for link in crate::links::referat_links(c.referat.as_deref()) {
                check(&link, c.referat_line);
            }
        }
    }
    for (path, why) in scripted {
        if !used.contains(path) {
            let name = path.rsplit_once("/vedlegg/").map_or(path, |(_, n)| n);
            errors.push(refuse(path, &format!("vedlegg/{name}"), why));
        }
    }
}

pub(super) fn body_of(doc: &RawDoc) -> Option<&Body> {
    match doc {
        RawDoc::Organ(o) => Some(&o.body),
        RawDoc::Meeting(m) => Some(&m.body),
        RawDoc::Case(c) => Some(&c.body),
        RawDoc::Document(d) => Some(&d.body),
        RawDoc::Attachment(a) => a.page.as_ref().map(|(_, b)| b),
    }
}

#[cfg(test)]
mod tests {
    use crate::links::join as normalise;

    #[test]
    fn links_resolve_against_the_folder() {
        assert_eq!(
            normalise("content/ssu/2025-05-22", "vedlegg/a.svg").as_deref(),
            Some("content/ssu/2025-05-22/vedlegg/a.svg")
        );
        assert_eq!(
            normalise("content/ssu/2025-05-22/vedlegg", "../vedlegg/./a.svg").as_deref(),
            Some("content/ssu/2025-05-22/vedlegg/a.svg")
        );
        assert_eq!(normalise("content", "../../a.svg"), None);
    }
}
