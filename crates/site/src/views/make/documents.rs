//! Document pages, the documents index and attachment pages.

use super::{date, Views};
use crate::urls;
use crate::views::bodies::Unread;
use crate::views::structs::{
    AttachmentLink, AttachmentView, DocumentGroup, DocumentSummary, DocumentView,
    DocumentsIndexView, Link,
};
use motebok_domain::accessibility;
use motebok_domain::{AttachmentIx, DocumentIx, Doktype};

impl Views<'_> {
    pub(super) fn attachment_link(&self, ai: AttachmentIx, title: &str) -> Option<AttachmentLink> {
        let a = &self.site.attachments[ai];
        if !a.publication.is_published() {
            return None;
        }
        let facts = self.site.files.get(&a.src.path);
        let kind = match (a.name.rsplit_once('.'), facts) {
            (Some((_, "md")), _) => "side".to_string(),
            (Some((_, ext)), Some(f)) => accessibility::size_label(ext, f.bytes),
            (Some((_, ext)), None) => ext.to_uppercase(),
            (None, Some(f)) => accessibility::size_label("fil", f.bytes).to_lowercase(),
            (None, None) => "fil".to_string(),
        };
        let problems = facts
            .and_then(|f| f.pdf.as_ref())
            .map(|p| {
                accessibility::problems(p)
                    .into_iter()
                    .map(|p| p.plain.to_string())
                    .collect()
            })
            .unwrap_or_default();
        Some(AttachmentLink {
            href: urls::href(urls::attachment(&a.owner, &a.name)),
            title: title.to_string(),
            kind,
            problems,
        })
    }

    /// A document as the lists name it.
    pub(crate) fn document_summary(&self, di: DocumentIx) -> DocumentSummary {
        let d = &self.site.documents[di];
        DocumentSummary {
            href: urls::href(urls::document(&d.slug)),
            title: d.tittel.clone(),
            doktype: d.doktype.label().into(),
            date: date(d.dato),
        }
    }

    /// A document's page.
    pub fn document(&self, di: DocumentIx) -> Result<DocumentView, Unread> {
        let d = &self.site.documents[di];
        let url = urls::document(&d.slug);
        let root = urls::root_from(&url);
        Ok(DocumentView {
            title: d.tittel.clone(),
            doktype: d.doktype.label().into(),
            date: date(d.dato),
            gyldig_fra: d.gyldig_fra.map(date),
            gyldig_til: d.gyldig_til.map(date),
            in_force: d.gyldig_fra.is_some_and(|f| f <= self.today)
                && d.gyldig_til.is_none_or(|t| t >= self.today),
            vedtatt_i: d.vedtatt_i.map(|c| self.case_link(c, false)),
            body_html: self.markdown(&d.body, &d.src.path, &root, 2)?,
            attachments: d
                .attachments
                .iter()
                .filter_map(|&a| self.attachment_link(a, &self.site.attachments[a].name))
                .collect(),
        })
    }

    /// The documents' page: every published document, by kind.
    pub fn documents_index(&self) -> DocumentsIndexView {
        let mut groups: Vec<DocumentGroup> = Vec::new();
        for (_, t) in Doktype::ALL {
            let documents: Vec<DocumentSummary> = (0..self.site.documents.len())
                .filter(|&d| {
                    self.site.documents[d].doktype == t
                        && self.site.documents[d].publication.is_published()
                })
                .map(|d| self.document_summary(d))
                .collect();
            if !documents.is_empty() {
                groups.push(DocumentGroup {
                    label: t.label().into(),
                    documents,
                });
            }
        }
        DocumentsIndexView { groups }
    }

    /// The title of an attachment page: its own, else the one the case gives it, else its name.
    pub fn attachment_title(&self, ai: AttachmentIx) -> String {
        let a = &self.site.attachments[ai];
        if let Some((Some(t), _)) = &a.page {
            return t.clone();
        }
        // Only a public case may lend its title: an exempt one's list is not public.
        a.used_by_cases
            .iter()
            .filter(|&&c| self.site.cases[c].unntatt.is_none())
            .flat_map(|&c| self.site.cases[c].vedlegg.iter())
            .find(|v| v.attachment == ai)
            .map(|v| v.tittel.clone())
            .unwrap_or_else(|| a.name.trim_end_matches(".md").to_string())
    }

    /// A Markdown attachment's page.
    pub fn attachment(&self, ai: AttachmentIx) -> Result<AttachmentView, Unread> {
        let a = &self.site.attachments[ai];
        let url = urls::attachment(&a.owner, &a.name);
        let root = urls::root_from(&url);
        Ok(AttachmentView {
            title: self.attachment_title(ai),
            used_by: a
                .used_by_cases
                .iter()
                .filter(|&&c| self.site.cases[c].unntatt.is_none())
                .map(|&c| self.case_link(c, false))
                .collect(),
            documents: a
                .used_by_documents
                .iter()
                .filter(|&&d| self.site.documents[d].unntatt.is_none())
                .map(|&d| Link {
                    href: urls::href(urls::document(&self.site.documents[d].slug)),
                    label: self.site.documents[d].tittel.clone(),
                })
                .collect(),
            body_html: a
                .page
                .as_ref()
                .map(|(_, b)| self.markdown(b, &a.src.path, &root, 2))
                .transpose()?
                .unwrap_or_default(),
        })
    }
}
