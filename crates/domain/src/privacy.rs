//! The privacy guard: no Norwegian national identity number (fødselsnummer, D-number or
//! H-number) may be published. Pure: text in, positions out.
//!
//! A candidate is 11 digits in a row, or 6 + 5 digits with one space (or a line break, which
//! Markdown shows as a space) between, with no digit right before or after. It is reported when
//! its date part is a plausible date (day + 40 for D-numbers, month + 40 for H-numbers) and both
//! mod-11 control digits hold. Phone numbers, amounts, account and organisation numbers fail
//! these tests and pass.

use motebok_parser::Diagnostic;

/// What kind of identity number was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    Fodselsnummer,
    DNummer,
    HNummer,
}

impl IdKind {
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
    pub line: u32,
    pub col: u32,
    pub len: u32,
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

/// Every identity number in `text`, in order.
pub fn scan(text: &str) -> Vec<Hit> {
    let chars: Vec<char> = text.chars().collect();
    // Maximal runs of ASCII digits, as (start, end) char indices.
    let mut runs = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            runs.push((start, i));
        } else {
            i += 1;
        }
    }
    let digits = |from: usize, to: usize| -> Vec<u8> {
        chars[from..to]
            .iter()
            .map(|c| c.to_digit(10).unwrap_or(0) as u8)
            .collect()
    };
    let mut found: Vec<(usize, usize, IdKind)> = Vec::new();
    for (n, &(s, e)) in runs.iter().enumerate() {
        let candidate = if e - s == 11 {
            Some((digits(s, e), e))
        } else if e - s == 6 {
            runs.get(n + 1).and_then(|&(s2, e2)| {
                let gap: String = chars[e..s2].iter().collect();
                let one_space = matches!(gap.as_str(), " " | "\u{a0}" | "\n" | "\r\n");
                (one_space && e2 - s2 == 5).then(|| {
                    let mut d = digits(s, e);
                    d.extend(digits(s2, e2));
                    (d, e2)
                })
            })
        } else {
            None
        };
        if let Some((d, end)) = candidate {
            let d: [u8; 11] = d.try_into().unwrap_or([0; 11]);
            if let Some(kind) = classify(&d) {
                found.push((s, end, kind));
            }
        }
    }
    let mut hits = Vec::new();
    let (mut line, mut col, mut at) = (1u32, 1u32, 0usize);
    for (s, e, kind) in found {
        while at < s {
            if chars[at] == '\n' {
                line += 1;
                col = 1;
            } else {
                col += 1;
            }
            at += 1;
        }
        hits.push(Hit {
            line,
            col,
            len: (e - s) as u32,
            kind,
        });
    }
    hits
}

const HINT: &str = "fjern fødselsnummeret; skriv aldri personnummer i sakspapirer. \
Er tallet noe annet (et kontonummer, et saksnummer), del det opp med mellomrom, \
for eksempel 1234 56 78901";

/// The privacy errors of one content file: in its path and, for text files, in every line
/// (front matter, comments and body alike). Binary files (PDF and such) cannot be read here.
pub fn check_file(path: &str, bytes: &[u8]) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = scan(path)
        .into_iter()
        .map(|h| {
            Diagnostic::new(path, format!("filnavnet inneholder {}", h.kind.label()))
                .hint("gi filen et annet navn; skriv aldri personnummer i sakspapirer")
        })
        .collect();
    let Ok(text) = std::str::from_utf8(bytes) else {
        return out;
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    out.extend(scan(text).into_iter().map(|h| {
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
    }));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A synthetic valid number from a date part and three individual digits.
    fn synth(date: &str, individual: &str) -> String {
        let s = format!("{date}{individual}");
        let d: Vec<u8> = s.bytes().map(|b| b - b'0').collect();
        let first9: [u8; 9] = d.try_into().unwrap();
        let (k1, k2) = control_digits(&first9).expect("valid individual number");
        format!("{s}{k1}{k2}")
    }

    /// The first individual number giving valid control digits for a date part.
    fn valid(date: &str) -> String {
        (0..1000)
            .map(|i| format!("{i:03}"))
            .find(|i| control_digits(&digits9(date, i)).is_some())
            .map(|i| synth(date, &i))
            .unwrap()
    }

    fn digits9(date: &str, ind: &str) -> [u8; 9] {
        let v: Vec<u8> = format!("{date}{ind}").bytes().map(|b| b - b'0').collect();
        v.try_into().unwrap()
    }

    #[test]
    fn control_digits_follow_mod_11() {
        // 010100 000: k1 = 11 - (0*3+1*7+0*6+1*1+0*8+0*9+0+0+0) % 11 = 11 - 8 = 3.
        assert_eq!(control(&digits9("010100", "000"), &K1), Some(3));
        // k2 over 0101000003 = 11 - 12 % 11 = 10: no valid number starts 010100000.
        assert_eq!(control_digits(&digits9("010100", "000")), None);
        let n = valid("010100");
        assert_eq!(n.len(), 11);
        let d: [u8; 11] = n
            .bytes()
            .map(|b| b - b'0')
            .collect::<Vec<_>>()
            .try_into()
            .unwrap();
        assert_eq!(classify(&d), Some(IdKind::Fodselsnummer));
    }

    #[test]
    fn finds_a_number_with_its_position() {
        let n = valid("010100");
        let text = format!("---\ntittel: Sak\n---\nPasienten har fnr. {n} i journalen.\n");
        let hits = scan(&text);
        assert_eq!(hits.len(), 1, "{text}");
        assert_eq!((hits[0].line, hits[0].col, hits[0].len), (4, 20, 11));
        assert_eq!(hits[0].kind, IdKind::Fodselsnummer);
    }

    #[test]
    fn finds_the_spaced_form_and_a_line_break() {
        let n = valid("150500");
        let spaced = format!("{} {}", &n[..6], &n[6..]);
        let hits = scan(&format!("Fnr: {spaced}."));
        assert_eq!((hits.len(), hits[0].col, hits[0].len), (1, 6, 12));
        let broken = format!("Fnr: {}\n{} videre", &n[..6], &n[6..]);
        assert_eq!(scan(&broken).len(), 1);
        // Two spaces, or a hyphen, is not the written form.
        assert!(scan(&format!("{}  {}", &n[..6], &n[6..])).is_empty());
    }

    #[test]
    fn d_and_h_numbers() {
        let d = valid("410100"); // day 1 + 40
        assert_eq!(scan(&d)[0].kind, IdKind::DNummer);
        let h = valid("014100"); // month 1 + 40
        assert_eq!(scan(&h)[0].kind, IdKind::HNummer);
    }

    #[test]
    fn a_wrong_control_digit_passes() {
        let n = valid("010100");
        let last = (n.as_bytes()[10] - b'0' + 1) % 10;
        let wrong = format!("{}{last}", &n[..10]);
        assert!(scan(&wrong).is_empty());
    }

    #[test]
    fn impossible_dates_pass() {
        // 31 April and month 13 are not dates, whatever the control digits.
        for date in ["310400", "011300", "000100", "720100", "300200"] {
            for i in 0..1000 {
                let ind = format!("{i:03}");
                if control_digits(&digits9(date, &ind)).is_some() {
                    assert!(scan(&synth(date, &ind)).is_empty(), "{date}{ind}");
                }
            }
        }
    }

    #[test]
    fn leap_day() {
        assert_eq!(scan(&valid("290200")).len(), 1);
        assert!(scan(&valid("290201")).is_empty());
    }

    #[test]
    fn everyday_numbers_pass() {
        let text = "Telefon 33 34 20 00, kostnad kr 7 000 030, org.nr. 974 633 191, \
                    konto 1234.56.78903, saksnr 2025.16, 12345678901234 (for langt), \
                    dato 2025-05-22 kl. 09:00.";
        assert!(scan(text).is_empty());
    }

    #[test]
    fn digits_next_to_the_number_make_it_something_else() {
        let n = valid("010100");
        assert!(scan(&format!("9{n}")).is_empty());
        assert!(scan(&format!("{n}9")).is_empty());
        assert_eq!(scan(&format!("fnr{n}x")).len(), 1);
    }

    #[test]
    fn file_diagnostics_are_masked_and_exact() {
        let n = valid("010100");
        let text = format!("---\ntittel: Sak\nansvarlig: {n}\n---\nTekst\n");
        let ds = check_file("content/ssu/2025-05-22/2025.16.md", text.as_bytes());
        assert_eq!(ds.len(), 1);
        let d = &ds[0];
        assert_eq!((d.line, d.col, d.len), (Some(3), Some(12), Some(11)));
        assert!(d.sensitive);
        assert!(!d.message.contains(&n));
        assert!(d
            .hint
            .as_deref()
            .unwrap()
            .contains("skriv aldri personnummer"));
        // Binary files are skipped; a number in a file name is caught.
        assert!(check_file("content/x/vedlegg/a.pdf", &[0xff, 0xfe, b'1']).is_empty());
        assert_eq!(
            check_file(&format!("content/x/vedlegg/{n}.pdf"), b"").len(),
            1
        );
    }
}
