//! `motebok check`: every rule, nothing written; `--against BRANCH`: what a merge would
//! publish, as Markdown for a pull request.

use crate::cmd::{failed, finish, parse_date};
use crate::{report, today};
use chrono::NaiveDate;
use motebok_builder::Options;
use motebok_site::words::count;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub(crate) struct Args {
    #[arg(long, default_value = ".")]
    pub(crate) root: PathBuf,
    #[arg(long, value_parser = parse_date)]
    as_of: Option<NaiveDate>,
    /// Kontroller arbeidskopien i stedet for publiseringsgrenen
    #[arg(long)]
    worktree: bool,
    /// Sammenlign denne grenen med publiseringsgrenen og skriv et sammendrag i Markdown
    #[arg(long, value_name = "BRANCH", conflicts_with = "worktree")]
    against: Option<String>,
    /// Advarsler om tilgjengelighet (WCAG) er feil: avslutter med status 1
    #[arg(long)]
    strict: bool,
}

pub(crate) fn run(args: Args) -> ExitCode {
    if let Some(base) = &args.against {
        return against(&args, base);
    }
    let Args {
        root,
        as_of,
        worktree,
        strict,
        ..
    } = args;
    let today = match today::resolve(as_of) {
        Ok(d) => d,
        Err(e) => return failed(&root, &e),
    };
    let opts = Options {
        root: root.clone(),
        output: root.join("public"),
        today,
        worktree,
    };
    let checked = motebok_builder::check(&opts)
        .and_then(|(loaded, site)| {
            let errors = motebok_builder::attachments::strict_errors(&site.warnings);
            match strict && !errors.is_empty() {
                true => Err(motebok_builder::BuildError::Content(errors)),
                false => Ok((loaded, site)),
            }
        })
        .map(|(_, site)| {
            report::warnings(&root, &site.warnings);
            eprintln!(
                "Alt i orden: {}, {}, {}, {}.",
                count(site.organs.len(), "organ", "organer"),
                count(site.meetings.len(), "møte", "møter"),
                count(site.cases.len(), "sak", "saker"),
                count(site.documents.len(), "dokument", "dokumenter")
            );
        });
    finish(&root, checked)
}

/// `check --against BASE`: the summary, or the errors, as Markdown on stdout (the
/// pull-request comment is made from it); errors also on stderr, as every command reports.
fn against(args: &Args, base: &str) -> ExitCode {
    let summary = today::resolve(args.as_of)
        .and_then(|today| motebok_builder::preview::against(&args.root, base, today));
    match summary {
        Ok(s) => {
            print!("{}", motebok_builder::preview::markdown(&s));
            ExitCode::SUCCESS
        }
        Err(e) => {
            print!("{}", motebok_builder::preview::errors::markdown(base, &e));
            failed(&args.root, &e)
        }
    }
}
