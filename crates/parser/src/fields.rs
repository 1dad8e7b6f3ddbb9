//! Typed reading of front-matter fields, collecting one diagnostic per bad value.

use crate::diagnostic::Diagnostic;
use crate::frontmatter::{Field, FrontMatter, Value};
use chrono::NaiveDate;

/// A value with the line it was written on, so later rules can point back at it.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct Spanned<T> {
    /// The value read.
    pub value: T,
    /// 1-based line of the value in the file.
    pub line: u32,
    /// 1-based column of the value on its line.
    pub col: u32,
}

impl<T> Spanned<T> {
    /// A value found at `line`, `col`.
    pub fn new(value: T, line: u32, col: u32) -> Self {
        Spanned { value, line, col }
    }
}

/// Reads the fields of one file against the keys its kind allows.
pub struct Reader<'a> {
    /// The file's repository path, for diagnostics.
    pub path: &'a str,
    /// The file's front matter.
    pub fm: &'a FrontMatter,
    /// Every problem found so far; reading goes on past them so all are reported together.
    pub errors: Vec<Diagnostic>,
}

impl<'a> Reader<'a> {
    /// A reader of `fm`, the front matter of the file at `path`.
    pub fn new(path: &'a str, fm: &'a FrontMatter) -> Self {
        Reader {
            path,
            fm,
            errors: Vec::new(),
        }
    }

    /// An error about `f`'s value: the caret goes under the value written on the key's line.
    fn err(&mut self, f: &Field, msg: String, hint: &str) {
        let mut d = Diagnostic::new(self.path, msg)
            .at_col(f.line, f.value_col)
            .hint(hint);
        if !f.raw.is_empty() {
            d = d.len(f.raw.chars().count() as u32);
        }
        self.errors.push(d);
    }

    /// Unknown keys are errors, with the nearest allowed key as a hint.
    pub fn check_keys(&mut self, allowed: &[&str]) {
        for f in &self.fm.fields {
            if allowed.contains(&f.key.as_str()) {
                continue;
            }
            let best = allowed
                .iter()
                .map(|k| (strsim::jaro_winkler(k, &f.key.to_lowercase()), *k))
                .max_by(|a, b| a.0.total_cmp(&b.0));
            let hint = match best {
                Some((score, k)) if score > 0.8 => format!("mente du `{k}`?"),
                _ => format!("tillatte nøkler her: {}", allowed.join(", ")),
            };
            self.errors.push(
                Diagnostic::new(self.path, format!("ukjent nøkkel `{}`", f.key))
                    .at_col(f.line, 1)
                    .len(f.key.chars().count() as u32)
                    .hint(hint),
            );
        }
    }

    fn field(&self, key: &str) -> Option<&'a Field> {
        self.fm.get(key).filter(|f| f.value != Value::Null)
    }

    fn missing(&mut self, key: &str, example: &str) {
        let d = Diagnostic::new(self.path, format!("mangler påkrevd nøkkel `{key}`"))
            .at(if self.fm.present { 2 } else { 1 })
            .hint(format!(
                "legg til for eksempel `{key}: {example}` i front matter"
            ));
        self.errors.push(d);
    }

    /// A text; numbers written without quotes are taken as their text.
    pub fn opt_str(&mut self, key: &str) -> Option<Spanned<String>> {
        let f = self.field(key)?;
        let s = match &f.value {
            Value::Str(s) => s.trim().to_string(),
            Value::Int(i) => i.to_string(),
            // `2025.10` unquoted is the float 2025.1: take what the editor wrote.
            Value::Float(_) => f.raw.trim_matches(|c| c == '"' || c == '\'').to_string(),
            other => {
                let t = other.type_name();
                self.err(
                    f,
                    format!("`{key}` skal være tekst, fant {t}"),
                    "skriv verdien på samme linje som nøkkelen",
                );
                return None;
            }
        };
        Some(Spanned::new(s, f.line, f.value_col))
    }

    /// A required, non-empty text; `example` shows the editor what to write when it is missing.
    pub fn req_str(&mut self, key: &str, example: &str) -> Option<Spanned<String>> {
        if self.field(key).is_none() {
            self.missing(key, example);
            return None;
        }
        let v = self.opt_str(key)?;
        if v.value.is_empty() {
            let f = self.field(key)?;
            self.err(
                f,
                format!("`{key}` kan ikke være tom"),
                &format!("skriv for eksempel `{key}: {example}`"),
            );
            return None;
        }
        Some(v)
    }

    /// An optional `true`/`false`.
    pub fn opt_bool(&mut self, key: &str) -> Option<bool> {
        let f = self.field(key)?;
        match &f.value {
            Value::Bool(b) => Some(*b),
            other => {
                let found = if f.raw.is_empty() {
                    other.type_name().to_string()
                } else {
                    format!("`{}`", f.raw)
                };
                self.err(
                    f,
                    format!("`{key}` skal være true eller false, fant {found}"),
                    &format!("skriv `{key}: true` (ja) eller `{key}: false` (nei)"),
                );
                None
            }
        }
    }

    /// An optional whole number between `min` and `max`, inclusive.
    pub fn opt_int(&mut self, key: &str, min: i64, max: i64) -> Option<i64> {
        let f = self.field(key)?;
        match &f.value {
            Value::Int(i) if (min..=max).contains(i) => Some(*i),
            other => {
                let shown = match other {
                    Value::Int(i) => i.to_string(),
                    o => o.type_name().to_string(),
                };
                self.err(
                    f,
                    format!("`{key}` skal være et heltall fra {min} til {max}, fant {shown}"),
                    &format!("skriv for eksempel `{key}: {min}`"),
                );
                None
            }
        }
    }

    /// A calendar date in ISO form (`2025-05-22`), checked to exist.
    pub fn opt_date(&mut self, key: &str) -> Option<Spanned<NaiveDate>> {
        let s = self.opt_str(key)?;
        match parse_iso_date(&s.value) {
            Ok(d) => Some(Spanned::new(d, s.line, s.col)),
            Err(why) => {
                self.errors.push(
                    Diagnostic::new(self.path, format!("`{key}: {}` er ikke en gyldig dato: {why}", s.value))
                        .at_col(s.line, s.col)
                        .hint("skriv datoen som ÅÅÅÅ-MM-DD, for eksempel 2025-05-22, og sjekk at dagen finnes"),
                );
                None
            }
        }
    }

    /// A required date written `yyyy-mm-dd`.
    pub fn req_date(&mut self, key: &str) -> Option<Spanned<NaiveDate>> {
        if self.field(key).is_none() {
            self.missing(key, "2025-05-22");
            return None;
        }
        self.opt_date(key)
    }

    /// A list of texts; a single text is taken as a list of one.
    pub fn str_list(&mut self, key: &str) -> Vec<Spanned<String>> {
        let Some(f) = self.field(key) else {
            return Vec::new();
        };
        let items: Vec<&Value> = match &f.value {
            Value::List(l) => l.iter().collect(),
            v @ (Value::Str(_) | Value::Int(_)) => vec![v],
            Value::Float(_) => {
                self.err(
                    f,
                    format!("`{key}` inneholder et tall som må stå i anførselstegn"),
                    &format!(
                        "skriv `{key}: [\"{}\"]`",
                        f.raw.trim_matches(|c| c == '[' || c == ']')
                    ),
                );
                return Vec::new();
            }
            other => {
                let t = other.type_name();
                self.err(
                    f,
                    format!("`{key}` skal være en liste, fant {t}"),
                    &format!("skriv én verdi per linje under `{key}:`, med `- ` foran"),
                );
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        // Inline lists (`[a, b]`) sit on the key's line: point at the item's text there.
        let col_of = |text: &str, line: u32| -> u32 {
            if line != f.line {
                return f
                    .block
                    .iter()
                    .find(|(l, _)| *l == line)
                    .and_then(|(_, t)| t.find(text))
                    .map_or(1, |b| b as u32 + 1);
            }
            f.raw.find(text).map_or(f.value_col, |b| {
                f.value_col + f.raw[..b].chars().count() as u32
            })
        };
        // Where an item written on a line of its own starts: after its `- `.
        let item_col = |line: u32| -> u32 {
            if line == f.line {
                return f.value_col;
            }
            f.block
                .iter()
                .find(|(l, _)| *l == line)
                .and_then(|(_, t)| t.find("- ").map(|b| t[..b].chars().count() as u32 + 3))
                .unwrap_or(1)
        };
        for (i, v) in items.into_iter().enumerate() {
            let line = f.item_lines.get(i).copied().unwrap_or(f.line);
            match v {
                Value::Str(s) => out.push(Spanned::new(
                    s.trim().to_string(),
                    line,
                    col_of(s.trim(), line),
                )),
                Value::Int(n) => out.push(Spanned::new(
                    n.to_string(),
                    line,
                    col_of(&n.to_string(), line),
                )),
                Value::Float(x) => {
                    // What the editor wrote (`2025.10`), not the number YAML made of it (2025.1).
                    let written = f
                        .block
                        .iter()
                        .find(|(l, _)| *l == line && line != f.line)
                        .and_then(|(_, t)| t.trim_start().strip_prefix("- "))
                        .map(|t| t.split(" #").next().unwrap_or(t).trim().to_string())
                        .or_else(|| {
                            // An inline list on the key's line: `[2025.10, "2024.29"]`.
                            let inner = f.raw.trim().strip_prefix('[')?.strip_suffix(']')?;
                            Some(inner.split(',').nth(i)?.trim().to_string())
                        })
                        .unwrap_or_else(|| x.to_string());
                    self.errors.push(
                        Diagnostic::new(self.path, format!("`{key}`: {written} må stå i anførselstegn, ellers forsvinner nuller på slutten"))
                            .at_col(line, item_col(line))
                            .len(written.chars().count() as u32)
                            .hint(format!("skriv saksnummeret som tekst: \"{written}\"")),
                    )
                }
                other => {
                    let t = other.type_name();
                    self.errors.push(
                        Diagnostic::new(
                            self.path,
                            format!("`{key}`: hvert punkt skal være tekst, fant {t}"),
                        )
                        .at_col(line, item_col(line))
                        .hint("skriv hvert punkt som én linje med `- ` foran"),
                    )
                }
            }
        }
        out
    }

    /// The raw list items of `key` with their lines, for lists of maps.
    pub fn map_list(&mut self, key: &str) -> Vec<(Vec<(String, Value)>, u32)> {
        let Some(f) = self.field(key) else {
            return Vec::new();
        };
        let Value::List(items) = &f.value else {
            let t = f.value.type_name();
            self.err(
                f,
                format!("`{key}` skal være en liste, fant {t}"),
                "skriv hvert vedlegg som `- tittel: ...` med `fil: ...` på linjen under",
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, v) in items.iter().enumerate() {
            let line = f.item_lines.get(i).copied().unwrap_or(f.line);
            match v {
                Value::Map(m) => out.push((m.clone(), line)),
                other => self.errors.push(
                    Diagnostic::new(
                        self.path,
                        format!(
                            "`{key}`: hvert punkt skal ha nøkler, fant {}",
                            other.type_name()
                        ),
                    )
                    .at(line)
                    .hint("skriv `- tittel: Navn på vedlegget` og `  fil: vedlegg/navn.md`"),
                ),
            }
        }
        out
    }
}

/// Parses `YYYY-MM-DD` strictly: four-digit year, two-digit month and day, a real date.
pub fn parse_iso_date(s: &str) -> Result<NaiveDate, String> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return Err("formen er ikke ÅÅÅÅ-MM-DD".into());
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| "den dagen finnes ikke i kalenderen".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_number_written_as_a_number_is_quoted_as_written() {
        for src in [
            "---\noppfolging_av: [\"2024.29\", 2025.10]\n---\n",
            "---\noppfolging_av:\n  - \"2024.29\"\n  - 2025.10   # merknad\n---\n",
        ] {
            let fm = crate::frontmatter::split("x.md", src).unwrap();
            let mut r = Reader::new("x.md", &fm);
            r.str_list("oppfolging_av");
            assert_eq!(r.errors.len(), 1, "{src}");
            let e = &r.errors[0];
            assert!(
                e.message.contains("`oppfolging_av`: 2025.10 må stå"),
                "{e:?}"
            );
            assert_eq!(
                e.hint.as_deref(),
                Some("skriv saksnummeret som tekst: \"2025.10\"")
            );
        }
    }

    #[test]
    fn iso_dates() {
        assert!(parse_iso_date("2025-05-22").is_ok());
        assert!(parse_iso_date("2025-02-30")
            .unwrap_err()
            .contains("finnes ikke"));
        assert!(parse_iso_date("22.05.2025").is_err());
        assert!(parse_iso_date("2025-5-22").is_err());
    }
}
