//! `motebok`: the command line (CONTENT.md §10). Exit status 0 success, 1 content or approval
//! errors, 2 usage or environment errors.

mod report;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use motebok_builder::Options;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "motebok",
    version,
    about = "Publiserer møtepapirer fra et helsefellesskap som et tilgjengelig, statisk nettsted"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Bygg nettstedet fra publiseringsgrenen (eller arbeidskopien med --worktree)
    Build {
        /// Innholdsrepositoriet
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Hvor nettstedet skrives (standard: <root>/public)
        #[arg(long)]
        output: Option<PathBuf>,
        /// Dagens dato for publiseringsvinduet (ÅÅÅÅ-MM-DD)
        #[arg(long, value_parser = parse_date)]
        as_of: Option<NaiveDate>,
        /// Forhåndsvisning av arbeidskopien; alt som ikke er godkjent merkes som utkast
        #[arg(long)]
        worktree: bool,
    },
    /// Kontroller alt innhold uten å skrive noe
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, value_parser = parse_date)]
        as_of: Option<NaiveDate>,
        /// Kontroller arbeidskopien i stedet for publiseringsgrenen
        #[arg(long)]
        worktree: bool,
    },
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    motebok_parser::parse_iso_date(s)
        .map_err(|why| format!("`{s}` er ikke en dato på formen ÅÅÅÅ-MM-DD: {why}"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build {
            root,
            output,
            as_of,
            worktree,
        } => {
            let output = output.unwrap_or_else(|| root.join("public"));
            let opts = Options {
                root: root.clone(),
                output: output.clone(),
                as_of,
                worktree,
            };
            motebok_builder::build(&opts)
                .map(|r| {
                    report::warnings(&root, &r.warnings);
                    eprintln!(
                        "Bygget {} sider ({} filer, {} i søket) til {} per {}.",
                        r.pages,
                        r.files,
                        r.searchable,
                        output.display(),
                        r.today
                    );
                })
                .map_err(|e| (root, e))
        }
        Command::Check {
            root,
            as_of,
            worktree,
        } => {
            let opts = Options {
                root: root.clone(),
                output: root.join("public"),
                as_of,
                worktree,
            };
            motebok_builder::check(&opts)
                .map(|(_, site)| {
                    report::warnings(&root, &site.warnings);
                    eprintln!(
                        "Alt i orden: {} organer, {} møter, {} saker, {} dokumenter.",
                        site.organs.len(),
                        site.meetings.len(),
                        site.cases.len(),
                        site.documents.len()
                    );
                })
                .map_err(|e| (root, e))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err((root, e)) => {
            report::error(&root, &e);
            ExitCode::from(e.exit_code() as u8)
        }
    }
}
