//! `motebok serve`: a live preview on a free loopback port, rebuilt when a file is saved.

use crate::common::preview::{get, start, wait_for, Answer};
use crate::common::*;

#[test]
fn preview_rebuilds_on_save_and_shows_errors_in_the_page() {
    let site = Site::minimal();
    let p = start(&site);
    let Answer {
        status, body: page, ..
    } = get(&p.addr, "/ssu/sak/2025.13/");
    assert_eq!(status, 200);
    assert!(page.contains("Godkjenning av innkalling"));
    assert!(
        page.contains("/__motebok/reload"),
        "live-reload script injected"
    );

    // A saved change shows up in the page.
    site.write(
        "content/ssu/2025-05-22/2025.13.md",
        &site
            .read_src("content/ssu/2025-05-22/2025.13.md")
            .replace("Tekst.", "Lagret endring i saken."),
    );
    let Answer { body: page, .. } = wait_for(&p.addr, "/ssu/sak/2025.13/", |a| {
        a.body.contains("Lagret endring i saken.")
    });
    assert!(
        page.contains("Lagret endring i saken."),
        "the preview did not rebuild"
    );
    assert!(
        page.contains("class=\"draft-banner\""),
        "unapproved change marked as draft"
    );

    // A content error is shown in the page itself, then the page comes back when fixed.
    site.write(
        "content/ssu/2025-05-22/2025.13.md",
        "---\nsaksnr: \"2025.13\"\ntittel: T\nsakstype: [orientering]\nansvalig: X\n---\n",
    );
    let Answer {
        status, body: page, ..
    } = wait_for(&p.addr, "/ssu/sak/2025.13/", |a| a.status == 500);
    assert_eq!(status, 500, "{page}");
    assert!(page.contains("ukjent nøkkel `ansvalig`"), "{page}");
    assert!(
        page.contains("content/ssu/2025-05-22/2025.13.md:5"),
        "{page}"
    );
    site.write(
        "content/ssu/2025-05-22/2025.13.md",
        "---\nsaksnr: \"2025.13\"\ntittel: Rettet tittel\nsakstype: [orientering]\n---\n",
    );
    let Answer {
        status, body: page, ..
    } = wait_for(&p.addr, "/ssu/sak/2025.13/", |a| {
        a.status == 200 && a.body.contains("Rettet tittel")
    });
    assert_eq!(status, 200, "{page}");

    // Unknown paths give the 404 page; nothing is written to disk.
    let Answer {
        status,
        body: missing,
        ..
    } = get(&p.addr, "/finnes/ikke/");
    assert_eq!(status, 404);
    assert!(!site.out_dir().exists());
    // Its links start at the site's path (`/test/`), which the preview serves too.
    assert!(
        missing.contains("href=\"/test/static/style.css\""),
        "{missing}"
    );
    assert_eq!(get(&p.addr, "/test/static/style.css").status, 200);
    let Answer {
        status, body: home, ..
    } = get(&p.addr, "/test/");
    assert_eq!(status, 200);
    assert_eq!(home, get(&p.addr, "/").body);
    assert_eq!(get(&p.addr, "/test").status, 200);
    assert_eq!(get(&p.addr, "/test/ssu/").body, get(&p.addr, "/ssu/").body);
}

#[test]
fn preview_renders_only_affected_pages_and_matches_a_clean_build() {
    use motebok_serve::{Changes, Session};
    let site = Site::minimal();
    site.write(
        "content/ssu/2025-09-25/_mote.md",
        "---\ndato: 2025-09-25\n---\nHøstmøtet.\n",
    );
    site.write(
        "content/ssu/2025-09-25/2025.30.md",
        "---\nsaksnr: \"2025.30\"\ntittel: Høstsak\nsakstype: [dialog]\n---\nUrørt.\n",
    );
    site.write(
        "content/ssu/2025-09-25/2025.31.md",
        "---\nsaksnr: \"2025.31\"\ntittel: Høstsak to\nsakstype: [dialog]\n---\nUrørt.\n",
    );
    let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1);
    let mut session = Session::new(site.path(), day.unwrap());
    let all = session.rebuild(&Changes::all()).unwrap().rendered;
    let first = session.files().clone();

    let edited = "content/ssu/2025-05-22/2025.13.md";
    site.write(
        edited,
        &site
            .read_src(edited)
            .replace("Tekst.", "Ny tekst i forhåndsvisningen."),
    );
    let again = session
        .rebuild(&changed(&site, &[edited]))
        .unwrap()
        .rendered;
    assert!(
        again < all,
        "only affected pages are rendered: {again} of {all}"
    );
    // The autumn meeting and its two cases were not touched by the edit.
    assert!(again <= all - 3, "{again} of {all}");
    let second = session.files().clone();
    let page = |files: &Files, p: &str| String::from_utf8(files[p].to_vec()).unwrap();
    assert!(page(&second, "ssu/sak/2025.13/index.html").contains("Ny tekst i forhåndsvisningen."));
    assert_eq!(
        page(&first, "ssu/sak/2025.30/index.html"),
        page(&second, "ssu/sak/2025.30/index.html")
    );

    // What the session gives is exactly what a clean build gives.
    assert_eq!(as_map(&second), clean(&site));
}

/// What a preview session holds: output path -> bytes.
pub(crate) type Files = std::collections::HashMap<String, std::sync::Arc<[u8]>>;

/// A session's files, ordered, to compare with a clean build.
pub(crate) fn as_map(files: &Files) -> std::collections::BTreeMap<String, Vec<u8>> {
    files.iter().map(|(k, v)| (k.clone(), v.to_vec())).collect()
}

/// A clean build of the working tree into memory, as of 2026-01-01 (the sessions' day).
pub(crate) fn clean(site: &Site) -> std::collections::BTreeMap<String, Vec<u8>> {
    let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1);
    motebok_builder::worktree_in_memory(site.path(), day.unwrap())
        .unwrap()
        .into_iter()
        .map(|f| (f.path, f.bytes))
        .collect()
}

/// The changes the watcher would report for these repository paths.
pub(crate) fn changed(site: &Site, paths: &[&str]) -> motebok_serve::Changes {
    let root = std::fs::canonicalize(site.path()).unwrap();
    motebok_serve::Changes {
        rescan: false,
        paths: paths.iter().map(|p| root.join(p)).collect(),
    }
}

#[test]
fn preview_equals_a_clean_build_after_renames_deletions_new_files_and_a_parse_error() {
    use motebok_serve::{Changes, Session};
    let site = Site::minimal();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1);
    let mut s = Session::new(site.path(), day.unwrap());
    s.rebuild(&Changes::all()).unwrap();
    assert_eq!(as_map(s.files()), clean(&site));
    let mv = |from: &str, to: &str| {
        std::fs::rename(site.path().join(from), site.path().join(to)).unwrap();
    };

    // A new case in the meeting: its page, the meeting's list and the sitemap show it.
    let new = "content/ssu/2025-05-22/2025.15.md";
    site.write(
        new,
        "---\nsaksnr: \"2025.15\"\ntittel: Ny sak\nsakstype: [dialog]\n---\nNy.\n",
    );
    s.rebuild(&changed(&site, &[new])).unwrap();
    assert!(s.files().contains_key("ssu/sak/2025.15/index.html"));
    assert_eq!(as_map(s.files()), clean(&site));

    // A rename: the case moves to a new meeting (both paths reported, as notify does).
    let meeting = "content/ssu/2025-09-25/_mote.md";
    site.write(meeting, "---\ndato: 2025-09-25\n---\nHøst.\n");
    let moved = "content/ssu/2025-09-25/2025.15.md";
    std::fs::rename(site.path().join(new), site.path().join(moved)).unwrap();
    s.rebuild(&changed(&site, &[meeting, new, moved])).unwrap();
    assert!(
        String::from_utf8(s.files()["ssu/sak/2025.15/index.html"].to_vec())
            .unwrap()
            .contains("2025-09-25")
    );
    assert_eq!(as_map(s.files()), clean(&site));

    // A deletion: the page goes, and so do the links to it.
    s.rebuild(&{
        site.remove(moved);
        changed(&site, &[moved])
    })
    .unwrap();
    assert!(!s.files().contains_key("ssu/sak/2025.15/index.html"));
    assert_eq!(as_map(s.files()), clean(&site));

    // A whole folder moved: the watcher reports only the two folders.
    mv("content/ssu/2025-09-25", "content/ssu/2025-10-30");
    site.write(
        "content/ssu/2025-10-30/_mote.md",
        "---\ndato: 2025-10-30\n---\nHøst.\n",
    );
    s.rebuild(&changed(
        &site,
        &["content/ssu/2025-09-25", "content/ssu/2025-10-30"],
    ))
    .unwrap();
    assert!(s.files().contains_key("ssu/2025-10-30/index.html"));
    assert!(!s.files().contains_key("ssu/2025-09-25/index.html"));
    assert_eq!(as_map(s.files()), clean(&site));

    // A file that does not parse: the errors, and the last good files are kept; then fixed.
    let case = "content/ssu/2025-05-22/2025.13.md";
    let good = site.read_src(case);
    site.write(case, "---\nsaksnr: \"2025.13\"\ntittel: [uavsluttet\n---\n");
    let err = s.rebuild(&changed(&site, &[case])).unwrap_err();
    assert!(err.to_string().contains("feil i innholdet"), "{err}");
    assert!(s.files().contains_key("ssu/sak/2025.13/index.html"));
    site.write(case, &good.replace("Tekst.", "Rettet igjen."));
    s.rebuild(&changed(&site, &[case])).unwrap();
    assert!(
        String::from_utf8(s.files()["ssu/sak/2025.13/index.html"].to_vec())
            .unwrap()
            .contains("Rettet igjen.")
    );
    assert_eq!(as_map(s.files()), clean(&site));

    // A broken site.toml fails the build before the case edit saved with it is read; once
    // site.toml is fixed, the case edit shows all the same.
    let toml = site.read_src("site.toml");
    site.write("site.toml", "tittel = [\n");
    site.write(
        case,
        &good.replace("Tekst.", "Lagret med ødelagt site.toml."),
    );
    assert!(s.rebuild(&changed(&site, &["site.toml", case])).is_err());
    site.write("site.toml", &toml);
    s.rebuild(&changed(&site, &["site.toml"])).unwrap();
    assert!(
        String::from_utf8(s.files()["ssu/sak/2025.13/index.html"].to_vec())
            .unwrap()
            .contains("Lagret med ødelagt site.toml.")
    );
    assert_eq!(as_map(s.files()), clean(&site));

    // Approving the edits moves the branch: drafts and trails are read again.
    site.merge_all("Godkjenn endringene");
    s.rebuild(&Changes::default()).unwrap();
    assert_eq!(as_map(s.files()), clean(&site));
}

#[test]
fn preview_follows_a_folder_renamed_on_disk() {
    let site = Site::minimal();
    let p = start(&site);
    assert_eq!(get(&p.addr, "/ssu/2025-05-22/").status, 200);
    std::fs::rename(
        site.path().join("content/ssu/2025-05-22"),
        site.path().join("content/ssu/2025-05-23"),
    )
    .unwrap();
    site.write(
        "content/ssu/2025-05-23/_mote.md",
        "---\ndato: 2025-05-23\n---\nFlyttet.\n",
    );
    let Answer {
        status, body: page, ..
    } = wait_for(&p.addr, "/ssu/2025-05-23/", |a| {
        a.status == 200 && a.body.contains("Flyttet.")
    });
    assert_eq!(status, 200, "{page}");
    assert_eq!(get(&p.addr, "/ssu/2025-05-22/").status, 404);
    let Answer { body: page, .. } = get(&p.addr, "/ssu/sak/2025.14/");
    assert!(
        page.contains("Se "),
        "cases moved along with their folder: {page}"
    );
}

#[test]
fn a_page_linking_up_and_over_follows_its_target() {
    use motebok_serve::{Changes, Session};
    let site = Site::minimal();
    let doc = "content/dokumenter/avtale.md";
    site.write(
        doc,
        "---\ntittel: Avtale\ndoktype: avtale\ndato: 2025-03-01\n---\nAvtalen.\n",
    );
    let case = "content/ssu/2025-05-22/2025.13.md";
    site.write(
        case,
        &site
            .read_src(case)
            .replace("Tekst.", "Se [avtalen](../../dokumenter/avtale.md)."),
    );
    let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1);
    let mut s = Session::new(site.path(), day.unwrap());
    s.rebuild(&Changes::all()).unwrap();
    let page =
        |s: &Session| String::from_utf8(s.files()["ssu/sak/2025.13/index.html"].to_vec()).unwrap();
    assert!(page(&s).contains("dokumenter/avtale/"), "{}", page(&s));

    // The document's window closes: the case page's link must say so.
    site.write(
        doc,
        "---\ntittel: Avtale\ndoktype: avtale\ndato: 2020-03-01\n---\nAvtalen.\n",
    );
    s.rebuild(&changed(&site, &[doc])).unwrap();
    assert!(page(&s).contains("(avpublisert)"), "{}", page(&s));
    assert_eq!(as_map(s.files()), clean(&site));

    // Made exempt, it would leave a link to nothing: an error at the link's line.
    site.write(
        doc,
        "---\ntittel: Avtale\ndoktype: avtale\ndato: 2025-03-01\noffentlig: false\nskjermingshjemmel: \"offl. § 13\"\n---\nAvtalen.\n",
    );
    let err = format!("{:?}", s.rebuild(&changed(&site, &[doc])).unwrap_err());
    assert!(err.contains("unntatt offentlighet"), "{err}");
    assert!(err.contains("line: Some(7)"), "{err}");
}
