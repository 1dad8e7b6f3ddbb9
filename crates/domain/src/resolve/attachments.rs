//! Attachments (`vedlegg/`): found by path, published as long as what uses them.

use super::Sources;
use crate::model::{Attachment, AttachmentIx, Case, CaseIx, Document};
use crate::window::Publication;
use motebok_parser::{Diagnostic, RawAttachment};
use std::collections::HashMap;

/// Attachments by repository path.
pub(super) type AttachmentIndex = HashMap<String, AttachmentIx>;

/// Every attachment, by path. Exempt until its users are known.
pub(super) fn build(
    mut raw: Vec<(String, RawAttachment)>,
    sources: &Sources,
) -> (Vec<Attachment>, AttachmentIndex) {
    raw.sort_by(|a, b| a.0.cmp(&b.0));
    let attachments: Vec<Attachment> = raw
        .into_iter()
        .map(|(path, a)| Attachment {
            owner: a.owner,
            src: sources.of(&path),
            name: a.name,
            page: a.page,
            publication: Publication::Exempt,
            used_by_cases: Vec::new(),
            used_by_documents: Vec::new(),
        })
        .collect();
    let index = attachments
        .iter()
        .enumerate()
        .map(|(i, a)| (a.src.path.clone(), i))
        .collect();
    (attachments, index)
}

/// Which cases use each attachment, in the order the case phase met the uses.
pub(super) fn record_case_uses(attachments: &mut [Attachment], uses: &[(AttachmentIx, CaseIx)]) {
    for &(ai, ci) in uses {
        attachments[ai].used_by_cases.push(ci);
    }
}

/// An attachment lives as long as the longest-lived public item using it. Returns a warning
/// for each attachment nothing uses.
pub(super) fn settle_lifetimes(
    attachments: &mut [Attachment],
    cases: &[Case],
    documents: &[Document],
) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for a in attachments.iter_mut() {
        let uses = a.used_by_cases.iter().map(|&c| cases[c].publication).chain(
            a.used_by_documents
                .iter()
                .map(|&d| documents[d].publication),
        );
        a.publication = uses.fold(Publication::Exempt, best_of);
        if a.used_by_cases.is_empty() && a.used_by_documents.is_empty() {
            warnings.push(
                Diagnostic::new(&a.src.path, UNUSED)
                    .hint("før det opp under `vedlegg:` i saken, eller slett filen"),
            );
        }
    }
    warnings
}

/// The warning for an attachment nothing uses.
pub(super) const UNUSED: &str =
    "vedlegget brukes ikke av noen sak eller dokument, og publiseres ikke";

/// The more public of two states: published beats tombstone beats exempt.
pub(super) fn best_of(a: Publication, b: Publication) -> Publication {
    use Publication::*;
    match (a, b) {
        (Published { closes: None }, _) | (_, Published { closes: None }) => {
            Published { closes: None }
        }
        (Published { closes: Some(x) }, Published { closes: Some(y) }) => Published {
            closes: Some(x.max(y)),
        },
        (p @ Published { .. }, _) | (_, p @ Published { .. }) => p,
        (Tombstone { closed: x }, Tombstone { closed: y }) => Tombstone { closed: x.max(y) },
        (t @ Tombstone { .. }, _) | (_, t @ Tombstone { .. }) => t,
        _ => Exempt,
    }
}

/// `vedlegg/x.md` of a meeting as a repository path, refusing anything leaving its folder.
pub fn attachment_path(organ: &str, folder: &str, fil: &str) -> Result<String, &'static str> {
    if fil.starts_with('/') || fil.contains('\\') || fil.contains(':') {
        return Err("stien må være relativ til møtemappen");
    }
    if fil
        .split('/')
        .any(|p| p == ".." || p == "." || p.is_empty())
    {
        return Err("stien kan ikke inneholde `..`, `.` eller `//`");
    }
    if !fil.starts_with("vedlegg/") {
        return Err("vedlegg ligger i møtemappens mappe `vedlegg/`");
    }
    Ok(format!("content/{organ}/{folder}/{fil}"))
}
