//! Times a full history walk against one resumed after a single new commit, and the cost of
//! saving and reading back the `WalkState` with postcard. Each walk opens the repository.
//!
//! ```text
//! cargo run --release -p motebok-git --example history_resume -- REPO [--runs N]
//! ```
//!
//! REPO is changed: a commit (one file below `content/` edited, `Approved-by:`) is put on
//! `main`, which is set back to where it was at the end. Use a copy of a corpus.

use motebok_git::trail::{read_history_from, TrailOptions};
use std::time::{Duration, Instant};

fn median(mut times: Vec<Duration>) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1e3
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        let value = std::hint::black_box(f());
        times.push(start.elapsed());
        // The previous value is dropped outside the time taken.
        last = Some(value);
    }
    (median(times), last.expect("one run at least"))
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("REPO");
    let runs: usize = match (args.next().as_deref(), args.next()) {
        (Some("--runs"), Some(n)) => n.parse().expect("--runs N"),
        _ => 5,
    };
    let repo = git2::Repository::open(&path).expect("a git repository");
    let opts = TrailOptions::new("main");
    let main = repo
        .refname_to_id("refs/heads/main")
        .expect("refs/heads/main");

    // Each walk opens the repository afresh, as a build does: libgit2's object cache would
    // otherwise make later runs cheaper.
    let open = || motebok_git::Repo::open(&path).expect("a git repository");
    let (full_ms, (history, state)) = time(runs, || {
        read_history_from(&open(), &opts, None).expect("walk")
    });
    println!(
        "full walk:            {full_ms:8.2} ms  ({} commits, {} paths)",
        history.commits_walked,
        history.trails.len()
    );

    let (ser_ms, bytes) = time(runs, || postcard::to_stdvec(&state).expect("serialise"));
    let (de_ms, back) = time(runs, || {
        postcard::from_bytes::<motebok_git::trail::WalkState>(&bytes).expect("deserialise")
    });
    assert_eq!(back, state);
    println!(
        "postcard:             {ser_ms:8.2} ms to write, {de_ms:.2} ms to read, {} bytes",
        bytes.len()
    );

    // One new commit on main: an edited file below content/.
    let tip = repo.find_commit(main).unwrap();
    let tree = tip.tree().unwrap();
    let mut target = None;
    tree.walk(git2::TreeWalkMode::PreOrder, |dir, e| {
        if dir.starts_with("content/") && e.name().is_some_and(|n| n.ends_with(".md")) {
            target = Some(format!("{dir}{}", e.name().unwrap()));
            return git2::TreeWalkResult::Abort;
        }
        git2::TreeWalkResult::Ok
    })
    .ok();
    let target = target.expect("a file below content/");
    let old = tree.get_path(std::path::Path::new(&target)).unwrap();
    let mut text = repo.find_blob(old.id()).unwrap().content().to_vec();
    text.extend_from_slice(b"\nEn ny linje.\n");
    let blob = repo.blob(&text).unwrap();
    let mut update = git2::build::TreeUpdateBuilder::new();
    update.upsert(&target, blob, git2::FileMode::Blob);
    let new_tree = repo
        .find_tree(update.create_updated(&repo, &tree).unwrap())
        .unwrap();
    let sig = git2::Signature::now("Bench", "bench@example.org").unwrap();
    let new = repo
        .commit(
            None,
            &sig,
            &sig,
            "Ny linje\n\nApproved-by: Bench <bench@example.org>\n",
            &new_tree,
            &[&tip],
        )
        .unwrap();
    repo.reference("refs/heads/main", new, true, "bench")
        .unwrap();

    let (resume_ms, (resumed, _)) = time(runs, || {
        read_history_from(&open(), &opts, Some(&back)).expect("resume")
    });
    let (full2_ms, full) = time(runs, || {
        read_history_from(&open(), &opts, None).expect("walk")
    });
    assert_eq!(resumed.commits_walked, 1);
    assert_eq!(resumed.trails, full.0.trails);
    assert_eq!(resumed.direct_commits, full.0.direct_commits);
    assert_eq!((&resumed.head, resumed.tree), (&full.0.head, full.0.tree));
    assert_eq!(full.1.commits(), full.0.commits_walked);
    println!("resumed (1 new commit): {resume_ms:6.2} ms  (edited {target})");
    println!("full walk at new tip: {full2_ms:8.2} ms");
    let (same_ms, _) = time(runs, || {
        read_history_from(&open(), &opts, Some(&full.1)).expect("resume")
    });
    println!("resumed (no new commit): {same_ms:5.2} ms");

    repo.reference("refs/heads/main", main, true, "bench")
        .unwrap();
}
