//! Resuming a walk from a saved [`WalkState`]: after new commits, exactly the history (and
//! state) of a full walk, from walking only the new commits; a full walk when the state
//! cannot be continued.

use super::*;

fn main_opts() -> TrailOptions {
    TrailOptions::new("main")
}

/// The state of a full walk at the current tip.
fn state(fx: &Fixture, opts: &TrailOptions) -> WalkState {
    read_history_from(&fx.repo, opts, None).unwrap().1
}

/// Resumes from `from`, checks that `walked` commits were walked and that history and state
/// are those of a full walk.
fn resume(
    fx: &Fixture,
    opts: &TrailOptions,
    from: &WalkState,
    walked: usize,
) -> (History, WalkState) {
    let (h, s) = read_history_from(&fx.repo, opts, Some(from)).unwrap();
    let full = read_history(&fx.repo, opts).unwrap();
    assert_eq!(h.commits_walked, walked, "commits walked");
    assert_eq!(
        History {
            commits_walked: full.commits_walked,
            ..h.clone()
        },
        full
    );
    assert_eq!(s, state(fx, opts));
    assert_eq!(s.commits(), full.commits_walked);
    (h, s)
}

fn set_branch(fx: &Fixture, branch: &str, id: Oid) {
    fx.repo
        .reference(&format!("refs/heads/{branch}"), id, true, "test")
        .unwrap();
}

/// The state of a full walk with `main` at `at` (put back after): a fixture's history saved
/// part of the way.
fn state_at(fx: &Fixture, opts: &TrailOptions, at: Oid) -> WalkState {
    let tip = fx.repo.refname_to_id("refs/heads/main").unwrap();
    set_branch(fx, "main", at);
    let saved = state(fx, opts);
    set_branch(fx, "main", tip);
    saved
}

fn ids(h: &History) -> Vec<String> {
    h.direct_commits.iter().map(|d| d.id.clone()).collect()
}

#[test]
fn new_commit_with_approved_by() {
    let fx = Fixture::new();
    let (c1, mut f) = base(&fx);
    f.insert("content/dokumenter/plan.md".into(), "v1\n".into());
    let c2 = fx.commit("main", &[c1], &f, &BOB, 1, "Plan (#1)");
    let saved = state(&fx, &main_opts());
    assert_eq!((saved.tip_id(), saved.commits()), (c2, 2));

    f.insert("content/dokumenter/plan.md".into(), "v2\n".into());
    let c3 = fx.commit(
        "main",
        &[c2],
        &f,
        &BOB,
        2,
        "Plan v2\n\nApproved-by: Carol Dahl <carol@example.org>\n",
    );
    let (h, s) = resume(&fx, &main_opts(), &saved, 1);
    let t = trail(&h, "content/dokumenter/plan.md");
    assert_eq!(commits(t), vec![c2.to_string(), c3.to_string()]);
    assert_eq!(t.changed().unwrap().approvers, vec!["Carol Dahl"]);
    assert!(h.direct_commits.is_empty());
    assert_eq!(s.tip_id(), c3);
    // The saved state is left as it was (its trails are shared, copied on write).
    resume(&fx, &main_opts(), &saved, 1);

    // Nothing new: nothing walked, the saved result.
    let (again, s2) = read_history_from(&fx.repo, &main_opts(), Some(&s)).unwrap();
    assert_eq!(again.commits_walked, 0);
    assert_eq!(
        again,
        History {
            commits_walked: 0,
            ..h
        }
    );
    assert_eq!(s2, s);
}

#[test]
fn merges_of_pull_requests() {
    let fx = Fixture::new();
    let (c1, f) = base(&fx);
    let saved = state(&fx, &main_opts());

    // Pull request #1: two commits, by Alice and Bob.
    let mut xf = f.clone();
    xf.insert("content/ssu/2025-05-20/_mote.md".into(), "møte\n".into());
    let x1 = fx.commit("x", &[c1], &xf, &ALICE, 1, "Møte");
    xf.insert("content/ssu/2025-05-20/2025.16.md".into(), "sak\n".into());
    let x2 = fx.commit("x", &[x1], &xf, &BOB, 2, "Sak");
    let pr = |n: u32, branch: &str, parents: &[Oid], files: &Files, day: i64| {
        fx.commit_full(
            "main",
            parents,
            files,
            &sig(&CAROL, T0 + day * DAY, 60),
            &sig(&GITHUB, T0 + day * DAY, 60),
            &format!("Merge pull request #{n} from sekretariat/{branch}"),
        )
    };
    let m1 = pr(1, "x", &[c1, x2], &xf, 3);
    let (h, after_m1) = resume(&fx, &main_opts(), &saved, 1);
    let e = only(trail(&h, "content/ssu/2025-05-20/2025.16.md"));
    assert_eq!(e.authors, vec!["Alice Ås", "Bob Berg"]);

    // Pull request #2: a branch forked from x1 (merged by #1), with main merged into it. Only
    // its own commits count: the saved state knows x1 and x2.
    let mut yf = xf.clone();
    yf.insert(
        "content/ssu/2025-05-20/2025.17.md".into(),
        "sak 17\n".into(),
    );
    let y1 = fx.commit("y", &[x1], &yf, &DAG, 4, "Sak 17");
    let y2 = fx.commit("y", &[y1, m1], &yf, &DAG, 5, "Merge branch 'main' into y");
    let m2 = pr(2, "y", &[m1, y2], &yf, 6);
    let (h, _) = resume(&fx, &main_opts(), &after_m1, 1);
    let e = only(trail(&h, "content/ssu/2025-05-20/2025.17.md"));
    assert_eq!(e.commit, m2.to_string());
    assert_eq!(e.pull_request, Some(2));
    assert_eq!(e.authors, vec!["Dag Ødegård"]);
    // From before both merges as well.
    resume(&fx, &main_opts(), &saved, 2);
}

#[test]
fn rename_and_deletion() {
    let fx = Fixture::new();
    let (c1, mut f) = base(&fx);
    f.insert("content/dokumenter/utkast.md".into(), "tekst\n".into());
    f.insert("content/dokumenter/brev.md".into(), "brev\n".into());
    let c2 = fx.commit("main", &[c1], &f, &ALICE, 1, "Utkast (#1)");
    let saved = state(&fx, &main_opts());

    let content = f.remove("content/dokumenter/utkast.md").unwrap();
    f.insert("content/arkiv/2025/utkast.md".into(), content);
    f.remove("content/dokumenter/brev.md");
    let c3 = fx.commit("main", &[c2], &f, &ALICE, 2, "Arkiver (#2)");
    let (h, _) = resume(&fx, &main_opts(), &saved, 1);
    assert_trail(
        trail(&h, "content/arkiv/2025/utkast.md"),
        added_then_renamed("content/dokumenter/utkast.md"),
        &[c2, c3],
    );
    assert_eq!(
        keys(&h),
        vec!["content/arkiv/2025/utkast.md", "content/ssu/_organ.md"]
    );
}

#[test]
fn deleted_then_added_back() {
    let fx = Fixture::new();
    let [_, c2, c3, c4] = deleted_and_added_back(&fx);
    let before_delete = state_at(&fx, &main_opts(), c2);
    let deleted = state_at(&fx, &main_opts(), c3);

    // The deleted path's trail is kept in the state and continued.
    let (h, _) = resume(&fx, &main_opts(), &deleted, 1);
    assert_trail(
        trail(&h, "content/dokumenter/brev.md"),
        vec![Change::Added, Change::Deleted, Change::Added],
        &[c2, c3, c4],
    );
    resume(&fx, &main_opts(), &before_delete, 2);
}

#[test]
fn direct_commits_are_carried_on() {
    let fx = Fixture::new();
    let (c1, mut f) = base(&fx);
    let saved = state(&fx, &main_opts());
    f.insert("content/dokumenter/brev.md".into(), "brev\n".into());
    let c2 = fx.commit("main", &[c1], &f, &BOB, 1, "Legg inn brev");
    let (h, after_c2) = resume(&fx, &main_opts(), &saved, 1);
    assert_eq!(ids(&h), vec![c2.to_string()]);
    assert_eq!(
        h.direct_commits[0].files,
        vec!["content/dokumenter/brev.md"]
    );

    f.insert("content/dokumenter/brev.md".into(), "brev, rettet\n".into());
    let c3 = fx.commit("main", &[c2], &f, &BOB, 2, "Rett brev");
    let (h, _) = resume(&fx, &main_opts(), &after_c2, 1);
    assert_eq!(ids(&h), vec![c2.to_string(), c3.to_string()]);
    assert!(trail(&h, "content/dokumenter/brev.md")
        .entries
        .iter()
        .all(|e| e.direct && !e.imported));
}

#[test]
fn import_mark_by_date() {
    let (fx, _, [c1, _c2, c3]) = import_fixture();
    let opts = TrailOptions {
        import: Some(ImportMark::Until(
            NaiveDate::from_ymd_opt(2025, 1, 7).unwrap(),
        )),
        ..main_opts()
    };
    // b.md on the 7th in Oslo, c.md on the 8th.
    let saved = state_at(&fx, &opts, c1);
    let (h, _) = resume(&fx, &opts, &saved, 2);
    assert_eq!(ids(&h), vec![c3.to_string()]);
    assert!(only(trail(&h, "content/b.md")).imported);
    assert!(!only(trail(&h, "content/c.md")).imported);
}

#[test]
fn import_mark_by_commit() {
    let (fx, mut f, [c1, c2, c3]) = import_fixture();
    let opts = TrailOptions {
        import: Some(ImportMark::Commit("import".into())),
        ..main_opts()
    };
    // The mark is a commit not yet on main when the state is saved: the new commits are
    // asked about, and it is found among them.
    set_branch(&fx, "import", c2);
    let saved = state_at(&fx, &opts, c1);
    assert_eq!(saved.tip_id(), c1);
    let (h, at_c3) = resume(&fx, &opts, &saved, 2);
    assert_eq!(ids(&h), vec![c3.to_string()]);
    assert!(only(trail(&h, "content/b.md")).imported);
    assert!(!only(trail(&h, "content/c.md")).imported);

    // A mark older than the saved tip.
    let by_id = TrailOptions {
        import: Some(ImportMark::Commit(c2.to_string())),
        ..main_opts()
    };
    let saved = state(&fx, &by_id);
    f.insert("content/d.md".into(), "4\n".into());
    let c4 = fx.commit("main", &[c3], &f, &ALICE, 3, "Enda en");
    let (h, _) = resume(&fx, &by_id, &saved, 1);
    assert_eq!(ids(&h), vec![c3.to_string(), c4.to_string()]);

    // The mark moved (a branch or tag): the saved state no longer holds, a full walk.
    set_branch(&fx, "import", c4);
    let (h, _) = resume(&fx, &opts, &at_c3, 4);
    assert!(h.direct_commits.is_empty());
}

#[test]
fn branch_reset_and_rewritten() {
    let fx = Fixture::new();
    let (c1, mut f) = base(&fx);
    f.insert("content/dokumenter/plan.md".into(), "v1\n".into());
    let c2 = fx.commit("main", &[c1], &f, &ALICE, 1, "Plan (#1)");
    f.insert("content/dokumenter/plan.md".into(), "v2\n".into());
    let _c3 = fx.commit("main", &[c2], &f, &ALICE, 2, "Plan v2 (#2)");
    let saved = state(&fx, &main_opts());

    // Reset to c2 and given another commit: the saved tip is not on the chain.
    set_branch(&fx, "main", c2);
    f.insert("content/dokumenter/plan.md".into(), "v2, annen\n".into());
    let c4 = fx.commit("main", &[c2], &f, &BOB, 3, "Annen plan v2");
    let (h, _) = resume(&fx, &main_opts(), &saved, 3);
    assert_eq!(
        commits(trail(&h, "content/dokumenter/plan.md")),
        vec![c2.to_string(), c4.to_string()]
    );
    assert_eq!(ids(&h), vec![c4.to_string()]);

    // Reset to an older commit, nothing new.
    set_branch(&fx, "main", c1);
    let (h, _) = resume(&fx, &main_opts(), &saved, 1);
    assert!(!h.trails.contains_key("content/dokumenter/plan.md"));
}

/// A state with a merge, a rename and a deletion, read back from JSON and from postcard.
#[test]
fn state_round_trips_through_serde() {
    let fx = Fixture::new();
    let (c1, mut f) = base(&fx);
    let mut xf = f.clone();
    xf.insert("content/dokumenter/utkast.md".into(), "tekst\n".into());
    xf.insert("content/dokumenter/borte.md".into(), "borte\n".into());
    let x1 = fx.commit("x", &[c1], &xf, &ALICE, 1, "Utkast");
    let m1 = fx.commit(
        "main",
        &[c1, x1],
        &xf,
        &CAROL,
        2,
        "Merge pull request #1 from sekretariat/x",
    );
    f = xf;
    let content = f.remove("content/dokumenter/utkast.md").unwrap();
    f.insert("content/dokumenter/plan.md".into(), content);
    f.remove("content/dokumenter/borte.md");
    let c3 = fx.commit("main", &[m1], &f, &BOB, 3, "Nytt navn");
    let saved = state(&fx, &main_opts());

    let json = serde_json::to_string(&saved).unwrap();
    let from_json: WalkState = serde_json::from_str(&json).unwrap();
    assert_eq!(from_json, saved);
    let bytes = postcard::to_stdvec(&saved).unwrap();
    let from_postcard: WalkState = postcard::from_bytes(&bytes).unwrap();
    assert_eq!(from_postcard, saved);

    f.insert("content/dokumenter/plan.md".into(), "tekst 2\n".into());
    let _c4 = fx.commit("main", &[c3], &f, &BOB, 4, "Plan (#2)");
    resume(&fx, &main_opts(), &from_json, 1);
    resume(&fx, &main_opts(), &from_postcard, 1);
}

/// JSON keeps the form templates and tools read: `{"type": "renamed", "from": ...}`.
#[test]
fn change_in_json_is_internally_tagged() {
    let renamed = Change::Renamed {
        from: "a.md".into(),
    };
    let v = serde_json::to_value(&renamed).unwrap();
    assert_eq!(v, serde_json::json!({"type": "renamed", "from": "a.md"}));
    assert_eq!(serde_json::from_value::<Change>(v).unwrap(), renamed);
    let v = serde_json::to_value(Change::Added).unwrap();
    assert_eq!(v, serde_json::json!({"type": "added"}));
    assert_eq!(serde_json::from_value::<Change>(v).unwrap(), Change::Added);
}

#[test]
fn other_options_walk_everything() {
    let fx = Fixture::new();
    let (c1, mut f) = base(&fx);
    f.insert("content/ssu/2025-05-20/_mote.md".into(), "møte\n".into());
    let c2 = fx.commit("main", &[c1], &f, &ALICE, 1, "Møte (#1)");
    let saved = state(&fx, &main_opts());
    f.insert("content/dokumenter/plan.md".into(), "plan\n".into());
    fx.commit("main", &[c2], &f, &ALICE, 2, "Plan (#2)");

    let ssu = TrailOptions {
        prefix: "content/ssu/".into(),
        ..main_opts()
    };
    let (h, s) = resume(&fx, &ssu, &saved, 3);
    assert_eq!(s.options(), &ssu);
    assert!(!h.trails.contains_key("content/dokumenter/plan.md"));
    let imported = TrailOptions {
        import: Some(ImportMark::Until(
            NaiveDate::from_ymd_opt(2025, 1, 6).unwrap(),
        )),
        ..main_opts()
    };
    resume(&fx, &imported, &saved, 3);
    resume(&fx, &main_opts(), &saved, 1);
}
