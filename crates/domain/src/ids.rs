//! Case numbers and references between cases and meetings.

use chrono::NaiveDate;
use std::fmt;

/// A case number `YYYY.NN`: numbered per body and year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CaseNumber {
    /// The year the number belongs to.
    pub year: i32,
    /// The running number within the body and year.
    pub seq: u32,
}

impl CaseNumber {
    /// Parses `2025.07`: four digits, a dot, at least two digits.
    pub fn parse(s: &str) -> Option<CaseNumber> {
        let (y, n) = s.split_once('.')?;
        let digits = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
        if y.len() != 4 || n.len() < 2 || !digits(y) || !digits(n) {
            return None;
        }
        Some(CaseNumber {
            year: y.parse().ok()?,
            seq: n.parse().ok()?,
        })
    }
}

impl fmt::Display for CaseNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.year, self.seq)
    }
}

/// `2025.07` (same body) or `fsu/2025.07`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CaseRef {
    /// The body's id, filled in from the citing file when not written.
    pub organ: String,
    /// The case number within that body.
    pub number: CaseNumber,
}

impl CaseRef {
    /// Parses a reference; a bare number means `own_organ`, and without one it is an error.
    /// The error is the editor's hint, in Norwegian.
    pub fn parse(s: &str, own_organ: Option<&str>) -> Result<CaseRef, &'static str> {
        let (organ, num) = match s.split_once('/') {
            Some((o, n)) => (o, n),
            None => (
                own_organ
                    .ok_or("mangler organ: skriv `organ/saksnr`, for eksempel `ssu/2025.16`")?,
                s,
            ),
        };
        let number =
            CaseNumber::parse(num).ok_or("et saksnummer skrives ÅÅÅÅ.NN, for eksempel 2025.07")?;
        Ok(CaseRef {
            organ: organ.to_string(),
            number,
        })
    }
}

/// `2025-02-27` (same body) or `fsu/2025-04-29`: a meeting whose minutes are approved.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MeetingRef {
    /// The body's id, `own_organ` when not written.
    pub organ: String,
    /// The meeting date.
    pub date: NaiveDate,
}

impl MeetingRef {
    /// Parses a reference; a bare date means `own_organ`. The error is the editor's hint.
    pub fn parse(s: &str, own_organ: &str) -> Result<MeetingRef, &'static str> {
        let (organ, d) = match s.split_once('/') {
            Some((o, d)) => (o, d),
            None => (own_organ, s),
        };
        let date = motebok_parser::parse_iso_date(d).map_err(|_| {
            "skriv møtets dato som ÅÅÅÅ-MM-DD, eller `organ/ÅÅÅÅ-MM-DD` for et annet organ"
        })?;
        Ok(MeetingRef {
            organ: organ.to_string(),
            date,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_numbers() {
        assert_eq!(
            CaseNumber::parse("2025.07"),
            Some(CaseNumber { year: 2025, seq: 7 })
        );
        assert_eq!(CaseNumber::parse("2025.7"), None);
        assert_eq!(CaseNumber::parse("25.07"), None);
        assert_eq!(
            CaseNumber::parse("2025.123").unwrap().to_string(),
            "2025.123"
        );
        assert!(CaseNumber::parse("2025.16") < CaseNumber::parse("2025.100"));
    }

    #[test]
    fn references() {
        let r = CaseRef::parse("fsu/2025.08", Some("ssu")).unwrap();
        assert_eq!((r.organ.as_str(), r.number.seq), ("fsu", 8));
        assert_eq!(CaseRef::parse("2024.29", Some("ssu")).unwrap().organ, "ssu");
        assert!(CaseRef::parse("2024.29", None).is_err());
        assert_eq!(
            MeetingRef::parse("fsu/2025-04-29", "ssu").unwrap().organ,
            "fsu"
        );
    }
}
