//! Errors shown like a compiler's: the file, the line with its neighbours, a caret under the
//! bad value, and what to write instead.

use miette::{GraphicalReportHandler, GraphicalTheme, NamedSource, SourceSpan};
use motebok_builder::BuildError;
use motebok_parser::Diagnostic;
use std::io::IsTerminal;
use std::path::Path;

#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{message}")]
struct Pretty {
    message: String,
    #[source_code]
    src: NamedSource<String>,
    #[label("{label}")]
    span: Option<SourceSpan>,
    label: String,
}

fn handler() -> GraphicalReportHandler {
    let theme = if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme).with_context_lines(1)
}

/// Prints one diagnostic; with the file's text when it can be read.
pub fn diagnostic(root: &Path, d: &Diagnostic, severity: &str) {
    let text = std::fs::read_to_string(root.join(&d.path)).ok();
    match (text, d.line) {
        (Some(text), Some(line)) => {
            let offset = line_offset(&text, line, d.col.unwrap_or(1));
            let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
            let len = if d.col.is_some() {
                (end - offset).max(1)
            } else {
                0
            };
            let pretty = Pretty {
                message: format!("{severity}: {}", d.message),
                src: NamedSource::new(d.path.clone(), text),
                span: Some((offset, len).into()),
                label: if d.col.is_some() {
                    "her".into()
                } else {
                    String::new()
                },
            };
            let mut out = String::new();
            if handler().render_report(&mut out, &pretty).is_ok() {
                eprint!("{out}");
                if let Some(h) = &d.hint {
                    eprintln!("  hjelp: {h}");
                }
                return;
            }
            eprintln!("{d}");
        }
        _ => {
            eprintln!("{}: {severity}: {}", d.location(), d.message);
            if let Some(h) = &d.hint {
                eprintln!("  hjelp: {h}");
            }
        }
    }
}

fn line_offset(text: &str, line: u32, col: u32) -> usize {
    let mut off = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line as usize {
            let col_off = l
                .char_indices()
                .nth(col.saturating_sub(1) as usize)
                .map_or(0, |(b, _)| b);
            return off + col_off.min(l.trim_end_matches('\n').len());
        }
        off += l.len();
    }
    text.len()
}

pub fn warnings(root: &Path, ws: &[Diagnostic]) {
    for w in ws {
        diagnostic(root, w, "advarsel");
    }
}

pub fn error(root: &Path, e: &BuildError) {
    match e {
        BuildError::Content(ds) => {
            for d in ds {
                diagnostic(root, d, "feil");
            }
            eprintln!(
                "\n{} feil. Ingenting ble skrevet; rett feilene og prøv igjen.",
                ds.len()
            );
        }
        other => eprintln!("feil: {other}"),
    }
}
