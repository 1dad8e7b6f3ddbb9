//! Splitting a file into YAML front matter and Markdown body, keeping the line of every key.
//!
//! yaml-rust2 parses the YAML within the limits of `crate::yaml`, and gray_matter's conversion
//! turns it into values. The lines and columns of the keys and list items are the parser's
//! marks (`yaml::load_marked`); the text after a key's colon and the lines under it are then
//! read off the raw text. Editors get errors that point at the line they have to change.

use crate::diagnostic::Diagnostic;
use crate::yaml::{KeyMark, LoadError};
use gray_matter::engine::YAML;
use gray_matter::{Matter, Pod};

/// A YAML value, in the few shapes front matter uses.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// An empty value (`key:` or `~`).
    Null,
    /// Text.
    Str(String),
    /// A whole number.
    Int(i64),
    /// A decimal number.
    Float(f64),
    /// `true` or `false`.
    Bool(bool),
    /// A sequence.
    List(Vec<Value>),
    /// A mapping, sorted by key so equal maps compare equal.
    Map(Vec<(String, Value)>),
}

impl Value {
    /// What kind of value this is, in Norwegian, for diagnostics about the wrong type.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "tom verdi",
            Value::Str(_) => "tekst",
            Value::Int(_) => "heltall",
            Value::Float(_) => "desimaltall",
            Value::Bool(_) => "sann/usann",
            Value::List(_) => "liste",
            Value::Map(_) => "oppslag (nøkkel: verdi)",
        }
    }
}

impl From<Pod> for Value {
    fn from(p: Pod) -> Self {
        match p {
            Pod::Null => Value::Null,
            Pod::String(s) => Value::Str(s),
            Pod::Integer(i) => Value::Int(i),
            Pod::Float(f) => Value::Float(f),
            Pod::Boolean(b) => Value::Bool(b),
            Pod::Array(a) => Value::List(a.into_iter().map(Value::from).collect()),
            Pod::Hash(h) => {
                let mut m: Vec<(String, Value)> =
                    h.into_iter().map(|(k, v)| (k, Value::from(v))).collect();
                m.sort_by(|a, b| a.0.cmp(&b.0));
                Value::Map(m)
            }
        }
    }
}

/// One top-level front-matter key.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The key as written.
    pub key: String,
    /// Its value.
    pub value: Value,
    /// 1-based line of the key in the file.
    pub line: u32,
    /// 1-based column where the value starts on the key's line (or after the key).
    pub value_col: u32,
    /// The raw text after `key:` on its line, trimmed (used to recover `2025.10` written unquoted).
    pub raw: String,
    /// 1-based lines of the list items (`- ...`) that belong to this key, in order.
    pub item_lines: Vec<u32>,
    /// The indented lines under the key, with their line numbers, for nested positions.
    pub block: Vec<(u32, String)>,
}

/// A file split into its front matter and body.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontMatter {
    /// Whether the file had a front-matter block at all.
    pub present: bool,
    /// Keys in the order they appear in the file.
    pub fields: Vec<Field>,
    /// The Markdown after the closing `---`.
    pub body: String,
    /// 1-based line where the body starts.
    pub body_line: u32,
    /// Where `body` lies in the file's bytes.
    pub body_at: BodyAt,
}

/// Where a body lies in its file, so that it can be read again from the file's bytes without
/// parsing: `body == at.read(bytes)`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BodyAt {
    /// Byte offset of the body in the file (after a BOM and the front matter).
    pub offset: u64,
    /// After front matter, the body is its lines joined with `\n` (see `after_front_matter`);
    /// without, it is the rest of the file as it is.
    pub joined: bool,
}

impl BodyAt {
    /// The body of the file with `bytes`; `None` if they are not the file it was found in.
    pub fn read(self, bytes: &[u8]) -> Option<std::sync::Arc<str>> {
        let offset = usize::try_from(self.offset).ok()?;
        let rest = std::str::from_utf8(bytes.get(offset..)?).ok()?;
        let body = if self.joined {
            after_front_matter(rest)
        } else {
            rest.into()
        };
        // As the parser gave it: wrapped links unwrapped.
        Some(crate::linkwrap::unwrap_all(&body).into())
    }
}

/// The body after front matter, as its lines joined with `\n`: line endings normalised, no
/// final newline.
fn after_front_matter(rest: &str) -> std::borrow::Cow<'_, str> {
    if rest.contains('\r') {
        rest.lines().collect::<Vec<_>>().join("\n").into()
    } else {
        rest.strip_suffix('\n').unwrap_or(rest).into()
    }
}

impl FrontMatter {
    /// The field with this key, if written.
    pub fn get(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }
}

/// Splits `text` into front matter and body. YAML errors are reported with the file's line.
pub fn split(path: &str, text: &str) -> Result<FrontMatter, Diagnostic> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let text = &text[bom..];
    // Only the front matter is split into lines and given to the YAML parser; the body (most
    // of the bytes of a large archive) is sliced off once its start is known.
    let mut lines: Vec<&str> = Vec::new();
    let mut fm_end = 0; // byte offset just after the closing `---` line
    let mut close = None;
    for (i, raw) in text.split_inclusive('\n').enumerate() {
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        let line = line.strip_suffix('\r').unwrap_or(line);
        lines.push(line);
        fm_end += raw.len();
        if i == 0 && line.trim_end() != "---" {
            break;
        }
        if i > 0 && line.trim_end() == "---" {
            close = Some(i);
            break;
        }
    }
    let opens = lines.first().is_some_and(|l| l.trim_end() == "---");
    let Some(close) = close else {
        if opens {
            return Err(
                Diagnostic::new(path, "front matter mangler avsluttende `---`")
                    .at(1)
                    .hint("avslutt front matter med en linje som bare inneholder `---`"),
            );
        }
        return Ok(FrontMatter {
            present: false,
            fields: Vec::new(),
            body: text.to_string(),
            body_line: 1,
            body_at: BodyAt {
                offset: bom as u64,
                joined: false,
            },
        });
    };

    let (root, marks) = load_yaml(path, &lines, close, &text[..fm_end])?;
    let map = match root {
        Value::Map(m) => m,
        Value::Null => Vec::new(),
        other => {
            return Err(Diagnostic::new(
                path,
                format!(
                    "front matter må være nøkler med verdier, fant {}",
                    other.type_name()
                ),
            )
            .at(2)
            .hint("skriv én nøkkel per linje, som `tittel: Årsmelding 2025`"))
        }
    };

    let positions = key_positions(&lines, close, &marks);
    let mut fields: Vec<Field> = map
        .into_iter()
        .map(|(key, value)| {
            let pos = positions.iter().find(|p| p.key == key);
            Field {
                value,
                line: pos.map_or(1, |p| p.line),
                value_col: pos.map_or(1, |p| p.value_col),
                raw: pos.map(|p| p.raw.clone()).unwrap_or_default(),
                item_lines: pos.map(|p| p.item_lines.clone()).unwrap_or_default(),
                block: pos.map(|p| p.block.clone()).unwrap_or_default(),
                key,
            }
        })
        .collect();
    fields.sort_by_key(|f| f.line);

    let body_start = close + 1;
    Ok(FrontMatter {
        present: true,
        fields,
        body: after_front_matter(&text[fm_end..]).into_owned(),
        body_line: body_start as u32 + 1,
        body_at: BodyAt {
            offset: (bom + fm_end) as u64,
            joined: true,
        },
    })
}

/// The front matter between the `---` lines, loaded within `yaml`'s limits, with where its
/// keys stand in the YAML text.
fn load_yaml(
    path: &str,
    lines: &[&str],
    close: usize,
    head: &str,
) -> Result<(Value, Vec<KeyMark>), Diagnostic> {
    // What gray_matter gives its YAML engine, so that values and error lines stay the same.
    // A carriage return alone (refused in `control`) would be a line break to YAML, and its
    // error lines would no longer be the file's.
    let matter = lines[1..close].join("\n").replace('\r', " ");
    let matter = matter.trim();
    if matter.is_empty() {
        return Ok((Value::Null, Vec::new()));
    }
    let too_much = |line: usize, message: String, hint: &str| {
        Diagnostic::new(path, message)
            .at(line as u32 + 1 + leading_blank(lines, close))
            .hint(hint)
    };
    match crate::yaml::load_marked(matter) {
        Ok((doc, marks)) => Ok((Value::from(Into::<Pod>::into(doc)), marks)),
        Err(LoadError::Syntax(msg)) => Err(yaml_error(path, lines, close, &msg)),
        // A duplicated key: gray_matter's message, as before (within the limits checked).
        Err(LoadError::Refused) => Matter::<YAML>::new()
            .parse::<Pod>(head)
            .map(|p| (p.data.map(Value::from).unwrap_or(Value::Null), Vec::new()))
            .map_err(|e| yaml_error(path, lines, close, &e.to_string())),
        Err(LoadError::TooDeep { line }) => Err(too_much(
            line,
            format!(
                "front matter er nestet for dypt (mer enn {} lister og oppslag inne i hverandre)",
                crate::yaml::MAX_DEPTH
            ),
            "front matter trenger bare noen få nivåer: sjekk innrykket og hvor mange `-`, `[` og `{` som står etter hverandre",
        )),
        Err(LoadError::KeyNotText { line, found, text }) => Err(too_much(
            line,
            format!(
                "ukjent nøkkel{}: en nøkkel i front matter må være et navn som `tittel`, ikke {found}",
                text.map(|t| format!(" `{t}`")).unwrap_or_default()
            ),
            "skriv `navn: verdi` med et av navnene filen kan ha; `?` og nøkler i `[ ]` eller `{ }` brukes ikke i front matter",
        )),
        Err(LoadError::TooManyAliases { line }) => Err(too_much(
            line,
            format!(
                "front matter bruker YAML-alias (`*navn`) som gjentar mer enn {} verdier",
                crate::yaml::MAX_ALIAS_VALUES
            ),
            "skriv verdiene ut der de skal stå i stedet for å gjenta dem med `&navn` og `*navn`",
        )),
    }
}

/// Blank lines at the start of the front matter, which gray_matter trims before parsing.
fn leading_blank(lines: &[&str], close: usize) -> u32 {
    lines[1..close]
        .iter()
        .take_while(|l| l.trim().is_empty())
        .count() as u32
}

struct KeyPos {
    key: String,
    line: u32,
    value_col: u32,
    raw: String,
    item_lines: Vec<u32>,
    block: Vec<(u32, String)>,
}

/// The keys of the root mapping where the parser marked them (`marks`, in the YAML text that
/// `load_yaml` gave it) as lines and columns of the file (`lines`, closed at `close`): the text
/// after each key's colon, and the lines up to the next key.
fn key_positions(lines: &[&str], close: usize, marks: &[KeyMark]) -> Vec<KeyPos> {
    // The YAML text starts at the first line that is not blank, trimmed at the start.
    let blank = leading_blank(lines, close) as usize;
    let indent = lines
        .get(1 + blank)
        .map_or(0, |l| l.chars().take_while(|c| c.is_whitespace()).count());
    let file_line = |yaml_line: usize| yaml_line + 1 + blank;
    marks
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            let line = file_line(m.line);
            let text = lines.get(line - 1)?;
            let col = m.col + if m.line == 1 { indent } else { 0 };
            let (value_col, raw) = after_key(text, col).unwrap_or((col as u32 + 1, String::new()));
            // Up to the next key's line, or the closing `---`.
            let end = marks.get(i + 1).map_or(close + 1, |n| file_line(n.line));
            Some(KeyPos {
                key: m.key.clone(),
                line: line as u32,
                value_col,
                raw,
                item_lines: m.items.iter().map(|&l| file_line(l) as u32).collect(),
                block: (line + 1..end)
                    .filter_map(|no| Some((no as u32, lines.get(no - 1)?.to_string())))
                    .collect(),
            })
        })
        .collect()
}

/// For a key at character `col` of `text`: the 1-based column where its value starts (after
/// the colon and any spaces) and the text after the colon without a comment; `None` when
/// the colon is not on this line (`? key` on a line of its own).
fn after_key(text: &str, col: usize) -> Option<(u32, String)> {
    let start = text.char_indices().nth(col)?.0;
    let key = &text[start..];
    let colon = match key.chars().next() {
        Some(q @ ('"' | '\'')) => {
            let end = start + closing_quote(key, q)? + 1;
            let gap = text[end..].len() - text[end..].trim_start().len();
            Some(end + gap).filter(|&c| text[c..].starts_with(':'))?
        }
        // A plain key ends at the first `:` followed by a space, the line's end or (in
        // braces) a comma or closing bracket.
        _ => {
            let at = key.char_indices().find(|&(i, c)| {
                c == ':'
                    && key[i + 1..]
                        .chars()
                        .next()
                        .is_none_or(|n| n.is_whitespace() || matches!(n, ',' | '}' | ']'))
            })?;
            start + at.0
        }
    };
    let after = &text[colon + 1..];
    let lead = after.chars().take_while(|c| c.is_whitespace()).count();
    let value_col = text[..colon].chars().count() + 2 + lead;
    Some((value_col as u32, strip_comment(after.trim()).to_string()))
}

fn strip_comment(s: &str) -> &str {
    // A `#` after whitespace starts a YAML comment, outside quotes.
    let from = match s.chars().next() {
        Some(q @ ('"' | '\'')) => closing_quote(s, q).map_or(s.len(), |i| i + 1),
        _ => 0,
    };
    let rest = &s[from..];
    match rest.find(" #").or_else(|| rest.find("\t#")) {
        Some(i) => s[..from + i].trim_end(),
        None => s,
    }
}

/// Byte index of the quote closing a scalar that starts with `q`.
fn closing_quote(s: &str, q: char) -> Option<usize> {
    let mut chars = s.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' if q == '"' => {
                chars.next();
            }
            c if c == q => {
                // '' inside single quotes is an escaped quote.
                if q == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') {
                    chars.next();
                } else {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

fn yaml_error(path: &str, lines: &[&str], close: usize, msg: &str) -> Diagnostic {
    // yaml-rust2 says "... at byte N line L column C"; gray_matter trimmed leading blank lines.
    let leading_blank = leading_blank(lines, close);
    // The last ones: the message itself may say "line break".
    let num_after = |word: &str| -> Option<u32> {
        let i = msg.rfind(word)?;
        msg[i + word.len()..]
            .trim_start()
            .split(|c: char| !c.is_ascii_digit())
            .next()?
            .parse()
            .ok()
    };
    let what = msg.split(" at byte").next().unwrap_or(msg).trim();
    let what = what
        .strip_prefix("Deserialize error:")
        .unwrap_or(what)
        .trim();
    let (message, hint) = match yaml_in_norwegian(what) {
        Some((said, hint)) => (format!("front matter er ikke gyldig YAML: {said} ({what})"), hint),
        None => (
            format!("front matter er ikke gyldig YAML: {what}"),
            "sjekk innrykk og kolon; tekst som inneholder `: ` eller starter med `#`, `*`, `[` må stå i anførselstegn",
        ),
    };
    let mut d = Diagnostic::new(path, message).hint(hint);
    if let Some(l) = num_after(" line ") {
        let col = num_after(" column ").map_or(1, |c| c + 1);
        d = d.at_col(l + 1 + leading_blank, col);
    }
    d
}

/// The YAML reader's most common complaints in plain Norwegian, with what to do. The English
/// text stays in the message, in parentheses, so it can be looked up.
fn yaml_in_norwegian(what: &str) -> Option<(&'static str, &'static str)> {
    const KNOWN: &[(&str, &str, &str)] = &[
        (
            "mapping values are not allowed",
            "et kolon med mellomrom etter står inne i en tekst",
            "sett teksten i anførselstegn, for eksempel `tittel: \"Status: høst 2025\"`",
        ),
        (
            "duplicated key",
            "samme nøkkel står to ganger",
            "slett den ene av de to linjene",
        ),
        (
            "found a tab",
            "innrykket har tabulator",
            "rykk inn med mellomrom, ikke tabulator",
        ),
        (
            "did not find expected key",
            "innrykket stemmer ikke",
            "gi nøklene og punktene i en liste like mange mellomrom foran",
        ),
        (
            "did not find expected '-' indicator",
            "innrykket i en liste stemmer ikke",
            "gi alle punktene i lista like mange mellomrom foran `-`",
        ),
        (
            "did not find expected ',' or ']'",
            "en liste i hakeparenteser er ikke avsluttet",
            "avslutt lista med `]` på samme linje, for eksempel `sakstype: [beslutning]`",
        ),
        (
            "found unexpected end of stream",
            "et anførselstegn eller en parentes er ikke lukket",
            "sjekk at hvert `\"` og `[` har et `\"` og `]` som lukker det",
        ),
        (
            "found character that cannot start any token",
            "verdien begynner med et tegn som ikke kan stå først",
            "sett verdien i anførselstegn, for eksempel `sted: \"@Teams\"`",
        ),
        (
            "invalid indentation in quoted scalar",
            "et anførselstegn er ikke lukket",
            "sjekk at teksten har `\"` både først og sist på linjen",
        ),
        (
            "illegal placement of ':' indicator",
            "en liste i hakeparenteser er ikke avsluttet",
            "avslutt lista med `]` på samme linje, for eksempel `sakstype: [beslutning]`",
        ),
        (
            "unexpected character",
            "verdien begynner med et tegn som ikke kan stå først",
            "sett verdien i anførselstegn, for eksempel `sted: \"@Teams\"`",
        ),
        (
            "simple key expect ':'",
            "en linje mangler kolon etter nøkkelen",
            "skriv `nøkkel: verdi`, eller sett teksten i anførselstegn hvis den fortsetter fra linjen over",
        ),
        (
            "could not find expected ':'",
            "en linje mangler kolon etter nøkkelen",
            "skriv `nøkkel: verdi`, eller sett teksten i anførselstegn hvis den fortsetter fra linjen over",
        ),
    ];
    KNOWN
        .iter()
        .find(|(en, _, _)| what.contains(en))
        .map(|(_, nb, hint)| (*nb, *hint))
}

/// Every text value of the front matter with its wrapped links unwrapped (a `referat` is
/// Markdown, and any text may hold a link).
pub fn unwrap_values(fm: &mut FrontMatter) {
    fn value(v: &mut Value) {
        match v {
            Value::Str(s) => {
                if let std::borrow::Cow::Owned(u) = crate::linkwrap::unwrap_all(s) {
                    *s = u;
                }
            }
            Value::List(items) => items.iter_mut().for_each(value),
            Value::Map(entries) => entries.iter_mut().for_each(|(_, v)| value(v)),
            _ => {}
        }
    }
    for f in &mut fm.fields {
        value(&mut f.value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_is_the_lines_after_the_front_matter_joined() {
        for text in [
            "---\ntittel: A\n---\nEn\n\nTo\n",
            "---\ntittel: A\n---\nEn\n\n\n",
            "---\ntittel: A\n---\n",
            "---\ntittel: A\n---",
            "---\r\ntittel: A\r\n---\r\nEn\r\nTo\r\n",
            "\u{feff}---\ntittel: A\n---  \nEn\nTo",
            "---\n\ntittel: A\n---\n---\nEtter\n",
        ] {
            let fm = split("x.md", text).unwrap();
            let t = text.strip_prefix('\u{feff}').unwrap_or(text);
            let lines: Vec<&str> = t.lines().collect();
            let close = lines
                .iter()
                .skip(1)
                .position(|l| l.trim_end() == "---")
                .unwrap()
                + 1;
            let want = lines
                .get(close + 1..)
                .map(|l| l.join("\n"))
                .unwrap_or_default();
            assert_eq!(fm.body, want, "{text:?}");
            assert_eq!(fm.body_line as usize, close + 2, "{text:?}");
            assert_eq!(fm.fields[0].key, "tittel");
        }
    }

    #[test]
    fn the_body_is_read_again_from_where_it_lies_in_the_file() {
        for (text, joined) in [
            ("---\ntittel: A\n---\nEn\n\nTo\n", true),
            ("---\r\ntittel: A\r\n---\r\nEn\r\n\r\nTo\r\n", true),
            ("---\ntittel: A\n---\nBlandet\r\nslutt\n", true),
            ("\u{feff}---\ntittel: A\n---  \nEn\nTo", true),
            ("---\ntittel: A\n---\n", true),
            ("---\ntittel: A\n---", true),
            ("Bare tekst\r\nøæå\n", false),
            ("\u{feff}Bare tekst med BOM\n", false),
            ("", false),
        ] {
            let fm = split("x.md", text).unwrap();
            let at = fm.body_at;
            assert_eq!(at.joined, joined, "{text:?}");
            let bytes = text.as_bytes();
            assert_eq!(
                at.read(bytes).as_deref(),
                Some(fm.body.as_str()),
                "{text:?}"
            );
            if !text.contains('\r') {
                // Without CRs, the body is the bytes from its offset, bar one final newline.
                let rest = &text[at.offset as usize..];
                let rest = if joined {
                    rest.strip_suffix('\n').unwrap_or(rest)
                } else {
                    rest
                };
                assert_eq!(rest, fm.body, "{text:?}");
            }
        }
        assert_eq!(
            BodyAt {
                offset: 99,
                joined: true
            }
            .read(b"kort"),
            None
        );
    }

    #[test]
    fn yaml_errors_in_norwegian() {
        let d = split("x.md", "---\ntittel: Status: høst 2025\n---\n").unwrap_err();
        assert!(
            d.message
                .starts_with("front matter er ikke gyldig YAML: et kolon med mellomrom"),
            "{d:?}"
        );
        assert!(
            d.message.contains("(mapping values are not allowed"),
            "{d:?}"
        );
        assert!(d.hint.unwrap().contains("anførselstegn"));
        assert_eq!(d.line, Some(2));
    }

    #[test]
    fn keeps_lines_of_keys_and_items() {
        let src = "---\ntittel: Sak\nsakstype:\n  - beslutning\n  - orientering\nvedlegg:\n  - tittel: A\n    fil: vedlegg/a.md\n---\n# Tekst\n";
        let fm = split("x.md", src).unwrap();
        assert!(fm.present);
        let t = fm.get("tittel").unwrap();
        assert_eq!((t.line, t.value_col), (2, 9));
        assert_eq!(fm.get("sakstype").unwrap().item_lines, vec![4, 5]);
        assert_eq!(fm.get("vedlegg").unwrap().item_lines, vec![7]);
        assert_eq!(fm.body_line, 10);
        assert_eq!(fm.body.trim(), "# Tekst");
    }

    #[test]
    fn key_positions_come_from_the_yaml_parser() {
        // Forms a line scanner misread: an explicit key (`? `), a list in brackets over two
        // lines, a root mapping in braces, a key with a letter outside ASCII before the colon.
        let src =
            "---\n? tittel\n: Sak\nsakstype: [beslutning,\n  orientering]\nmøte: \"x\"\n---\n";
        let fm = split("x.md", src).unwrap();
        let t = fm.get("tittel").unwrap();
        assert_eq!((t.line, t.value_col), (2, 3), "{t:?}");
        let s = fm.get("sakstype").unwrap();
        assert_eq!((s.line, s.item_lines.clone()), (4, vec![4, 5]), "{s:?}");
        assert_eq!(s.block, vec![(5, "  orientering]".to_string())]);
        // Columns count characters, as every diagnostic's do.
        let m = fm.get("møte").unwrap();
        assert_eq!((m.line, m.value_col, m.raw.as_str()), (6, 7, "\"x\""));
        let src = "---\n{tittel: Sak,\n saksnr: \"2025.01\"}\n---\n";
        let fm = split("x.md", src).unwrap();
        assert_eq!(fm.get("tittel").unwrap().line, 2);
        let n = fm.get("saksnr").unwrap();
        assert_eq!((n.line, n.value_col), (3, 10), "{n:?}");
        // A key at the start of a line inside a block scalar is text, not a key.
        let src = "---\nnotat: |\n  tittel: fra i fjor\ntittel: Sak\n---\n";
        let fm = split("x.md", src).unwrap();
        assert_eq!(fm.get("tittel").unwrap().line, 4);
        assert_eq!(fm.get("notat").unwrap().block.len(), 1);
    }

    #[test]
    fn yaml_error_naming_a_line_break_still_has_its_line() {
        let d = split("x.md", "---\ntittel: a\nb: |x\n---\n").unwrap_err();
        assert!(d.message.contains("line break"), "{d:?}");
        assert_eq!(d.line, Some(3), "{d:?}");
    }

    #[test]
    fn yaml_error_names_the_file_line() {
        let src = "---\ntittel: Sak\nsaksnr: [2025.01\n---\n";
        let d = split("x.md", src).unwrap_err();
        assert!(d.line.is_some(), "{d:?}");
        assert!(d.line.unwrap() >= 3, "{d:?}");
        assert!(d.message.contains("YAML"));
    }

    #[test]
    fn hostile_yaml_is_an_error_at_its_line() {
        let deep = format!("---\n\ntittel: Sak\nx:\n  {}a\n---\n", "- ".repeat(100_000));
        let d = split("x.md", &deep).unwrap_err();
        assert_eq!(d.line, Some(5), "{d:?}");
        assert!(d.message.contains("nestet for dypt"), "{d:?}");
        let mut bomb = String::from("---\nl0: &l0 [a, a, a, a, a, a, a, a, a, a]\n");
        for i in 1..6 {
            let refs = vec![format!("*l{}", i - 1); 10].join(", ");
            bomb.push_str(&format!("l{i}: &l{i} [{refs}]\n"));
        }
        let d = split("x.md", &format!("{bomb}---\n")).unwrap_err();
        assert_eq!(d.line, Some(5), "{d:?}");
        assert!(d.message.contains("YAML-alias"), "{d:?}");
        // A duplicated key keeps its message from before.
        let d = split("x.md", "---\ntittel: a\ntittel: b\n---\n").unwrap_err();
        assert!(d.message.contains("samme nøkkel står to ganger"), "{d:?}");
        assert_eq!(d.line, Some(3), "{d:?}");
    }

    #[test]
    fn raw_values_leave_comments_out() {
        let src = "---\nsaksnr: \"2026.04\"   # ikke endre\ntittel: 'Kari''s sak' # x\nsted: Rom #2\ntid: \"a # b\"\n---\n";
        let fm = split("x.md", src).unwrap();
        assert_eq!(fm.get("saksnr").unwrap().raw, "\"2026.04\"");
        assert_eq!(fm.get("tittel").unwrap().raw, "'Kari''s sak'");
        // As in YAML itself: ` #` starts a comment even in a plain value.
        assert_eq!(fm.get("sted").unwrap().raw, "Rom");
        assert_eq!(fm.get("tid").unwrap().raw, "\"a # b\"");
    }

    #[test]
    fn no_front_matter() {
        let fm = split("x.md", "Bare tekst\n").unwrap();
        assert!(!fm.present);
        assert_eq!(fm.body_line, 1);
    }

    #[test]
    fn unclosed_front_matter() {
        let d = split("x.md", "---\ntittel: a\n").unwrap_err();
        assert_eq!(d.line, Some(1));
    }
}
