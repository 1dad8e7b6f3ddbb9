//! What a content page tells search beyond its text: made by the pages, read by the index.

/// What search needs to know of a content page beyond its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchMeta {
    /// The result's title.
    pub title: String,
    /// Document type: `Sak`, `Møte`, `Vedlegg`, `Organ`, or a document's `doktype`.
    pub kind: String,
    /// The body's short name (`SSU`), when the page belongs to one.
    pub organ: Option<String>,
    /// The year filtered on.
    pub year: Option<i32>,
    /// A short line shown under the result's title.
    pub detail: String,
    /// The text of its PDF attachments, searched with it.
    pub attachments: Vec<AttachmentText>,
}

/// The text of an attachment, indexed as part of the page that lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentText {
    /// Its title, shown in the result.
    pub title: String,
    /// The attachment's site path (`ssu/2025-05-22/vedlegg/a.pdf`).
    pub url: String,
    /// Its text.
    pub text: String,
}
