//! Rules about what a Markdown body says, beyond its shape: what readers of assistive
//! technology need (text alternatives, link texts, table headers: [`access`]), text left from
//! drafts ([`placeholders`]), and links wrapped by a mail system (`crate::linkwrap`). Each
//! finding names the file, line and column; accessibility findings their WCAG criterion.

mod access;
mod placeholders;

use crate::diagnostic::Diagnostic;

pub use access::is_decorative;

/// What the rules found in one file: errors stop a build, warnings are reported by `check`
/// and `build`.
#[derive(Debug, Default, PartialEq)]
pub struct Findings {
    /// Breaches of the rules: the file is refused.
    pub errors: Vec<Diagnostic>,
    /// Advice: the file is published as it is.
    pub warnings: Vec<Diagnostic>,
}

/// Positions in a body: byte offsets to the file's line and column.
pub(crate) struct Place<'a> {
    pub path: &'a str,
    pub text: &'a str,
    /// The file's line of the text's first line.
    pub first_line: u32,
    /// Byte offsets where lines start, made on the first finding: a file with many findings
    /// costs a search per finding, not a pass over the text.
    lines: std::cell::OnceCell<Vec<usize>>,
    /// Findings so far: past [`MAX_FINDINGS`] they are not placed (nor kept).
    count: std::cell::Cell<usize>,
}

/// The most findings one file reports: past a hundred the file needs another look as a whole,
/// and a hostile file of millions of `XX` costs no more than a few.
pub const MAX_FINDINGS: usize = 100;

impl<'a> Place<'a> {
    fn new(path: &'a str, text: &'a str, first_line: u32) -> Self {
        Place {
            path,
            text,
            first_line,
            lines: Default::default(),
            count: Default::default(),
        }
    }

    /// A diagnostic at byte `offset` of the text (1-based line of the file, column in
    /// characters).
    pub(crate) fn at(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        let n = self.count.get() + 1;
        self.count.set(n);
        let d = Diagnostic::new(self.path, message);
        if n > MAX_FINDINGS {
            return d;
        }
        let offset = floor_char(self.text, offset.min(self.text.len()));
        let lines = self.lines.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let line = lines.partition_point(|&s| s <= offset) - 1;
        let col = self.text[lines[line]..offset].chars().count() as u32 + 1;
        d.at_col(self.first_line + line as u32, col)
    }
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Checks the Markdown body `md` of the file at `path`, whose first line is line
/// `first_line` of the file.
pub fn check(path: &str, md: &str, first_line: u32) -> Findings {
    let place = Place::new(path, md, first_line);
    let mut out = Findings::default();
    access::check(&place, &mut out);
    placeholders::check(&place, &mut out);
    if place.count.get() > MAX_FINDINGS {
        // The first hundred as found (rule by rule), and a note for the rest.
        let keep = MAX_FINDINGS.saturating_sub(out.errors.len());
        out.errors.truncate(MAX_FINDINGS);
        out.warnings.truncate(keep);
        out.warnings.push(
            Diagnostic::new(
                path,
                format!(
                    "filen har {} funn om bilder, lenker, tabeller og tekst fra utkast; bare de første {MAX_FINDINGS} vises",
                    place.count.get()
                ),
            )
            .hint("rett dem som vises, og kjør `motebok check` igjen"),
        );
    }
    out
}

/// Checks a front-matter value written in Markdown (a case's `referat`) as [`check`] checks a
/// body. In a literal block (`referat: |`) each finding is at its line and column; otherwise
/// at the value's start.
pub fn check_field(path: &str, field: &crate::frontmatter::Field) -> Findings {
    let crate::frontmatter::Value::Str(md) = &field.value else {
        return Findings::default();
    };
    let literal = field.raw.starts_with('|') && !field.block.is_empty();
    let first_line = if literal {
        field.block[0].0
    } else {
        field.line
    };
    let mut found = check(path, md, first_line);
    let indent = field
        .block
        .iter()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(_, l)| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0) as u32;
    for d in found.errors.iter_mut().chain(found.warnings.iter_mut()) {
        match (literal, d.line) {
            (true, Some(_)) => d.col = d.col.map(|c| c + indent),
            (false, Some(_)) => {
                d.line = Some(field.line);
                d.col = Some(field.value_col);
            }
            _ => {}
        }
    }
    found
}

/// A warning for every URL of the file's `text` wrapped by a mail system's link protection.
pub fn wrapped_links(path: &str, text: &str) -> Vec<Diagnostic> {
    let place = Place::new(path, text, 1);
    crate::linkwrap::find(text)
        .into_iter()
        .map(|w| {
            let len = text[w.start..w.end].chars().count() as u32;
            let d = place.at(w.start, match &w.target {
                Some(t) => format!(
                    "lenken er pakket inn av e-postens lenkebeskyttelse ({}), som viser mottakerens e-postadresse; den publiseres som {t}",
                    w.wrapper
                ),
                None => format!(
                    "lenken er pakket inn av e-postens lenkebeskyttelse ({}), og adressen den peker til kan ikke leses ut av den",
                    w.wrapper
                ),
            });
            // The wrapper may hold an e-mail address: never repeated in a log.
            let d = d.len(len).sensitive();
            match w.target {
                Some(t) => d.hint(format!("skriv den egentlige adressen i filen: {t}")),
                None => d.hint("åpne lenken i nettleseren, og skriv adressen du kommer til i stedet"),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
