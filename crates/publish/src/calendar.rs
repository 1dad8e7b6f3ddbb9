//! `/moter.ics`: every meeting inside its window as iCalendar (RFC 5545), in Europe/Oslo time.
//!
//! Deterministic: DTSTAMP comes from the meeting's trail, else the build date, never the clock.
//! Drafts are left out: a calendar client keeps an event it has seen, approved or not.

use crate::stamp::{self, oslo_midnight};
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Oslo;
use motebok_domain::{MeetingIx, OrganIx};
use motebok_site::urls;
use motebok_site::urls::iri;
use motebok_site::views::Views;

/// Start and optional end of a meeting's `tid`.
pub(crate) type Tid = (NaiveTime, Option<NaiveTime>);

/// Reads `tid` as editors write it: "09:00-12:00", "9.00–12.00", "kl. 09:00", "0900-1200".
pub(crate) fn parse_tid(tid: &str) -> Option<Tid> {
    let s = tid.trim().to_lowercase();
    let s = s
        .strip_prefix("kl.")
        .or_else(|| s.strip_prefix("kl"))
        .unwrap_or(&s);
    let s = s.replace(['–', '—'], "-");
    let mut parts = s.split('-').map(str::trim);
    let start = time_of(parts.next()?)?;
    let end = match parts.next() {
        Some(p) => Some(time_of(p.strip_prefix("kl.").unwrap_or(p).trim())?),
        None => None,
    };
    if parts.next().is_some() {
        return None;
    }
    Some((start, end))
}

fn time_of(s: &str) -> Option<NaiveTime> {
    let digits = |x: &str| !x.is_empty() && x.len() <= 2 && x.bytes().all(|b| b.is_ascii_digit());
    let (h, m) = match s.split_once([':', '.']) {
        Some((h, m)) => (h, m),
        None if s.len() == 4 => s.split_at(2),
        None => (s, "00"),
    };
    if !digits(h) || m.len() != 2 || !digits(m) {
        return None;
    }
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

/// The start and end of a meeting in Oslo time; an end before the start is the next day.
pub(crate) fn oslo_times(
    date: NaiveDate,
    (s, e): Tid,
) -> (DateTime<FixedOffset>, Option<DateTime<FixedOffset>>) {
    let at = |d: NaiveDate, t: NaiveTime| {
        Oslo.from_local_datetime(&d.and_time(t))
            .earliest()
            .map(|x| x.fixed_offset())
            .unwrap_or_else(|| oslo_midnight(d))
    };
    let start = at(date, s);
    let end = e.map(|e| {
        let d = if e < s {
            date + Duration::days(1)
        } else {
            date
        };
        at(d, e)
    });
    (start, end)
}

const VTIMEZONE: &[&str] = &[
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Oslo",
    "X-LIC-LOCATION:Europe/Oslo",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// TEXT escaping of RFC 5545 §3.3.11; control characters are dropped.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A URI value (not TEXT, so not escaped): without control characters or spaces, which would
/// end the line or the value. `iri` already encodes them in paths; this guards the rest.
fn uri(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect()
}

/// Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character.
pub(crate) fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
    out
}

fn utc(t: &DateTime<FixedOffset>) -> String {
    t.with_timezone(&Utc).format("%Y%m%dT%H%M%SZ").to_string()
}

/// `example.org` of `https://example.org/helsefellesskap/`: the domain of every UID.
pub(crate) fn host(base_url: &str) -> String {
    let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    host.split(':').next().unwrap_or(host).to_string()
}

fn event(v: &Views, mi: MeetingIx, host: &str) -> Vec<String> {
    let site = v.site;
    let m = &site.meetings[mi];
    let o = &site.organs[m.organ];
    let url = format!("{}{}", v.cfg.base(), iri(&urls::meeting(&o.id, m.date)));
    let changed = stamp::last(&[&m.src]);
    let stamp_time = changed.unwrap_or_else(|| oslo_midnight(v.today));
    let mut lines = vec![
        "BEGIN:VEVENT".to_string(),
        // UID is TEXT too: a name is escaped like any other value.
        format!("UID:{}", escape(&format!("{}-{}@{host}", o.id, m.date))),
        format!("DTSTAMP:{}", utc(&stamp_time)),
    ];
    if let Some(t) = stamp::first(&[&m.src]) {
        lines.push(format!("CREATED:{}", utc(&t)));
    }
    if let Some(t) = changed {
        lines.push(format!("LAST-MODIFIED:{}", utc(&t)));
    }
    let sequence = m
        .src
        .trail
        .as_ref()
        .map_or(0, |t| t.entries.len().saturating_sub(1));
    lines.push(format!("SEQUENCE:{sequence}"));
    let local =
        |t: DateTime<FixedOffset>| t.with_timezone(&Oslo).format("%Y%m%dT%H%M%S").to_string();
    match m.tid.as_deref().and_then(parse_tid) {
        Some(tid) => {
            let (start, end) = oslo_times(m.date, tid);
            lines.push(format!("DTSTART;TZID=Europe/Oslo:{}", local(start)));
            if let Some(end) = end {
                lines.push(format!("DTEND;TZID=Europe/Oslo:{}", local(end)));
            }
        }
        None => {
            lines.push(format!("DTSTART;VALUE=DATE:{}", m.date.format("%Y%m%d")));
            let next = m.date + Duration::days(1);
            lines.push(format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")));
        }
    }
    let summary = if m.avlyst {
        format!("{}-møte (avlyst)", o.kortnavn)
    } else {
        format!("{}-møte", o.kortnavn)
    };
    lines.push(format!("SUMMARY:{}", escape(&summary)));
    if let Some(sted) = &m.sted {
        lines.push(format!("LOCATION:{}", escape(sted)));
    }
    let mut desc = format!("Møte i {}.", o.navn);
    if let Some(t) = m.tid.as_deref().filter(|t| parse_tid(t).is_none()) {
        desc.push_str(&format!(" Tid: {t}."));
    }
    if m.avlyst {
        desc.push_str(" Møtet er avlyst.");
    }
    desc.push_str(&format!("\nInnkalling og saksliste: {url}"));
    lines.push(format!("DESCRIPTION:{}", escape(&desc)));
    lines.push(format!("URL:{}", uri(&url)));
    lines.push(format!(
        "STATUS:{}",
        if m.avlyst { "CANCELLED" } else { "CONFIRMED" }
    ));
    lines.push("TRANSP:OPAQUE".into());
    lines.push("END:VEVENT".into());
    lines
}

/// The calendar of every published, approved meeting, oldest first.
pub fn calendar(v: &Views) -> String {
    let name = format!("{}: møter", v.cfg.title);
    write(v, &name, 0..v.site.meetings.len())
}

/// The calendar of one body's published, approved meetings (`/<organ>/moter.ics`), oldest
/// first. Its events carry the UIDs of the site-wide calendar: the same meeting is one event.
pub(crate) fn organ_calendar(v: &Views, oi: OrganIx) -> String {
    let o = &v.site.organs[oi];
    let name = format!("{}: møter i {}", v.cfg.title, o.navn);
    write(v, &name, o.meetings.iter().copied())
}

/// A calendar named `name` of those of `meetings` that are published and approved.
fn write(v: &Views, name: &str, meetings: impl Iterator<Item = MeetingIx>) -> String {
    let host = host(&v.cfg.base_url);
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        format!(
            "PRODID:-//motebok//motebok {}//NB",
            env!("CARGO_PKG_VERSION")
        ),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", escape(name)),
        "X-WR-TIMEZONE:Europe/Oslo".into(),
    ];
    lines.extend(VTIMEZONE.iter().map(|s| s.to_string()));
    for mi in meetings {
        let m = &v.site.meetings[mi];
        if m.publication.is_published() && !m.src.draft {
            lines.extend(event(v, mi, &host));
        }
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold(l)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn reads_times_as_editors_write_them() {
        assert_eq!(parse_tid("09:00-12:00"), Some((t(9, 0), Some(t(12, 0)))));
        assert_eq!(parse_tid("9.00 – 12.30"), Some((t(9, 0), Some(t(12, 30)))));
        assert_eq!(parse_tid("kl. 13:00"), Some((t(13, 0), None)));
        assert_eq!(parse_tid("0900-1200"), Some((t(9, 0), Some(t(12, 0)))));
        assert_eq!(parse_tid("etter lunsj"), None);
        assert_eq!(parse_tid("25:00"), None);
    }

    #[test]
    fn oslo_summer_and_winter() {
        let d = NaiveDate::from_ymd_opt(2025, 5, 22).unwrap();
        let (s, e) = oslo_times(d, (t(9, 0), Some(t(12, 0))));
        assert_eq!(s.to_rfc3339(), "2025-05-22T09:00:00+02:00");
        assert_eq!(e.unwrap().to_rfc3339(), "2025-05-22T12:00:00+02:00");
        let w = NaiveDate::from_ymd_opt(2025, 1, 9).unwrap();
        assert_eq!(
            oslo_times(w, (t(9, 0), None)).0.to_rfc3339(),
            "2025-01-09T09:00:00+01:00"
        );
    }

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let line = format!("DESCRIPTION:{}", "ø".repeat(100));
        let folded = fold(&line);
        for l in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{line}\r\n"));
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        assert_eq!(host("https://example.org:8443/hf/"), "example.org");
    }
}
