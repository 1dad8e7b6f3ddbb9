//! Tests on real git repositories built in temp dirs, with fixed dates and identities.

use super::*;
// The walk itself, on the fixtures' libgit2 handles (`read_history` only wraps the handle).
use super::shallow::is_shallow;
use super::walk::{walk_history as read_history, walk_history_from as read_history_from};
use git2::{Oid, Repository, Signature, Time};
use motebok_domain::trail::{Change, FileTrail, TrailEntry};
use std::collections::BTreeMap;
use std::path::Path;
use tempfile::TempDir;

mod corpus;
mod resume;

/// 2025-01-06T10:00:00Z.
const T0: i64 = 1_736_157_600;
const DAY: i64 = 86_400;

type Files = BTreeMap<String, String>;

struct Who {
    name: &'static str,
    email: &'static str,
}

const ALICE: Who = Who {
    name: "Alice Ås",
    email: "alice@example.org",
};
const BOB: Who = Who {
    name: "Bob Berg",
    email: "bob@example.org",
};
const CAROL: Who = Who {
    name: "Carol Dahl",
    email: "carol@example.org",
};
const DAG: Who = Who {
    name: "Dag Ødegård",
    email: "dag@example.org",
};
const GITHUB: Who = Who {
    name: "GitHub",
    email: "noreply@github.com",
};

fn sig(who: &Who, secs: i64, offset_minutes: i32) -> Signature<'static> {
    Signature::new(who.name, who.email, &Time::new(secs, offset_minutes)).unwrap()
}

fn files(list: &[(&str, &str)]) -> Files {
    list.iter()
        .map(|(p, c)| (p.to_string(), c.to_string()))
        .collect()
}

/// Writes the tree of `files` (paths with `/`) and returns its id.
fn write_tree(repo: &Repository, files: &[(&str, &[u8])]) -> Oid {
    let mut here: Vec<(&str, &[u8])> = Vec::new();
    let mut dirs: BTreeMap<&str, Vec<(&str, &[u8])>> = BTreeMap::new();
    for &(path, content) in files {
        match path.split_once('/') {
            Some((dir, rest)) => dirs.entry(dir).or_default().push((rest, content)),
            None => here.push((path, content)),
        }
    }
    let mut tb = repo.treebuilder(None).unwrap();
    for (name, content) in here {
        let blob = repo.blob(content).unwrap();
        tb.insert(name, blob, 0o100644).unwrap();
    }
    for (name, sub) in dirs {
        let id = write_tree(repo, &sub);
        tb.insert(name, id, 0o040000).unwrap();
    }
    tb.write().unwrap()
}

struct Fixture {
    dir: TempDir,
    repo: Repository,
}

impl Fixture {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        repo.set_head("refs/heads/main").unwrap();
        Fixture { dir, repo }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// A commit with the tree of `files` and explicit identities, written to `branch`.
    #[allow(clippy::too_many_arguments)]
    fn commit_full(
        &self,
        branch: &str,
        parents: &[Oid],
        files: &Files,
        author: &Signature<'_>,
        committer: &Signature<'_>,
        message: &str,
    ) -> Oid {
        let list: Vec<(&str, &[u8])> = files
            .iter()
            .map(|(p, c)| (p.as_str(), c.as_bytes()))
            .collect();
        let tree = self.repo.find_tree(write_tree(&self.repo, &list)).unwrap();
        let parents: Vec<git2::Commit<'_>> = parents
            .iter()
            .map(|id| self.repo.find_commit(*id).unwrap())
            .collect();
        let refs: Vec<&git2::Commit<'_>> = parents.iter().collect();
        let id = self
            .repo
            .commit(None, author, committer, message, &tree, &refs)
            .unwrap();
        self.repo
            .reference(&format!("refs/heads/{branch}"), id, true, "test")
            .unwrap();
        id
    }

    /// A commit on `branch` by `who` (author and committer) at day `day` (+01:00).
    fn commit(
        &self,
        branch: &str,
        parents: &[Oid],
        files: &Files,
        who: &Who,
        day: i64,
        message: &str,
    ) -> Oid {
        let s = sig(who, T0 + day * DAY, 60);
        self.commit_full(branch, parents, files, &s, &s, message)
    }

    fn history(&self) -> History {
        read_history(&self.repo, &TrailOptions::new("main")).unwrap()
    }

    fn history_with(&self, import: Option<ImportMark>) -> History {
        let opts = TrailOptions {
            import,
            ..TrailOptions::new("main")
        };
        read_history(&self.repo, &opts).unwrap()
    }
}

fn trail<'h>(h: &'h History, path: &str) -> &'h FileTrail {
    h.trails
        .get(path)
        .unwrap_or_else(|| panic!("no trail for {path}; have {:?}", keys(h)))
}

fn keys(h: &History) -> Vec<&str> {
    let mut k: Vec<&str> = h.trails.keys().map(String::as_str).collect();
    k.sort();
    k
}

fn changes(t: &FileTrail) -> Vec<Change> {
    t.entries.iter().map(|e| e.change.clone()).collect()
}

fn commits(t: &FileTrail) -> Vec<String> {
    t.entries.iter().map(|e| e.commit.clone()).collect()
}

/// The changes of a file added, then renamed from `from`.
fn added_then_renamed(from: &str) -> Vec<Change> {
    let from = from.to_string();
    vec![Change::Added, Change::Renamed { from }]
}

/// Asserts a file's trail: its changes, in the commits `ids`, oldest first.
fn assert_trail(t: &FileTrail, want: Vec<Change>, ids: &[Oid]) {
    assert_eq!(changes(t), want);
    let ids: Vec<String> = ids.iter().map(Oid::to_string).collect();
    assert_eq!(commits(t), ids);
}

fn only(t: &FileTrail) -> &TrailEntry {
    assert_eq!(t.entries.len(), 1, "{t:#?}");
    &t.entries[0]
}

/// The starting point of most tests: an imported root commit with a body and a README.
fn base(fx: &Fixture) -> (Oid, Files) {
    let f = files(&[
        ("README.md", "# Helsefellesskapet\n"),
        ("site.toml", "title = \"x\"\n"),
        ("content/ssu/_organ.md", "---\nnavn: SSU\n---\n"),
    ]);
    let c = fx.commit(
        "main",
        &[],
        &f,
        &ALICE,
        0,
        "Import\n\nApproved-by: Carol Dahl <carol@example.org>",
    );
    (c, f)
}

/// `brev.md` and `borte.md` added to `base`, both deleted, and `brev.md` added back: the
/// four commits.
fn deleted_and_added_back(fx: &Fixture) -> [Oid; 4] {
    let (c1, mut f) = base(fx);
    f.insert("content/dokumenter/brev.md".into(), "v1\n".into());
    f.insert("content/dokumenter/borte.md".into(), "borte\n".into());
    let c2 = fx.commit("main", &[c1], &f, &ALICE, 1, "Brev (#1)");
    f.remove("content/dokumenter/brev.md");
    f.remove("content/dokumenter/borte.md");
    let c3 = fx.commit("main", &[c2], &f, &ALICE, 2, "Fjern brev (#2)");
    f.insert("content/dokumenter/brev.md".into(), "v2\n".into());
    let c4 = fx.commit("main", &[c3], &f, &ALICE, 3, "Brevet tilbake (#3)");
    [c1, c2, c3, c4]
}

#[test]
fn merge_commit_with_github_message() {
    let fx = Fixture::new();
    let (c1, mut f) = base(&fx);
    f.insert(
        "content/ssu/2025-05-20/_mote.md".into(),
        "dato: 2025-05-20\n".into(),
    );
    let b1 = fx.commit("x", &[c1], &f, &ALICE, 1, "Møte 20. mai");
    f.insert("content/ssu/2025-05-20/2025.16.md".into(), "sak\n".into());
    f.insert(
        "content/ssu/2025-05-20/_mote.md".into(),
        "dato: 2025-05-20\nsted: Tønsberg\n".into(),
    );
    let b2 = fx.commit("x", &[b1], &f, &BOB, 2, "Sak 2025.16");
    let m = fx.commit_full(
        "main",
        &[c1, b2],
        &f,
        &sig(&CAROL, T0 + 3 * DAY, 120),
        &sig(&GITHUB, T0 + 3 * DAY, 120),
        "Merge pull request #12 from sekretariat/x\n\nInnkalling SSU 20. mai",
    );

    let h = fx.history();
    assert_eq!(h.head, m.to_string());
    assert_eq!(h.tree, fx.repo.find_commit(m).unwrap().tree_id().into());
    assert_eq!(h.commits_walked, 2);
    assert!(h.direct_commits.is_empty(), "{:?}", h.direct_commits);
    for path in [
        "content/ssu/2025-05-20/_mote.md",
        "content/ssu/2025-05-20/2025.16.md",
    ] {
        let e = only(trail(&h, path));
        assert_eq!(e.commit, m.to_string());
        assert_eq!(e.subject, "Merge pull request #12 from sekretariat/x");
        assert_eq!(e.approvers, vec!["Carol Dahl"]);
        assert_eq!(e.pull_request, Some(12));
        assert_eq!(e.authors, vec!["Alice Ås", "Bob Berg"]);
        assert_eq!(e.change, Change::Added);
        assert!(!e.direct);
        assert!(!e.imported);
        assert_eq!(e.time.to_rfc3339(), "2025-01-09T12:00:00+02:00");
    }
    // The root commit carried Approved-by: not direct.
    let organ = only(trail(&h, "content/ssu/_organ.md"));
    assert_eq!(organ.commit, c1.to_string());
    assert_eq!(organ.approvers, vec!["Carol Dahl"]);
    assert_eq!(organ.authors, vec!["Alice Ås"]);
    assert!(!organ.direct);
    assert_eq!(keys(&h).len(), 3, "only content/ has trails");
}

#[test]
fn squash_merges() {
    let fx = Fixture::new();
    let (c1, mut f) = base(&fx);
    f.insert("content/ssu/2025-05-20/_mote.md".into(), "a\n".into());
    let s1 = fx.commit_full(
        "main",
        &[c1],
        &f,
        &sig(&ALICE, T0 + DAY, 60),
        &sig(&GITHUB, T0 + DAY, 60),
        "Referat SSU 20. mai (#13)\n\n* første utkast\n\nCo-authored-by: Bob Berg <bob@example.org>\n",
    );
    f.insert("content/ssu/2025-05-20/2025.16.md".into(), "b\n".into());
    let s2 = fx.commit_full(
        "main",
        &[s1],
        &f,
        &sig(&ALICE, T0 + 2 * DAY, 60),
        &sig(&DAG, T0 + 2 * DAY, 60),
        "Sak 2025.16 (#14)",
    );

    let h = fx.history();
    assert!(h.direct_commits.is_empty());
    let e = only(trail(&h, "content/ssu/2025-05-20/_mote.md"));
    assert_eq!(e.commit, s1.to_string());
    assert_eq!(e.pull_request, Some(13));
    assert!(e.approvers.is_empty(), "GitHub is no approver: {e:?}");
    assert_eq!(e.authors, vec!["Alice Ås", "Bob Berg"]);
    assert!(!e.direct);

    let e = only(trail(&h, "content/ssu/2025-05-20/2025.16.md"));
    assert_eq!(e.commit, s2.to_string());
    assert_eq!(e.pull_request, Some(14));
    assert_eq!(e.approvers, vec!["Dag Ødegård"]);
    assert_eq!(e.authors, vec!["Alice Ås"]);
    assert!(!e.direct);
}

#[test]
fn approved_by_and_reviewed_by_trailers() {
    let fx = Fixture::new();
    let (c1, mut f) = base(&fx);
    f.insert("content/dokumenter/avtale.md".into(), "v1\n".into());
    let c2 = fx.commit(
        "main",
        &[c1],
        &f,
        &BOB,
        1,
        "Ny samarbeidsavtale\n\nVedtatt i PM.\n\nApproved-by: Carol Dahl <carol@example.org>\nReviewed-by: Dag Ødegård <dag@example.org>\nApproved-by: Carol Dahl <carol@example.org>\n",
    );
    f.insert("content/dokumenter/avtale.md".into(), "v2\n".into());
    let c3 = fx.commit(
        "main",
        &[c2],
        &f,
        &BOB,
        2,
        "Rett skrivefeil\n\nReviewed-by: Dag Ødegård <dag@example.org>\n",
    );

    let h = fx.history();
    let t = trail(&h, "content/dokumenter/avtale.md");
    assert_eq!(changes(t), vec![Change::Added, Change::Modified]);
    let e = &t.entries[0];
    assert_eq!(e.approvers, vec!["Carol Dahl", "Dag Ødegård"]);
    assert_eq!(e.pull_request, None);
    assert_eq!(e.authors, vec!["Bob Berg"]);
    assert!(!e.direct);
    // Reviewed-by alone names an approver but does not make the commit approved.
    let e = &t.entries[1];
    assert_eq!(e.approvers, vec!["Dag Ødegård"]);
    assert!(e.direct);
    assert_eq!(h.direct_commits.len(), 1);
    assert_eq!(h.direct_commits[0].id, c3.to_string());
}

#[test]
fn direct_commits_touching_content_are_listed() {
    let fx = Fixture::new();
    let (c1, mut f) = base(&fx);
    f.insert("content/dokumenter/brev.md".into(), "brev\n".into());
    f.insert("README.md".into(), "# Ny\n".into());
    f.remove("content/ssu/_organ.md");
    f.insert(
        "content/ssu/_organ.md".into(),
        "---\nnavn: SSU!\n---\n".into(),
    );
    let c2 = fx.commit("main", &[c1], &f, &BOB, 1, "Legg inn brev\n\nlitt tekst");
    f.insert("README.md".into(), "# Nyere\n".into());
    f.insert("contentx/a.md".into(), "not content\n".into());
    f.insert("content.md".into(), "not content\n".into());
    let _c3 = fx.commit("main", &[c2], &f, &BOB, 2, "Oppdater README");

    let h = fx.history();
    assert_eq!(h.direct_commits.len(), 1, "{:?}", h.direct_commits);
    let d = &h.direct_commits[0];
    assert_eq!(d.id, c2.to_string());
    assert!(c2.to_string().starts_with(&d.short) && d.short.len() >= 7);
    assert_eq!(d.subject, "Legg inn brev");
    assert_eq!(d.time.to_rfc3339(), "2025-01-07T11:00:00+01:00");
    assert_eq!(
        d.files,
        vec!["content/dokumenter/brev.md", "content/ssu/_organ.md"]
    );
    let e = only(trail(&h, "content/dokumenter/brev.md"));
    assert!(e.direct && !e.imported);
    assert_eq!(e.approvers, Vec::<String>::new());
    assert_eq!(
        keys(&h),
        vec!["content/dokumenter/brev.md", "content/ssu/_organ.md"]
    );
}

/// Three direct commits touching content: 2025-01-06, 2025-01-07 late evening in Oslo
/// (22:30 UTC, 23:30 Oslo), and 2025-01-07 23:30 UTC (2025-01-08 00:30 in Oslo); the
/// files at the last.
fn import_fixture() -> (Fixture, Files, [Oid; 3]) {
    let fx = Fixture::new();
    let mut f = files(&[("content/a.md", "1\n")]);
    let c1 = fx.commit("main", &[], &f, &ALICE, 0, "Importer gamle saker");
    f.insert("content/b.md".into(), "2\n".into());
    let s = sig(&ALICE, 1_736_289_000, 0); // 2025-01-07T22:30:00Z
    let c2 = fx.commit_full("main", &[c1], &f, &s, &s, "Importer flere");
    f.insert("content/c.md".into(), "3\n".into());
    let s = sig(&ALICE, 1_736_292_600, 0); // 2025-01-07T23:30:00Z
    let c3 = fx.commit_full("main", &[c2], &f, &s, &s, "Direkte etter import");
    (fx, f, [c1, c2, c3])
}

#[test]
fn import_mark_by_date() {
    let (fx, _, [c1, c2, c3]) = import_fixture();
    let h = fx.history_with(None);
    let ids: Vec<&str> = h.direct_commits.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, vec![c1.to_string(), c2.to_string(), c3.to_string()]);

    let date = NaiveDate::from_ymd_opt(2025, 1, 7).unwrap();
    let h = fx.history_with(Some(ImportMark::Until(date)));
    let ids: Vec<&str> = h.direct_commits.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, vec![c3.to_string()], "Europe/Oslo decides the date");
    assert!(only(trail(&h, "content/a.md")).imported);
    assert!(only(trail(&h, "content/b.md")).imported);
    let c = only(trail(&h, "content/c.md"));
    assert!(!c.imported && c.direct);
    // Times are never converted.
    assert_eq!(c.time.to_rfc3339(), "2025-01-07T23:30:00+00:00");
}

#[test]
fn import_mark_by_commit() {
    let (fx, _, [_c1, c2, c3]) = import_fixture();
    let short = c2.to_string()[..10].to_owned();
    let h = fx.history_with(Some(ImportMark::Commit(short)));
    let ids: Vec<&str> = h.direct_commits.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, vec![c3.to_string()]);
    assert!(only(trail(&h, "content/a.md")).imported);
    assert!(only(trail(&h, "content/b.md")).imported);
    assert!(!only(trail(&h, "content/c.md")).imported);

    let h = fx.history_with(Some(ImportMark::Commit(c3.to_string())));
    assert!(h.direct_commits.is_empty());

    let opts = TrailOptions {
        import: Some(ImportMark::Commit("no-such-commit".into())),
        ..TrailOptions::new("main")
    };
    let err = read_history(&fx.repo, &opts).unwrap_err();
    assert!(matches!(err, TrailError::ImportMark { .. }), "{err:?}");
}

#[test]
fn meeting_folder_renamed_with_text_changed() {
    let fx = Fixture::new();
    let (c1, mut f) = base(&fx);
    let old = "content/ssu/2025-05-20";
    let new = "content/ssu/2025-05-22";
    f.insert(format!("{old}/_mote.md"), "dato: 2025-05-20\n".into());
    f.insert(format!("{old}/2025.16.md"), "sak 16\n".into());
    f.insert(format!("{old}/2025.17.md"), "sak 17\n".into());
    f.insert(format!("{old}/vedlegg/notat.md"), "vedlegg\n".into());
    f.insert("content/dokumenter/plan.md".into(), "plan\n".into());
    let c2 = fx.commit("main", &[c1], &f, &ALICE, 1, "Innkalling (#20)");
    f.insert(format!("{old}/2025.16.md"), "sak 16, rettet\n".into());
    let c3 = fx.commit("main", &[c2], &f, &ALICE, 2, "Rett sak 16 (#21)");

    // Move the meeting; change the text of two files in the same commit. Also move a document
    // into a new folder with new text: not a rename (its old folder is still there).
    let moved: Vec<(String, String)> = f
        .iter()
        .filter(|(p, _)| p.starts_with(old))
        .map(|(p, c)| (p.clone(), c.clone()))
        .collect();
    for (p, c) in moved {
        f.remove(&p);
        f.insert(p.replacen(old, new, 1), c);
    }
    f.insert(format!("{new}/_mote.md"), "dato: 2025-05-22\n".into());
    f.insert(format!("{new}/2025.16.md"), "sak 16, flyttet\n".into());
    f.remove("content/dokumenter/plan.md");
    f.insert(
        "content/dokumenter/arkiv/plan.md".into(),
        "plan v2\n".into(),
    );
    let c4 = fx.commit(
        "main",
        &[c3],
        &f,
        &ALICE,
        3,
        "Flytt møtet til 22. mai (#22)",
    );

    let h = fx.history();
    let t = trail(&h, &format!("{new}/2025.16.md"));
    assert_trail(
        t,
        vec![
            Change::Added,
            Change::Modified,
            Change::Renamed {
                from: format!("{old}/2025.16.md"),
            },
        ],
        &[c2, c3, c4],
    );
    assert_eq!(t.published().unwrap().commit, c2.to_string());
    assert_eq!(t.changed().unwrap().commit, c4.to_string());
    for name in ["_mote.md", "2025.17.md", "vedlegg/notat.md"] {
        let t = trail(&h, &format!("{new}/{name}"));
        assert_eq!(
            changes(t),
            added_then_renamed(&format!("{old}/{name}")),
            "{name}"
        );
    }
    assert_eq!(
        changes(trail(&h, "content/dokumenter/arkiv/plan.md")),
        vec![Change::Added]
    );
    assert!(
        h.trails.keys().all(|k| !k.starts_with(old)),
        "{:?}",
        keys(&h)
    );
    assert!(!h.trails.contains_key("content/dokumenter/plan.md"));
}

#[test]
fn rename_with_same_content_anywhere() {
    let fx = Fixture::new();
    let (c1, mut f) = base(&fx);
    f.insert("content/dokumenter/utkast.md".into(), "tekst\n".into());
    f.insert("content/dokumenter/annet.md".into(), "tekst\n".into());
    let c2 = fx.commit("main", &[c1], &f, &ALICE, 1, "Utkast (#1)");
    f.remove("content/dokumenter/utkast.md");
    f.insert(
        "content/dokumenter/handlingsplan.md".into(),
        "tekst\n".into(),
    );
    let c3 = fx.commit("main", &[c2], &f, &ALICE, 2, "Nytt navn (#2)");

    let h = fx.history();
    assert_trail(
        trail(&h, "content/dokumenter/handlingsplan.md"),
        added_then_renamed("content/dokumenter/utkast.md"),
        &[c2, c3],
    );
    // The untouched twin with the same blob keeps its own trail.
    assert_eq!(
        changes(trail(&h, "content/dokumenter/annet.md")),
        vec![Change::Added]
    );
}

#[test]
fn deleted_and_added_back_keeps_one_trail() {
    let fx = Fixture::new();
    let [_, c2, c3, c4] = deleted_and_added_back(&fx);

    let h = fx.history();
    assert_trail(
        trail(&h, "content/dokumenter/brev.md"),
        vec![Change::Added, Change::Deleted, Change::Added],
        &[c2, c3, c4],
    );
    assert!(!h.trails.contains_key("content/dokumenter/borte.md"));
}

#[test]
fn non_ascii_paths_are_keyed_in_nfc() {
    let fx = Fixture::new();
    let (c1, mut f) = base(&fx);
    let nfc = "content/dokumenter/årsmelding-ø.md";
    // "møtereferat-å.md" in a folder "mål", both with å written as a + combining ring (NFD).
    let nfd = "content/ma\u{30A}l/mo\u{0308}te-\u{00F8}-a\u{30A}.md";
    let nfd_key = "content/mål/möte-ø-å.md";
    f.insert(nfc.into(), "årsmelding\n".into());
    f.insert(nfd.into(), "møte\n".into());
    let c2 = fx.commit("main", &[c1], &f, &ALICE, 1, "Årsmelding (#1)");
    f.insert(nfd.into(), "møte, endret\n".into());
    let c3 = fx.commit("main", &[c2], &f, &ALICE, 2, "Endre møte (#2)");
    // The same file with its name re-encoded in NFC: no new entry.
    let content = f.remove(nfd).unwrap();
    f.insert(nfd_key.into(), content);
    let _c4 = fx.commit("main", &[c3], &f, &ALICE, 3, "NFC-navn (#3)");

    let h = fx.history();
    assert_eq!(only(trail(&h, nfc)).commit, c2.to_string());
    assert_trail(
        trail(&h, nfd_key),
        vec![Change::Added, Change::Modified],
        &[c2, c3],
    );
    assert!(!h.trails.contains_key(nfd));
}

#[test]
fn times_keep_their_offsets() {
    let fx = Fixture::new();
    let mut f = files(&[("content/dokumenter/plan.md", "v1\n")]);
    // Winter: 2025-01-10 10:00 +01:00; the author wrote it a day earlier.
    let winter = 1_736_499_600;
    let c1 = fx.commit_full(
        "main",
        &[],
        &f,
        &sig(&ALICE, winter - DAY, 60),
        &sig(&CAROL, winter, 60),
        "Plan (#1)",
    );
    // Summer: 2025-06-10 10:00 +02:00.
    let summer = 1_749_542_400;
    f.insert("content/dokumenter/plan.md".into(), "v2\n".into());
    fx.commit_full(
        "main",
        &[c1],
        &f,
        &sig(&ALICE, summer - DAY, 120),
        &sig(&CAROL, summer, 120),
        "Plan v2 (#2)",
    );
    let h = fx.history();
    let t = trail(&h, "content/dokumenter/plan.md");
    assert_eq!(
        t.published().unwrap().time.to_rfc3339(),
        "2025-01-10T10:00:00+01:00"
    );
    assert_eq!(
        t.changed().unwrap().time.to_rfc3339(),
        "2025-06-10T10:00:00+02:00"
    );
    assert_eq!(t.changed().unwrap().time.offset().local_minus_utc(), 7200);
}

#[test]
fn missing_branch() {
    let fx = Fixture::new();
    base(&fx);
    let err = read_history(&fx.repo, &TrailOptions::new("publisering")).unwrap_err();
    assert!(
        matches!(&err, TrailError::NoBranch { branch } if branch == "publisering"),
        "{err:?}"
    );
    assert!(err.to_string().contains("`publisering`"));
    // An empty repository has no branch either.
    let empty = Fixture::new();
    let err = read_history(&empty.repo, &TrailOptions::new("main")).unwrap_err();
    assert!(matches!(err, TrailError::NoBranch { .. }), "{err:?}");
}

#[test]
fn shallow_clone_is_refused() {
    let fx = Fixture::new();
    let (mut parent, mut f) = base(&fx);
    for day in 1..4 {
        f.insert("content/dokumenter/plan.md".into(), format!("v{day}\n"));
        parent = fx.commit("main", &[parent], &f, &ALICE, day, "Endring (#1)");
    }
    assert!(!is_shallow(&fx.repo));

    let dst = tempfile::tempdir().unwrap();
    let clone = dst.path().join("klone");
    let url = format!("file://{}", fx.path().display());
    let out = std::process::Command::new("git")
        .args(["clone", "--quiet", "--depth", "1", "--branch", "main", &url])
        .arg(&clone)
        .output()
        .expect("git must be installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let repo = Repository::open(&clone).unwrap();
    assert!(is_shallow(&repo));
    let err = read_history(&repo, &TrailOptions::new("main")).unwrap_err();
    assert!(matches!(err, TrailError::Shallow { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains("git fetch --unshallow"), "{msg}");
    assert!(msg.contains("fetch-depth: 0"), "{msg}");
}

#[test]
fn merge_authors_exclude_commits_already_on_main() {
    let fx = Fixture::new();
    let (c1, mut f) = base(&fx);
    // A branch started, then main moved on (Dag), and main was merged into the branch.
    let mut bf = f.clone();
    bf.insert("content/dokumenter/a.md".into(), "a\n".into());
    let b1 = fx.commit("x", &[c1], &bf, &ALICE, 1, "a");
    f.insert("content/dokumenter/d.md".into(), "d\n".into());
    let m1 = fx.commit("main", &[c1], &f, &DAG, 2, "Dags endring (#5)");
    bf.insert("content/dokumenter/d.md".into(), "d\n".into());
    let b2 = fx.commit_full(
        "x",
        &[b1, m1],
        &bf,
        &sig(&BOB, T0 + 3 * DAY, 60),
        &sig(&BOB, T0 + 3 * DAY, 60),
        "Merge branch 'main' into x",
    );
    let m2 = fx.commit_full(
        "main",
        &[m1, b2],
        &bf,
        &sig(&CAROL, T0 + 4 * DAY, 60),
        &sig(&CAROL, T0 + 4 * DAY, 60),
        "Merge pull request #6 from sekretariat/x",
    );
    let h = fx.history();
    let e = only(trail(&h, "content/dokumenter/a.md"));
    assert_eq!(e.commit, m2.to_string());
    assert_eq!(e.authors, vec!["Alice Ås", "Bob Berg"]);
    assert_eq!(e.approvers, vec!["Carol Dahl"]);
    let e = only(trail(&h, "content/dokumenter/d.md"));
    assert_eq!(e.commit, m1.to_string());

    // A merge that touches no content still counts for what later merges bring in: a branch
    // forked from an already merged commit (Dag's README change) names only its own authors.
    let mut yf = bf.clone();
    yf.insert("README.md".into(), "# Ny README\n".into());
    let y1 = fx.commit("y", &[m2], &yf, &DAG, 5, "README");
    let my = fx.commit_full(
        "main",
        &[m2, y1],
        &yf,
        &sig(&CAROL, T0 + 6 * DAY, 60),
        &sig(&CAROL, T0 + 6 * DAY, 60),
        "Merge pull request #7 from sekretariat/y",
    );
    let mut zf = yf.clone();
    zf.insert("content/dokumenter/z.md".into(), "z\n".into());
    let z1 = fx.commit("z", &[y1], &zf, &ALICE, 7, "z");
    let mz = fx.commit_full(
        "main",
        &[my, z1],
        &zf,
        &sig(&CAROL, T0 + 8 * DAY, 60),
        &sig(&CAROL, T0 + 8 * DAY, 60),
        "Merge pull request #8 from sekretariat/z",
    );
    let h = fx.history();
    let e = only(trail(&h, "content/dokumenter/z.md"));
    assert_eq!(e.commit, mz.to_string());
    assert_eq!(e.pull_request, Some(8));
    assert_eq!(e.authors, vec!["Alice Ås"]);
}

/// The hand-written comparison reports the same files as libgit2's diff.
#[test]
fn treediff_agrees_with_libgit2() {
    let fx = Fixture::new();
    let repo = &fx.repo;
    let mk = |list: &[(&str, &str)]| {
        let l: Vec<(&str, &[u8])> = list.iter().map(|(p, c)| (*p, c.as_bytes())).collect();
        repo.find_tree(write_tree(repo, &l)).unwrap()
    };
    let a = mk(&[
        ("content/a.md", "a"),
        ("content/b", "file b"),
        ("content/b.md", "b"),
        ("content/x/y/z.md", "z"),
        ("content/x/keep.md", "k"),
        ("content/q/1.md", "1"),
        ("content-old/ignored.md", "i"),
        ("README.md", "r"),
    ]);
    let b = mk(&[
        ("content/a.md", "a2"),
        ("content/b/inner.md", "now a folder"),
        ("content/b.md", "b"),
        ("content/x/y/z.md", "z2"),
        ("content/x/y/new.md", "n"),
        ("content/x/keep.md", "k"),
        ("content/r/1.md", "1"),
        ("content-old/ignored.md", "i2"),
        ("README.md", "r2"),
    ]);
    let summary = |old: Option<&git2::Tree<'_>>, new: Option<&git2::Tree<'_>>| {
        let po = old.and_then(|t| treediff::prefix_tree(repo, t, "content/").unwrap());
        let pn = new.and_then(|t| treediff::prefix_tree(repo, t, "content").unwrap());
        let ch = treediff::diff(repo, po.as_ref(), pn.as_ref(), "content/").unwrap();
        let mut mine: Vec<(String, Option<Oid>, Option<Oid>)> = ch
            .files
            .into_iter()
            .map(|f| (f.path, f.old, f.new))
            .collect();
        mine.sort();
        let mut opts = git2::DiffOptions::new();
        opts.pathspec("content/");
        let d = repo.diff_tree_to_tree(old, new, Some(&mut opts)).unwrap();
        let zero = |id: Oid| if id.is_zero() { None } else { Some(id) };
        let mut theirs: Vec<(String, Option<Oid>, Option<Oid>)> = d
            .deltas()
            .map(|d| {
                let p = d.new_file().path().or(d.old_file().path()).unwrap();
                (
                    p.to_str().unwrap().to_owned(),
                    zero(d.old_file().id()),
                    zero(d.new_file().id()),
                )
            })
            .collect();
        theirs.sort();
        (mine, theirs, ch.added_dirs, ch.deleted_dirs)
    };
    let (mine, theirs, added, deleted) = summary(Some(&a), Some(&b));
    assert_eq!(mine, theirs);
    assert_eq!(mine.len(), 7, "{mine:?}");
    let mut added: Vec<_> = added.into_iter().collect();
    added.sort();
    assert_eq!(added, vec!["content/b", "content/r"]);
    assert_eq!(
        deleted.into_iter().collect::<Vec<_>>(),
        vec!["content/q".to_owned()]
    );
    let (mine, theirs, added, _) = summary(None, Some(&a));
    assert_eq!(mine, theirs);
    assert!(added.contains("content") && added.contains("content/x/y"));
    let (mine, theirs, _, deleted) = summary(Some(&b), None);
    assert_eq!(mine, theirs);
    assert!(deleted.contains("content/b"));
    let (mine, _, _, _) = summary(Some(&a), Some(&a));
    assert!(mine.is_empty());
}
