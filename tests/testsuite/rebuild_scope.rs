//! What a one-commit rebuild makes again: only the outputs of what changed. The counts come
//! from the build's own timings output (`MOTEBOK_TIMINGS=1`: pages made, feeds made, bodies
//! read from git), never from time; and the result is compared with a full build, byte for
//! byte.

use crate::common::*;
use std::process::Command;

/// `motebok build` with the phase timings on (they report what was made), asserting success.
fn build_counting(site: &Site, as_of: &str) -> String {
    let out = site.out_dir();
    let o = Command::new(env!("CARGO_BIN_EXE_motebok"))
        .args(["build", "--as-of", as_of, "--output", out.to_str().unwrap()])
        .arg("--root")
        .arg(site.path())
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .env("MOTEBOK_TIMINGS", "1")
        .output()
        .expect("motebok runs");
    let e = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "build failed:\n{e}");
    assert!(
        e.contains("Oppdaterte"),
        "not a rebuild from the snapshot:\n{e}"
    );
    e
}

/// The two numbers of a line `<label> <a> of <b>` (`bodies loaded: 3 of 20 from git`).
fn of(stderr: &str, label: &str) -> (usize, usize) {
    let line = stderr
        .lines()
        .find_map(|l| l.strip_prefix(label))
        .unwrap_or_else(|| panic!("no `{label}` in:\n{stderr}"));
    let n: Vec<usize> = line
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    (n[0], n[1])
}

/// `Oppdaterte …: N av M sider laget på nytt`: N.
fn pages_made(stderr: &str) -> usize {
    let rest = stderr.split("Oppdaterte ").nth(1).unwrap();
    let rest = rest.split(": ").nth(1).unwrap();
    rest.split_whitespace().next().unwrap().parse().unwrap()
}

/// A body with an old meeting of many cases, each linking its attachment (so resolving reads
/// where each link is, if it reads bodies at all), and a third meeting whose cases were
/// published and then deleted: each deleted case keeps a page at its URL.
fn site_with_history() -> Site {
    let site = Site::minimal();
    site.write(
        "content/ssu/2025-02-10/_mote.md",
        "---\ndato: 2025-02-10\ntid: \"09:00-12:00\"\nsted: SiV\n---\nEt eldre møte.\n",
    );
    for n in 1..=8 {
        site.write(
            &format!("content/ssu/2025-02-10/2025.0{n}.md"),
            &format!(
                "---\nsaksnr: \"2025.0{n}\"\ntittel: Eldre sak {n}\nsakstype: [orientering]\n\
                 ansvarlig: Kari Nordmann\nvedlegg:\n  - tittel: Notat {n}\n    fil: vedlegg/notat-{n}.md\n\
                 ---\nSe [notatet](vedlegg/notat-{n}.md) om sak {n}.\n"
            ),
        );
        site.write(
            &format!("content/ssu/2025-02-10/vedlegg/notat-{n}.md"),
            &format!("# Notat {n}\n\nInnhold {n}.\n"),
        );
    }
    site.write(
        "content/ssu/2025-03-12/_mote.md",
        "---\ndato: 2025-03-12\ntid: \"09:00-12:00\"\nsted: SiV\n---\nEt møte som ble trukket.\n",
    );
    for n in 20..=29 {
        site.write(
            &format!("content/ssu/2025-03-12/2025.{n}.md"),
            &format!(
                "---\nsaksnr: \"2025.{n}\"\ntittel: Trukket sak {n}\nsakstype: [orientering]\n\
                 ansvarlig: Kari Nordmann\n---\nTekst {n}.\n"
            ),
        );
    }
    site.merge_all("Legg inn eldre møter");
    site.remove("content/ssu/2025-03-12");
    site.merge_all("Trekk møtet 2025-03-12");
    site
}

#[test]
fn one_commit_remakes_only_the_outputs_of_the_changed_case() {
    let site = site_with_history();
    site.build("2026-01-01");
    assert!(
        site.page("ssu/sak/2025.25/").contains("noindex"),
        "a deleted case keeps a page at its URL"
    );

    // One case of the newest meeting changes its text; nothing else does.
    site.write(
        "content/ssu/2025-05-22/2025.13.md",
        &site
            .read_src("content/ssu/2025-05-22/2025.13.md")
            .replace("Tekst.", "Endret etter møtet."),
    );
    site.merge_all("Rett sak 2025.13");
    let e = build_counting(&site, "2026-01-01");
    assert!(site
        .page("ssu/sak/2025.13/")
        .contains("Endret etter møtet."));

    // The eleven pages left at deleted URLs read nothing that changed: none is made again.
    // What is: the case, its meeting, its body's page and decisions of the year, the pages of
    // the thread it is in (2025.14 follows it up), and the handful of site-wide pages (front
    // page, lists, search, 404).
    let pages = pages_made(&e);
    assert!(pages <= 12, "{pages} pages made again:\n{e}");

    // Of the feeds, only those whose entries changed: the site's, the body's, and the feeds
    // of the case's thread (2025.13 and 2025.14); the old meeting's cases' feeds are kept.
    let (feeds, all) = of(&e, "feeds made:");
    assert!(all > 10, "{all} feeds in all:\n{e}");
    assert!(feeds <= 4, "{feeds} of {all} feeds made again:\n{e}");

    // Resolving does not read the bodies that link files (only a link's error needs its
    // line); the feeds that changed read the bodies of their entries' summaries, which on a
    // site this small are almost all of them, but not every one.
    let (read, all) = of(&e, "bodies loaded:");
    assert!(read < all, "{read} of {all} bodies read from git:\n{e}");

    same_as_full_build(&site, "2026-01-01", "rebuild");
}

#[test]
fn an_unrelated_change_leaves_every_case_feed_alone() {
    let site = site_with_history();
    site.build("2026-01-01");
    // A new document: no case, no meeting.
    site.write(
        "content/dokumenter/plan-for-samarbeidet.md",
        "---\ntittel: Plan for samarbeidet\ndato: 2025-06-01\ndoktype: handlingsplan\n---\nPlanen.\n",
    );
    site.merge_all("Legg inn planen");
    let e = build_counting(&site, "2026-01-01");
    assert!(site.exists("dokumenter/plan-for-samarbeidet/"), "{e}");
    // Only the site's feed lists documents; no body's or case's feed changes.
    let (feeds, all) = of(&e, "feeds made:");
    assert!(all > 10, "{all} feeds in all:\n{e}");
    assert_eq!(feeds, 1, "{feeds} of {all} feeds made again:\n{e}");
    same_as_full_build(&site, "2026-01-01", "rebuild");
}
