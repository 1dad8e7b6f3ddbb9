//! What a path under `content/` is, by the layout of CONTENT.md §1. Pure string work.

/// The role of a file in the content tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileKind {
    /// `content/<organ>/_organ.md`
    Organ {
        /// The body's folder name.
        organ: String,
    },
    /// `content/<organ>/<yyyy-mm-dd>/_mote.md`
    Meeting {
        /// The body's folder name.
        organ: String,
        /// The meeting folder (its date).
        folder: String,
    },
    /// `content/<organ>/<yyyy-mm-dd>/<saksnr>.md`
    Case {
        /// The body's folder name.
        organ: String,
        /// The meeting folder (its date).
        folder: String,
        /// The file name without `.md` (the case number).
        stem: String,
    },
    /// `content/dokumenter/<slug>.md`
    Document {
        /// The file name without `.md`.
        slug: String,
    },
    /// A file in a `vedlegg/` folder, of a meeting (`folder` = `organ/date`) or of `dokumenter`.
    Attachment {
        /// Whose `vedlegg/` folder holds it.
        owner: AttachmentOwner,
        /// Its path inside the `vedlegg/` folder.
        name: String,
        /// A `.md` attachment, rendered as a page rather than copied.
        markdown: bool,
    },
    /// Anything else: reported, never published.
    Unexpected {
        /// Why the path has no place in the layout, for the diagnostic.
        why: &'static str,
    },
}

#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
/// Whose `vedlegg/` folder an attachment lies in.
pub enum AttachmentOwner {
    /// A meeting's, `content/<organ>/<folder>/vedlegg/`.
    Meeting {
        /// The body's folder name.
        organ: String,
        /// The meeting folder (its date).
        folder: String,
    },
    /// The documents', `content/dokumenter/vedlegg/`.
    Documents,
}

/// The folder under `content/` that holds documents belonging to no meeting.
pub const DOCUMENTS_DIR: &str = "dokumenter";

/// Classifies a repository-relative path starting with `content/`.
pub fn classify(path: &str) -> FileKind {
    let rest = path.strip_prefix("content/").unwrap_or(path);
    let parts: Vec<&str> = rest.split('/').collect();
    let is_md = rest.ends_with(".md");
    let stem = |s: &str| s.strip_suffix(".md").unwrap_or(s).to_string();
    match parts.as_slice() {
        [DOCUMENTS_DIR, "vedlegg", name @ ..] if !name.is_empty() => FileKind::Attachment {
            owner: AttachmentOwner::Documents,
            name: name.join("/"),
            markdown: is_md,
        },
        [DOCUMENTS_DIR, file] if is_md => FileKind::Document { slug: stem(file) },
        [DOCUMENTS_DIR, ..] => FileKind::Unexpected {
            why: "under content/dokumenter/ hører bare <navn>.md og mappen vedlegg/ hjemme",
        },
        [organ, "_organ.md"] => FileKind::Organ {
            organ: organ.to_string(),
        },
        [organ, folder, "_mote.md"] => FileKind::Meeting {
            organ: organ.to_string(),
            folder: folder.to_string(),
        },
        [organ, folder, "vedlegg", name @ ..] if !name.is_empty() => FileKind::Attachment {
            owner: AttachmentOwner::Meeting {
                organ: organ.to_string(),
                folder: folder.to_string(),
            },
            name: name.join("/"),
            markdown: is_md,
        },
        [organ, folder, file] if is_md => FileKind::Case {
            organ: organ.to_string(),
            folder: folder.to_string(),
            stem: stem(file),
        },
        [_] => FileKind::Unexpected {
            why: "filer direkte i content/ publiseres ikke; et organ er en mappe med _organ.md",
        },
        [_, _] => FileKind::Unexpected {
            why: "i en organmappe hører bare _organ.md og møtemapper (ÅÅÅÅ-MM-DD) hjemme",
        },
        _ => FileKind::Unexpected {
            why: "i en møtemappe hører bare _mote.md, <saksnr>.md og mappen vedlegg/ hjemme",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout() {
        assert_eq!(
            classify("content/ssu/_organ.md"),
            FileKind::Organ {
                organ: "ssu".into()
            }
        );
        assert_eq!(
            classify("content/ssu/2025-05-22/2025.16.md"),
            FileKind::Case {
                organ: "ssu".into(),
                folder: "2025-05-22".into(),
                stem: "2025.16".into()
            }
        );
        assert!(matches!(
            classify("content/ssu/2025-05-22/vedlegg/a.pdf"),
            FileKind::Attachment {
                markdown: false,
                ..
            }
        ));
        assert_eq!(
            classify("content/dokumenter/arsmelding-2025.md"),
            FileKind::Document {
                slug: "arsmelding-2025".into()
            }
        );
        assert!(matches!(
            classify("content/notat.md"),
            FileKind::Unexpected { .. }
        ));
    }
}
