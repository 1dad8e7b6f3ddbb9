//! The privacy guard: no Norwegian national identity number (fødselsnummer, D-number or
//! H-number) may be published. Pure: text in, positions out.
//!
//! A candidate is 11 digits, or 6 + 5 digits with whitespace (of any kind and length, line
//! breaks included) and at most one `-` or `.` between, with no digit right before or after,
//! however the text spells them ([`normalise`]: entities, invisible characters, comments,
//! emphasis, digits of other scripts). It is reported when its date part is a plausible date
//! (day + 40 for D-numbers, month + 40 for H-numbers) and both mod-11 control digits hold.
//! Phone numbers, amounts, account and organisation numbers fail these tests and pass.
//!
//! The builder decodes what it reads (text attachments in their encoding, the text of PDFs)
//! and hands the text here; it also runs [`contains_number`] over every output it publishes.

mod chars;
mod front_matter;
mod normalise;
mod trails;

pub use normalise::Mode;
pub use trails::check_trails;

use motebok_parser::Diagnostic;

/// What kind of identity number was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    /// A birth number (fødselsnummer).
    Fodselsnummer,
    /// A D-number: a person without a birth number (day + 40).
    DNummer,
    /// An H-number: an auxiliary number used in health care (month + 40).
    HNummer,
}

impl IdKind {
    /// The kind in the editor's message (`et D-nummer`).
    pub fn label(self) -> &'static str {
        match self {
            IdKind::Fodselsnummer => "et fødselsnummer",
            IdKind::DNummer => "et D-nummer",
            IdKind::HNummer => "et H-nummer",
        }
    }
}

/// A number found in a text: 1-based line and column (in characters), length in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub col: u32,
    /// Length, in characters.
    pub len: u32,
    /// What kind of number it is.
    pub kind: IdKind,
}

const K1: [u32; 9] = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const K2: [u32; 10] = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

fn control(digits: &[u8], weights: &[u32]) -> Option<u8> {
    let sum: u32 = digits
        .iter()
        .zip(weights)
        .map(|(&d, &w)| u32::from(d) * w)
        .sum();
    match 11 - sum % 11 {
        11 => Some(0),
        10 => None,
        k => Some(k as u8),
    }
}

/// The two control digits for the first nine digits, or `None` when no valid number has them.
pub fn control_digits(first9: &[u8; 9]) -> Option<(u8, u8)> {
    let k1 = control(first9, &K1)?;
    let mut ten = [0u8; 10];
    ten[..9].copy_from_slice(first9);
    ten[9] = k1;
    Some((k1, control(&ten, &K2)?))
}

/// Classifies 11 digits: `Some` when they form a valid identity number.
pub fn classify(d: &[u8; 11]) -> Option<IdKind> {
    let day = d[0] * 10 + d[1];
    let month = d[2] * 10 + d[3];
    let year = d[4] * 10 + d[5];
    let (day, d_number) = if day > 40 {
        (day - 40, true)
    } else {
        (day, false)
    };
    let (month, h_number) = if month > 40 {
        (month - 40, true)
    } else {
        (month, false)
    };
    if d_number && h_number || !plausible_date(day, month, year) {
        return None;
    }
    let first9: [u8; 9] = d[..9].try_into().ok()?;
    if control_digits(&first9)? != (d[9], d[10]) {
        return None;
    }
    Some(if d_number {
        IdKind::DNummer
    } else if h_number {
        IdKind::HNummer
    } else {
        IdKind::Fodselsnummer
    })
}

/// A day that exists in some century for this two-digit year (the century is not known for
/// certain, so 29 February passes whenever 19yy or 20yy is a leap year).
fn plausible_date(day: u8, month: u8, year: u8) -> bool {
    [1900, 2000].iter().any(|c| {
        chrono::NaiveDate::from_ymd_opt(c + i32::from(year), month.into(), day.into()).is_some()
    })
}

/// Every identity number in `text`, in order (the sources' rules: see [`Mode`]).
pub fn scan(text: &str) -> Vec<Hit> {
    scan_with(text, Mode::Source)
}

/// Every identity number in `text` under `mode`, in order, with raw positions.
pub fn scan_with(text: &str, mode: Mode) -> Vec<Hit> {
    let mut found: Vec<(usize, usize, IdKind)> = Vec::new();
    normalise::candidates(text, mode, &mut |c| {
        if let Some(kind) = classify(&c.digits) {
            found.push((c.start, c.end, kind));
        }
        true
    });
    // The text of a comment or tag is scanned on its own and reports first.
    found.sort_unstable_by_key(|f| f.0);
    let mut hits = Vec::new();
    let (mut line, mut col, mut at) = (1u32, 1u32, 0usize);
    for (s, e, kind) in found {
        for c in text[at..s].chars() {
            if c == '\n' {
                line += 1;
                col = 1;
            } else {
                col += 1;
            }
        }
        at = s;
        hits.push(Hit {
            line,
            col,
            len: text[s..e].chars().count() as u32,
            kind,
        });
    }
    hits
}

/// Whether `text` holds an identity number under `mode` (stops at the first).
pub fn contains_number(text: &str, mode: Mode) -> Option<IdKind> {
    contains_number_in_bytes(text.as_bytes(), mode)
}

/// [`contains_number`] over bytes that should be UTF-8, without validating them first (a byte
/// sequence that is not UTF-8 ends a number, as punctuation does).
pub fn contains_number_in_bytes(text: &[u8], mode: Mode) -> Option<IdKind> {
    let mut kind = None;
    normalise::candidates_in_bytes(text, mode, &mut |c| {
        kind = classify(&c.digits);
        kind.is_none()
    });
    kind
}

const HINT: &str = "fjern fødselsnummeret; skriv aldri personnummer i sakspapirer. \
Er tallet noe annet (et kontonummer, et saksnummer), del det opp med mellomrom, \
for eksempel 1234 56 78901";

/// The privacy errors of one content file: in its path and, for UTF-8 text files, in every
/// line (front matter, comments and body alike). Other encodings and PDFs are decoded by the
/// builder, which calls [`check_name`] and [`check_text`] or [`check_pdf_text`] itself.
pub fn check_file(path: &str, bytes: &[u8]) -> Vec<Diagnostic> {
    let mut out = check_name(path);
    if let Ok(text) = std::str::from_utf8(bytes) {
        out.extend(check_text(path, text));
    }
    out
}

/// A number in a file's path.
pub fn check_name(path: &str) -> Vec<Diagnostic> {
    scan(path)
        .into_iter()
        .map(|h| {
            Diagnostic::new(path, format!("filnavnet inneholder {}", h.kind.label()))
                .hint("gi filen et annet navn; skriv aldri personnummer i sakspapirer")
        })
        .collect()
}

/// The numbers in the text of a file (decoded), at their line and column; in a Markdown
/// file's front matter also those its values spell once YAML has read them.
pub fn check_text(path: &str, text: &str) -> Vec<Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let hits = scan(text);
    let in_values = if path.ends_with(".md") {
        front_matter::value_hits(path, text)
    } else {
        Vec::new()
    };
    let mut out: Vec<Diagnostic> = hits
        .iter()
        .map(|h| {
            Diagnostic::new(
                path,
                format!(
                    "teksten inneholder {} og kan ikke publiseres",
                    h.kind.label()
                ),
            )
            .at_col(h.line, h.col)
            .len(h.len)
            .sensitive()
            .hint(HINT)
        })
        .collect();
    // A value whose raw text already showed the number is reported once, where it stands.
    for v in in_values {
        if hits
            .iter()
            .any(|h| (v.line..=v.last_line).contains(&h.line))
        {
            continue;
        }
        out.push(
            Diagnostic::new(
                path,
                format!(
                    "verdien inneholder {} (slik YAML leser den) og kan ikke publiseres",
                    v.kind.label()
                ),
            )
            .at_col(v.line, v.col)
            .len(v.len)
            .sensitive()
            .hint(HINT),
        );
    }
    out
}

/// The numbers in the text of a PDF attachment, page by page, and in its document properties
/// (title, author …, published with the file). The builder extracts the text; lines and
/// columns there mean nothing to an editor, so the page is named instead.
pub fn check_pdf_text(path: &str, pages: &[String], properties: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut report = |kind: IdKind, place: String| {
        out.push(
            Diagnostic::new(
                path,
                format!(
                    "PDF-filen inneholder {} {place} og kan ikke publiseres",
                    kind.label()
                ),
            )
            .sensitive()
            .hint(PDF_HINT),
        )
    };
    for (i, page) in pages.iter().enumerate() {
        for h in scan(page) {
            report(h.kind, format!("på side {}", i + 1));
        }
    }
    for h in scan(properties) {
        report(h.kind, "i dokumentegenskapene".into());
    }
    out.dedup();
    out
}

const PDF_HINT: &str = "fjern fødselsnummeret fra dokumentet og lag PDF-filen på nytt; \
skriv aldri personnummer i sakspapirer";

#[cfg(test)]
mod tests;
