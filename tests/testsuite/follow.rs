//! Following a matter (CONTENT.md §9): each body's feed and calendar (`/<organ>/feed.xml`,
//! `/<organ>/moter.ics`), each case's thread feed (`/<organ>/sak/<saksnr>/feed.xml`: later
//! cases that follow it up in any body, their decisions, the minutes approving its meeting),
//! and each body's decisions by year (`/<organ>/vedtak/<yyyy>/`). Only published documents:
//! nothing exempt, no draft, nothing out of its window. Every feed and calendar goes through
//! the strict checkers the site-wide ones pass (feedparser, icalendar).

use crate::common::*;
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

const BASE: &str = "https://example.org/test/";
const AS_OF: &str = "2025-06-10";

/// Runs `tests/py/<script>` over `files` in one process; one JSON report per file, in order,
/// or the test fails with the checker's reason.
fn check_py(script: &str, files: &[PathBuf]) -> Vec<Value> {
    assert!(!files.is_empty(), "nothing to check with {script}");
    let o = Command::new(python("feedparser and icalendar"))
        .arg(repo_root().join("tests/py").join(script))
        .args(files)
        .output()
        .expect("python runs");
    assert!(
        o.status.success(),
        "{script} rejected a file:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let reports: Vec<Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("checker prints JSON"))
        .collect();
    assert_eq!(reports.len(), files.len(), "one report per file");
    reports
}

fn check_one(script: &str, file: PathBuf) -> Value {
    check_py(script, &[file]).remove(0)
}

fn case(saksnr: &str, tittel: &str, extra: &str) -> String {
    format!(
        "---\nsaksnr: \"{saksnr}\"\ntittel: {tittel}\nsakstype: [beslutning]\n{extra}---\nSaksfremlegg om {tittel}.\n"
    )
}

/// SSU and FSU. SSU 2025.01 (decided) is followed up by FSU 2025.08 (decided) and by an exempt
/// FSU case; SSU 2025.10 approves the minutes of 2025.01's meeting; 2025.01 follows up a 2022
/// case out of its window. Built as of 2025-06-10.
fn fixture() -> Site {
    let s = Site::empty(MINIMAL_TOML);
    s.write(
        "content/ssu/_organ.md",
        "---\nnavn: Strategisk samarbeidsutvalg\nkortnavn: SSU\n---\nMandat.\n",
    );
    s.write(
        "content/fsu/_organ.md",
        "---\nnavn: Faglig samarbeidsutvalg\nkortnavn: FSU\n---\nMandat.\n",
    );
    s.write(
        "content/ssu/2022-03-10/_mote.md",
        "---\ndato: 2022-03-10\n---\n",
    );
    s.write(
        "content/ssu/2022-03-10/2022.05.md",
        &case(
            "2022.05",
            "Gammel sak om journal",
            "vedtak:\n  - Gammelt vedtak.\n",
        ),
    );
    s.write(
        "content/ssu/2025-02-27/_mote.md",
        "---\ndato: 2025-02-27\ntid: \"09:00-12:00\"\nsted: SiV\n---\n",
    );
    s.write(
        "content/ssu/2025-02-27/2025.01.md",
        &case(
            "2025.01",
            "Kjernejournal i kommunene",
            "oppfolging_av: [\"2022.05\"]\nvedtak:\n  - Kjernejournal tas i bruk i alle kommuner.\n",
        ),
    );
    s.write(
        "content/ssu/2025-02-27/2025.02.md",
        &case(
            "2025.02",
            "Hemmelig personalsak",
            "offentlig: false\nskjermingshjemmel: \"offl. § 25\"\nvedtak:\n  - Hemmelig vedtak.\n",
        ),
    );
    s.write(
        "content/ssu/2025-05-22/_mote.md",
        "---\ndato: 2025-05-22\n---\n",
    );
    s.write(
        "content/ssu/2025-05-22/2025.10.md",
        "---\nsaksnr: \"2025.10\"\ntittel: Godkjenning av referat\nsakstype: [referatsak]\ngodkjenner_referat: [\"2025-02-27\"]\nvedtak:\n  - Referatet godkjennes.\n---\n",
    );
    s.write(
        "content/fsu/2025-04-29/_mote.md",
        "---\ndato: 2025-04-29\nsted: Tønsberg\n---\n",
    );
    s.write(
        "content/fsu/2025-04-29/2025.08.md",
        &case(
            "2025.08",
            "Innføring av kjernejournal i FSU",
            "oppfolging_av: [\"ssu/2025.01\"]\nvedtak:\n  - FSU lager en plan for innføringen.\n",
        ),
    );
    s.write(
        "content/fsu/2025-04-29/2025.09.md",
        &case(
            "2025.09",
            "Unntatt oppfølging",
            "oppfolging_av: [\"ssu/2025.01\"]\noffentlig: false\nskjermingshjemmel: \"offl. § 13\"\n",
        ),
    );
    s.merge_all("Legg inn møtene");
    s
}

fn read(site: &Site, rel: &str) -> String {
    std::fs::read_to_string(site.out_dir().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn ids(feed: &Value) -> Vec<String> {
    feed["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

/// Every file named `name` below the output.
fn all_named(site: &Site, name: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walkdir::WalkDir::new(site.out_dir())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name().to_str().unwrap().ends_with(name))
        .map(|e| e.into_path())
        .collect();
    v.sort();
    v
}

#[test]
fn each_body_has_its_own_feed_and_calendar_of_published_meetings_and_cases() {
    let site = fixture();
    site.build(AS_OF);
    let ssu = check_one("check_atom.py", site.out_dir().join("ssu/feed.xml"));
    assert_eq!(ssu["id"], format!("{BASE}ssu/feed.xml"));
    let got = ids(&ssu);
    for want in [
        "ssu/2025-02-27/",
        "ssu/2025-05-22/",
        "ssu/sak/2025.01/",
        "ssu/sak/2025.10/",
    ] {
        assert!(got.contains(&format!("{BASE}{want}")), "{want} in {got:?}");
    }
    for e in &got {
        assert!(e.starts_with(&format!("{BASE}ssu/")), "not SSU's: {e}");
        assert!(!e.contains("2022"), "out of its window: {e}");
        assert!(!e.contains("2025.02"), "exempt: {e}");
    }
    let raw = read(&site, "ssu/feed.xml");
    assert!(
        !raw.contains("Hemmelig") && !raw.contains("Gammel sak"),
        "{raw}"
    );

    let fsu = check_one("check_atom.py", site.out_dir().join("fsu/feed.xml"));
    let got = ids(&fsu);
    assert!(got.contains(&format!("{BASE}fsu/sak/2025.08/")), "{got:?}");
    assert!(got.iter().all(|e| e.starts_with(&format!("{BASE}fsu/"))));
    assert!(
        !got.iter().any(|e| e.contains("2025.09")),
        "exempt: {got:?}"
    );

    let cal = check_one("check_ics.py", site.out_dir().join("ssu/moter.ics"));
    let uids: Vec<&str> = cal["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["uid"].as_str().unwrap())
        .collect();
    // The same UIDs as in the site-wide calendar: one event, whichever calendar it came from.
    assert_eq!(
        uids,
        ["ssu-2025-02-27@example.org", "ssu-2025-05-22@example.org"]
    );
    let cal = check_one("check_ics.py", site.out_dir().join("fsu/moter.ics"));
    assert_eq!(cal["events"].as_array().unwrap().len(), 1, "{cal}");
    assert_eq!(cal["events"][0]["uid"], "fsu-2025-04-29@example.org");
    assert_eq!(cal["events"][0]["location"], "Tønsberg");
}

#[test]
fn a_case_feed_follows_its_thread_across_bodies_with_decisions_and_minutes() {
    let site = fixture();
    site.build(AS_OF);
    let feed = check_one(
        "check_atom.py",
        site.out_dir().join("ssu/sak/2025.01/feed.xml"),
    );
    assert_eq!(feed["id"], format!("{BASE}ssu/sak/2025.01/feed.xml"));
    let entries = feed["entries"].as_array().unwrap();
    let find = |pred: &dyn Fn(&Value) -> bool| entries.iter().find(|e| pred(e)).cloned();
    // The follow-up in another body, and its decision.
    let follow_up = find(&|e| e["id"] == format!("{BASE}fsu/sak/2025.08/"))
        .unwrap_or_else(|| panic!("no follow-up in {feed}"));
    assert!(follow_up["title"]
        .as_str()
        .unwrap()
        .contains("Innføring av kjernejournal i FSU"));
    let decision = find(&|e| {
        e["link"]
            .as_str()
            .is_some_and(|l| l.starts_with(&format!("{BASE}fsu/sak/2025.08/")))
            && e["summary"]
                .as_str()
                .is_some_and(|s| s.contains("FSU lager en plan for innføringen."))
    });
    assert!(decision.is_some(), "no decision of the follow-up in {feed}");
    // The minutes of its meeting, approved in a later case.
    let minutes = find(&|e| {
        e["link"]
            .as_str()
            .is_some_and(|l| l.starts_with(&format!("{BASE}ssu/2025-02-27/")))
            && e["summary"]
                .as_str()
                .is_some_and(|s| s.contains("SSU 2025.10"))
    });
    assert!(minutes.is_some(), "no minutes approval in {feed}");
    // Its own decision too.
    assert!(find(&|e| e["summary"]
        .as_str()
        .is_some_and(|s| s.contains("Kjernejournal tas i bruk i alle kommuner.")))
    .is_some());
    // Nothing exempt, nothing out of its window.
    let raw = read(&site, "ssu/sak/2025.01/feed.xml");
    for absent in [
        "2025.09",
        "Unntatt oppfølging",
        "2022.05",
        "Gammel",
        "Hemmelig",
    ] {
        assert!(!raw.contains(absent), "{absent} in the case feed:\n{raw}");
    }
    // The follow-up's own feed is the same thread.
    let other = check_one(
        "check_atom.py",
        site.out_dir().join("fsu/sak/2025.08/feed.xml"),
    );
    assert!(ids(&other).contains(&format!("{BASE}ssu/sak/2025.01/")));
    // An exempt case has no page, and no feed.
    assert!(!site.out_dir().join("fsu/sak/2025.09/feed.xml").exists());
    assert!(!site.out_dir().join("ssu/sak/2025.02/feed.xml").exists());
}

#[test]
fn drafts_stay_out_of_every_feed_in_a_preview() {
    let site = fixture();
    site.write(
        "content/fsu/2025-04-29/2025.11.md",
        &case(
            "2025.11",
            "Utkast til oppfølging",
            "oppfolging_av: [\"ssu/2025.01\"]\nvedtak:\n  - Utkastvedtak.\n",
        ),
    );
    site.build_worktree(AS_OF);
    // The draft has its page in the preview, marked as a draft ...
    assert!(site.page("fsu/sak/2025.11/").contains("Utkast."));
    // ... but no feed reader sees it: it is not approved, while the approved follow-up is there.
    let thread = read(&site, "ssu/sak/2025.01/feed.xml");
    assert!(
        thread.contains(&format!("{BASE}fsu/sak/2025.08/")),
        "{thread}"
    );
    for f in all_named(&site, ".xml") {
        let text = std::fs::read_to_string(&f).unwrap();
        if f.ends_with("sitemap.xml") {
            continue;
        }
        assert!(
            !text.contains("Utkast til oppfølging") && !text.contains("Utkastvedtak"),
            "draft in {}",
            f.display()
        );
    }
}

#[test]
fn body_and_case_pages_offer_their_own_feed_and_say_how_to_follow() {
    let site = fixture();
    site.build(AS_OF);
    let organ = site.page("ssu/");
    assert!(
        organ.contains(
            r#"<link rel="alternate" type="application/atom+xml" title="Strategisk samarbeidsutvalg: nye og endrede dokumenter" href="../ssu/feed.xml">"#
        ),
        "{}",
        between(&organ, "<head>", "</head>")
    );
    assert!(organ.contains(r#"<link rel="alternate" type="text/calendar""#));
    let follow = between(&organ, "id=\"folg-utvalget\"", "</section>");
    assert!(follow.contains("Følg utvalget"), "{follow}");
    assert!(follow.contains(&format!("{BASE}ssu/feed.xml")), "{follow}");
    assert!(follow.contains(&format!("{BASE}ssu/moter.ics")), "{follow}");
    assert!(follow.contains("e-post"), "{follow}");
    // A meeting page offers its body's feed and calendar.
    let meeting = site.page("ssu/2025-02-27/");
    assert!(meeting.contains(r#"type="application/atom+xml" title="Strategisk samarbeidsutvalg: nye og endrede dokumenter" href="../../ssu/feed.xml">"#));
    assert!(meeting.contains(r#"type="text/calendar" title="Møter i Strategisk samarbeidsutvalg" href="../../ssu/moter.ics">"#));
    // The body page links its decisions by year.
    assert!(organ.contains("href=\"../ssu/vedtak/2025/\""), "{organ}");

    let case = site.page("ssu/sak/2025.01/");
    assert!(
        case.contains(r#"<link rel="alternate" type="application/atom+xml" title="Følg saken SSU 2025.01" href="../../../ssu/sak/2025.01/feed.xml">"#),
        "{}",
        between(&case, "<head>", "</head>")
    );
    let follow = between(&case, "id=\"folg-saken\"", "</section>");
    assert!(follow.contains("Følg saken"), "{follow}");
    assert!(
        follow.contains(&format!("{BASE}ssu/sak/2025.01/feed.xml")),
        "{follow}"
    );
    assert!(follow.contains("nyhetsleser"), "{follow}");
    assert!(follow.contains("e-post"), "{follow}");
    assert!(follow.contains("kalender"), "{follow}");
}

#[test]
fn decisions_of_a_year_list_case_meeting_and_follow_up() {
    let site = fixture();
    site.build(AS_OF);
    let page = site.page("ssu/vedtak/2025/");
    let table = between(&page, "<table", "</table>");
    assert!(table.contains("<th scope=\"col\">"), "{table}");
    let row = between(table, "SSU 2025.01", "</tr>");
    assert!(
        row.contains("Kjernejournal tas i bruk i alle kommuner."),
        "{row}"
    );
    assert!(row.contains("href=\"../../../ssu/2025-02-27/\""), "{row}");
    assert!(row.contains("href=\"../../../fsu/sak/2025.08/\""), "{row}");
    // The approval of minutes is a decision too, not followed up.
    let row = between(table, "SSU 2025.10", "</tr>");
    assert!(row.contains("Referatet godkjennes."), "{row}");
    assert!(row.contains("Ikke fulgt opp"), "{row}");
    assert!(!page.contains("Hemmelig"), "exempt decision listed");
    assert!(!page.contains("2025.02"), "exempt case listed");
    assert!(
        !page.contains("FSU lager"),
        "another body's decision listed"
    );
    // The page offers the body's feed, and is in the sitemap.
    assert!(page.contains(r#"href="../../../ssu/feed.xml""#));
    assert!(read(&site, "sitemap.xml").contains(&format!("{BASE}ssu/vedtak/2025/")));
    // Out of its window: the year's page stays, without the decisions.
    let old = site.page("ssu/vedtak/2022/");
    assert!(!old.contains("Gammelt vedtak"), "{old}");
    assert!(old.contains("noindex"));
    assert!(!read(&site, "sitemap.xml").contains("ssu/vedtak/2022/"));
}

/// A follow-up added in another body reaches the case's feed and the decisions page of the
/// body it follows up, and a rebuild from the snapshot writes what a full build writes.
#[test]
fn a_new_follow_up_elsewhere_updates_feed_and_decisions_in_a_rebuild() {
    let site = fixture();
    site.build(AS_OF);
    assert!(!read(&site, "ssu/sak/2025.10/feed.xml").contains("fsu/sak/2025.12/"));
    site.write(
        "content/fsu/2025-04-29/2025.12.md",
        &case(
            "2025.12",
            "Referatsaken følges opp",
            "oppfolging_av: [\"ssu/2025.10\"]\n",
        ),
    );
    site.merge_all("FSU følger opp referatsaken");
    let o = site.build(AS_OF);
    assert!(stderr(&o).contains("Oppdaterte"), "{}", stderr(&o));
    assert!(read(&site, "ssu/sak/2025.10/feed.xml").contains(&format!("{BASE}fsu/sak/2025.12/")));
    let page = site.page("ssu/vedtak/2025/");
    let row = between(&page, "SSU 2025.10", "</tr>");
    assert!(row.contains("fsu/sak/2025.12/"), "{row}");
    assert!(read(&site, "fsu/feed.xml").contains("fsu/sak/2025.12/"));

    same_as_full_build(&site, AS_OF, "a follow-up in a rebuild");
}

/// Every feed and calendar of the example site passes the strict checkers, and there is one a
/// body and one a case page.
#[test]
fn every_feed_and_calendar_of_the_example_site_is_valid() {
    let site = Site::example();
    site.build("2026-01-01");
    let feeds = all_named(&site, "feed.xml");
    let cases = all_named(&site, "index.html")
        .into_iter()
        .filter(|p| p.parent().unwrap().parent().unwrap().ends_with("sak"))
        .filter(|p| !std::fs::read_to_string(p).unwrap().contains("noindex"))
        .count();
    let bodies = ["ssu", "fsu", "pm", "akuttkjeden"];
    for b in bodies {
        assert!(
            feeds.contains(&site.out_dir().join(b).join("feed.xml")),
            "{b}"
        );
    }
    assert!(
        feeds.len() > cases + bodies.len(),
        "{} feeds for {cases} case pages",
        feeds.len()
    );
    let reports = check_py("check_atom.py", &feeds);
    assert!(reports
        .iter()
        .any(|r| !r["entries"].as_array().unwrap().is_empty()));
    let calendars = all_named(&site, ".ics");
    assert_eq!(calendars.len(), bodies.len() + 1, "{calendars:?}");
    check_py("check_ics.py", &calendars);
}

/// A year's decisions page once published keeps a page when the last meeting of that year
/// leaves (CONTENT.md §7: a URL once published keeps a page), in a rebuild as in a full build.
#[test]
fn a_decisions_page_stays_when_its_last_meeting_is_withdrawn() {
    let site = fixture();
    site.build(AS_OF);
    assert!(site.page("fsu/vedtak/2025/").contains("FSU lager en plan"));
    site.remove("content/fsu/2025-04-29");
    site.merge_all("Trekk FSU-møtet");
    let o = site.build(AS_OF);
    assert!(stderr(&o).contains("Oppdaterte"), "{}", stderr(&o));
    let page = site.page("fsu/vedtak/2025/");
    assert!(page.contains("Trukket tilbake"), "{page}");
    assert!(page.contains("noindex"));
    assert!(!page.contains("FSU lager en plan"));
    assert!(!read(&site, "sitemap.xml").contains("fsu/vedtak/2025/"));
    // The feed of the case it followed up no longer has it.
    assert!(!read(&site, "ssu/sak/2025.01/feed.xml").contains("fsu/sak/2025.08/"));

    same_as_full_build(&site, AS_OF, "a withdrawn meeting in a rebuild");
}
