//! Open data: `/api/` JSON against the JSON Schemas of `schemas/oparl/`, the Atom feed and the
//! iCalendar file through strict parsers (Python's feedparser and icalendar, installed into
//! target/test-venv by scripts/install-test-deps), exemptions, tombstones and determinism.

use crate::common::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

const BASE: &str = "https://example.org/test/";

/// Runs `tests/py/<script>` on `file`; its JSON report, or the test fails with its reason.
fn check_py(script: &str, file: &Path) -> Value {
    let o = Command::new(python(
        "feedparser and icalendar (the Atom and iCalendar checks of this test need them)",
    ))
    .arg(repo_root().join("tests/py").join(script))
    .arg(file)
    .output()
    .expect("python runs");
    assert!(
        o.status.success(),
        "{script} rejected {}:\n{}",
        file.display(),
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).expect("checker prints JSON")
}

/// Resolves the schemas' relative `$ref`s (`file.json`, `common.json#/...`) from schemas/oparl/.
struct Schemas;

impl jsonschema::Retrieve for Schemas {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let name = uri.as_str().rsplit('/').next().unwrap_or_default();
        let text = std::fs::read_to_string(repo_root().join("schemas/oparl").join(name))
            .map_err(|e| format!("{}: {e}", uri.as_str()))?;
        Ok(serde_json::from_str(&text)?)
    }
}

fn validator(name: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(repo_root().join("schemas/oparl").join(name)).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::options()
        .with_retriever(Schemas)
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("schema {name}: {e}"))
}

/// The schema of the object(s) in an API file, and whether it is a list of them.
fn schema_of(path: &str) -> (&'static str, bool) {
    let p = path.strip_prefix("api/").unwrap();
    match p {
        "system.json" => ("system.json", false),
        "body.json" => ("body.json", false),
        "bodies.json" => ("body.json", true),
        "organizations.json" => ("organization.json", true),
        "meetings.json" => ("meeting.json", true),
        "papers.json" => ("paper.json", true),
        "files.json" => ("file.json", true),
        // Empty: motebok publishes no persons, memberships or terms.
        "persons.json" | "memberships.json" | "legislative-terms.json" => ("deleted.json", true),
        "agenda-items.json" => ("agenda-item.json", true),
        "consultations.json" => ("consultation.json", true),
        "locations.json" => ("location.json", true),
        _ if p.starts_with("organization/") && p.ends_with("/meetings.json") => {
            ("meeting.json", true)
        }
        _ if p.starts_with("organization/") && p.ends_with("/papers.json") => ("paper.json", true),
        _ if p.starts_with("organization/") => ("organization.json", false),
        _ if p.starts_with("meeting/") => ("meeting.json", false),
        _ if p.starts_with("paper/") => ("paper.json", false),
        _ if p.starts_with("file/") => ("file.json", false),
        _ if p.starts_with("agenda-item/") => ("agenda-item.json", false),
        _ if p.starts_with("consultation/") => ("consultation.json", false),
        _ if p.starts_with("location/") => ("location.json", false),
        _ => panic!("no schema for {path}"),
    }
}

/// Every JSON file under `api/` (but the schemas themselves), parsed.
fn api_json(out: &Path) -> BTreeMap<String, Value> {
    snapshot(out)
        .into_iter()
        .filter_map(|(p, bytes)| {
            let p = p.to_string_lossy().replace('\\', "/");
            (p.starts_with("api/") && p.ends_with(".json") && !p.starts_with("api/schema/")).then(
                || {
                    (
                        p.clone(),
                        serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{p}: {e}")),
                    )
                },
            )
        })
        .collect()
}

fn validate_all(out: &Path, base: &str) -> usize {
    let mut validators: BTreeMap<&str, jsonschema::Validator> = BTreeMap::new();
    let list = validator("list.json");
    let files = api_json(out);
    let mut checked = 0;
    for (path, v) in &files {
        let (schema, is_list) = schema_of(path);
        let val = validators
            .entry(schema)
            .or_insert_with(|| validator(schema));
        let items: Vec<&Value> = if is_list {
            let errs: Vec<String> = list
                .iter_errors(v)
                .map(|e| format!("{e} at {}", e.instance_path()))
                .collect();
            assert!(
                errs.is_empty(),
                "{path} is not a valid list:\n{}",
                errs.join("\n")
            );
            v["data"].as_array().unwrap().iter().collect()
        } else {
            vec![v]
        };
        for item in items {
            let errs: Vec<String> = val
                .iter_errors(item)
                .map(|e| format!("{e} at {}", e.instance_path()))
                .collect();
            assert!(
                errs.is_empty(),
                "{path} does not match {schema}:\n{}",
                errs.join("\n")
            );
            checked += 1;
        }
        // Every link to this site points at a file that exists.
        for url in strings(v).into_iter().filter(|s| s.starts_with(base)) {
            let rel = url[base.len()..].split('#').next().unwrap();
            let rel = rel.replace("%20", " ");
            let file = if rel.is_empty() || rel.ends_with('/') {
                format!("{rel}index.html")
            } else {
                rel
            };
            assert!(
                out.join(&file).exists(),
                "{path} links to {url}, which is not in the output"
            );
        }
    }
    checked
}

fn strings(v: &Value) -> Vec<&str> {
    match v {
        Value::String(s) => vec![s.as_str()],
        Value::Array(a) => a.iter().flat_map(strings).collect(),
        Value::Object(m) => m.values().flat_map(strings).collect(),
        _ => Vec::new(),
    }
}

fn read(site: &Site, rel: &str) -> String {
    std::fs::read_to_string(site.out_dir().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn json(site: &Site, rel: &str) -> Value {
    serde_json::from_str(&read(site, rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The minimal site plus an old meeting (window closed on the build date), a cancelled one
/// without a time, and an exempt case with an attachment of its own.
fn fixture() -> Site {
    let s = Site::minimal();
    s.write(
        "content/ssu/2022-03-10/_mote.md",
        "---\ndato: 2022-03-10\ntid: \"09:00-12:00\"\n---\nGammelt møte.\n",
    );
    s.write(
        "content/ssu/2022-03-10/2022.05.md",
        "---\nsaksnr: \"2022.05\"\ntittel: Gammel sak om arkiv\nsakstype: [orientering]\n---\nGammel tekst.\n",
    );
    s.write(
        "content/ssu/2025-09-04/_mote.md",
        "---\ndato: 2025-09-04\nsted: \"Tønsberg; rom 2, bygg C\"\navlyst: true\n---\nMøtet er avlyst.\n",
    );
    s.write(
        "content/ssu/2025-05-22/2025.15.md",
        "---\nsaksnr: \"2025.15\"\ntittel: Konfidensiell sak om Ola Hemmelig\nsakstype: [beslutning]\noffentlig: false\nskjermingshjemmel: \"offl. § 13 jf. fvl. § 13\"\noffentlig_tittel: Personalsak\nforslag:\n  - Forslag ZETA-FORSLAG.\nvedtak:\n  - Vedtak ZETA-VEDTAK.\nreferat: Referat ZETA-REFERAT.\nvedlegg:\n  - tittel: Vedlegg ZETA-VEDLEGGSTITTEL\n    fil: vedlegg/zeta.md\n---\nSaksfremlegg ZETA-TEKST.\n",
    );
    s.write(
        "content/ssu/2025-05-22/vedlegg/zeta.md",
        "# Zeta\n\nInnhold ZETA-VEDLEGG.\n",
    );
    s.merge_all("Flere møter");
    s
}

const SECRETS: &[&str] = &["Konfidensiell", "Hemmelig", "ZETA-", "vedlegg/zeta"];

#[test]
fn api_json_matches_the_schemas_and_links_resolve() {
    let site = Site::example();
    site.build("2026-11-22");
    let n = validate_all(&site.out_dir(), "https://example.org/helsefellesskap/");
    assert!(n > 150, "only {n} objects checked");
    // The fixture has deleted objects, an exempt stub and a cancelled meeting too.
    let f = fixture();
    f.build("2025-06-10");
    assert!(validate_all(&f.out_dir(), BASE) > 10);
}

#[test]
fn exempt_case_shows_only_its_agenda_line_in_open_data() {
    let site = fixture();
    site.build("2025-06-10");
    let paper = json(&site, "api/paper/ssu/2025.15.json");
    let mut keys: Vec<&String> = paper.as_object().unwrap().keys().collect();
    keys.sort();
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
    assert_eq!(paper["name"], "Personalsak");
    assert_eq!(paper["motebok:legalBasis"], "offl. § 13 jf. fvl. § 13");
    let meeting = json(&site, "api/meeting/ssu/2025-05-22.json");
    let line = meeting["agendaItem"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["number"] == "2025.15")
        .unwrap();
    assert_eq!(line["name"], "Personalsak");
    assert_eq!(line["public"], false);
    // Nothing else of it anywhere: not in JSON, feed, calendar or any page.
    for (path, bytes) in snapshot(&site.out_dir()) {
        let text = String::from_utf8_lossy(&bytes);
        for s in SECRETS {
            assert!(
                !text.contains(s),
                "`{s}` of the exempt case is in {}",
                path.display()
            );
        }
    }
    assert!(!site.exists("api/file/ssu/2025-05-22/vedlegg/zeta.json"));

    // The example site's exempt case, likewise, in every open-data file.
    let ex = Site::example();
    ex.build("2026-11-22");
    let title = "Bemanning av sekretariatet";
    for (path, bytes) in snapshot(&ex.out_dir()) {
        let p = path.to_string_lossy();
        if p.starts_with("api/") || p == "feed.xml" || p == "moter.ics" || p == "sitemap.xml" {
            assert!(
                !String::from_utf8_lossy(&bytes).contains(title),
                "exempt title in {p}"
            );
        }
    }
    assert_eq!(
        json(&ex, "api/paper/ssu/2025.38.json")["name"],
        "Personalsak"
    );
}

#[test]
fn tombstoned_meeting_is_a_deleted_stub_and_out_of_feed_calendar_and_sitemap() {
    let site = fixture();
    // 2022-03-10 + 24 months: published through 2024-03-09.
    site.build("2025-06-10");
    let stub = json(&site, "api/meeting/ssu/2022-03-10.json");
    assert_eq!(stub["deleted"], true);
    assert_eq!(stub["id"], format!("{BASE}api/meeting/ssu/2022-03-10.json"));
    assert_eq!(stub["type"], "https://schema.oparl.org/1.1/Meeting");
    // Unpublished when the window closed, or when the file came in if that was later (a file
    // imported after its window: git dates it after the closing day).
    let time = |v: &Value| chrono::DateTime::parse_from_rfc3339(v.as_str().unwrap()).unwrap();
    let closed = chrono::DateTime::parse_from_rfc3339("2024-03-10T00:00:00+01:00").unwrap();
    assert!(time(&stub["modified"]) >= closed, "{stub}");
    if let Some(created) = stub.get("created") {
        assert!(time(&stub["modified"]) >= time(created), "{stub}");
    }
    let allowed = ["id", "type", "created", "modified", "deleted"];
    assert!(
        stub.as_object()
            .unwrap()
            .keys()
            .all(|k| allowed.contains(&k.as_str())),
        "{stub}"
    );
    let paper = json(&site, "api/paper/ssu/2022.05.json");
    assert_eq!(paper["deleted"], true);
    assert!(paper.get("name").is_none());
    for file in ["feed.xml", "moter.ics", "sitemap.xml"] {
        let text = read(&site, file);
        assert!(
            !text.contains("2022-03-10"),
            "the tombstoned meeting is in {file}"
        );
        assert!(!text.contains("2022.05"), "its case is in {file}");
    }
    assert!(!json(&site, "api/meetings.json")
        .to_string()
        .contains("Gammelt møte"));
    let feed = check_py("check_atom.py", &site.out_dir().join("feed.xml"));
    assert!(!feed.to_string().contains("2022"), "{feed}");
    let cal = check_py("check_ics.py", &site.out_dir().join("moter.ics"));
    assert!(cal["events"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["uid"] != "ssu-2022-03-10@example.org"));
}

#[test]
fn calendar_parses_with_oslo_times_and_cancelled_meetings() {
    let site = fixture();
    site.build("2025-06-10");
    let cal = check_py("check_ics.py", &site.out_dir().join("moter.ics"));
    assert_eq!(cal["timezones"], serde_json::json!(["Europe/Oslo"]));
    let events = cal["events"].as_array().unwrap();
    assert_eq!(events.len(), 2, "{cal}");
    let may = &events[0];
    assert_eq!(may["uid"], "ssu-2025-05-22@example.org");
    assert_eq!(may["summary"], "SSU-møte");
    assert_eq!(may["start"], "2025-05-22T09:00:00+02:00");
    assert_eq!(may["start_tzid"], "Europe/Oslo");
    assert_eq!(may["end"], "2025-05-22T12:00:00+02:00");
    assert_eq!(may["location"], "SiV");
    assert_eq!(may["url"], format!("{BASE}ssu/2025-05-22/"));
    assert_eq!(may["status"], "CONFIRMED");
    let sept = &events[1];
    assert_eq!(sept["uid"], "ssu-2025-09-04@example.org");
    assert_eq!(sept["status"], "CANCELLED");
    // No `tid`: an all-day event. Escaped text comes back as written.
    assert_eq!(sept["start"], "2025-09-04");
    assert_eq!(sept["end"], "2025-09-05");
    assert_eq!(sept["location"], "Tønsberg; rom 2, bygg C");
    let raw = read(&site, "moter.ics");
    assert!(raw.contains("STATUS:CANCELLED\r\n"));
    assert!(raw.contains("LOCATION:Tønsberg\\; rom 2\\, bygg C\r\n"));
    let m = json(&site, "api/meeting/ssu/2025-09-04.json");
    assert_eq!(
        (m["cancelled"].clone(), m["meetingState"].clone()),
        (true.into(), "avlyst".into())
    );
}

#[test]
fn feed_is_valid_atom_newest_first_with_published_documents_only() {
    let site = Site::example();
    site.build("2026-11-22");
    let feed = check_py("check_atom.py", &site.out_dir().join("feed.xml"));
    let entries = feed["entries"].as_array().unwrap();
    assert!(
        !entries.is_empty() && entries.len() <= 50,
        "{} entries",
        entries.len()
    );
    let times: Vec<chrono::DateTime<chrono::FixedOffset>> = entries
        .iter()
        .map(|e| chrono::DateTime::parse_from_rfc3339(e["updated"].as_str().unwrap()).unwrap())
        .collect();
    assert!(
        times.windows(2).all(|w| w[0] >= w[1]),
        "not newest first: {times:?}"
    );
    let base = "https://example.org/helsefellesskap/";
    for e in entries {
        let link = e["link"].as_str().unwrap();
        assert_eq!(e["id"], link);
        let rel = link.strip_prefix(base).unwrap();
        let page = site.page(rel);
        assert!(!page.contains("noindex"), "{rel} is a tombstone or draft");
        assert!(!e["summary"].as_str().unwrap_or_default().is_empty(), "{e}");
    }
    assert_eq!(feed["updated"], entries[0]["updated"]);
}

#[test]
fn follow_ups_are_related_papers_in_both_directions() {
    let site = Site::minimal();
    site.build("2025-06-10");
    let p13 = json(&site, "api/paper/ssu/2025.13.json");
    let p14 = json(&site, "api/paper/ssu/2025.14.json");
    let id13 = format!("{BASE}api/paper/ssu/2025.13.json");
    let id14 = format!("{BASE}api/paper/ssu/2025.14.json");
    assert_eq!(p14["relatedPaper"], serde_json::json!([id13]));
    assert_eq!(p14["motebok:followsUp"], serde_json::json!([id13]));
    assert_eq!(p13["relatedPaper"], serde_json::json!([id14]));
    assert_eq!(p13["motebok:followedUpBy"], serde_json::json!([id14]));
    assert_eq!(p13["reference"], "2025.13");
    // The attachment is a File of 2025.14, with the page's size and checksum.
    let att = &p14["auxiliaryFile"][0];
    let page = std::fs::read(
        site.out_dir()
            .join("ssu/2025-05-22/vedlegg/notat/index.html"),
    )
    .unwrap();
    assert_eq!(att["size"], page.len());
    use sha2::Digest;
    let sha: String = sha2::Sha512::digest(&page)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(att["sha512Checksum"], sha);
    // Its text is in the File's own JSON, not in the copy the Paper embeds.
    assert!(att.get("text").is_none(), "{att}");
    let own = json(&site, "api/file/ssu/2025-05-22/vedlegg/notat.json");
    assert_eq!(own["id"], att["id"]);
    assert_eq!(own["text"], "Notat\nInnhold.");
    // The meeting lists its agenda in order, with its summons.
    let m = json(&site, "api/meeting/ssu/2025-05-22.json");
    let numbers: Vec<&str> = m["agendaItem"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, ["2025.13", "2025.14"]);
    assert_eq!(
        m["invitation"]["accessUrl"],
        format!("{BASE}ssu/2025-05-22/innkalling.pdf")
    );
    assert!(
        m.get("resultsProtocol").is_none(),
        "no decisions, no minutes"
    );
}

#[test]
fn open_data_is_deterministic() {
    let site = fixture();
    site.build("2025-06-10");
    let first = snapshot(&site.out_dir());
    let other = site.path().join("public-2");
    let o = site.motebok(&[
        "build",
        "--as-of",
        "2025-06-10",
        "--output",
        other.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let second = snapshot(&other);
    let open = |p: &Path| {
        let p = p.to_string_lossy();
        p.starts_with("api/") || ["feed.xml", "moter.ics", "sitemap.xml"].contains(&p.as_ref())
    };
    let a: Vec<_> = first.iter().filter(|(p, _)| open(p)).collect();
    let b: Vec<_> = second.iter().filter(|(p, _)| open(p)).collect();
    assert!(a.len() > 20);
    assert!(a == b, "two builds of the same input differ");
}

#[test]
fn api_index_page_lists_the_endpoints() {
    let site = Site::minimal();
    site.build("2025-06-10");
    let page = site.page("api/");
    assert!(page.contains("<html lang=\"nb\">"));
    assert!(page.contains("<h1>Åpne data</h1>"));
    for href in [
        "api/system.json",
        "api/organization/ssu/meetings.json",
        "feed.xml",
        "moter.ics",
        "api/schema/paper.json",
    ] {
        assert!(
            page.contains(&format!("href=\"../{href}\"")),
            "{href} missing"
        );
        assert!(site.out_dir().join(href).exists(), "{href} not written");
    }
    let system = json(&site, "api/system.json");
    assert_eq!(system["oparlVersion"], "https://schema.oparl.org/1.1/");
    assert_eq!(system["body"], format!("{BASE}api/bodies.json"));
}

#[test]
fn schemas_reject_what_must_not_be_published() {
    let site = fixture();
    site.build("2025-06-10");
    let paper = validator("paper.json");
    let meeting = validator("meeting.json");
    let exempt = json(&site, "api/paper/ssu/2025.15.json");
    assert!(paper.is_valid(&exempt));
    for (key, value) in [
        ("mainFile", serde_json::json!({})),
        ("motebok:decision", serde_json::json!(["x"])),
        ("motebok:trail", serde_json::json!([])),
        ("web", serde_json::json!(format!("{BASE}x/"))),
    ] {
        let mut leaky = exempt.clone();
        leaky[key] = value;
        assert!(
            !paper.is_valid(&leaky),
            "an exempt paper with `{key}` passed"
        );
    }
    let mut m = json(&site, "api/meeting/ssu/2025-05-22.json");
    assert!(meeting.is_valid(&m));
    let line = m["agendaItem"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|a| a["public"] == false)
        .unwrap();
    line["resolutionText"] = "Vedtak".into();
    assert!(
        !meeting.is_valid(&m),
        "an exempt agenda line with a decision passed"
    );
    let mut stub = json(&site, "api/meeting/ssu/2022-03-10.json");
    assert!(meeting.is_valid(&stub));
    stub["name"] = "Gammelt møte".into();
    assert!(
        !meeting.is_valid(&stub),
        "a deleted meeting with a name passed"
    );
}

/// The example site's whole calendar through the strict parser: every event, its UID as
/// written (names are safe ids, and the UID is escaped like every TEXT value).
#[test]
fn example_site_calendar_passes_the_strict_parser() {
    let site = Site::example();
    site.build("2026-11-22");
    let cal = check_py("check_ics.py", &site.out_dir().join("moter.ics"));
    let events = cal["events"].as_array().unwrap();
    assert!(events.len() >= 5, "{cal}");
    for e in events {
        let uid = e["uid"].as_str().unwrap();
        assert!(uid.ends_with("@example.org"), "{uid}");
        assert!(!uid.contains(['\\', ';', ',', '\n', '\r', '\t']), "{uid}");
    }
}
