//! Times one history walk (`motebok_git::trail::read_history`) on a repository.
//!
//! ```text
//! cargo run --release -p motebok-git --example history_walk -- REPO [--branch main] [--prefix content/] [--runs N] [--show PATH] [--json FILE]
//! ```
//!
//! Prints the commits walked, the paths with trails, the trail entries, the direct commits and
//! the time of each run (and their median) in seconds; `--show PATH` prints one trail and
//! `--json FILE` writes all of them.

use motebok_domain::trail::Change;
use motebok_git::trail::{read_history, TrailOptions};
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut repo_path = None;
    let mut opts = TrailOptions::new("main");
    let mut runs = 1usize;
    let mut show = Vec::new();
    let mut json = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--branch" => opts.branch = args.next().expect("--branch NAME"),
            "--prefix" => opts.prefix = args.next().expect("--prefix PATH"),
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).expect("--runs N"),
            "--json" => json = Some(args.next().expect("--json FILE")),
            "--show" => show.push(args.next().expect("--show PATH")),
            _ if repo_path.is_none() => repo_path = Some(arg),
            _ => {
                eprintln!("usage: history_walk REPO [--branch main] [--prefix content/] [--runs N] [--show PATH] [--json FILE]");
                return ExitCode::from(2);
            }
        }
    }
    let Some(repo_path) = repo_path else {
        eprintln!("usage: history_walk REPO [--branch main] [--prefix content/] [--runs N] [--show PATH] [--json FILE]");
        return ExitCode::from(2);
    };

    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        // Opening the repository is part of what a build pays.
        let repo = match motebok_git::Repo::open(&repo_path) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("history_walk: {e}");
                return ExitCode::FAILURE;
            }
        };
        match read_history(&repo, &opts) {
            Ok(h) => last = Some(h),
            Err(e) => {
                eprintln!("history_walk: {e}");
                return ExitCode::FAILURE;
            }
        }
        times.push(start.elapsed().as_secs_f64());
    }
    let h = last.expect("at least one run");
    let entries: usize = h.trails.values().map(|t| t.entries.len()).sum();
    let renamed = h
        .trails
        .values()
        .flat_map(|t| &t.entries)
        .filter(|e| matches!(e.change, Change::Renamed { .. }))
        .count();
    let direct_entries = h
        .trails
        .values()
        .flat_map(|t| &t.entries)
        .filter(|e| e.direct && !e.imported)
        .count();
    let mut sorted = times.clone();
    sorted.sort_by(f64::total_cmp);
    let median = sorted[sorted.len() / 2];
    println!("head:               {}", h.head);
    println!("commits walked:     {}", h.commits_walked);
    println!("paths with trails:  {}", h.trails.len());
    println!("trail entries:      {entries} (renamed {renamed}, direct {direct_entries})");
    println!("direct commits:     {}", h.direct_commits.len());
    let list: Vec<String> = times.iter().map(|t| format!("{t:.3}")).collect();
    println!("runs (s):           {}", list.join(" "));
    println!("median (s):         {median:.3}");
    if let Some(file) = json {
        let plain: std::collections::HashMap<&String, &motebok_domain::FileTrail> =
            h.trails.iter().map(|(k, v)| (k, &**v)).collect();
        let text = serde_json::to_string(&plain).expect("trails serialise");
        std::fs::write(&file, text).expect("write --json FILE");
    }
    for path in show {
        println!("\n{path}:");
        match h.trails.get(&path) {
            None => println!("  (no trail)"),
            Some(t) => {
                for e in &t.entries {
                    println!(
                        "  {} {} {:?} pr={:?} approvers={:?} authors={:?} direct={} imported={} | {}",
                        &e.commit[..10],
                        e.time.to_rfc3339(),
                        e.change,
                        e.pull_request,
                        e.approvers,
                        e.authors,
                        e.direct,
                        e.imported,
                        e.subject
                    );
                }
            }
        }
    }
    ExitCode::SUCCESS
}
