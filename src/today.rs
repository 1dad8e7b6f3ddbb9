//! "Today", the one date of a run: `--as-of`, else SOURCE_DATE_EPOCH, else the clock in
//! Europe/Oslo. Only the command line reads the clock; the builder is given the date, so a
//! build across midnight keys and renders one and the same day.

use chrono::NaiveDate;
use motebok_builder::build::DateSource;
use motebok_builder::setup_error::SetupError;
use motebok_builder::BuildError;

/// The date of this run.
pub(crate) fn resolve(as_of: Option<NaiveDate>) -> Result<NaiveDate, BuildError> {
    if let Some(d) = as_of {
        return Ok(d);
    }
    if let Ok(s) = std::env::var("SOURCE_DATE_EPOCH") {
        let secs: i64 = s
            .trim()
            .parse()
            .map_err(|_| BuildError::from(SetupError::EpochNotSeconds(s.clone())))?;
        let t = chrono::DateTime::from_timestamp(secs, 0)
            .ok_or_else(|| BuildError::from(SetupError::EpochOutOfRange(s.clone())))?;
        return Ok(t.with_timezone(&chrono_tz::Europe::Oslo).date_naive());
    }
    Ok(chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Oslo)
        .date_naive())
}

/// The dates of a live preview, one per rebuild: checked once here, so a rebuild cannot fail
/// on them (the environment does not change under a running process).
pub(crate) fn source(as_of: Option<NaiveDate>) -> Result<DateSource, BuildError> {
    let first = resolve(as_of)?;
    Ok(DateSource::new(move || resolve(as_of).unwrap_or(first)))
}
