//! The package from a site resolved with a hand-made trail, as the git history will give it.

use super::*;
use chrono::DateTime;
use motebok_domain::{resolve, Change, FileTrail, Inputs, TrailEntry, Trails};
use std::collections::{HashMap, HashSet};

const FILES: &[(&str, &str)] = &[
    ("content/ssu/_organ.md", "---\nnavn: Strategisk samarbeidsutvalg\nkortnavn: SSU\n---\nMandat.\n"),
    ("content/ssu/2025-05-22/_mote.md", "---\ndato: 2025-05-22\n---\nMøte.\n"),
    (
        "content/ssu/2025-05-22/2025.16.md",
        "---\nsaksnr: \"2025.16\"\ntittel: TUD\nsakstype: [beslutning]\nvedlegg:\n  - tittel: Avtale\n    fil: vedlegg/avtale.md\n---\nTekst.\n",
    ),
    ("content/ssu/2025-05-22/vedlegg/avtale.md", "Avtalen.\n"),
];

fn entry(commit: &str, time: &str, change: Change, who: &str) -> TrailEntry {
    TrailEntry {
        commit: commit.repeat(40),
        time: DateTime::parse_from_rfc3339(time).unwrap(),
        subject: format!("Sak 2025.16 ({commit})"),
        approvers: vec!["Kari Nordmann".into()],
        pull_request: Some(7),
        authors: vec![who.into()],
        change,
        direct: false,
        imported: false,
    }
}

fn package() -> (plan::Package, Vec<endringslogg::Endring>) {
    let raw = FILES
        .iter()
        .map(|(p, t)| motebok_parser::parse_file(p, t.as_bytes()).unwrap())
        .collect();
    let mut trails = Trails::new();
    trails.insert(
        "content/ssu/2025-05-22/2025.16.md".into(),
        FileTrail {
            entries: vec![
                entry(
                    "a",
                    "2025-05-01T10:00:00+02:00",
                    Change::Added,
                    "Ola Nordmann",
                ),
                entry(
                    "b",
                    "2025-06-01T14:00:00+02:00",
                    Change::Modified,
                    "Eva Hansen",
                ),
            ],
        }
        .into(),
    );
    let today = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
    let site = resolve(Inputs {
        files: raw,
        trails: &trails,
        drafts: &HashSet::new(),
        today,
        window_months: 24,
        unparsed: &HashSet::new(),
    })
    .unwrap();
    let sel = select::Selection::new(&site, 2025, false);
    let repo: HashMap<&str, &[u8]> = FILES.iter().map(|(p, t)| (*p, t.as_bytes())).collect();
    let inp = plan::Input {
        site: &site,
        repo,
        org: "Helsefellesskapet",
        today,
        convert: Default::default(),
    };
    let pkg = plan::plan(&inp, &sel).unwrap();
    let changes = endringslogg::changes(&pkg.arkiv, &pkg.exported);
    (pkg, changes)
}

#[test]
fn dates_people_and_versions_come_from_the_trail() {
    let (pkg, _) = package();
    // The export closes the archive after the last change, even on the day of the change.
    assert_eq!(pkg.exported.time(), "2025-06-01T14:00:00+02:00");
    let xml = String::from_utf8(noark::write(&pkg.arkiv).unwrap()).unwrap();
    let case = xml
        .split("<registrering xsi:type=\"moeteregistrering\">")
        .find(|r| r.contains("<registreringsID>ssu/2025.16</registreringsID>"))
        .unwrap();
    assert!(case.contains("<opprettetDato>2025-05-01T10:00:00+02:00</opprettetDato>\n              <opprettetAv>Ola Nordmann</opprettetAv>"), "{case}");
    assert!(
        case.contains("<versjonsnummer>2</versjonsnummer>"),
        "{case}"
    );
    // The Markdown source is the version of the last change, by its author.
    assert!(case.contains("<opprettetDato>2025-06-01T14:00:00+02:00</opprettetDato>\n                <opprettetAv>Eva Hansen</opprettetAv>"), "{case}");
    assert!(case.contains("<konvertertFraFormat>fmt/1149</konvertertFraFormat>"));
}

#[test]
fn the_endringslogg_has_every_commit_and_a_note_for_files_without_trail() {
    let (pkg, changes) = package();
    let case_doc = &pkg.arkiv.arkivdel.system.klasser[0].mapper[0].registreringer[1].dokumenter[0];
    let of_case: Vec<_> = changes
        .iter()
        .filter(|c| c.arkivenhet == case_doc.system_id)
        .collect();
    assert_eq!(of_case.len(), 2);
    assert_eq!(of_case[1].av, "Eva Hansen");
    assert_eq!(
        of_case[1].tidligere,
        format!("content/ssu/2025-05-22/2025.16.md@{}", "a".repeat(12))
    );
    assert!(of_case[1]
        .ny
        .ends_with("«Sak 2025.16 (b)», pull request #7, godkjent av Kari Nordmann"));
    // _mote.md and the attachment have no trail here: one note each.
    assert_eq!(changes.len(), 4);
    assert!(changes.iter().filter(|c| c.av == ids::SYSTEM).count() == 2);
    let every_id: Vec<&str> = changes.iter().map(|c| c.arkivenhet.as_str()).collect();
    let xml = String::from_utf8(noark::write(&pkg.arkiv).unwrap()).unwrap();
    for id in every_id {
        assert!(
            xml.contains(&format!("<systemID>{id}</systemID>")),
            "{id} not in arkivstruktur"
        );
    }
}

#[test]
fn moetesakstype_from_sakstype() {
    let (pkg, _) = package();
    let m = pkg.arkiv.arkivdel.system.klasser[0].mapper[0].registreringer[1]
        .moete
        .as_ref()
        .unwrap();
    assert_eq!(
        (m.registreringstype, m.sakstype),
        ("Saksframlegg", Some("Politisk sak"))
    );
    assert_eq!(m.saksbehandler, "Ikke oppgitt");
}
