//! The next free case number of a body and year.

use motebok_domain::CaseNumber;
use motebok_parser::frontmatter::{split, Value};
use std::path::Path;

/// The number after the highest one used in `year` (gaps are not reused: numbers follow the
/// order cases were registered in).
pub fn next(year: i32, used: impl IntoIterator<Item = CaseNumber>) -> CaseNumber {
    let seq = used
        .into_iter()
        .filter(|n| n.year == year)
        .map(|n| n.seq)
        .max()
        .unwrap_or(0);
    CaseNumber { year, seq: seq + 1 }
}

/// Every case number used in the meetings of one body in `year`, read from the working tree:
/// the file names and the `saksnr` in them (they should agree, but a draft may not yet).
pub fn case_numbers(organ_dir: &Path, year: i32) -> std::io::Result<Vec<CaseNumber>> {
    let mut out = Vec::new();
    let prefix = format!("{year}-");
    for meeting in std::fs::read_dir(organ_dir)? {
        let meeting = meeting?;
        let name = meeting.file_name().to_string_lossy().into_owned();
        if !name.starts_with(&prefix) || !meeting.file_type()?.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(meeting.path())? {
            let file = file?;
            let fname = file.file_name().to_string_lossy().into_owned();
            let Some(stem) = fname.strip_suffix(".md") else {
                continue;
            };
            if fname.starts_with(['.', '_']) || !file.file_type()?.is_file() {
                continue;
            }
            out.extend(CaseNumber::parse(stem));
            if let Ok(text) = std::fs::read_to_string(file.path()) {
                out.extend(saksnr_in(&text));
            }
        }
    }
    Ok(out)
}

fn saksnr_in(text: &str) -> Option<CaseNumber> {
    let fm = split("", text).ok()?;
    let f = fm.get("saksnr")?;
    match &f.value {
        Value::Str(s) => CaseNumber::parse(s.trim()),
        // `2025.10` unquoted is a float: what was written is in the raw text.
        _ => CaseNumber::parse(f.raw.trim_matches(|c| c == '"' || c == '\'')),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> CaseNumber {
        CaseNumber::parse(s).unwrap()
    }

    #[test]
    fn after_the_highest_of_the_year() {
        let used = [n("2026.01"), n("2026.03"), n("2026.02"), n("2025.40")];
        assert_eq!(next(2026, used).to_string(), "2026.04");
        assert_eq!(next(2027, used).to_string(), "2027.01");
        assert_eq!(next(2026, [n("2026.99")]).to_string(), "2026.100");
    }

    #[test]
    fn reads_names_and_front_matter() {
        let dir = tempfile::tempdir().unwrap();
        let m1 = dir.path().join("2026-02-26");
        let m2 = dir.path().join("2026-04-30");
        let old = dir.path().join("2025-11-27");
        for d in [&m1, &m2, &old] {
            std::fs::create_dir_all(d.join("vedlegg")).unwrap();
            std::fs::write(d.join("_mote.md"), "---\ndato: x\n---\n").unwrap();
        }
        std::fs::write(m1.join("2026.01.md"), "---\nsaksnr: \"2026.01\"\n---\n").unwrap();
        // A draft whose name and number disagree: both are taken.
        std::fs::write(m2.join("2026.02.md"), "---\nsaksnr: 2026.10\n---\n").unwrap();
        std::fs::write(old.join("2025.30.md"), "---\nsaksnr: \"2025.30\"\n---\n").unwrap();
        std::fs::write(m2.join("vedlegg/2026.50.md"), "").unwrap();
        let mut got = case_numbers(dir.path(), 2026).unwrap();
        got.sort();
        assert_eq!(
            got,
            vec![n("2026.01"), n("2026.01"), n("2026.02"), n("2026.10")]
        );
    }
}
