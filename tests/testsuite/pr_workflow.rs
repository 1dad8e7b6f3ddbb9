//! Issue 14, item 13: the pull-request workflow around the build. The comment shows the errors
//! of a failing check; case numbers taken on other branches are seen by `motebok new sak` and
//! flagged by `check --against`; the workflows install a pinned, cached motebok.

use crate::common::*;
use motebok_domain::privacy::control_digits;
use yaml_rust2::{Yaml, YamlLoader};

const AS_OF: &str = "2026-01-01";

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A synthetic identity number (valid control digits) born on `date` (DDMMYY).
fn synthetic(date: &str) -> String {
    (0..1000)
        .find_map(|i| {
            let nine = format!("{date}{i:03}");
            let d: [u8; 9] = nine
                .bytes()
                .map(|b| b - b'0')
                .collect::<Vec<_>>()
                .try_into()
                .unwrap();
            control_digits(&d).map(|(k1, k2)| format!("{nine}{k1}{k2}"))
        })
        .unwrap()
}

fn case(number: &str, title: &str) -> String {
    format!("---\nsaksnr: \"{number}\"\ntittel: {title}\nsakstype: [orientering]\n---\nTekst.\n")
}

#[test]
fn a_failing_check_writes_its_errors_into_the_summary() {
    let site = Site::minimal();
    let fnr = synthetic("150387");
    site.git(&["checkout", "-q", "-b", "feil"]);
    // Line 5: an unknown key.
    site.write(
        "content/ssu/2025-05-22/2025.15.md",
        "---\nsaksnr: \"2025.15\"\ntittel: T\nsakstype: [orientering]\nansvalig: X\n---\n",
    );
    // Line 4: a misspelt case type.
    site.write(
        "content/ssu/2025-05-22/2025.16.md",
        "---\nsaksnr: \"2025.16\"\ntittel: U\nsakstype: [beslutnig]\n---\n",
    );
    // Line 7: an identity number in the text, and one in a file name.
    site.write(
        "content/ssu/2025-05-22/2025.17.md",
        &format!(
            "---\nsaksnr: \"2025.17\"\ntittel: V\nsakstype: [orientering]\n---\n\nPasient {fnr}.\n"
        ),
    );
    site.write(
        &format!("content/ssu/2025-05-22/vedlegg/brev-{fnr}.md"),
        "Brev.\n",
    );
    site.git(&["add", "-A"]);
    site.git(&["commit", "-q", "-m", "Feil"]);

    let o = site.motebok(&["check", "--against", "main", "--as-of", AS_OF]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let md = stdout(&o);
    assert!(md.contains("## Endringen har feil"), "{md}");
    for (file, line, msg) in [
        (
            "content/ssu/2025-05-22/2025.15.md",
            "linje 5",
            "ukjent nøkkel `ansvalig`",
        ),
        (
            "content/ssu/2025-05-22/2025.16.md",
            "linje 4",
            "ukjent sakstype `beslutnig`",
        ),
        (
            "content/ssu/2025-05-22/2025.17.md",
            "linje 7",
            "fødselsnummer",
        ),
    ] {
        let entry = md
            .lines()
            .find(|l| l.contains(&format!("`{file}`")) && l.contains(msg))
            .unwrap_or_else(|| panic!("{file} {msg} missing:\n{md}"));
        assert!(entry.contains(line), "{entry}\n{md}");
    }
    assert!(md.contains("mente du `beslutning`?"), "the hint: {md}");
    assert!(md.contains("filnavnet inneholder et fødselsnummer"), "{md}");
    assert!(
        !md.contains(&fnr),
        "the number never reaches the comment:\n{md}"
    );
    assert!(
        !md.contains("Hva skjer når"),
        "no summary of pages on errors: {md}"
    );
    // The terminal still gets the errors as before.
    assert!(
        stderr(&o).contains("ukjent nøkkel `ansvalig`"),
        "{}",
        stderr(&o)
    );
}

/// A branch with `files` (path, text) committed on top of main, left as `name`.
fn branch_with(site: &Site, name: &str, files: &[(&str, String)]) {
    site.git(&["checkout", "-q", "-b", name, "main"]);
    for (path, text) in files {
        site.write(path, text);
    }
    site.git(&["add", "-A"]);
    site.git(&["commit", "-q", "-m", &format!("Saker på {name}")]);
    site.git(&["checkout", "-q", "main"]);
}

fn new_case(site: &Site) -> String {
    let o = site.motebok(&["new", "sak", "ssu", "2025-05-22", "Ny sak"]);
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o)
}

#[test]
fn new_case_skips_numbers_taken_on_local_and_remote_branches() {
    let site = Site::minimal();
    let meeting = (
        "content/ssu/2025-06-19/_mote.md",
        "---\ndato: 2025-06-19\ntid: \"09:00-12:00\"\nsted: SiV\n---\n".to_string(),
    );
    // A local branch uses 2025.16 in another meeting of the year.
    branch_with(
        &site,
        "feature",
        &[
            meeting.clone(),
            (
                "content/ssu/2025-06-19/2025.16.md",
                case("2025.16", "Budsjett"),
            ),
        ],
    );
    let out = new_case(&site);
    assert!(out.contains("content/ssu/2025-05-22/2025.17.md"), "{out}");
    site.remove("content/ssu/2025-05-22/2025.17.md");
    site.git(&["branch", "-q", "-D", "feature"]);

    // Only a remote-tracking branch (a colleague's pushed branch) uses it.
    branch_with(
        &site,
        "tmp",
        &[
            meeting,
            (
                "content/ssu/2025-06-19/2025.16.md",
                case("2025.16", "Budsjett"),
            ),
        ],
    );
    site.git(&["update-ref", "refs/remotes/origin/x", "tmp"]);
    site.git(&["branch", "-q", "-D", "tmp"]);
    let out = new_case(&site);
    assert!(out.contains("content/ssu/2025-05-22/2025.17.md"), "{out}");
}

#[test]
fn check_against_flags_a_number_the_target_branch_took_meanwhile() {
    let site = Site::minimal();
    let june = (
        "content/ssu/2025-06-19/_mote.md",
        "---\ndato: 2025-06-19\ntid: \"09:00-12:00\"\nsted: SiV\n---\n".to_string(),
    );
    // The pull request: two new cases, and a new title for a case main already had.
    branch_with(
        &site,
        "ny-sak",
        &[
            june.clone(),
            (
                "content/ssu/2025-05-22/2025.15.md",
                case("2025.15", "Budsjett 2026"),
            ),
            (
                "content/ssu/2025-06-19/2025.16.md",
                case("2025.16", "Avtale om IKT"),
            ),
            (
                "content/ssu/2025-05-22/2025.13.md",
                site.read_src("content/ssu/2025-05-22/2025.13.md").replace(
                    "Godkjenning av innkalling",
                    "Godkjenning av innkalling og dagsorden",
                ),
            ),
        ],
    );
    // Meanwhile main gets 2025.15 at the same path (another case) and 2025.16 elsewhere.
    site.write(
        "content/ssu/2025-05-22/2025.15.md",
        &case("2025.15", "Årsmelding"),
    );
    site.write(
        "content/ssu/2025-05-22/2025.16.md",
        &case("2025.16", "Avtale om IKT"),
    );
    site.merge_all("Saker til mai");
    site.git(&["checkout", "-q", "ny-sak"]);

    let o = site.motebok(&["check", "--against", "main", "--as-of", AS_OF]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let md = stdout(&o);
    let err = stderr(&o);
    for (file, other) in [
        ("content/ssu/2025-05-22/2025.15.md", "Årsmelding"),
        (
            "content/ssu/2025-06-19/2025.16.md",
            "content/ssu/2025-05-22/2025.16.md",
        ),
    ] {
        let entry = md
            .lines()
            .find(|l| l.contains(&format!("`{file}`")) && l.contains("allerede brukt"))
            .unwrap_or_else(|| panic!("no clash for {file}:\n{md}\n{err}"));
        assert!(entry.contains("linje 2"), "at saksnr: {entry}");
        assert!(entry.contains(other), "{entry}");
        assert!(err.contains(file), "{err}");
    }
    assert!(
        md.contains("2025.17"),
        "the hint proposes the next free number: {md}"
    );
    assert!(
        !md.contains("`content/ssu/2025-05-22/2025.13.md`"),
        "a new title for a case both branches had is no clash: {md}"
    );

    // Renumbered as the hint says, the branch passes.
    site.git(&[
        "mv",
        "content/ssu/2025-05-22/2025.15.md",
        "content/ssu/2025-05-22/2025.17.md",
    ]);
    site.git(&[
        "mv",
        "content/ssu/2025-06-19/2025.16.md",
        "content/ssu/2025-06-19/2025.18.md",
    ]);
    site.write(
        "content/ssu/2025-05-22/2025.17.md",
        &case("2025.17", "Budsjett 2026"),
    );
    site.write(
        "content/ssu/2025-06-19/2025.18.md",
        &case("2025.18", "Avtale om IKT"),
    );
    site.git(&["add", "-A"]);
    site.git(&["commit", "-q", "-m", "Nye nummer"]);
    let o = site.motebok(&["check", "--against", "main", "--as-of", AS_OF]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
}

fn workflow(name: &str) -> Yaml {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(".github/workflows")
        .join(name);
    let text = std::fs::read_to_string(path).unwrap();
    YamlLoader::load_from_str(&text).unwrap().remove(0)
}

fn steps(w: &Yaml, job: &str) -> Vec<Yaml> {
    w["jobs"][job]["steps"]
        .as_vec()
        .cloned()
        .unwrap_or_default()
}

fn step<'a>(steps: &'a [Yaml], name: &str) -> &'a Yaml {
    steps
        .iter()
        .find(|s| s["name"].as_str() == Some(name))
        .unwrap_or_else(|| panic!("no step `{name}`"))
}

/// Both workflows install the motebok release the file pins, from the cache when it is there.
fn assert_pinned_and_cached(w: &Yaml, job: &str) {
    let version = format!("v{}", env!("CARGO_PKG_VERSION"));
    assert_eq!(w["env"]["MOTEBOK_VERSION"].as_str(), Some(version.as_str()));
    assert!(
        w["env"]["MOTEBOK_REPO"].as_str().is_some(),
        "the repository is an input"
    );
    let steps = steps(w, job);
    let cache = step(&steps, "Hent motebok fra hurtigbufferen");
    assert!(cache["uses"]
        .as_str()
        .unwrap()
        .starts_with("actions/cache@"));
    assert_eq!(cache["with"]["path"].as_str(), Some("~/.cargo/bin/motebok"));
    assert!(cache["with"]["key"]
        .as_str()
        .unwrap()
        .contains("${{ env.MOTEBOK_VERSION }}"));
    let install = step(&steps, "Installer motebok");
    let run = install["run"].as_str().unwrap();
    assert!(
        run.contains(
            r#"cargo install --locked --git "$MOTEBOK_REPO" --tag "$MOTEBOK_VERSION" motebok"#
        ),
        "{run}"
    );
    let cond = install["if"].as_str().unwrap();
    assert!(
        cond.contains("steps.motebok-cache.outputs.cache-hit != 'true'"),
        "{cond}"
    );
    assert_eq!(cache["id"].as_str(), Some("motebok-cache"));
    assert!(
        !run.contains("example/motebok"),
        "no placeholder URL: {run}"
    );
}

#[test]
fn the_workflows_comment_on_failure_and_install_a_pinned_cached_release() {
    let pr = workflow("pull-request.yml");
    assert_pinned_and_cached(&pr, "check");
    let steps = steps(&pr, "check");
    let check = step(&steps, "Kontroller og oppsummer");
    let run = check["run"].as_str().unwrap();
    // The summary is written whatever the check finds, and the check's status is the step's.
    assert!(
        run.contains("motebok check --against main > sammendrag.md"),
        "{run}"
    );
    assert!(run.trim_end().ends_with("exit \"$status\""), "{run}");
    assert!(
        check["continue-on-error"].is_badvalue(),
        "a failing check fails the job"
    );
    let comment = step(&steps, "Kommenter i pull requesten");
    assert!(
        comment["if"].as_str().unwrap().contains("always()"),
        "the comment is posted when the check fails"
    );
    assert_eq!(comment["with"]["path"].as_str(), Some("sammendrag.md"));
    assert_pinned_and_cached(&workflow("publish.yml"), "build");
}

#[test]
fn the_publishing_workflow_keeps_the_typeset_papers_between_runs() {
    let w = workflow("publish.yml");
    let steps = steps(&w, "build");
    let at = |name: &str| {
        steps
            .iter()
            .position(|s| s["name"].as_str() == Some(name))
            .unwrap_or_else(|| panic!("no step {name:?}"))
    };
    let cache = step(&steps, "Hent ferdig satte møtedokumenter");
    assert!(cache["uses"]
        .as_str()
        .unwrap()
        .starts_with("actions/cache@"));
    // Where `motebok build` keeps them (docs/papers.md), restored before the build runs.
    assert_eq!(cache["with"]["path"].as_str(), Some(".git/motebok"));
    assert!(cache["with"]["restore-keys"].as_str().is_some());
    assert!(at("Hent ferdig satte møtedokumenter") < at("Bygg nettstedet"));
}
