//! Resolving a small two-body site: threads, windows, trails and file order.

use super::*;
use crate::trail::{Change, FileTrail, TrailEntry};
use crate::window::Publication;
use chrono::DateTime;
use motebok_parser::parse_file;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn files() -> Vec<RawFile> {
    let src: &[(&str, &str)] = &[
        ("content/ssu/_organ.md", "---\nnavn: SSU\nkortnavn: SSU\n---\n"),
        ("content/fsu/_organ.md", "---\nnavn: FSU\nkortnavn: FSU\nvindu_maneder: 12\n---\n"),
        ("content/ssu/2025-02-27/_mote.md", "---\ndato: 2025-02-27\n---\n"),
        ("content/ssu/2025-02-27/2025.07.md", "---\nsaksnr: \"2025.07\"\ntittel: Tilskudd\nsakstype: [beslutning]\nvedlegg:\n  - tittel: V\n    fil: vedlegg/v.md\n---\n"),
        ("content/ssu/2025-02-27/vedlegg/v.md", "Vedlegg\n"),
        ("content/fsu/2025-04-29/_mote.md", "---\ndato: 2025-04-29\n---\n"),
        ("content/fsu/2025-04-29/2025.08.md", "---\nsaksnr: \"2025.08\"\ntittel: Rutine\nsakstype: [dialog]\noppfolging_av: [\"ssu/2025.07\"]\n---\n"),
        ("content/fsu/2025-04-29/2025.09.md", "---\nsaksnr: \"2025.09\"\ntittel: Personal\nsakstype: [dialog]\noffentlig: false\nskjermingshjemmel: offl. § 13\nvedlegg:\n  - tittel: V\n    fil: vedlegg/p.md\n---\n"),
        ("content/fsu/2025-04-29/vedlegg/p.md", "Hemmelig\n"),
        ("content/ssu/2025-05-22/_mote.md", "---\ndato: 2025-05-22\n---\n"),
        ("content/ssu/2025-05-22/2025.23.md", "---\nsaksnr: \"2025.23\"\ntittel: Status\nsakstype: [orientering]\noppfolging_av: [\"2025.07\", \"fsu/2025.08\"]\ngodkjenner_referat: [\"2025-02-27\"]\n---\n"),
    ];
    src.iter()
        .map(|(p, t)| parse_file(p, t.as_bytes()).unwrap())
        .collect()
}

fn resolve_at(today: &str, trails: &Trails) -> Site {
    resolve(Inputs {
        files: files(),
        trails,
        drafts: &HashSet::new(),
        today: d(today),
        window_months: 24,
        unparsed: &HashSet::new(),
    })
    .unwrap()
}

fn case<'a>(site: &'a Site, organ: &str, n: &str) -> (CaseIx, &'a Case) {
    let ix = site
        .cases
        .iter()
        .position(|c| site.organs[c.organ].id == organ && c.number.to_string() == n)
        .unwrap();
    (ix, &site.cases[ix])
}

#[test]
fn threads_run_both_ways_across_bodies() {
    let site = resolve_at("2025-06-01", &Trails::new());
    let (c07, ssu07) = case(&site, "ssu", "2025.07");
    let (c08, fsu08) = case(&site, "fsu", "2025.08");
    let (c23, ssu23) = case(&site, "ssu", "2025.23");
    assert_eq!(ssu23.follows_up, vec![c07, c08]);
    assert_eq!(ssu07.followed_by, vec![c08, c23]);
    assert_eq!(fsu08.followed_by, vec![c23]);
    assert_eq!(site.thread(c23), vec![c07, c08, c23]);
    let m = ssu07.meeting;
    assert_eq!(site.meetings[m].minutes_approved_by, vec![c23]);
}

#[test]
fn windows_follow_the_body_and_exempt_is_never_published() {
    let site = resolve_at("2026-05-01", &Trails::new());
    // FSU has a 12-month window: closed on 2026-04-29.
    let (_, fsu08) = case(&site, "fsu", "2025.08");
    assert_eq!(
        fsu08.publication,
        Publication::Tombstone {
            closed: d("2026-04-29")
        }
    );
    let (_, ssu07) = case(&site, "ssu", "2025.07");
    assert_eq!(
        ssu07.publication,
        Publication::Published {
            closes: Some(d("2027-02-27"))
        }
    );
    let (_, exempt) = case(&site, "fsu", "2025.09");
    assert_eq!(exempt.publication, Publication::Exempt);
    // The exempt case's attachment is never published; the public one follows its case.
    let att = |name: &str| {
        site.attachments
            .iter()
            .find(|a| a.name == name)
            .unwrap()
            .publication
    };
    assert_eq!(att("p.md"), Publication::Exempt);
    assert_eq!(att("v.md"), ssu07.publication);
}

#[test]
fn hand_made_trail_reaches_the_item() {
    let t = DateTime::parse_from_rfc3339("2025-03-01T10:00:00+01:00").unwrap();
    let entry = TrailEntry {
        commit: "abc".into(),
        time: t,
        subject: "Merge pull request #4".into(),
        approvers: vec!["Kari".into()],
        pull_request: Some(4),
        authors: vec!["Ola".into()],
        change: Change::Added,
        direct: false,
        imported: false,
    };
    let mut trails = Trails::new();
    trails.insert(
        "content/ssu/2025-02-27/2025.07.md".into(),
        FileTrail {
            entries: vec![entry],
        }
        .into(),
    );
    let site = resolve_at("2025-06-01", &trails);
    let (_, c) = case(&site, "ssu", "2025.07");
    assert_eq!(
        c.src
            .trail
            .as_ref()
            .unwrap()
            .published()
            .unwrap()
            .pull_request,
        Some(4)
    );
    let (_, other) = case(&site, "ssu", "2025.23");
    assert!(other.src.trail.is_none());
}

fn inputs<'a>(files: Vec<RawFile>, empty: &'a HashSet<String>, trails: &'a Trails) -> Inputs<'a> {
    Inputs {
        files,
        trails,
        drafts: empty,
        today: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        window_months: 24,
        unparsed: empty,
    }
}

#[test]
fn the_order_files_come_in_does_not_matter() {
    let src: &[(&str, &str)] = &[
        ("content/ssu/_organ.md", "---\nnavn: SSU\nkortnavn: SSU\n---\n"),
        ("content/fsu/_organ.md", "---\nnavn: FSU\nkortnavn: FSU\n---\n"),
        ("content/ssu/2025-05-22/_mote.md", "---\ndato: 2025-05-22\n---\n"),
        ("content/ssu/2025-02-27/_mote.md", "---\ndato: 2025-02-27\n---\n"),
        ("content/ssu/2025-02-27/2025.01.md", "---\nsaksnr: \"2025.01\"\ntittel: A\nsakstype: [dialog]\n---\n"),
        ("content/ssu/2025-05-22/2025.02.md", "---\nsaksnr: \"2025.02\"\ntittel: B\nsakstype: [dialog]\noppfolging_av: [\"2025.01\"]\n---\n"),
        ("content/ssu/2025-05-22/2025.03.md", "---\nsaksnr: \"2025.03\"\ntittel: C\nsakstype: [dialog]\noppfolging_av: [\"2025.01\"]\n---\n"),
        ("content/dokumenter/a.md", "---\ntittel: A\ndoktype: brev\ndato: 2025-01-01\n---\n"),
        ("content/dokumenter/b.md", "---\ntittel: B\ndoktype: brev\ndato: 2025-01-01\n---\n"),
    ];
    let parsed: Vec<RawFile> = src
        .iter()
        .map(|(p, t)| parse_file(p, t.as_bytes()).unwrap())
        .collect();
    let (empty, trails) = (HashSet::new(), Trails::default());
    let forward = resolve(inputs(parsed.clone(), &empty, &trails)).unwrap();
    let mut reversed = parsed.clone();
    reversed.reverse();
    let mut rotated = parsed;
    rotated.rotate_left(4);
    assert_eq!(resolve(inputs(reversed, &empty, &trails)).unwrap(), forward);
    assert_eq!(resolve(inputs(rotated, &empty, &trails)).unwrap(), forward);
}
