//! Settings under approval (CONTENT.md §6) and URLs that stay (§7): a moved or deleted
//! published file keeps a `noindex` page at its old URL and a `deleted` object in `/api/`.

use crate::common::*;

fn short_head(site: &Site) -> String {
    String::from_utf8(site.git(&["rev-parse", "--short=7", "HEAD"]).stdout)
        .unwrap()
        .trim()
        .to_string()
}

#[test]
fn direct_commit_to_site_toml_fails_naming_commit_and_file() {
    let site = Site::minimal();
    site.build("2026-01-01");
    let before = snapshot(&site.out_dir());
    // A longer window would republish closed documents: a setting readers see.
    site.write("site.toml", &format!("window_months = 120\n{MINIMAL_TOML}"));
    site.commit_direct("Lengre vindu");
    let o = site.try_build("2026-01-01");
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains(&short_head(&site)), "names the commit: {err}");
    assert!(err.contains("«Lengre vindu»"), "{err}");
    assert!(err.contains("site.toml"), "names the file: {err}");
    assert!(err.contains("uten godkjenning"), "{err}");
    assert_eq!(snapshot(&site.out_dir()), before, "the output is untouched");
    let check = site.motebok(&["check"]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
}

#[test]
fn direct_commit_to_a_theme_fails_naming_commit_and_file() {
    let site = Site::minimal();
    site.write("themes/default/static/egen.css", "body { color: red }\n");
    site.commit_direct("Egen stil");
    let o = site.try_build("2026-01-01");
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains(&short_head(&site)), "names the commit: {err}");
    assert!(
        err.contains("themes/default/static/egen.css"),
        "names the file: {err}"
    );
    // The same change approved in a pull request is fine.
    let site = Site::minimal();
    site.write("themes/default/static/egen.css", "body { color: red }\n");
    site.merge_all("Egen stil");
    site.build("2026-01-01");
}

#[test]
fn import_mark_after_now_is_an_error_naming_its_line() {
    let site = Site::empty(&format!(
        "{MINIMAL_TOML}\n[approval]\nimported_until = \"2026-12-31\"\n"
    ));
    site.write(
        "content/ssu/_organ.md",
        "---\nnavn: Strategisk samarbeidsutvalg\nkortnavn: SSU\n---\nMandat.\n",
    );
    site.commit_direct("Rett mandatet"); // 2025-01-01: inside a mark that lies in the future
    let o = site.try_build("2026-01-01");
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let line = MINIMAL_TOML.lines().count() + 3;
    assert!(err.contains(&format!("site.toml:{line}:")), "{err}");
    assert!(err.contains("2026-12-31"), "{err}");
    // On the day itself, the mark is fine.
    site.build("2026-12-31");
}

fn json(site: &Site, rel: &str) -> serde_json::Value {
    serde_json::from_str(&site.page(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn a_moved_meeting_keeps_its_old_urls_as_pointers() {
    let site = Site::minimal();
    site.build("2026-01-01");
    move_meeting(&site);
    site.build("2026-01-01");
    same_as_full_build(&site, "2026-01-01", "the rebuild");

    // The meeting's old page points to the new one, and is kept out of search engines.
    let old = site.page("ssu/2025-05-22/");
    assert!(old.contains("noindex"), "{old}");
    assert!(old.contains("href=\"../../ssu/2025-05-27/\""), "{old}");
    assert!(old.contains("Flyttet"), "{old}");
    // So does its Markdown attachment's page.
    let att = site.page("ssu/2025-05-22/vedlegg/notat/");
    assert!(att.contains("noindex"), "{att}");
    assert!(
        att.contains("href=\"../../../../ssu/2025-05-27/vedlegg/notat/\""),
        "{att}"
    );
    // A case's URL does not depend on the date: it is the case itself, no pointer.
    let case = site.page("ssu/sak/2025.13/");
    assert!(!case.contains("noindex"), "{case}");
    assert!(case.contains("27. mai 2025"), "{case}");

    // /api/ keeps a deleted object at the old id.
    let m = json(&site, "api/meeting/ssu/2025-05-22.json");
    assert_eq!(m["deleted"], true, "{m}");
    assert_eq!(m["type"], "https://schema.oparl.org/1.1/Meeting", "{m}");
    assert!(
        m["id"]
            .as_str()
            .unwrap()
            .ends_with("/api/meeting/ssu/2025-05-22.json"),
        "{m}"
    );
    assert!(site.exists("api/meeting/ssu/2025-05-27.json"));

    // Stubs are left out of the sitemap, the search index and the feeds.
    for f in ["sitemap.xml", "feed.xml", "moter.ics", "api/meetings.json"] {
        assert!(
            !site.page(f).contains("2025-05-22"),
            "{f} lists the old URL"
        );
    }
    let search: String = walkdir::WalkDir::new(site.out_dir().join("sok"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()).into_owned())
        .collect();
    assert!(
        !search.contains("2025-05-22/"),
        "the search index has the old URL"
    );
}

#[test]
fn a_deleted_case_leaves_a_tombstone_naming_its_pull_request() {
    let site = Site::minimal();
    site.build("2026-01-01");
    site.remove("content/ssu/2025-05-22/2025.14.md");
    site.remove("content/ssu/2025-05-22/vedlegg/notat.md");
    let pr = site.merge_all("Trekk sak 2025.14");
    site.build("2026-01-01");
    same_as_full_build(&site, "2026-01-01", "the rebuild");

    let page = site.page("ssu/sak/2025.14/");
    assert!(page.contains("noindex"), "{page}");
    assert!(page.contains("Oppfølging"), "the old title: {page}");
    assert!(page.contains("SSU 2025.14"), "{page}");
    assert!(page.contains("trukket tilbake"), "{page}");
    assert!(page.contains(&format!("i PR #{pr}")), "{page}");
    let when = std::process::Command::new("git")
        .args(["log", "-1", "--format=%cs"])
        .current_dir(site.path())
        .output()
        .unwrap();
    let day = String::from_utf8(when.stdout).unwrap();
    assert!(
        page.contains(&format!("datetime=\"{}", day.trim())),
        "{page}"
    );
    assert!(site
        .page("ssu/2025-05-22/vedlegg/notat/")
        .contains("noindex"));

    let p = json(&site, "api/paper/ssu/2025.14.json");
    assert_eq!(p["deleted"], true, "{p}");
    assert_eq!(p["type"], "https://schema.oparl.org/1.1/Paper", "{p}");
    assert!(!site.page("sitemap.xml").contains("2025.14"));
    assert!(!site.page("api/papers.json").contains("2025.14"));
}

#[test]
fn a_document_that_never_reached_the_site_gets_no_tombstone() {
    let site = Site::minimal();
    // Its window (24 months from 2020) closed long before it was merged.
    site.write(
        "content/dokumenter/gammel-avtale.md",
        "---\ntittel: Gammel avtale\ndoktype: delavtale\ndato: 2020-01-01\n---\nTekst.\n",
    );
    // And one inside its window, for contrast.
    site.write(
        "content/dokumenter/ny-avtale.md",
        "---\ntittel: Ny avtale\ndoktype: delavtale\ndato: 2025-01-01\n---\nTekst.\n",
    );
    site.merge_all("Legg inn avtalene");
    site.build("2026-01-01");
    site.remove("content/dokumenter/gammel-avtale.md");
    site.remove("content/dokumenter/ny-avtale.md");
    site.merge_all("Fjern avtalene");
    site.build("2026-01-01");
    assert!(!site.exists("dokumenter/gammel-avtale/"));
    assert!(!site.exists("api/file/dokumenter/gammel-avtale.json"));
    let page = site.page("dokumenter/ny-avtale/");
    assert!(page.contains("trukket tilbake"), "{page}");
    assert_eq!(
        json(&site, "api/file/dokumenter/ny-avtale.json")["deleted"],
        true
    );
    same_as_full_build(&site, "2026-01-01", "the rebuild");
}

#[test]
fn content_as_a_symbolic_link_is_named_not_a_git_message() {
    let site = Site::empty(MINIMAL_TOML);
    site.write(
        "innhold/ssu/_organ.md",
        "---\nnavn: Strategisk samarbeidsutvalg\nkortnavn: SSU\n---\nMandat.\n",
    );
    std::os::unix::fs::symlink("innhold", site.path().join("content")).unwrap();
    site.merge_all("Innhold via lenke");
    for args in [&["check"][..], &["build", "--as-of", "2026-01-01"][..]] {
        let o = site.motebok(args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains("content: feil: symbolske lenker"), "{err}");
        assert!(err.contains("vanlig mappe"), "says what to do: {err}");
        assert!(!err.contains("ODB") && !err.contains("git:"), "{err}");
    }
}

#[test]
fn a_name_too_long_for_the_output_fails_check_naming_the_file() {
    let site = Site::minimal();
    let name = format!("{}.pdf", "a".repeat(248));
    let case = "content/ssu/2025-05-22/2025.13.md";
    site.write(
        case,
        &site.read_src(case).replace(
            "ansvarlig:",
            &format!("vedlegg:\n  - tittel: Langt\n    fil: vedlegg/{name}\nansvarlig:"),
        ),
    );
    site.write(
        &format!("content/ssu/2025-05-22/vedlegg/{name}"),
        "%PDF-1.4\n",
    );
    site.merge_all("Vedlegg med langt navn");
    for args in [&["check"][..], &["build", "--as-of", "2026-01-01"][..]] {
        let o = site.motebok(args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains(&format!("content/ssu/2025-05-22/vedlegg/{name}: feil:")),
            "names the file: {err}"
        );
        assert!(err.contains("for langt"), "{err}");
        assert!(!err.contains("motebok-"), "no temporary path: {err}");
        assert_eq!(
            err.matches("feil:").count(),
            1,
            "one error, no cascade: {err}"
        );
    }
}

#[test]
fn a_missing_root_is_named_before_anything_else() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("finnes-ikke");
    for cmd in [
        &["check"][..],
        &["build"][..],
        &["serve", "--port", "0"][..],
        &["trail", "content/x.md"][..],
    ] {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_motebok"))
            .args(cmd)
            .arg("--root")
            .arg(&missing)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{cmd:?}: {err}");
        assert!(err.contains("finnes-ikke finnes ikke"), "{cmd:?}: {err}");
        assert!(!err.contains("--worktree"), "{cmd:?}: {err}");
        assert!(
            o.stdout.is_empty(),
            "{cmd:?} printed {:?}",
            String::from_utf8_lossy(&o.stdout)
        );
    }
}

#[test]
fn trail_follows_an_old_path_and_speaks_norwegian_in_a_shallow_clone() {
    let site = Site::minimal();
    site.git(&["mv", "content/ssu/2025-05-22", "content/ssu/2025-05-27"]);
    let m = "content/ssu/2025-05-27/_mote.md";
    site.write(m, &site.read_src(m).replace("2025-05-22", "2025-05-27"));
    site.merge_all("Flytt møtet");
    let o = site.motebok(&["trail", "content/ssu/2025-05-22/2025.13.md"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        out.contains("heter nå content/ssu/2025-05-27/2025.13.md"),
        "{out}"
    );
    assert!(out.contains("Publisert"), "{out}");

    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", site.path().display());
    let c = std::process::Command::new("git")
        .args(["clone", "-q", "--depth", "1", &url])
        .arg(clone.path().join("k"))
        .output()
        .unwrap();
    assert!(c.status.success(), "{}", String::from_utf8_lossy(&c.stderr));
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_motebok"))
        .args(["trail", "content/ssu/2025-05-27/2025.13.md", "--root"])
        .arg(clone.path().join("k"))
        .output()
        .unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("grunn klone"), "{err}");
    assert!(err.contains("git fetch --unshallow"), "{err}");
}
