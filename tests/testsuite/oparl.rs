//! `/api/` as OParl 1.1, checked as a client meets it: `tests/py/check_oparl.py` crawls from
//! `api/system.json`, follows every URL in every object and list, validates every object (embedded
//! ones too) against the official OParl 1.1 schemas and checks the MUSTs of the spec text the
//! schemas do not encode (`created`/`modified` everywhere, ids that answer with their object, no
//! deleted objects in lists, the Body's mandatory lists, `organizationType` from the spec's
//! values, ...). It prints every finding.
//!
//! The schemas are found through OPARL_SCHEMA_DIR only (scripts/test sets it to the checked copy
//! scripts/install-test-deps makes from tests/schemas/oparl); Python's `jsonschema` is in the
//! test venv (target/test-venv, or MOTEBOK_TEST_VENV). Missing either is a failure, never a skip.

use crate::common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BASE: &str = "https://example.org/test/";
const EXAMPLE_BASE: &str = "https://example.org/helsefellesskap/";

fn schema_dir() -> PathBuf {
    let dir = std::env::var_os("OPARL_SCHEMA_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            panic!(
                "OPARL_SCHEMA_DIR is not set: run scripts/test, or scripts/install-test-deps and \
                 then OPARL_SCHEMA_DIR=target/test-schemas/oparl cargo test --test testsuite oparl::"
            )
        });
    let dir = std::path::absolute(dir).unwrap();
    assert!(
        dir.join("System.json").is_file() && dir.join("strings.yml").is_file(),
        "the OParl 1.1 schemas are not in {} (OPARL_SCHEMA_DIR): run scripts/install-test-deps \
         and set OPARL_SCHEMA_DIR to target/test-schemas/oparl",
        dir.display()
    );
    dir
}

/// The crawler on a built site: its exit status, summary and findings.
fn crawl(out: &Path, base: &str) -> (Output, Value) {
    let o = Command::new(python("jsonschema"))
        .arg(repo_root().join("tests/py/check_oparl.py"))
        .arg("--schemas")
        .arg(schema_dir())
        .arg("--site")
        .arg(out)
        .arg("--base")
        .arg(base)
        .output()
        .expect("python runs");
    let summary = serde_json::from_slice(&o.stdout).unwrap_or_else(|_| {
        panic!(
            "check_oparl.py printed no summary:\n{}",
            String::from_utf8_lossy(&o.stderr)
        )
    });
    (o, summary)
}

/// Crawls and fails with every finding.
pub(crate) fn assert_oparl(out: &Path, base: &str) -> Value {
    let (o, summary) = crawl(out, base);
    let findings = String::from_utf8_lossy(&o.stderr);
    assert!(
        o.status.success(),
        "/api/ breaks OParl 1.1 ({} findings):\n{findings}",
        summary["errors"]
    );
    summary
}

fn json(out: &Path, rel: &str) -> Value {
    let text = std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The minimal site plus a meeting whose window closed (deleted objects), a cancelled one, an
/// exempt case with an attachment of its own, and a meeting that moved (a deleted object at its
/// old id, issue 14).
fn fixture() -> Site {
    let s = Site::minimal();
    s.write(
        "content/ssu/2022-03-10/_mote.md",
        "---\ndato: 2022-03-10\ntid: \"09:00-12:00\"\nsted: Tønsberg\n---\nGammelt møte.\n",
    );
    s.write(
        "content/ssu/2022-03-10/2022.05.md",
        "---\nsaksnr: \"2022.05\"\ntittel: Gammel sak om arkiv\nsakstype: [orientering]\n---\nGammel tekst.\n",
    );
    s.write(
        "content/ssu/2025-09-04/_mote.md",
        "---\ndato: 2025-09-04\nsted: \"Tønsberg; rom 2\"\navlyst: true\n---\nMøtet er avlyst.\n",
    );
    s.write(
        "content/ssu/2025-05-22/2025.15.md",
        "---\nsaksnr: \"2025.15\"\ntittel: Konfidensiell sak om Ola Hemmelig\nsakstype: [beslutning]\noffentlig: false\nskjermingshjemmel: \"offl. § 13 jf. fvl. § 13\"\noffentlig_tittel: Personalsak\nvedtak:\n  - Vedtak ZETA-VEDTAK.\nvedlegg:\n  - tittel: Vedlegg ZETA-VEDLEGGSTITTEL\n    fil: vedlegg/zeta.md\n---\nSaksfremlegg ZETA-TEKST.\n",
    );
    s.write(
        "content/ssu/2025-05-22/vedlegg/zeta.md",
        "# Zeta\n\nInnhold ZETA-VEDLEGG.\n",
    );
    s.write(
        "content/ssu/2025-03-01/_mote.md",
        "---\ndato: 2025-03-01\nsted: SiV\n---\nFeil dato.\n",
    );
    s.write(
        "content/ssu/2025-05-22/2025.16.md",
        "---\nsaksnr: \"2025.16\"\ntittel: Sak som trekkes\nsakstype: [orientering]\n---\nTrekkes.\n",
    );
    s.merge_all("Flere møter");
    s.build("2025-06-10");
    std::fs::rename(
        s.path().join("content/ssu/2025-03-01"),
        s.path().join("content/ssu/2025-03-03"),
    )
    .unwrap();
    s.write(
        "content/ssu/2025-03-03/_mote.md",
        "---\ndato: 2025-03-03\nsted: SiV\n---\nRiktig dato.\n",
    );
    s.remove("content/ssu/2025-05-22/2025.16.md");
    s.merge_all("Flytt møtet til 3. mars, trekk sak 2025.16");
    s
}

#[test]
fn example_site_api_is_oparl_1_1() {
    let site = Site::example();
    site.build("2026-11-22");
    let s = assert_oparl(&site.out_dir(), EXAMPLE_BASE);
    // The crawl reached the whole API, not a corner of it.
    assert!(s["crawled_files"].as_u64().unwrap() > 100, "{s}");
    assert!(s["objects"].as_u64().unwrap() > 500, "{s}");
    assert!(s["lists"].as_u64().unwrap() > 10, "{s}");
}

#[test]
fn deleted_exempt_and_moved_objects_are_oparl_1_1_and_nothing_leaks() {
    let site = fixture();
    site.build("2025-06-10");
    let out = site.out_dir();
    let s = assert_oparl(&out, BASE);
    // The deleted objects (closed window, moved meeting) were checked though no list has them.
    assert!(s["unlinked_files"].as_u64().unwrap() >= 3, "{s}");

    // A closed window: the object's URL answers with a deleted object, the lists leave it out.
    let old = json(&out, "api/meeting/ssu/2022-03-10.json");
    assert_eq!(old["deleted"], true, "{old}");
    // A moved meeting and a withdrawn case (issue 14) leave deleted objects at every id they
    // had, embedded objects' included.
    for rel in [
        "api/meeting/ssu/2025-03-01.json",
        "api/location/ssu/2025-03-01.json",
        "api/file/ssu/2025-03-01/innkalling.json",
        "api/paper/ssu/2025.16.json",
        "api/agenda-item/ssu/2025.16.json",
        "api/consultation/ssu/2025.16.json",
        "api/file/ssu/sak/2025.16.json",
    ] {
        let stub = json(&out, rel);
        assert_eq!(stub["deleted"], true, "{rel}: {stub}");
    }
    for list in [
        "api/meetings.json",
        "api/papers.json",
        "api/files.json",
        "api/agenda-items.json",
        "api/consultations.json",
        "api/locations.json",
        "api/organization/ssu/meetings.json",
    ] {
        let text = std::fs::read_to_string(out.join(list)).unwrap();
        for gone in ["2022-03-10", "2022.05", "2025-03-01", "2025.16"] {
            assert!(!text.contains(gone), "{list} lists {gone}");
        }
    }
    // Its embedded objects have ids of their own, which answer with deleted objects too.
    for rel in [
        "api/agenda-item/ssu/2022.05.json",
        "api/consultation/ssu/2022.05.json",
        "api/location/ssu/2022-03-10.json",
    ] {
        let stub = json(&out, rel);
        assert_eq!(stub["deleted"], true, "{rel}: {stub}");
    }

    // Nothing of the exempt case but its agenda line.
    for (p, bytes) in snapshot(&out) {
        if p.starts_with("api") {
            let text = String::from_utf8_lossy(&bytes);
            for secret in ["Konfidensiell", "Hemmelig", "ZETA-", "vedlegg/zeta"] {
                assert!(!text.contains(secret), "{} has {secret}", p.display());
            }
        }
    }
}

/// Copies a built output to a temp dir, so a test can break it.
fn copy_of(out: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (p, bytes) in snapshot(out) {
        let to = dir.path().join(&p);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::write(to, bytes).unwrap();
    }
    dir
}

#[test]
fn the_checker_names_a_missing_modified_and_a_deleted_object_in_a_list() {
    let site = Site::minimal();
    site.build("2025-06-10");
    let broken = copy_of(&site.out_dir());
    let out = broken.path();
    // No `modified` on a meeting, nor on the first agenda item embedded in it.
    let rel = "api/meeting/ssu/2025-05-22.json";
    let mut m = json(out, rel);
    m.as_object_mut().unwrap().remove("modified");
    m["agendaItem"][0]
        .as_object_mut()
        .unwrap()
        .remove("modified");
    let id = m["agendaItem"][0]["id"].as_str().unwrap().to_string();
    std::fs::write(out.join(rel), serde_json::to_vec(&m).unwrap()).unwrap();
    // A deleted object in the list of papers.
    let rel = "api/papers.json";
    let mut l = json(out, rel);
    let first = &mut l["data"][0];
    let gone = serde_json::json!({
        "id": first["id"], "type": first["type"], "created": first["created"],
        "modified": first["modified"], "deleted": true
    });
    *first = gone;
    std::fs::write(out.join(rel), serde_json::to_vec(&l).unwrap()).unwrap();

    let (o, summary) = crawl(out, BASE);
    let findings = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success(), "the broken API passed: {summary}");
    assert!(
        findings.contains("api/meeting/ssu/2025-05-22.json: Meeting")
            && findings.contains("has no `modified`"),
        "{findings}"
    );
    assert!(
        findings.contains(&format!("AgendaItem {id} has no `modified`")),
        "{findings}"
    );
    assert!(
        findings.contains("api/papers.json/data/0: the list carries the deleted object"),
        "{findings}"
    );
}
