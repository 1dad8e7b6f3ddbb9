//! A failing `check --against` as Markdown: the pull-request comment shows the errors the log
//! has (file, line, message, hint), so an editor sees them without opening the log.

use crate::build_error::BuildError;
use motebok_parser::Diagnostic;

/// More than this many errors would not fit in one comment; the log has them all.
const LISTED: usize = 200;

/// The errors of a check that failed, as a pull-request comment. No identity number is written,
/// not even one in a file name: the comment is read by more people than the log.
pub fn markdown(base_branch: &str, error: &BuildError) -> String {
    let BuildError::Content(ds) = error else {
        return format!(
            "## Sjekken kunne ikke kjøres\n\n{}\n\nDette er ikke en feil i innholdet, men i \
             oppsettet (for eksempel en grunn klone uten hele historikken). Se loggen.\n",
            masked(&error.to_string())
        );
    };
    let mut out = format!(
        "## Endringen har feil som må rettes før den kan slås sammen\n\n\
         Kontrollert mot `{}`: {} feil. Rett dem i samme gren; sjekken kjøres på nytt for hver \
         ny commit, og sammendraget av hva som publiseres kommer når det ikke er flere feil.\n\n",
        masked(base_branch),
        ds.len()
    );
    for d in ds.iter().take(LISTED) {
        out.push_str(&entry(d));
    }
    if ds.len() > LISTED {
        out.push_str(&format!(
            "\n… og {} feil til. Se loggen, eller kjør `motebok check` på din egen maskin.\n",
            ds.len() - LISTED
        ));
    }
    out
}

/// `- `path`, linje L, kolonne C: message` with the hint on its own line.
fn entry(d: &Diagnostic) -> String {
    let mut where_ = code(&masked(&motebok_parser::names::shown(&d.path)));
    if let Some(l) = d.line {
        where_.push_str(&format!(", linje {l}"));
        if let Some(c) = d.col {
            where_.push_str(&format!(", kolonne {c}"));
        }
    }
    let mut out = format!("- {where_}: {}\n", masked(&one_line(&d.message)));
    if let Some(h) = &d.hint {
        out.push_str(&format!("  Hjelp: {}\n", masked(&one_line(h))));
    }
    out
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `s` as a code span, its fence longer than any run of backticks inside.
fn code(s: &str) -> String {
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    if longest == 0 {
        format!("{fence}{s}{fence}")
    } else {
        format!("{fence} {s} {fence}")
    }
}

/// `s` with every identity number in it replaced by `•` (spaces kept), as the log masks them.
fn masked(s: &str) -> String {
    let hits = motebok_domain::privacy::scan(s);
    if hits.is_empty() {
        return s.to_string();
    }
    let mut chars: Vec<char> = s.chars().collect();
    // Positions are 1-based lines and columns in characters.
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(
            chars
                .iter()
                .enumerate()
                .filter(|(_, c)| **c == '\n')
                .map(|(i, _)| i + 1),
        )
        .collect();
    for h in hits {
        let Some(start) = line_starts.get(h.line as usize - 1) else {
            continue;
        };
        let from = start + h.col as usize - 1;
        for c in chars.iter_mut().skip(from).take(h.len as usize) {
            if !c.is_whitespace() {
                *c = '•';
            }
        }
    }
    chars.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_file_line_message_and_hint_and_masks_numbers() {
        // A synthetic number, written with a space as editors do.
        let (first, rest) = (0..1000)
            .find_map(|i| {
                let nine = format!("150387{i:03}");
                let d: Vec<u8> = nine.bytes().map(|b| b - b'0').collect();
                motebok_domain::privacy::control_digits(&d.try_into().unwrap())
                    .map(|(a, b)| ("150387".to_string(), format!("{i:03}{a}{b}")))
            })
            .unwrap();
        let ds = vec![
            Diagnostic::new("content/a.md", "ukjent nøkkel `ansvalig`")
                .at_col(5, 1)
                .hint("mente du `ansvarlig`?"),
            Diagnostic::new(
                format!("content/vedlegg/brev-{first} {rest}.md"),
                "filnavnet inneholder et fødselsnummer",
            ),
        ];
        let md = markdown("main", &BuildError::Content(ds));
        assert!(md.starts_with("## Endringen har feil"), "{md}");
        assert!(md.contains("2 feil"), "{md}");
        assert!(
            md.contains("- `content/a.md`, linje 5, kolonne 1: ukjent nøkkel `ansvalig`\n  Hjelp: mente du `ansvarlig`?\n"),
            "{md}"
        );
        assert!(
            md.contains("- `content/vedlegg/brev-•••••• •••••.md`: filnavnet"),
            "{md}"
        );
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code("a"), "`a`");
        assert_eq!(code("a`b"), "`` a`b ``");
    }

    #[test]
    fn environment_errors_are_said_too() {
        let md = markdown("main", &crate::setup_error::SetupError::Shallow.into());
        assert!(
            md.contains("## Sjekken kunne ikke kjøres\n\nrepositoriet er en grunn klone"),
            "{md}"
        );
    }
}
