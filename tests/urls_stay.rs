//! Settings under approval (CONTENT.md §6) and URLs that stay (§7): a moved or deleted
//! published file keeps a `noindex` page at its old URL and a `deleted` object in `/api/`.

mod common;
use common::*;

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
