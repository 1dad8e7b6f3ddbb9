//! What a build needs from its surroundings and does not find is a typed error
//! (`BuildError::Setup`), one variant per case a caller may act on, with the facts it names;
//! its words are the same wherever it is shown (exit status 2).

use crate::common::*;
use motebok_builder::setup_error::SetupError;
use motebok_builder::{BuildError, Options};

fn build(site: &Site) -> Result<motebok_builder::Report, BuildError> {
    motebok_builder::build(&Options {
        root: site.path().to_path_buf(),
        output: site.out_dir(),
        today: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        worktree: false,
    })
}

#[test]
fn a_folder_that_is_no_repository_is_named_with_why() {
    let site = Site::minimal();
    std::fs::remove_dir_all(site.path().join(".git")).unwrap();
    let err = build(&site).unwrap_err();
    let BuildError::Setup(SetupError::NotARepository { root, .. }) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(root, site.path());
    assert_eq!(err.exit_code(), 2);
    assert!(
        err.to_string().contains("er ikke et git-repositorium"),
        "{err}"
    );
}

#[test]
fn a_publishing_branch_that_is_not_there_is_named() {
    let site = Site::minimal();
    site.merge_all("Første versjon");
    let toml = site.read_src("site.toml");
    site.write("site.toml", &format!("branch = \"publisert\"\n{toml}"));
    let err = build(&site).unwrap_err();
    match &err {
        BuildError::Setup(SetupError::NoBranch { branch }) => assert_eq!(branch, "publisert"),
        other => panic!("{other:?}"),
    }
    assert!(
        err.to_string()
            .contains("`git fetch origin publisert:publisert`"),
        "{err}"
    );
}

#[test]
fn a_site_toml_that_is_a_folder_is_named() {
    let site = Site::minimal();
    site.remove("site.toml");
    std::fs::create_dir(site.path().join("site.toml")).unwrap();
    let err = build(&site).unwrap_err();
    match &err {
        BuildError::Setup(SetupError::ConfigNotAFile(p)) => {
            assert_eq!(p, &site.path().join("site.toml"))
        }
        other => panic!("{other:?}"),
    }
}
