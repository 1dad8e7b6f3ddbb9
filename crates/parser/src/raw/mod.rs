//! Typed raw documents: what one file says, checked for shape but not against other files.

use crate::diagnostic::Diagnostic;
use crate::fields::Reader;
use crate::frontmatter::split;
use crate::kinds::{classify, FileKind};

mod case;
mod document;
mod meeting;
mod organ;
#[cfg(test)]
mod tests;
mod types;

use case::case_doc;
use document::document_doc;
use meeting::meeting_doc;
use organ::organ_doc;

pub use case::CASE_KEYS;
pub use document::DOCUMENT_KEYS;
pub use meeting::MEETING_KEYS;
pub use organ::ORGAN_KEYS;
pub use types::{
    Body, Doktype, Exemption, Publisering, RawAttachment, RawCase, RawDocument, RawMeeting,
    RawOrgan, RawVedlegg, Sakstype,
};

/// One parsed content file.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum RawDoc {
    /// A body's `_organ.md`.
    Organ(RawOrgan),
    /// A meeting's `_mote.md`.
    Meeting(RawMeeting),
    /// A case file (boxed: by far the largest variant).
    Case(Box<RawCase>),
    /// A document under `dokumenter/`.
    Document(RawDocument),
    /// A file in a `vedlegg/` folder.
    Attachment(RawAttachment),
}

/// A parsed file with its repository path.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RawFile {
    /// The repository path (`content/...`).
    pub path: String,
    /// What the file holds.
    pub doc: RawDoc,
    /// What `check` reports about the file without refusing it (`crate::body`).
    #[serde(default)]
    pub warnings: Vec<Diagnostic>,
}

impl RawFile {
    /// Its Markdown body, if it has one.
    pub fn body(&self) -> Option<&Body> {
        match &self.doc {
            RawDoc::Organ(o) => Some(&o.body),
            RawDoc::Meeting(m) => Some(&m.body),
            RawDoc::Case(c) => Some(&c.body),
            RawDoc::Document(d) => Some(&d.body),
            RawDoc::Attachment(a) => a.page.as_ref().map(|(_, b)| b),
        }
    }

    /// Its Markdown body, if it has one, to change.
    pub fn body_mut(&mut self) -> Option<&mut Body> {
        match &mut self.doc {
            RawDoc::Organ(o) => Some(&mut o.body),
            RawDoc::Meeting(m) => Some(&mut m.body),
            RawDoc::Case(c) => Some(&mut c.body),
            RawDoc::Document(d) => Some(&mut d.body),
            RawDoc::Attachment(a) => a.page.as_mut().map(|(_, b)| b),
        }
    }
}

/// The front matter keys a Markdown attachment may have.
pub const ATTACHMENT_KEYS: &[&str] = &["tittel"];

const MB: usize = 1024 * 1024;
/// The largest Markdown file that is parsed: over 1,000 pages of text, while a file of hundreds
/// of megabytes would take gigabytes to parse and render.
pub const MAX_FILE_BYTES: usize = 10 * MB;

/// The longest name of a file or folder in `content/`, in bytes: file systems allow 255, and the
/// site adds `.json` to a name for its `/api/` object (`vedlegg/<name>.json`).
pub const MAX_NAME_BYTES: usize = 250;

/// A name in `path` longer than [`MAX_NAME_BYTES`]: `check` says so, rather than `build` failing
/// to write its output. The builder asks this of every file it reads (beside parsing it, so
/// that what refers to the file finds it).
pub fn long_name(path: &str) -> Option<Diagnostic> {
    let name = path.split('/').find(|p| p.len() > MAX_NAME_BYTES)?;
    Some(
        Diagnostic::new(
            path,
            format!(
                "navnet «{}…» er for langt ({} byte); et fil- eller mappenavn kan være høyst {MAX_NAME_BYTES} byte",
                name.chars().take(40).collect::<String>(),
                name.len()
            ),
        )
        .hint("gi filen (eller mappen) et kortere navn, og rett lenkene til den"),
    )
}

/// Parses one file. Every problem in it is returned, not just the first.
pub fn parse_file(path: &str, bytes: &[u8]) -> Result<RawFile, Vec<Diagnostic>> {
    let kind = classify(path);
    if let FileKind::Attachment {
        owner,
        name,
        markdown: false,
    } = kind
    {
        let script = crate::active::script_in(&name, bytes);
        let doc = RawDoc::Attachment(RawAttachment {
            owner,
            name,
            page: None,
            script,
        });
        return Ok(RawFile {
            path: path.to_string(),
            doc,
            warnings: Vec::new(),
        });
    }
    if let FileKind::Unexpected { why } = kind {
        return Err(vec![Diagnostic::new(
            path,
            "filen ligger et sted motebok ikke publiserer fra",
        )
        .hint(why)]);
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(vec![Diagnostic::new(
            path,
            format!(
                "filen er for stor ({} MB); en innholdsfil i Markdown kan være høyst {} MB",
                format!("{:.1}", bytes.len() as f64 / MB as f64).replace('.', ","),
                MAX_FILE_BYTES / MB
            ),
        )
        .hint("del teksten på flere filer, eller legg den ved som PDF")]);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        // The line and column of the first byte that is not UTF-8 (what comes before it is).
        let before = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
        let line = before.matches('\n').count() as u32 + 1;
        let col = before.rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1;
        vec![Diagnostic::new(
            path,
            format!("filen er ikke UTF-8 (byte {})", e.valid_up_to()),
        )
        .at_col(line, col)
        .hint("lagre filen som UTF-8 i redigeringsprogrammet")]
    })?;
    // A name the site cannot use as an address; `_organ.md` among the documents is only that.
    let name_problem = match &kind {
        FileKind::Organ { organ } => crate::names::check_organ(path, organ),
        FileKind::Document { slug } if slug == "_organ" => {
            return Err(crate::names::check_document(path, slug)
                .into_iter()
                .collect());
        }
        FileKind::Document { slug } => crate::names::check_document(path, slug),
        _ => None,
    };
    let control = crate::control::in_text(path, text);
    let mut fm = split(path, text).map_err(|d| {
        name_problem
            .clone()
            .into_iter()
            .chain(control.iter().cloned())
            .chain([d])
            .collect::<Vec<_>>()
    })?;
    // The body rules read the text as written, so that their columns are the file's; every
    // reader after them gets wrapped links unwrapped.
    let mut rules = crate::body::check(path, &fm.body, fm.body_line);
    if let Some(referat) = fm.get("referat") {
        let more = crate::body::check_field(path, referat);
        rules.errors.extend(more.errors);
        rules.warnings.extend(more.warnings);
    }
    let mut warnings = crate::body::wrapped_links(path, text);
    warnings.extend(rules.warnings);
    crate::frontmatter::unwrap_values(&mut fm);
    let mut r = Reader::new(path, &fm);
    r.errors.extend(rules.errors);
    r.errors.extend(name_problem);
    r.errors.extend(control);
    r.errors.extend(crate::control::in_values(path, &fm));
    let markdown = crate::linkwrap::unwrap_all(&fm.body);
    let scan = crate::nesting::scan(&markdown);
    if let Some(line) = scan.too_deep {
        r.errors.push(
            Diagnostic::new(
                path,
                format!(
                    "teksten er nestet for dypt (mer enn {} nivåer med lister, sitater, uthevinger, lenker eller HTML-elementer inne i hverandre)",
                    crate::nesting::MAX_NESTING
                ),
            )
            .at(fm.body_line + line)
            .hint("en tekst trenger bare noen få nivåer: sjekk at hvert HTML-element som `<div>` blir lukket med `</div>`, og hvor mange `>`, `-` og `*` som står etter hverandre"),
        );
    }
    let body = Body {
        links: scan.links,
        link_lines: scan
            .link_lines
            .iter()
            .map(|l| fm.body_line + l - 1)
            .collect(),
        markdown: (*markdown).into(),
        line: fm.body_line,
        at: fm.body_at,
    };
    let doc = match kind {
        FileKind::Organ { organ } => organ_doc(&mut r, organ, body),
        FileKind::Meeting { organ, folder } => meeting_doc(&mut r, organ, folder, body),
        FileKind::Case {
            organ,
            folder,
            stem,
        } => case_doc(&mut r, organ, folder, stem, body),
        FileKind::Document { slug } => document_doc(&mut r, slug, body),
        FileKind::Attachment { owner, name, .. } => {
            r.check_keys(ATTACHMENT_KEYS);
            let tittel = r.opt_str("tittel").map(|s| s.value);
            Some(RawDoc::Attachment(RawAttachment {
                owner,
                name,
                page: Some((tittel, body)),
                script: None,
            }))
        }
        FileKind::Unexpected { .. } => unreachable!("handled above"),
    };
    if !fm.present && !matches!(doc, Some(RawDoc::Attachment(_))) {
        return Err(vec![Diagnostic::new(path, "filen mangler front matter")
            .at(1)
            .hint(
                "start filen med en linje `---`, nøklene, og en ny linje `---`",
            )]);
    }
    match doc {
        Some(doc) if r.errors.is_empty() => Ok(RawFile {
            path: path.to_string(),
            doc,
            warnings,
        }),
        _ => Err(r.errors),
    }
}

/// "Did you mean" for a value that is close to an allowed one.
pub fn suggest(got: &str, allowed: &[&str]) -> String {
    let best = allowed
        .iter()
        .map(|k| (strsim::jaro_winkler(k, &got.to_lowercase()), *k))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((score, k)) if score > 0.8 => format!("mente du `{k}`?"),
        _ => format!("tillatte verdier: {}", allowed.join(", ")),
    }
}
