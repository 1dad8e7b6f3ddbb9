//! Control characters in a content file: refused with the line and the character.
//!
//! A carriage return belongs only before a line feed: alone, YAML and Markdown read it as a
//! line break of its own, so every line after it would be counted differently by them than
//! by the editor and by the errors that point at lines.
//!
//! A NUL or a bell written into a file (or into a front-matter value as a YAML escape such
//! as `"\0"`) would reach the HTML, the feeds and `/api/` as a character no reader can see and
//! some programs choke on. Tabs and line breaks are text; everything else `char::is_control`
//! calls a control character is refused rather than silently removed, so that what is
//! published is what the editor sees.

use crate::diagnostic::Diagnostic;
use crate::frontmatter::{FrontMatter, Value};

fn refused(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// `U+0000 (NUL)`: the code point, and the short name where it has a common one.
pub fn describe(c: char) -> String {
    let name = match c {
        '\0' => " (NUL)",
        '\u{7}' => " (BEL)",
        '\u{8}' => " (BS)",
        '\u{b}' => " (VT, loddrett tabulator)",
        '\r' => " (CR, vognretur uten linjeskift etter)",
        '\u{c}' => " (FF, sideskift)",
        '\u{1b}' => " (ESC)",
        '\u{7f}' => " (DEL)",
        _ => "",
    };
    format!("U+{:04X}{name}", c as u32)
}

/// Lines reported one by one; the last one reported counts the rest.
const MAX_REPORTED: usize = 10;

/// The control characters written in `text` (a whole file): the first on each line.
pub fn in_text(path: &str, text: &str) -> Vec<Diagnostic> {
    // Every control character is a byte below 0x20, 0x7F, or 0xC2 0x80–0x9F (C1): most files
    // have none of these bytes, and need no look at their characters.
    let suspect = |b: &u8| (*b < 0x20 && !matches!(b, b'\t' | b'\n')) || matches!(b, 0x7f | 0xc2);
    if !text.as_bytes().iter().any(suspect) {
        return Vec::new();
    }
    let found: Vec<(u32, u32, char)> = text
        .split('\n')
        .enumerate()
        .filter_map(|(no, line)| {
            let last = line.chars().count().saturating_sub(1);
            let (col, c) = line
                .chars()
                .enumerate()
                .find(|&(i, c)| refused(c) || (c == '\r' && i != last))?;
            Some((no as u32 + 1, col as u32 + 1, c))
        })
        .collect();
    let more = found.len().saturating_sub(MAX_REPORTED);
    let last = found.len().min(MAX_REPORTED);
    found
        .into_iter()
        .take(MAX_REPORTED)
        .enumerate()
        .map(|(i, (line, col, c))| {
            let also = match more {
                n if n > 0 && i + 1 == last => format!(" (og på {n} linjer til)"),
                _ => String::new(),
            };
            Diagnostic::new(
                path,
                format!(
                    "kontrolltegnet {} står i teksten, men kan ikke vises på en nettside{also}",
                    describe(c)
                ),
            )
            .at_col(line, col)
            .len(1)
            .hint("slett tegnet; det er usynlig i de fleste redigeringsprogram og følger ofte med når tekst limes inn fra et annet program")
        })
        .collect()
}

/// Control characters that front-matter values got from YAML escapes (`"\0"`, `"\a"`); one
/// written as it is was reported by [`in_text`] already.
pub fn in_values(path: &str, fm: &FrontMatter) -> Vec<Diagnostic> {
    fm.fields
        .iter()
        .filter(|f| !f.raw.chars().any(refused) && !f.block.iter().any(|(_, l)| l.chars().any(refused)))
        .filter_map(|f| {
            let c = first_in(&f.value)?;
            Some(
                Diagnostic::new(
                    path,
                    format!(
                        "verdien av `{}` inneholder kontrolltegnet {}, som ikke kan vises på en nettside",
                        f.key,
                        describe(c)
                    ),
                )
                .at_col(f.line, f.value_col)
                .hint("fjern koden med `\\` (som `\\0`, `\\a` eller `\\x07`) fra teksten i anførselstegn"),
            )
        })
        .collect()
}

fn first_in(v: &Value) -> Option<char> {
    match v {
        Value::Str(s) => s.chars().find(|&c| refused(c)),
        Value::List(items) => items.iter().find_map(first_in),
        Value::Map(m) => m
            .iter()
            .find_map(|(k, v)| k.chars().find(|&c| refused(c)).or_else(|| first_in(v))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_control_characters_are_found_at_their_line_and_column() {
        let ds = in_text(
            "x.md",
            "---\ntittel: a\n---\nEn\u{0}to\u{0}\n\u{7}\n\tok\r\n",
        );
        assert_eq!(ds.len(), 2, "{ds:?}");
        assert_eq!((ds[0].line, ds[0].col), (Some(4), Some(3)));
        assert!(ds[0].message.contains("U+0000 (NUL)"), "{ds:?}");
        assert_eq!((ds[1].line, ds[1].col), (Some(5), Some(1)));
        assert!(ds[1].message.contains("U+0007 (BEL)"), "{ds:?}");
        assert_eq!(in_text("x.md", "tab\tog\r\nlinjer\n\u{feff}æøå"), vec![]);
        assert!(in_text("x.md", "a\u{85}")[0].message.contains("U+0085"));
        // A carriage return alone, not one before a line feed.
        let ds = in_text("x.md", "a\r\nb\rc\r\nd\r\r\n");
        assert_eq!(ds.len(), 2, "{ds:?}");
        assert_eq!((ds[0].line, ds[0].col), (Some(2), Some(2)));
        assert!(ds[0].message.contains("U+000D (CR"), "{ds:?}");
        assert_eq!((ds[1].line, ds[1].col), (Some(3), Some(2)));
        let many = in_text("x.md", &"\u{1b}\n".repeat(25));
        assert_eq!(many.len(), 10);
        assert!(
            many[9].message.ends_with("(og på 15 linjer til)"),
            "{:?}",
            many[9]
        );
        assert!(!many[8].message.contains("og på"));
    }

    #[test]
    fn escapes_in_values_are_found_at_their_key() {
        let fm = crate::frontmatter::split(
            "x.md",
            "---\ntittel: \"a\\0b\"\nsted: ok\nvedlegg:\n  - tittel: \"\\a\"\nrå: \"\u{7}\"\n---\n",
        )
        .unwrap();
        let ds = in_values("x.md", &fm);
        assert_eq!(ds.len(), 2, "{ds:?}");
        assert_eq!((ds[0].line, ds[0].col), (Some(2), Some(9)));
        assert!(ds[0].message.contains("`tittel`") && ds[0].message.contains("U+0000"));
        assert_eq!(ds[1].line, Some(4));
        assert!(ds[1].message.contains("U+0007 (BEL)"), "{:?}", ds[1]);
    }
}
