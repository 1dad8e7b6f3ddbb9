//! `motebok build`: the site from the publishing branch (or the working tree, `--worktree`).

use crate::cmd::{failed, finish, parse_date};
use crate::{progress, report, today};
use chrono::NaiveDate;
use motebok_builder::Options;
use motebok_site::words::count;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub(crate) struct Args {
    /// Innholdsrepositoriet
    #[arg(long, default_value = ".")]
    pub(crate) root: PathBuf,
    /// Hvor nettstedet skrives (standard: <root>/public)
    #[arg(long)]
    output: Option<PathBuf>,
    /// Dagens dato for publiseringsvinduet (ÅÅÅÅ-MM-DD)
    #[arg(long, value_parser = parse_date)]
    as_of: Option<NaiveDate>,
    /// Forhåndsvisning av arbeidskopien; alt som ikke er godkjent merkes som utkast
    #[arg(long)]
    worktree: bool,
}

pub(crate) fn run(args: Args) -> ExitCode {
    let Args {
        root,
        output,
        as_of,
        worktree,
    } = args;
    let output = output.unwrap_or_else(|| root.join("public"));
    let today = match today::resolve(as_of) {
        Ok(d) => d,
        Err(e) => return failed(&root, &e),
    };
    let opts = Options {
        root: root.clone(),
        output: output.clone(),
        today,
        worktree,
    };
    let built = motebok_builder::build_with(&opts, progress::for_terminal().as_ref()).map(|r| {
        report::warnings(&root, &r.warnings);
        if r.unchanged {
            eprintln!(
                "{} er allerede oppdatert per {} (ingen endringer).",
                output.display(),
                r.today
            );
        } else if let Some(n) = r.rerendered {
            eprintln!(
                "Oppdaterte {} per {}: {} av {} laget på nytt, {} eller endret ({}, {} i søket).",
                output.display(),
                r.today,
                n,
                count(r.pages, "side", "sider"),
                count(r.written, "fil ny", "filer nye"),
                count(r.files, "fil", "filer"),
                r.searchable
            );
        } else {
            eprintln!(
                "Bygget {} ({}, {} eller endret, {} i søket) til {} per {}.",
                count(r.pages, "side", "sider"),
                count(r.files, "fil", "filer"),
                count(r.written, "ny", "nye"),
                r.searchable,
                output.display(),
                r.today
            );
        }
    });
    finish(&root, built)
}
