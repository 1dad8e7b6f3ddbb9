//! Stable identities and times: the same content gives the same package, byte for byte.
//!
//! A `systemID` is a UUIDv5 of the publisher and a key naming the thing (`sak/ssu/2025.16`), so
//! a case keeps its systemID in every export, and packages of different years can refer to
//! each other. Times come from the git trail or the build's "today", never the wall clock.

use chrono::{DateTime, FixedOffset, NaiveDate, SecondsFormat, TimeZone};
use chrono_tz::Europe::Oslo;
use motebok_domain::{Change, Source, TrailEntry};
use uuid::Uuid;

/// Makes the systemIDs of one site.
pub(super) struct Ids {
    ns: Uuid,
}

impl Ids {
    pub(super) fn new(publisher: &str) -> Ids {
        let root = Uuid::new_v5(&Uuid::NAMESPACE_URL, b"urn:motebok:noark5");
        Ids {
            ns: Uuid::new_v5(&root, publisher.as_bytes()),
        }
    }

    pub(super) fn id(&self, key: &str) -> String {
        Uuid::new_v5(&self.ns, key.as_bytes()).to_string()
    }
}

/// When and by whom: `opprettetDato`/`opprettetAv` and their kin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Stamp {
    pub at: DateTime<FixedOffset>,
    pub by: String,
}

impl Stamp {
    pub(super) fn new(at: DateTime<FixedOffset>, by: &str) -> Stamp {
        Stamp {
            at,
            by: by.to_string(),
        }
    }

    /// As `xs:dateTime`, with the offset it was recorded with.
    pub(super) fn time(&self) -> String {
        self.at.to_rfc3339_opts(SecondsFormat::Secs, false)
    }
}

/// Who did something, when the trail does not say.
pub(super) const UNKNOWN: &str = "ukjent";
/// Who did what the export itself did (closing units, registering notes).
pub(super) const SYSTEM: &str = "motebok";

/// Midnight in Oslo at the start of `d`.
pub(super) fn midnight(d: NaiveDate) -> DateTime<FixedOffset> {
    let naive = d.and_hms_opt(0, 0, 0).unwrap_or_default();
    match Oslo.from_local_datetime(&naive).earliest() {
        Some(t) => t.fixed_offset(),
        None => naive.and_utc().fixed_offset(),
    }
}

pub(super) fn entries(src: &Source) -> &[TrailEntry] {
    src.trail.as_ref().map_or(&[], |t| t.entries.as_slice())
}

/// The people behind one trail entry: its authors, else who approved it.
pub(super) fn people(e: &TrailEntry) -> String {
    let names = if e.authors.is_empty() {
        &e.approvers
    } else {
        &e.authors
    };
    if names.is_empty() {
        UNKNOWN.to_string()
    } else {
        names.join(", ")
    }
}

/// When the file first appeared on the branch, and who wrote it; else `fallback` by nobody known.
pub(super) fn created(src: &Source, fallback: NaiveDate) -> Stamp {
    match entries(src).first() {
        Some(e) => Stamp::new(e.time, &people(e)),
        None => Stamp::new(midnight(fallback), UNKNOWN),
    }
}

/// The last change of the file; else `fallback`.
pub(super) fn changed(src: &Source, fallback: NaiveDate) -> Stamp {
    match entries(src).last() {
        Some(e) => Stamp::new(e.time, &people(e)),
        None => created(src, fallback),
    }
}

/// The version archived: how many commits added or changed the file (at least 1).
pub(super) fn version(src: &Source) -> u32 {
    let n = entries(src)
        .iter()
        .filter(|e| !matches!(e.change, Change::Deleted))
        .count();
    n.max(1) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_ids() {
        let a = Ids::new("Helsefellesskapet");
        assert_eq!(a.id("sak/ssu/2025.16"), a.id("sak/ssu/2025.16"));
        assert_ne!(a.id("sak/ssu/2025.16"), a.id("sak/ssu/2025.17"));
        assert_ne!(
            a.id("sak/ssu/2025.16"),
            Ids::new("Et annet fellesskap").id("sak/ssu/2025.16")
        );
        assert_eq!(a.id("x").len(), 36);
    }

    #[test]
    fn oslo_midnight() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let t = |s| Stamp::new(midnight(d(s)), SYSTEM).time();
        assert_eq!(t("2025-01-15"), "2025-01-15T00:00:00+01:00");
        assert_eq!(t("2025-07-01"), "2025-07-01T00:00:00+02:00");
    }
}
