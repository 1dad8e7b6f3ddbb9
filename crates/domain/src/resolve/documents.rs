//! Documents (`content/dokumenter/`): the case that adopted them, their window, and the
//! attachments their text links to.

use super::attachments::AttachmentIndex;
use super::references::{chars, Lookup, Targets};
use super::Sources;
use crate::ids::CaseRef;
use crate::model::{Attachment, Case, Document, Publisering};
use crate::window::{self, Publication};
use chrono::NaiveDate;
use motebok_parser::{Diagnostic, RawDocument};

/// Every document whose `vedtatt_i` resolves, newest first; the cases and attachments learn
/// of them in `link_back`.
pub(super) fn build(
    mut raw: Vec<(String, RawDocument)>,
    targets: &Targets,
    attachment_ix: &AttachmentIndex,
    window_months: u32,
    today: NaiveDate,
    sources: &Sources,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Document> {
    raw.sort_by(|a, b| (b.1.dato.value, &a.0).cmp(&(a.1.dato.value, &b.0)));
    let mut documents: Vec<Document> = Vec::new();
    for (path, d) in raw {
        let vedtatt_i = match &d.vedtatt_i {
            None => None,
            Some(v) => match CaseRef::parse(&v.value, None) {
                Err(why) => {
                    errors.push(
                        Diagnostic::new(
                            &path,
                            format!("`vedtatt_i: {}` er ikke en sakshenvisning", v.value),
                        )
                        .at_col(v.line, v.col)
                        .len(chars(&v.value))
                        .hint(why),
                    );
                    continue;
                }
                Ok(cr) => match targets.case(&cr) {
                    Lookup::Found(ci) => Some(ci),
                    Lookup::Unparsed => None,
                    Lookup::Missing => {
                        errors.push(
                            Diagnostic::new(
                                &path,
                                format!(
                                    "`vedtatt_i`: saken {}/{} finnes ikke",
                                    cr.organ, cr.number
                                ),
                            )
                            .at_col(v.line, v.col)
                            .len(chars(&v.value))
                            .hint(targets.missing_case_hint(&cr)),
                        );
                        continue;
                    }
                },
            },
        };
        let start = match d.publisering {
            Publisering::Vindu => Some(d.dato.value),
            Publisering::Gjeldende => d.gyldig_til,
        };
        let publication = if d.unntatt.is_some() {
            Publication::Exempt
        } else {
            window::state(start, window_months, today)
        };
        let mut atts = Vec::new();
        // Its own attachments its text links to, resolved as every link is.
        for link in &d.body.links {
            let full = crate::links::join(crate::links::folder(&path), link);
            if let Some(full) = full.filter(|f| f.starts_with("content/dokumenter/vedlegg/")) {
                if let Some(&ai) = attachment_ix.get(&full) {
                    atts.push(ai);
                }
            }
        }
        documents.push(Document {
            slug: d.slug,
            src: sources.of(&path),
            tittel: d.tittel,
            doktype: d.doktype,
            dato: d.dato.value,
            vedtatt_i,
            gyldig_fra: d.gyldig_fra,
            gyldig_til: d.gyldig_til,
            publisering: d.publisering,
            unntatt: d.unntatt,
            body: d.body,
            publication,
            attachments: atts,
        });
    }
    documents
}

/// The documents each case adopted, and the documents using each attachment, in document order.
pub(super) fn link_back(
    documents: &[Document],
    cases: &mut [Case],
    attachments: &mut [Attachment],
) {
    for (di, d) in documents.iter().enumerate() {
        if let Some(ci) = d.vedtatt_i {
            cases[ci].adopted.push(di);
        }
        for &ai in &d.attachments {
            attachments[ai].used_by_documents.push(di);
        }
    }
}
