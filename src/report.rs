//! Errors shown like a compiler's: the file, the line with its neighbours, a caret under the
//! bad value, and what to write instead. Personal data an error points at is masked.

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource};
use motebok_builder::BuildError;
use motebok_parser::Diagnostic;
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::Path;

#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{message}")]
struct Pretty {
    message: String,
    #[source_code]
    src: NamedSource<String>,
    #[label(collection)]
    labels: Vec<LabeledSpan>,
    #[help]
    help: Option<String>,
}

fn handler(color: bool) -> GraphicalReportHandler {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_context_lines(1)
        .with_width(100)
}

fn color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Spans of personal data, by file, masked in every snippet shown of that file.
type Masks = BTreeMap<String, Vec<(u32, u32, u32)>>;

fn masks(ds: &[Diagnostic]) -> Masks {
    let mut m = Masks::new();
    for d in ds.iter().filter(|d| d.sensitive) {
        if let (Some(l), Some(c), Some(n)) = (d.line, d.col, d.len) {
            m.entry(d.path.clone()).or_default().push((l, c, n));
        }
    }
    m
}

/// Replaces the characters of each span with `•`, keeping spaces and line ends.
fn mask(text: &str, spans: &[(u32, u32, u32)]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for &(line, col, len) in spans {
        let start = text[..line_offset(text, line, col)].chars().count();
        for c in chars.iter_mut().skip(start).take(len as usize) {
            if !c.is_whitespace() {
                *c = '•';
            }
        }
    }
    chars.into_iter().collect()
}

/// Renders one diagnostic with the file's text; `None` when the text is not at hand.
pub(crate) fn render(text: &str, d: &Diagnostic, severity: &str, color: bool) -> Option<String> {
    let line = d.line?;
    let offset = line_offset(text, line, d.col.unwrap_or(1));
    let (len, label) = match (d.col, d.len) {
        // The bad text, which may run over several lines.
        (Some(_), Some(n)) => {
            let end = text[offset..]
                .char_indices()
                .nth(n as usize)
                .map_or(text.len(), |(b, _)| offset + b);
            (end - offset, Some("her".to_string()))
        }
        // The rest of the line, without a trailing comment.
        (Some(_), None) => (value_len(&text[offset..]).max(1), Some("her".to_string())),
        // Only the line is known: a small arrow at its start.
        (None, _) => (0, None),
    };
    let pretty = Pretty {
        message: format!("{severity}: {}", d.message),
        src: NamedSource::new(motebok_parser::names::shown(&d.path), text.to_string()),
        labels: vec![LabeledSpan::new_with_span(label, (offset, len))],
        help: d.hint.clone(),
    };
    let mut out = String::new();
    handler(color).render_report(&mut out, &pretty).ok()?;
    // miette says `help:`; editors read Norwegian.
    Some(out.replacen("  help: ", "  hjelp: ", 1))
}

/// `s` with every identity number the privacy guard finds in it masked (a path, a message
/// naming a file): logs never repeat one.
fn masked(s: &str) -> String {
    let hits = motebok_domain::privacy::scan(s);
    if hits.is_empty() {
        return s.to_string();
    }
    let spans: Vec<(u32, u32, u32)> = hits.iter().map(|h| (h.line, h.col, h.len)).collect();
    mask(s, &spans)
}

/// `d` with its path, message and hint masked.
fn masked_diagnostic(d: &Diagnostic) -> Diagnostic {
    let mut m = d.clone();
    m.path = masked(&d.path);
    m.message = masked(&d.message);
    m.hint = d.hint.as_deref().map(masked);
    m
}

/// Prints one diagnostic; with the file's text (masked where `masks` says) when it can be read.
fn print(root: &Path, d: &Diagnostic, severity: &str, masks: &Masks) {
    let text = match d.path.as_str() {
        "site.toml" => site_toml_text(root, d),
        _ => motebok_builder::source::quotable(root, &d.path),
    };
    let text = text
        .map(|t| t.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(t))
        // Settings may sit beside secrets: of site.toml, the line at fault and nothing else.
        .and_then(|t| match (d.path.as_str(), d.line) {
            ("site.toml", Some(line)) => only_line(&t, line),
            _ => Some(t),
        })
        .map(|t| match masks.get(&d.path) {
            Some(spans) => mask(&t, spans),
            None => t,
        });
    let d = &masked_diagnostic(d);
    if let Some(out) = text.and_then(|t| render(&t, d, severity, color())) {
        eprint!("{out}");
        return;
    }
    eprintln!("{}: {severity}: {}", d.location(), d.message);
    if let Some(h) = &d.hint {
        eprintln!("  hjelp: {h}");
    }
}

/// The site.toml whose lines `d` counts. A production build reads the committed file, which
/// the working tree may not hold; a preview reads the working tree's. A diagnostic carries no
/// mark of which, but it is made from the text alone: the working tree's file is quoted if it
/// gives the same error at the same place, else the committed one (the import mark is only
/// checked in the committed file).
fn site_toml_text(root: &Path, d: &Diagnostic) -> Option<String> {
    let disk = motebok_builder::source::quotable(root, "site.toml");
    let same = |text: &str| match motebok_site::SiteConfig::parse(text) {
        Err(ds) => ds
            .iter()
            .any(|e| (&e.message, e.line, e.col) == (&d.message, d.line, d.col)),
        Ok(_) => false,
    };
    match disk {
        Some(t) if same(&t) => Some(t),
        disk => motebok_builder::load::committed_config_text(root).or(disk),
    }
}

/// `text` with every line but `line` emptied (line numbers kept); `None` if that line is too
/// long to quote.
fn only_line(text: &str, line: u32) -> Option<String> {
    let mut out = String::new();
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line as usize {
            if l.chars().count() > 300 {
                return None;
            }
            out.push_str(l);
        } else if l.ends_with('\n') {
            out.push('\n');
        }
    }
    Some(out)
}

/// Bytes of the value at the start of `rest`: up to the line end or a YAML comment (` #` outside
/// quotes), without trailing spaces.
fn value_len(rest: &str) -> usize {
    let line = rest.split('\n').next().unwrap_or("");
    let mut quote = None;
    let mut prev_space = false;
    let mut end = line.len();
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') if i == 0 || prev_space => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if prev_space => {
                end = i;
                break;
            }
            _ => {}
        }
        prev_space = c.is_whitespace();
    }
    line[..end].trim_end().len()
}

/// Byte offset of 1-based `line` and character `col` in `text`, clamped to the line.
fn line_offset(text: &str, line: u32, col: u32) -> usize {
    let mut off = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line as usize {
            let col_off = l
                .char_indices()
                .nth(col.saturating_sub(1) as usize)
                .map_or(l.len(), |(b, _)| b);
            return off + col_off.min(l.trim_end_matches(['\n', '\r']).len());
        }
        off += l.len();
    }
    text.len()
}

pub(crate) fn warnings(root: &Path, ws: &[Diagnostic]) {
    let m = masks(ws);
    for w in ws {
        print(root, w, "advarsel", &m);
    }
}

pub(crate) fn error(root: &Path, e: &BuildError) {
    match e {
        BuildError::Content(ds) => {
            let m = masks(ds);
            for d in ds {
                print(root, d, "feil", &m);
            }
            eprintln!(
                "\n{} feil. Ingenting ble skrevet; rett feilene og prøv igjen.",
                ds.len()
            );
        }
        other => eprintln!("feil: {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_under_the_value_with_neighbours() {
        let text = "---\nsaksnr: \"2025.16\"\nsakstype: [beslutnig]\ntittel: T\n---\n";
        let d = Diagnostic::new("x.md", "ukjent sakstype `beslutnig`")
            .at_col(3, 12)
            .len(9)
            .hint("mente du `beslutning`?");
        let out = render(text, &d, "feil", false).unwrap();
        assert!(out.contains("[x.md:3:12]"), "{out}");
        assert!(out.contains(" 2 │ saksnr"), "{out}");
        assert!(out.contains(" 3 │ sakstype: [beslutnig]"), "{out}");
        assert!(out.contains(" 4 │ tittel"), "{out}");
        assert!(out.contains("   ·            ────┬────"), "{out}");
        assert!(out.contains("  hjelp: mente du `beslutning`?"), "{out}");
    }

    #[test]
    fn a_span_over_two_lines_shows_both() {
        let text = "a\nvedlegg:\n  - tittel: A\n    fil:\nb\n";
        let d = Diagnostic::new("x.md", "vedlegg uten fil")
            .at_col(3, 5)
            .len(18);
        let out = render(text, &d, "feil", false).unwrap();
        assert!(out.contains(" 2 │     vedlegg:"), "{out}");
        assert!(out.contains(" 3 │ ╭─▶   - tittel: A"), "{out}");
        assert!(out.contains(" 4 │ ├─▶     fil:"), "{out}");
        assert!(out.contains(" 5 │     b"), "{out}");
    }

    #[test]
    fn the_caret_leaves_comments_out() {
        assert_eq!(value_len("\"2025.16\"   # ikke endre\nneste"), 9);
        assert_eq!(value_len("\"a # b\" # c"), 7);
        assert_eq!(value_len("Rom 2\r\n"), 5);
        let text = "---\nsaksnr: \"2025.1\"   # nummeret\n---\n";
        let d = Diagnostic::new("x.md", "feil").at_col(2, 9);
        let out = render(text, &d, "feil", false).unwrap();
        assert!(out.contains("   ·         ────┬───\n"), "{out}");
    }

    #[test]
    fn a_path_message_and_hint_are_masked() {
        // 150387 00089: valid control digits.
        let d = Diagnostic::new(
            "content/a/klage-15038700089.pdf",
            "filen `klage-15038700089.pdf`",
        )
        .hint("gi 150387 00089 et annet navn");
        let m = masked_diagnostic(&d);
        assert_eq!(m.path, "content/a/klage-•••••••••••.pdf");
        assert_eq!(m.message, "filen `klage-•••••••••••.pdf`");
        assert_eq!(m.hint.as_deref(), Some("gi •••••• ••••• et annet navn"));
        let plain = Diagnostic::new("content/ssu/2025-05-22/2025.16.md", "saksnummer 2025.16");
        assert_eq!(masked_diagnostic(&plain), plain);
    }

    #[test]
    fn masks_personal_data() {
        let text = "---\nansvarlig: 01010012345\n---\n";
        assert_eq!(
            mask(text, &[(2, 12, 11)]),
            "---\nansvarlig: •••••••••••\n---\n"
        );
        assert_eq!(mask("x 010100 12345 y", &[(1, 3, 12)]), "x •••••• ••••• y");
    }
}
