//! Front matter as YAML reads it: a double-quoted string may spell a number with escapes
//! (`"\u0031\u0035…"`) or continue it over a line with a backslash, which the raw text does not
//! show. The values the parser resolves are scanned too and reported at their key.

use super::normalise::Mode;
use super::IdKind;
use motebok_parser::frontmatter::{split, Value};

/// A number found in a resolved value: the key's line, the value's column, and how many
/// characters of raw text the value takes (from its column to its last line's end).
pub(super) struct ValueHit {
    pub line: u32,
    pub col: u32,
    pub len: u32,
    /// The last line of the value.
    pub last_line: u32,
    pub kind: IdKind,
}

/// The numbers in `text`'s front matter values. Only front matter with a backslash (or a
/// hexadecimal or octal integer) can resolve to something its raw text does not show (folded
/// and plain multi-line strings only turn line breaks into spaces, which the raw scan reads
/// as separators), so the YAML is parsed again only then.
pub(super) fn value_hits(path: &str, text: &str) -> Vec<ValueHit> {
    let block = front_matter(text);
    if !(block.contains('\\') || block.contains("0x") || block.contains("0o")) {
        return Vec::new();
    }
    let Ok(fm) = split(path, text) else {
        return Vec::new();
    };
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for f in &fm.fields {
        let Some(kind) = first_kind(&f.value) else {
            continue;
        };
        let last_line = f.block.last().map_or(f.line, |(l, _)| *l);
        let mut len = 0u32;
        for l in f.line..=last_line {
            let Some(raw) = lines.get(l as usize - 1) else {
                break;
            };
            let chars = raw.chars().count() as u32;
            len += if l == f.line {
                (chars + 1).saturating_sub(f.value_col)
            } else {
                1 + chars
            };
        }
        out.push(ValueHit {
            line: f.line,
            col: f.value_col,
            len: len.max(1),
            last_line,
            kind,
        });
    }
    out
}

/// The front matter block of `text` (empty without one).
fn front_matter(text: &str) -> &str {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = body
        .strip_prefix("---\n")
        .or_else(|| body.strip_prefix("---\r\n"))
    else {
        return "";
    };
    let end = rest.find("\n---").map_or(rest.len(), |i| i + 1);
    &rest[..end]
}

fn first_kind(v: &Value) -> Option<IdKind> {
    match v {
        Value::Str(s) => super::scan_with(s, Mode::Source).first().map(|h| h.kind),
        Value::Int(i) => super::scan_with(&i.to_string(), Mode::Source)
            .first()
            .map(|h| h.kind),
        Value::List(items) => items.iter().find_map(first_kind),
        Value::Map(m) => m.iter().find_map(|(k, v)| {
            super::scan_with(k, Mode::Source)
                .first()
                .map(|h| h.kind)
                .or_else(|| first_kind(v))
        }),
        Value::Null | Value::Float(_) | Value::Bool(_) => None,
    }
}
