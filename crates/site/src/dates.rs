//! Norwegian date formats ("22. mai 2025") and Europe/Oslo times for git dates.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Weekday};
use chrono_tz::Europe::Oslo;

const MONTHS: [&str; 12] = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
];

/// `22. mai 2025`
pub fn long(d: NaiveDate) -> String {
    format!("{}. {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

/// `torsdag 22. mai 2025`
pub fn with_weekday(d: NaiveDate) -> String {
    let w = match d.weekday() {
        Weekday::Mon => "mandag",
        Weekday::Tue => "tirsdag",
        Weekday::Wed => "onsdag",
        Weekday::Thu => "torsdag",
        Weekday::Fri => "fredag",
        Weekday::Sat => "lørdag",
        Weekday::Sun => "søndag",
    };
    format!("{w} {}", long(d))
}

/// `22.05.2025`
pub fn short(d: NaiveDate) -> String {
    format!("{:02}.{:02}.{}", d.day(), d.month(), d.year())
}

/// A git time shown in Oslo time: `22. mai 2025 kl. 14:03`.
pub fn oslo_time(t: &DateTime<FixedOffset>) -> String {
    let o = t.with_timezone(&Oslo);
    format!("{} kl. {}", long(o.date_naive()), o.format("%H:%M"))
}

/// The Oslo calendar day of a git time.
pub fn oslo_day(t: &DateTime<FixedOffset>) -> NaiveDate {
    t.with_timezone(&Oslo).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norwegian() {
        let d = NaiveDate::from_ymd_opt(2025, 5, 22).unwrap();
        assert_eq!(long(d), "22. mai 2025");
        assert_eq!(with_weekday(d), "torsdag 22. mai 2025");
        assert_eq!(short(d), "22.05.2025");
        let t = DateTime::parse_from_rfc3339("2025-05-22T23:30:00+00:00").unwrap();
        assert_eq!(oslo_time(&t), "23. mai 2025 kl. 01:30");
    }
}
