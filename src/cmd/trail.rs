//! `motebok trail PATH`: a file's approval trail in the terminal.

use motebok_builder::{build, load, source};
use motebok_domain::Change;
use motebok_git::trail;
use motebok_site::dates;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub(crate) struct Args {
    #[arg(long, default_value = ".")]
    pub(crate) root: PathBuf,
    /// Filen, for eksempel content/ssu/2025-05-22/2025.16.md
    path: String,
}

pub(crate) fn run(args: Args) -> ExitCode {
    match print(&args.root, &args.path) {
        Ok(()) => ExitCode::SUCCESS,
        Err((code, msg)) => {
            eprintln!("feil: {msg}");
            ExitCode::from(code as u8)
        }
    }
}

/// Prints the trail of `path`; the exit status and message of what went wrong.
fn print(root: &Path, path: &str) -> Result<(), (i32, String)> {
    let env = |e: motebok_builder::BuildError| (e.exit_code(), e.to_string());
    let cfg = build::read_config(root).map_err(env)?;
    let repo = load::open_repo(root).map_err(env)?;
    let history = trail::read_history(&repo, &load::trail_options(&cfg))
        .map_err(|e| env(load::trail_error(e)))?;
    let key = source::nfc(path.trim_start_matches("./"));
    // A path the file had before it moved, or a file deleted since: its trail all the same.
    let departed = history.departed.iter().find(|d| d.path == key);
    let Some(t) = history.trails.get(&key).or(departed.map(|d| &d.trail)) else {
        return Err((
            1,
            format!(
                "{key} har ingen historikk på grenen `{}`: filen har aldri ligget der. Sjekk stavingen, \
                 og skriv stien fra roten av repositoriet (content/...)",
                cfg.branch
            ),
        ));
    };
    match departed {
        Some(d) => match &d.now {
            Some(now) => println!("{key} (flyttet; heter nå {now})"),
            None => println!("{key} (fjernet fra grenen)"),
        },
        None => println!("{key}"),
    }
    for (i, e) in t.entries.iter().enumerate() {
        let what = match &e.change {
            Change::Added if i == 0 => "Publisert".to_string(),
            Change::Added => "Publisert på nytt".to_string(),
            Change::Modified => "Endret".to_string(),
            Change::Renamed { from } => format!("Flyttet fra {from}"),
            Change::Deleted => "Fjernet".to_string(),
        };
        let who = if !e.approvers.is_empty() {
            format!("godkjent av {}", e.approvers.join(", "))
        } else if e.imported {
            "importert".to_string()
        } else if e.pull_request.is_some() {
            "godkjent i pull request".to_string()
        } else {
            "uten godkjenning".to_string()
        };
        let pr = e.pull_request.map(|n| format!(" #{n}")).unwrap_or_default();
        let short: String = e.commit.chars().take(7).collect();
        println!(
            "  {}  {what:<22} {who}{pr}  [{short}] {}",
            dates::oslo_time(&e.time),
            e.subject
        );
        if !e.authors.is_empty() {
            println!("  {:>24}  forfattere: {}", "", e.authors.join(", "));
        }
    }
    Ok(())
}
