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
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

/// Positions in a body: byte offsets to the file's line and column.
pub(crate) struct Place<'a> {
    pub path: &'a str,
    pub text: &'a str,
    /// The file's line of the text's first line.
    pub first_line: u32,
}

impl Place<'_> {
    /// A diagnostic at byte `offset` of the text (1-based line of the file, column in
    /// characters).
    pub fn at(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        let offset = floor_char(self.text, offset.min(self.text.len()));
        let before = &self.text[..offset];
        let line = self.first_line + before.matches('\n').count() as u32;
        let col = before.rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1;
        Diagnostic::new(self.path, message).at_col(line, col)
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
    let place = Place {
        path,
        text: md,
        first_line,
    };
    let mut out = Findings::default();
    access::check(&place, &mut out);
    placeholders::check(&place, &mut out);
    out
}

/// A warning for every URL of the file's `text` wrapped by a mail system's link protection.
pub fn wrapped_links(path: &str, text: &str) -> Vec<Diagnostic> {
    let place = Place {
        path,
        text,
        first_line: 1,
    };
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
