//! Issue 13, files: nothing published can run script, and nothing outside the approved tree
//! reaches the output or an error message.
//!
//! - Attachments that would run script in a reader's browser are refused, each error naming
//!   the file that uses it and the line (CONTENT.md §4). The fixture's vectors are proven real
//!   in Debian's Chromium (`tests/browser/scripted.mjs`), and a safe SVG is published and
//!   proven inert there.
//! - Symbolic links are refused as `site.toml` and in `themes/`, in git and in the working
//!   tree, and no error prints what they point at (CONTENT.md §1).
//! - A production build takes the theme from the publishing branch, never from the working
//!   tree; a preview shows the working tree's theme, marked as a draft.
//!
//! The browser tests need node, Chromium and the npm packages of `tests/browser/`: they fail
//! (never skip) without them, pointing at `scripts/install-test-deps`.

use crate::common::*;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn browser_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser")
}

fn fixture(name: &str) -> PathBuf {
    browser_dir().join("fixtures").join(name)
}

/// Every vector of the fixture and whether Chromium runs its script when a reader opens it.
/// An external `<use href>` runs none in today's Chromium (scripts in referenced content do
/// not run); it is refused all the same, as SVG's rules for it have changed before.
fn vectors() -> Vec<(String, bool)> {
    let mut v: Vec<(String, bool)> = std::fs::read_dir(fixture("scripted"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .map(|n| {
            let runs = n != "external-use.svg";
            (n, runs)
        })
        .collect();
    v.sort();
    assert!(v.len() >= 12, "the fixture lost its vectors: {v:?}");
    v
}

/// Runs `tests/browser/scripted.mjs` over `root`: for each path, whether script ran.
fn run_in_chromium(root: &Path, paths: &[&str]) -> Value {
    let dir = browser_dir();
    let mut missing = Vec::new();
    if Command::new("node").arg("--version").output().is_err() {
        missing.push("node".to_string());
    }
    for p in [
        PathBuf::from("/usr/bin/chromium"),
        dir.join("node_modules/playwright-core/package.json"),
    ] {
        if !p.exists() {
            missing.push(p.display().to_string());
        }
    }
    assert!(
        missing.is_empty(),
        "the browser test needs {}: run scripts/install-test-deps",
        missing.join(", ")
    );
    let out = Command::new("node")
        .arg(dir.join("scripted.mjs"))
        .arg("--root")
        .arg(root)
        .args(paths)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "scripted.mjs failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("no report ({e}):\n{}", String::from_utf8_lossy(&out.stdout)))
}

/// Each error of a run: its message line and its location (`path:line:col`), from the
/// compiler-style output.
fn errors(stderr: &str) -> Vec<(String, String)> {
    stderr
        .split("× feil: ")
        .skip(1)
        .map(|block| {
            let message = block.lines().next().unwrap_or("").to_string();
            let location = block
                .lines()
                .find_map(|l| l.split_once("╭─[").map(|(_, r)| r.trim_end_matches(']')))
                .unwrap_or("")
                .to_string();
            (message, location)
        })
        .collect()
}

/// Asserts an error whose message names `file` and which points at `location` (a prefix).
fn assert_error(stderr: &str, file: &str, location: &str) {
    let all = errors(stderr);
    assert!(
        all.iter()
            .any(|(m, l)| m.contains(file) && l.starts_with(location)),
        "no error about `{file}` at {location}:\n{stderr}"
    );
}

/// The minimal site with every vector attached to case 2025.15 (one `fil:` line each), one
/// embedded as an image in a case body, one linked from a document, and one used by nothing.
/// Returns the `fil:` line of each vector.
fn site_with_vectors() -> (Site, Vec<(String, u32)>) {
    let site = Site::minimal();
    let dir = "content/ssu/2025-05-22";
    let mut case = String::from(
        "---\nsaksnr: \"2025.15\"\ntittel: Vedlegg som kjører skript\nsakstype: [orientering]\nvedlegg:\n",
    );
    let mut lines = Vec::new();
    let mut add = |name: &str, bytes: &[u8], case: &mut String| {
        let p = site.path().join(dir).join("vedlegg").join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
        case.push_str(&format!("  - tittel: Vedlegg {name}\n"));
        lines.push((name.to_string(), case.lines().count() as u32 + 1));
        case.push_str(&format!("    fil: vedlegg/{name}\n"));
    };
    for (name, _) in vectors() {
        let bytes = std::fs::read(fixture("scripted").join(&name)).unwrap();
        add(&name, &bytes, &mut case);
    }
    // What a browser never gets to see: markup that does not parse is refused too.
    add(
        "ufullstendig.svg",
        b"<svg xmlns=\"http://www.w3.org/2000/svg\"><g><rect width=\"1\"/></svg>",
        &mut case,
    );
    add("side.shtml", b"<p>Hei</p>", &mut case);
    case.push_str("---\nTekst.\n");
    site.write(&format!("{dir}/2025.15.md"), &case);
    // An image in a case body: the error points at its line (8).
    site.write(
        &format!("{dir}/2025.16.md"),
        "---\nsaksnr: \"2025.16\"\ntittel: Kart\nsakstype: [orientering]\n---\nKartet:\n\n![Kart over distriktene](vedlegg/kart-med-skript.svg)\n",
    );
    std::fs::copy(
        fixture("scripted").join("script.svg"),
        site.path().join(dir).join("vedlegg/kart-med-skript.svg"),
    )
    .unwrap();
    // A document's attachment, linked from its body (line 6).
    site.write(
        "content/dokumenter/plan.md",
        "---\ntittel: Plan\ndoktype: rapport\ndato: 2025-05-01\n---\nSe [tegningen](vedlegg/tegning.svg).\n",
    );
    std::fs::create_dir_all(site.path().join("content/dokumenter/vedlegg")).unwrap();
    std::fs::copy(
        fixture("scripted").join("onload.svg"),
        site.path().join("content/dokumenter/vedlegg/tegning.svg"),
    )
    .unwrap();
    // Used by nothing: still refused, at the file itself.
    site.write(
        &format!("{dir}/vedlegg/ubrukt.html"),
        "<script>alert(1)</script>",
    );
    site.merge_all("Vedlegg med skript");
    (site, lines)
}

#[test]
fn attachments_that_run_script_are_refused_naming_the_case_and_line() {
    let (site, lines) = site_with_vectors();
    let build = site.try_build("2026-01-01");
    let check = site.motebok(&["check", "--as-of", "2026-01-01"]);
    for o in [&build, &check] {
        let err = stderr(o);
        assert_eq!(o.status.code(), Some(1), "{err}");
        for (name, line) in &lines {
            assert_error(
                &err,
                &format!("vedlegg/{name}"),
                &format!("content/ssu/2025-05-22/2025.15.md:{line}:"),
            );
        }
        assert_error(
            &err,
            "vedlegg/kart-med-skript.svg",
            "content/ssu/2025-05-22/2025.16.md:8",
        );
        assert_error(&err, "vedlegg/tegning.svg", "content/dokumenter/plan.md:6");
        assert!(
            err.contains("content/ssu/2025-05-22/vedlegg/ubrukt.html"),
            "{err}"
        );
        assert!(err.contains("PDF") && err.contains("Markdown"), "{err}");
    }
    assert!(!site.out_dir().exists(), "a refused build wrote output");
    // Each error names its vector once: one error per use.
    let count = stderr(&build).matches("feil: vedlegget").count();
    assert_eq!(count, lines.len() + 3, "{}", stderr(&build));
}

#[test]
fn every_vector_of_the_fixture_runs_script_in_chromium() {
    let all = vectors();
    let names: Vec<&str> = all.iter().map(|(n, _)| n.as_str()).collect();
    let report = run_in_chromium(&fixture("scripted"), &names);
    for (name, runs) in &all {
        let r = &report[name];
        assert_eq!(
            r["ran"].as_bool(),
            Some(*runs),
            "{name}: expected ran={runs}: {r}"
        );
    }
    // The harness tells an inert file from one that runs.
    let safe = run_in_chromium(&fixture("safe"), &["kart.svg"]);
    assert_eq!(safe["kart.svg"]["ran"], false, "{safe}");
}

#[test]
fn a_safe_svg_is_published_and_runs_nothing_in_chromium() {
    let site = Site::minimal();
    let dir = "content/ssu/2025-05-22";
    std::fs::create_dir_all(site.path().join(dir).join("vedlegg")).unwrap();
    std::fs::copy(
        fixture("safe").join("kart.svg"),
        site.path().join(dir).join("vedlegg/kart.svg"),
    )
    .unwrap();
    site.write(
        &format!("{dir}/2025.15.md"),
        "---\nsaksnr: \"2025.15\"\ntittel: Legevaktdistriktene\nsakstype: [orientering]\nvedlegg:\n  - tittel: Kart\n    fil: vedlegg/kart.svg\n---\n![Kart over legevaktdistriktene](vedlegg/kart.svg)\n",
    );
    site.merge_all("Kart som SVG");
    site.build("2026-01-01");
    let svg = "ssu/2025-05-22/vedlegg/kart.svg";
    assert_eq!(
        std::fs::read(site.out_dir().join(svg)).unwrap(),
        std::fs::read(fixture("safe").join("kart.svg")).unwrap(),
        "the SVG is published as it is"
    );
    let page = site.page("ssu/sak/2025.15/");
    assert!(page.contains("vedlegg/kart.svg"), "{page}");
    let report = run_in_chromium(&site.out_dir(), &["ssu/sak/2025.15/", svg]);
    for path in ["ssu/sak/2025.15/", svg] {
        assert_eq!(report[path]["ran"], false, "{path}: {report}");
        assert!(report[path].get("error").is_none(), "{path}: {report}");
    }
}

/// A file outside the repository with a fake CI token in it.
struct Outside {
    dir: tempfile::TempDir,
}

const TOKEN: &str = "ghs_FAKE0SECRET0TOKEN0d6b1f0c2a9e";

impl Outside {
    fn new() -> Outside {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("ci.env"),
            format!("title = \"x\"\nGITHUB_TOKEN={TOKEN}\nMORE=1\n"),
        )
        .unwrap();
        Outside { dir }
    }
}

/// Runs motebok with the token in its environment (what `/proc/self/environ` shows).
fn motebok_with_token(site: &Site, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_motebok"))
        .args(args)
        .arg("--root")
        .arg(site.path())
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .env("CI_DEPLOY_TOKEN", TOKEN)
        .output()
        .expect("motebok runs")
}

fn symlink(target: &Path, link: &Path) {
    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
    if link.exists() || link.symlink_metadata().is_ok() {
        std::fs::remove_file(link).unwrap();
    }
    std::os::unix::fs::symlink(target, link).unwrap();
}

#[test]
fn a_site_toml_symlink_is_refused_and_prints_nothing_it_points_at() {
    let outside = Outside::new();
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    let first_passwd_line = passwd.lines().next().unwrap_or("root:x:0:0").to_string();
    for target in [
        outside.dir.path().join("ci.env"),
        PathBuf::from("/proc/self/environ"),
        PathBuf::from("/etc/passwd"),
    ] {
        let site = Site::minimal();
        symlink(&target, &site.path().join("site.toml"));
        site.merge_all("site.toml som lenke");
        let out = site.out_dir();
        let out = out.to_str().unwrap();
        for args in [
            vec!["check", "--as-of", "2026-01-01"],
            vec!["build", "--as-of", "2026-01-01", "--output", out],
            vec![
                "build",
                "--worktree",
                "--as-of",
                "2026-01-01",
                "--output",
                out,
            ],
        ] {
            let o = motebok_with_token(&site, &args);
            let all = format!("{}{}", String::from_utf8_lossy(&o.stdout), stderr(&o));
            assert_eq!(o.status.code(), Some(1), "{args:?} → {target:?}:\n{all}");
            assert!(
                all.contains("site.toml") && all.contains("symbolsk lenke"),
                "{args:?} → {target:?}:\n{all}"
            );
            assert!(!all.contains(TOKEN), "the token leaked:\n{all}");
            assert!(!all.contains("GITHUB_TOKEN"), "{all}");
            assert!(!all.contains(&first_passwd_line), "passwd leaked:\n{all}");
            assert!(!all.contains(":/bin/"), "passwd leaked:\n{all}");
            assert!(!site.out_dir().exists());
        }
    }
}

#[test]
fn a_site_toml_error_shows_its_own_line_only() {
    let site = Site::minimal();
    site.write(
        "site.toml",
        &format!("{MINIMAL_TOML}# NABOLINJE-FØR\nwindow_months = \"to år\"\n# NABOLINJE-ETTER\n"),
    );
    site.merge_all("Feil i site.toml");
    let o = site.try_build("2026-01-01");
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("site.toml:8"), "{err}");
    assert!(err.contains("window_months = \"to år\""), "{err}");
    assert!(
        !err.contains("NABOLINJE"),
        "a neighbouring line was shown:\n{err}"
    );
}

/// A theme folder outside the repository: an index page and a stylesheet with a marker.
fn outside_theme() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let index = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/index.html"),
    )
    .unwrap()
    .replace("<h1>", "<p>UTENFRA-MARKØR</p><h1>");
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::create_dir_all(dir.path().join("static")).unwrap();
    std::fs::write(dir.path().join("templates/index.html"), index).unwrap();
    std::fs::write(dir.path().join("static/ute.css"), "/* UTENFRA-MARKØR */\n").unwrap();
    dir
}

/// Builds (production and preview) and checks that each fails naming `link`, and that nothing
/// of what the link points at is in any output.
fn assert_link_refused(site: &Site, link: &str, markers: &[&str]) {
    let out = site.out_dir();
    let out = out.to_str().unwrap();
    for args in [
        vec!["check", "--as-of", "2026-01-01"],
        vec!["build", "--as-of", "2026-01-01", "--output", out],
        vec![
            "build",
            "--worktree",
            "--as-of",
            "2026-01-01",
            "--output",
            out,
        ],
    ] {
        let o = motebok_with_token(site, &args);
        let all = format!("{}{}", String::from_utf8_lossy(&o.stdout), stderr(&o));
        assert_eq!(o.status.code(), Some(1), "{args:?}:\n{all}");
        assert!(
            all.contains(link) && all.contains("symbolske lenker"),
            "{args:?}:\n{all}"
        );
        for m in markers {
            assert!(!all.contains(m), "{args:?} printed {m}:\n{all}");
        }
        for (path, bytes) in snapshot(&site.out_dir()) {
            let text = String::from_utf8_lossy(&bytes);
            for m in markers {
                assert!(!text.contains(m), "{} holds {m}", path.display());
            }
        }
    }
}

#[test]
fn a_theme_symlink_publishes_nothing_from_outside() {
    let theme = outside_theme();
    let site = Site::minimal();
    symlink(theme.path(), &site.path().join("themes/default"));
    site.merge_all("Tema som lenke");
    assert_link_refused(&site, "themes/default", &["UTENFRA-MARKØR"]);

    // A link inside a real theme folder.
    let site = Site::minimal();
    site.write("themes/default/static/egen.css", "body { color: black; }\n");
    symlink(
        Path::new("/etc/passwd"),
        &site.path().join("themes/default/static/passwd.css"),
    );
    symlink(
        &theme.path().join("static/ute.css"),
        &site.path().join("themes/default/static/ute.css"),
    );
    site.merge_all("Lenker i temaet");
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    let first = passwd.lines().next().unwrap_or("root:x:0:0");
    assert_link_refused(
        &site,
        "themes/default/static/passwd.css",
        &["UTENFRA-MARKØR", first],
    );
}

#[test]
fn a_content_folder_symlink_is_refused_in_previews() {
    let site = Site::minimal();
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::rename(
        site.path().join("content"),
        elsewhere.path().join("content"),
    )
    .unwrap();
    symlink(
        &elsewhere.path().join("content"),
        &site.path().join("content"),
    );
    let out = site.out_dir();
    let o = site.motebok(&[
        "build",
        "--worktree",
        "--as-of",
        "2026-01-01",
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("content"), "{}", stderr(&o));
    assert!(!site.exists("ssu/sak/2025.13/"));
}

const BANNER: &str = "Utkast av temaet";

#[test]
fn only_the_committed_theme_is_published() {
    let site = Site::minimal();
    site.write("themes/default/static/egen.css", "/* GODKJENT-V1 */\n");
    site.merge_all("Eget stilark");
    site.build("2026-01-01");
    let committed = snapshot(&site.out_dir());
    let css = |site: &Site| std::fs::read_to_string(site.out_dir().join("static/egen.css")).ok();
    assert_eq!(css(&site).as_deref(), Some("/* GODKJENT-V1 */\n"));

    // Changed, added and untracked theme files in the working tree only.
    site.write("themes/default/static/egen.css", "/* ENDRET-V2 */\n");
    site.write("themes/default/static/ny.css", "/* USPORET */\n");
    let index = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/index.html"),
    )
    .unwrap()
    .replace("<h1>", "<p>USPORET-MAL</p><h1>");
    site.write("themes/default/templates/index.html", &index);
    let status = site.git(&["status", "--porcelain"]);
    assert!(String::from_utf8_lossy(&status.stdout).contains("?? themes/default/static/ny.css"));

    // The output is up to date: the branch and its theme did not move.
    let o = site.build("2026-01-01");
    assert!(stderr(&o).contains("allerede oppdatert"), "{}", stderr(&o));
    assert_eq!(snapshot(&site.out_dir()), committed);
    // A full build into a fresh folder publishes the committed theme only (the output is
    // `committed`, above).
    same_as_full_build(&site, "2026-01-01", "the committed theme");
    for (path, bytes) in &committed {
        let text = String::from_utf8_lossy(bytes);
        for m in ["ENDRET-V2", "USPORET", BANNER] {
            assert!(!text.contains(m), "{} holds {m}", path.display());
        }
    }

    // The preview shows the working tree's theme, marked as a draft on every page.
    site.build_worktree("2026-01-01");
    assert_eq!(css(&site).as_deref(), Some("/* ENDRET-V2 */\n"));
    assert!(site.exists("static/ny.css"));
    let front = site.page("");
    assert!(front.contains("USPORET-MAL"), "{front}");
    assert!(front.contains(BANNER), "{front}");
    for file in ["static/egen.css", "static/ny.css", "templates/index.html"] {
        assert!(
            front.contains(file),
            "the banner does not name {file}:\n{front}"
        );
    }
    assert!(site.page("ssu/sak/2025.13/").contains(BANNER));

    // Once approved, the changes are published, and the rebuild equals a full build.
    site.merge_all("Nytt tema");
    let o = site.build("2026-01-01");
    assert!(o.status.success());
    assert_eq!(css(&site).as_deref(), Some("/* ENDRET-V2 */\n"));
    assert!(site.page("").contains("USPORET-MAL"));
    assert!(!site.page("").contains(BANNER));
    same_as_full_build(&site, "2026-01-01", "the approved theme");
    // The preview of an approved theme is no draft.
    site.build_worktree("2026-01-01");
    assert!(!site.page("").contains(BANNER));
}
