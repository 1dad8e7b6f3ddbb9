//! The calendar and the sitemap of whole sites built in memory (`crate::testkit`): they need
//! the builder to resolve and render a site, so they live here rather than in
//! `motebok-publish`.

use crate::testkit::{self, *};
use motebok_domain::{Change, Trails};
use motebok_publish::calendar;
use motebok_site::views::Views;

#[test]
fn lists_published_pages_only_with_lastmod_from_the_trail() {
    let mut trails = Trails::new();
    trails.insert(
        "content/ssu/2025-05-22/2025.13.md".into(),
        trail(vec![entry(
            "b1",
            "2025-05-23T14:00:00+02:00",
            "Vedtak",
            Change::Added,
        )]),
    );
    let drafts = ["content/ssu/2025-05-22/_mote.md"];
    let site = site(&files(), trails, &drafts, "2025-06-10");
    let out = render(&site, "2025-06-10");
    let map = text(&out, "sitemap.xml");
    let base = "https://example.org/hf/";
    assert!(map.contains(&format!(
        "<url><loc>{base}ssu/sak/2025.13/</loc><lastmod>2025-05-23T14:00:00+02:00</lastmod></url>"
    )));
    assert!(map.contains(&format!("<loc>{base}ssu/2025-05-22/vedlegg/notat/</loc>")));
    assert!(map.contains(&format!("<loc>{base}api/</loc>")));
    // Tombstones (2023), the exempt case (no page) and the draft meeting are absent.
    for gone in [
        "ssu/2023-01-10/",
        "ssu/sak/2023.01/",
        "ssu/sak/2025.14/",
        "ssu/2025-05-22/<",
        "404.html",
    ] {
        assert!(!map.contains(gone), "{gone} in the sitemap:\n{map}");
    }
}

/// Whatever names and texts hold, every line of the calendar is one property of the
/// calendar: no value starts a line of its own, and TEXT values (the UID too) are escaped.
#[test]
fn every_value_is_escaped_uid_included() {
    let mut site = testkit::site(&testkit::files(), Default::default(), &[], "2025-06-01");
    let hostile = "a;b,c\\d\ne\rX-INJECTED:1\tf\u{1b}";
    site.organs[0].id = format!("ssu{hostile}");
    site.organs[0].navn = format!("Navn{hostile}");
    site.organs[0].kortnavn = format!("SSU{hostile}");
    for m in &mut site.meetings {
        m.sted = Some(format!("Sted{hostile}"));
        m.tid = Some(format!("etter lunsj{hostile}"));
    }
    let mut cfg = motebok_site::config::SiteConfig::parse(testkit::TOML).unwrap();
    cfg.title = format!("Tittel{hostile}");
    let bodies = crate::store::Store::in_memory();
    let views = Views::new(&site, &cfg, testkit::day("2025-06-01"), &bodies);
    let ics = calendar(&views);
    let unfolded = ics.replace("\r\n ", "");
    assert!(unfolded.ends_with("\r\n"));
    let known = [
        "BEGIN",
        "END",
        "VERSION",
        "PRODID",
        "CALSCALE",
        "METHOD",
        "X-WR-CALNAME",
        "X-WR-TIMEZONE",
        "TZID",
        "X-LIC-LOCATION",
        "TZOFFSETFROM",
        "TZOFFSETTO",
        "TZNAME",
        "DTSTART",
        "RRULE",
        "UID",
        "DTSTAMP",
        "CREATED",
        "LAST-MODIFIED",
        "SEQUENCE",
        "DTEND",
        "SUMMARY",
        "LOCATION",
        "DESCRIPTION",
        "URL",
        "STATUS",
        "TRANSP",
    ];
    let mut uids = 0;
    for line in unfolded.trim_end_matches("\r\n").split("\r\n") {
        let name = line.split([':', ';']).next().unwrap();
        assert!(known.contains(&name), "a line of its own: {line:?}");
        assert!(!line.contains(['\r', '\n', '\t', '\u{1b}']), "{line:?}");
        let value = line.split_once(':').unwrap().1;
        if matches!(
            name,
            "UID" | "SUMMARY" | "LOCATION" | "DESCRIPTION" | "X-WR-CALNAME"
        ) {
            // Every `;` and `,` escaped, and every backslash part of an escape.
            let mut chars = value.chars();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => assert!(
                        matches!(chars.next(), Some('\\' | ';' | ',' | 'n' | 'N')),
                        "{line:?}"
                    ),
                    ';' | ',' => panic!("unescaped {c:?} in {line:?}"),
                    _ => {}
                }
            }
        }
        if name == "UID" {
            uids += 1;
            assert!(
                value.starts_with("ssua\\;b\\,c\\\\d\\neX-INJECTED:1f-"),
                "{line:?}"
            );
        }
    }
    assert_eq!(uids, 1, "{unfolded}");
}
