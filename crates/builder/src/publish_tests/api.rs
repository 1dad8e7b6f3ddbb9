//! The JSON of `/api/` (and the feed) of hand-made sites: trails, exemptions, tombstones and
//! drafts.

use crate::testkit::*;
use motebok_domain::{Change, Trails};
use serde_json::{json, Value};

fn trails() -> Trails {
    let mut t = Trails::new();
    t.insert(
        "content/ssu/2025-05-22/_mote.md".into(),
        trail(vec![entry(
            "aaaaaaa1",
            "2025-04-01T10:00:00+02:00",
            "Innkalling SSU (#7)",
            Change::Added,
        )]),
    );
    t.insert(
        "content/ssu/2025-05-22/2025.13.md".into(),
        trail(vec![
            entry(
                "bbbbbbb1",
                "2025-04-02T09:30:00+02:00",
                "Sak 2025.13",
                Change::Added,
            ),
            entry(
                "bbbbbbb2",
                "2025-05-23T14:00:00+02:00",
                "Vedtak i 2025.13",
                Change::Modified,
            ),
        ]),
    );
    // The subject of a commit to an exempt case may name what the exemption protects.
    t.insert(
        "content/ssu/2025-05-22/2025.14.md".into(),
        trail(vec![entry(
            "ccccccc1",
            "2025-06-01T09:00:00+02:00",
            "Hemmelig commit om Hansen",
            Change::Added,
        )]),
    );
    t.insert(
        "content/ssu/2023-01-10/_mote.md".into(),
        trail(vec![entry(
            "ddddddd1",
            "2022-12-20T12:00:00+01:00",
            "Gammelt møte",
            Change::Added,
        )]),
    );
    t
}

#[test]
fn created_modified_and_trail_come_from_git() {
    let site = site(&files(), trails(), &[], "2025-06-10");
    let out = render(&site, "2025-06-10");
    let paper = json(&out, "api/paper/ssu/2025.13.json");
    assert_eq!(paper["created"], "2025-04-02T09:30:00+02:00");
    assert_eq!(paper["modified"], "2025-05-23T14:00:00+02:00");
    let t = &paper["motebok:trail"];
    assert_eq!(t.as_array().unwrap().len(), 2);
    assert_eq!(
        t[1],
        json!({
            "commit": "bbbbbbb2",
            "commitUrl": "https://github.com/example/hf/commit/bbbbbbb2",
            "time": "2025-05-23T14:00:00+02:00",
            "subject": "Vedtak i 2025.13",
            "change": "modified",
            "approvers": ["Kari Nordmann"],
            "authors": ["Ola Sekretær"],
            "pullRequest": 7,
            "pullRequestUrl": "https://github.com/example/hf/pull/7",
            "direct": false,
            "imported": false
        })
    );
    // A meeting changes when one of its public cases does; its trail is its own file's.
    let meeting = json(&out, "api/meeting/ssu/2025-05-22.json");
    assert_eq!(meeting["created"], "2025-04-01T10:00:00+02:00");
    assert_eq!(meeting["modified"], "2025-05-23T14:00:00+02:00");
    assert_eq!(meeting["motebok:trail"][0]["commit"], "aaaaaaa1");
    assert_eq!(meeting["start"], "2025-05-22T09:00:00+02:00");
    assert_eq!(meeting["end"], "2025-05-22T12:00:00+02:00");
    // No trail: the attachment was never committed in this test. OParl 1.1 wants both times
    // on every object, so it counts as made on the build date.
    let file = json(&out, "api/file/ssu/2025-05-22/vedlegg/notat.json");
    assert!(file.get("motebok:trail").is_none());
    assert_eq!(file["created"], "2025-06-10T00:00:00+02:00");
    assert_eq!(file["modified"], "2025-06-10T00:00:00+02:00");
    // Embedded objects have their times too, and a file of their own at their id.
    let item = &meeting["agendaItem"][0];
    assert_eq!(item["created"], "2025-04-02T09:30:00+02:00");
    assert_eq!(item["modified"], "2025-05-23T14:00:00+02:00");
    assert_eq!(
        item["id"],
        "https://example.org/hf/api/agenda-item/ssu/2025.13.json"
    );
    assert_eq!(&json(&out, "api/agenda-item/ssu/2025.13.json"), item);
    let body = json(&out, "api/body.json");
    assert!(body["created"].is_string() && body["modified"].is_string());
    assert_eq!(file["name"], "Notat");
}

#[test]
fn exempt_case_is_its_agenda_line_only() {
    let site = site(&files(), trails(), &[], "2025-06-10");
    let out = render(&site, "2025-06-10");
    let paper = json(&out, "api/paper/ssu/2025.14.json");
    let keys: Vec<&str> = paper
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "body",
            "created",
            "date",
            "id",
            "modified",
            "motebok:exempt",
            "motebok:legalBasis",
            "name",
            "reference",
            "type",
            "underDirectionOf"
        ]
    );
    assert_eq!(paper["name"], "Unntatt offentlighet");
    // The times of its file, as OParl wants on every object; never its trail.
    assert_eq!(paper["created"], "2025-06-01T09:00:00+02:00");
    assert_eq!(paper["modified"], "2025-06-01T09:00:00+02:00");
    let meeting = json(&out, "api/meeting/ssu/2025-05-22.json");
    let line = &meeting["agendaItem"][1];
    assert_eq!(line["public"], false);
    assert_eq!(line["motebok:legalBasis"], "offl. § 13");
    assert!(line.get("web").is_none() && line.get("resolutionText").is_none());
    // Its title, text, decision, attachment title and commit subjects are nowhere.
    for (path, bytes) in &out {
        let s = String::from_utf8_lossy(bytes);
        assert!(
            !s.contains("Hemmelig") && !s.contains("Hansen"),
            "leaked into {path}"
        );
    }
}

#[test]
fn closed_window_leaves_deleted_objects() {
    let site = site(&files(), trails(), &[], "2025-06-10");
    let out = render(&site, "2025-06-10");
    assert_eq!(
        json(&out, "api/meeting/ssu/2023-01-10.json"),
        json!({
            "id": "https://example.org/hf/api/meeting/ssu/2023-01-10.json",
            "type": "https://schema.oparl.org/1.1/Meeting",
            "created": "2022-12-20T12:00:00+01:00",
            "modified": "2025-01-10T00:00:00+01:00",
            "deleted": true
        })
    );
    let old = json(&out, "api/paper/ssu/2023.01.json");
    assert_eq!(old["deleted"], true);
    // id, type, created (from when the window closed: no trail here), modified, deleted.
    assert_eq!(old.as_object().unwrap().len(), 5, "{old}");
    assert_eq!(old["created"], old["modified"]);
    // The thread still points at it, both ways.
    let new = json(&out, "api/paper/ssu/2025.13.json");
    assert_eq!(
        new["relatedPaper"],
        json!(["https://example.org/hf/api/paper/ssu/2023.01.json"])
    );
    assert_eq!(new["motebok:followsUp"], new["relatedPaper"]);
    // Lists leave deleted objects out (OParl 1.1: only a modified_since query gets them).
    let list = json(&out, "api/organization/ssu/meetings.json");
    assert_eq!(list["pagination"]["totalElements"], 1);
    assert!(list["data"][0].get("deleted").is_none(), "{list}");
    assert!(!text(&out, "api/meetings.json").contains("2023-01-10"));
}

#[test]
fn drafts_are_marked_in_json_and_kept_out_of_feed_calendar_and_sitemap() {
    let site = site(
        &files(),
        trails(),
        &["content/ssu/2025-05-22/_mote.md"],
        "2025-06-10",
    );
    let out = render(&site, "2025-06-10");
    assert_eq!(
        json(&out, "api/meeting/ssu/2025-05-22.json")["motebok:draft"],
        true
    );
    assert!(json(&out, "api/paper/ssu/2025.13.json")
        .get("motebok:draft")
        .is_none());
    let ics = text(&out, "moter.ics");
    assert!(!ics.contains("BEGIN:VEVENT"), "{ics}");
    let feed = text(&out, "feed.xml");
    assert!(!feed.contains("ssu/2025-05-22/</id>"), "{feed}");
    assert!(feed.contains("ssu/sak/2025.13/</id>"), "{feed}");
    let sitemap = text(&out, "sitemap.xml");
    assert!(!sitemap.contains("ssu/2025-05-22/<"), "{sitemap}");
}

#[test]
fn output_is_deterministic_and_sorted() {
    let site = site(&files(), trails(), &[], "2025-06-10");
    let a = render(&site, "2025-06-10");
    let b = render(&site, "2025-06-10");
    assert_eq!(a, b);
    // Keys sorted at every level.
    fn check(v: &Value) {
        match v {
            Value::Object(m) => {
                let keys: Vec<&String> = m.keys().collect();
                let mut sorted = keys.clone();
                sorted.sort();
                assert_eq!(keys, sorted);
                m.values().for_each(check);
            }
            Value::Array(a) => a.iter().for_each(check),
            _ => {}
        }
    }
    let mut n = 0;
    for path in a.keys().filter(|p| is_api_json(p)) {
        let raw = text(&a, path);
        let v: Value = serde_json::from_str(&raw).unwrap();
        check(&v);
        // Re-serialising (compact, keys sorted) gives the same text: the file was in that form.
        assert_eq!(serde_json::to_string(&v).unwrap() + "\n", raw, "{path}");
        n += 1;
    }
    assert!(n > 15, "only {n} files");
}

fn is_api_json(path: &str) -> bool {
    path.starts_with("api/") && path.ends_with(".json") && !path.starts_with("api/schema/")
}

#[test]
fn checksums_are_of_the_bytes_written() {
    let site = site(&files(), trails(), &[], "2025-06-10");
    let out = render(&site, "2025-06-10");
    let mut checked = 0;
    for path in out.keys().filter(|p| p.starts_with("api/file/")) {
        let f = json(&out, path);
        let Some(sha) = f.get("sha512Checksum") else {
            continue;
        };
        let url = f["accessUrl"].as_str().unwrap();
        let rel = url
            .strip_prefix("https://example.org/hf/")
            .unwrap()
            .split('#')
            .next()
            .unwrap();
        let page = motebok_site::urls::file_of(rel);
        let bytes = out
            .get(&page)
            .unwrap_or_else(|| panic!("{path}: no {page}"));
        let facts = motebok_publish::FileFacts::of(bytes);
        assert_eq!(sha.as_str(), Some(facts.sha512.as_str()), "{path}");
        assert_eq!(f["size"], facts.size, "{path}");
        checked += 1;
    }
    assert!(checked >= 4, "only {checked} Files with a checksum");
}

#[test]
fn text_and_trails_are_only_in_an_objects_own_file() {
    let site = site(&files(), trails(), &[], "2025-06-10");
    let out = render(&site, "2025-06-10");
    let paper = json(&out, "api/paper/ssu/2025.13.json");
    assert!(paper.get("motebok:trail").is_some());
    let main = &paper["mainFile"];
    assert!(main.get("text").is_none() && main.get("motebok:trail").is_none());
    assert!(main["sha512Checksum"].is_string() && main["modified"].is_string());
    // The File at the embedded copy's id has them, and otherwise says the same.
    let id = main["id"].as_str().unwrap();
    let mut own = json(&out, id.strip_prefix("https://example.org/hf/").unwrap());
    assert!(!own["text"].as_str().unwrap().is_empty());
    assert_eq!(own["motebok:trail"], paper["motebok:trail"]);
    motebok_publish::api_summary(&mut own);
    assert_eq!(&own, main);
    // Every list item is the summary of the object's own file.
    for list in [
        "api/papers.json",
        "api/meetings.json",
        "api/files.json",
        "api/organization/ssu/papers.json",
        "api/organizations.json",
    ] {
        let l = json(&out, list);
        let data = l["data"].as_array().unwrap();
        assert_eq!(l["pagination"]["totalElements"], data.len());
        assert!(!data.is_empty(), "{list}");
        for item in data {
            let id = item["id"].as_str().unwrap();
            let mut own = json(&out, id.strip_prefix("https://example.org/hf/").unwrap());
            motebok_publish::api_summary(&mut own);
            assert_eq!(&own, item, "{list}: {id}");
        }
    }
    let files = json(&out, "api/files.json");
    let ids: Vec<&str> = files["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "files by id");
}

#[test]
fn feed_is_newest_first_by_trail_time() {
    let site = site(&files(), trails(), &[], "2025-06-10");
    let out = render(&site, "2025-06-10");
    let feed = text(&out, "feed.xml");
    let ids: Vec<&str> = feed
        .split("<entry>")
        .skip(1)
        .map(|e| {
            e.split("<id>")
                .nth(1)
                .unwrap()
                .split("</id>")
                .next()
                .unwrap()
        })
        .collect();
    // 2025.13 and the meeting changed 2025-05-23; the attachment has no trail (its date).
    assert_eq!(
        ids,
        [
            "https://example.org/hf/ssu/2025-05-22/",
            "https://example.org/hf/ssu/sak/2025.13/",
            "https://example.org/hf/ssu/2025-05-22/vedlegg/notat/",
        ]
    );
    assert!(feed.contains("<updated>2025-05-23T14:00:00+02:00</updated>"));
    assert!(feed.contains("<published>2025-04-02T09:30:00+02:00</published>"));
}

#[test]
fn feed_keeps_the_newest_fifty() {
    let mut owned: Vec<(String, String)> = vec![
        (
            "content/ssu/_organ.md".into(),
            "---\nnavn: S\nkortnavn: SSU\n---\n".into(),
        ),
        (
            "content/ssu/2025-05-22/_mote.md".into(),
            "---\ndato: 2025-05-22\n---\n".into(),
        ),
    ];
    for n in 10..80 {
        owned.push((
            format!("content/ssu/2025-05-22/2025.{n}.md"),
            format!("---\nsaksnr: \"2025.{n}\"\ntittel: Sak {n}\nsakstype: [orientering]\n---\nTekst.\n"),
        ));
    }
    let files: Vec<(&str, &str)> = owned
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let out = render(
        &site(&files, Trails::new(), &[], "2025-06-10"),
        "2025-06-10",
    );
    assert_eq!(
        text(&out, "feed.xml").matches("<entry>").count(),
        motebok_publish::FEED_MAX_ENTRIES
    );
}

/// A name with a space: the id is a URL (`%20`), the file is written under the name itself, so
/// the id resolves when the site is served.
#[test]
fn ids_of_names_with_spaces_resolve_to_their_files() {
    let mut fs = files();
    fs[4].1 = "---\nsaksnr: \"2025.13\"\ntittel: Oppfølging av gammel sak\nsakstype: [beslutning]\nvedlegg:\n  - tittel: Utkast\n    fil: vedlegg/referat utkast.md\n  - tittel: Tabell\n    fil: vedlegg/tall 100%.pdf\n---\nNy tekst.\n";
    fs.push((
        "content/ssu/2025-05-22/vedlegg/referat utkast.md",
        "# Utkast\n\nTekst.\n",
    ));
    fs.push(("content/ssu/2025-05-22/vedlegg/tall 100%.pdf", "%PDF-1.4\n"));
    let site = site(&fs, trails(), &[], "2025-06-10");
    let out = render(&site, "2025-06-10");
    let base = "https://example.org/hf/";
    let md = json(&out, "api/file/ssu/2025-05-22/vedlegg/referat utkast.json");
    assert_eq!(
        md["id"],
        format!("{base}api/file/ssu/2025-05-22/vedlegg/referat%20utkast.json")
    );
    let pdf = json(&out, "api/file/ssu/2025-05-22/vedlegg/tall 100%.pdf.json");
    assert_eq!(
        pdf["id"],
        format!("{base}api/file/ssu/2025-05-22/vedlegg/tall%20100%25.pdf.json")
    );
    // Every id in every object names a file that was written, decoded as a web server would
    // (only the escapes this site uses: spaces and `%`).
    let decode = |s: &str| s.replace("%20", " ").replace("%25", "%");
    let mut ids = 0;
    for path in out.keys().filter(|p| is_api_json(p)) {
        let v = json(&out, path);
        let id = v["id"].as_str().unwrap_or_default();
        if let Some(rel) = id.strip_prefix(base) {
            assert_eq!(decode(rel), *path, "id {id}");
            ids += 1;
        }
    }
    assert!(ids > 10, "only {ids} ids");
    assert!(
        !out.keys().any(|p| p.contains('%') && !p.contains("100%")),
        "{:?}",
        out.keys().filter(|p| p.contains('%')).collect::<Vec<_>>()
    );
}
