//! Times and the approval trail as open data: `created`, `modified` and `motebok:trail`.
//!
//! Everything here comes from git (never the clock), so the same history gives the same bytes.

use chrono::{DateTime, FixedOffset, NaiveDate, SecondsFormat, TimeZone};
use chrono_tz::Europe::Oslo;
use motebok_domain::{Change, FileTrail, Source};
use serde::Serialize;

/// One first-parent commit that changed the file behind an object.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub(crate) struct TrailJson {
    pub commit: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commit_url: Option<String>,
    pub time: String,
    pub subject: String,
    /// `added`, `modified`, `renamed` or `deleted`.
    pub change: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
    pub approvers: Vec<String>,
    pub authors: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pull_request: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pull_request_url: Option<String>,
    pub direct: bool,
    pub imported: bool,
}

/// `created`, `modified` and the trail of one object; all absent when no file has a trail.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub(crate) struct Stamp {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    #[serde(rename = "motebok:trail", skip_serializing_if = "Vec::is_empty")]
    pub trail: Vec<TrailJson>,
}

/// RFC 3339 with whole seconds and the commit's own offset: stable text for a stable instant.
pub(crate) fn rfc3339(t: &DateTime<FixedOffset>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// Midnight in Oslo on `d`, for things that have a date but no commit time.
pub(crate) fn oslo_midnight(d: NaiveDate) -> DateTime<FixedOffset> {
    let naive = d.and_hms_opt(0, 0, 0).unwrap_or_default();
    match Oslo.from_local_datetime(&naive).earliest() {
        Some(t) => t.fixed_offset(),
        // Midnight never falls in a DST gap in Oslo; UTC is a safe fallback regardless.
        None => naive.and_utc().fixed_offset(),
    }
}

/// When the first of `sources` appeared on the branch.
pub(crate) fn first(sources: &[&Source]) -> Option<DateTime<FixedOffset>> {
    sources
        .iter()
        .filter_map(|s| s.trail.as_ref()?.published())
        .map(|e| e.time)
        .min()
}

/// The last change to any of `sources`.
pub(crate) fn last(sources: &[&Source]) -> Option<DateTime<FixedOffset>> {
    sources
        .iter()
        .filter_map(|s| s.trail.as_ref()?.changed())
        .map(|e| e.time)
        .max()
}

fn trim(url: &str) -> &str {
    url.trim_end_matches('/')
}

pub(crate) fn trail_json(trail: &FileTrail, repo: Option<&str>) -> Vec<TrailJson> {
    trail
        .entries
        .iter()
        .map(|e| {
            let (change, renamed_from) = match &e.change {
                Change::Added => ("added", None),
                Change::Modified => ("modified", None),
                Change::Renamed { from } => ("renamed", Some(from.clone())),
                Change::Deleted => ("deleted", None),
            };
            TrailJson {
                commit: e.commit.clone(),
                commit_url: repo.map(|r| format!("{}/commit/{}", trim(r), e.commit)),
                time: rfc3339(&e.time),
                subject: e.subject.clone(),
                change,
                renamed_from,
                approvers: e.approvers.clone(),
                authors: e.authors.clone(),
                pull_request: e.pull_request,
                pull_request_url: e
                    .pull_request
                    .and_then(|n| repo.map(|r| format!("{}/pull/{n}", trim(r)))),
                direct: e.direct,
                imported: e.imported,
            }
        })
        .collect()
}

/// The stamp of an object built from `own` and, for `modified`, also from `parts` (a meeting's
/// agenda comes from its cases): a change to any of them changes what the object says.
pub(crate) fn stamp(own: &Source, parts: &[&Source], repo: Option<&str>) -> Stamp {
    let mut all = vec![own];
    all.extend_from_slice(parts);
    Stamp {
        created: first(&[own]).or_else(|| first(&all)).map(|t| rfc3339(&t)),
        modified: last(&all).map(|t| rfc3339(&t)),
        trail: own
            .trail
            .as_ref()
            .map(|t| trail_json(t, repo))
            .unwrap_or_default(),
    }
}
