//! The publication window of CONTENT.md §7.

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

/// Where a document stands on the build date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "state", rename_all = "lowercase")]
pub enum Publication {
    /// On the site; `closes` is the first day it is not (`None`: in force, no end yet).
    Published {
        /// The first day it is not on the site.
        closes: Option<NaiveDate>,
    },
    /// Its window closed on `closed`: a tombstone stands at its URL.
    Tombstone {
        /// The day the window closed.
        closed: NaiveDate,
    },
    /// `offentlig: false`: never published, beyond its agenda line.
    Exempt,
}

impl Publication {
    /// On the site on the build date.
    pub fn is_published(&self) -> bool {
        matches!(self, Publication::Published { .. })
    }
    /// The last day on the site, if it has one.
    pub fn last_day(&self) -> Option<NaiveDate> {
        match self {
            Publication::Published { closes: Some(c) } => c.pred_opt(),
            Publication::Tombstone { closed } => closed.pred_opt(),
            _ => None,
        }
    }
}

/// The day a window opened on `start` closes: `start` plus `months` (clamped to month end).
/// A meeting on 2025-05-22 with 24 months is on the site through 2027-05-21.
pub fn closing_day(start: NaiveDate, months: u32) -> NaiveDate {
    start
        .checked_add_months(Months::new(months))
        .unwrap_or_else(|| {
            NaiveDate::from_ymd_opt(start.year() + (months / 12) as i32, 12, 31).unwrap_or(start)
        })
}

/// The state on `today` of a window that opens on `start` (`None`: never closes).
pub fn state(start: Option<NaiveDate>, months: u32, today: NaiveDate) -> Publication {
    match start {
        None => Publication::Published { closes: None },
        Some(s) => {
            let closes = closing_day(s, months);
            if today < closes {
                Publication::Published {
                    closes: Some(closes),
                }
            } else {
                Publication::Tombstone { closed: closes }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn closes_on_its_closing_day() {
        let m = d("2025-05-22");
        assert!(state(Some(m), 24, d("2027-05-21")).is_published());
        assert_eq!(
            state(Some(m), 24, d("2027-05-22")),
            Publication::Tombstone {
                closed: d("2027-05-22")
            }
        );
        assert_eq!(
            state(Some(m), 24, d("2027-05-21")).last_day(),
            Some(d("2027-05-21"))
        );
    }

    #[test]
    fn month_end_clamps() {
        assert_eq!(closing_day(d("2024-02-29"), 24), d("2026-02-28"));
        assert_eq!(closing_day(d("2025-08-31"), 6), d("2026-02-28"));
    }

    #[test]
    fn in_force_never_closes() {
        assert_eq!(
            state(None, 24, d("2090-01-01")),
            Publication::Published { closes: None }
        );
    }
}
