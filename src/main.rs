//! `motebok`: the command line (CONTENT.md §10). Exit status 0 success, 1 content or approval
//! errors, 2 usage or environment errors. This file wires the commands (`cmd/`, one module
//! each) into clap; `today`, `report` and `progress` serve them all.

mod cmd;
mod progress;
mod report;
mod today;

// Rendering allocates many short strings on every core; mimalloc's per-thread heaps cut the
// time glibc's allocator spent in locks and consolidation (about a fifth of a large build).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand};
use std::path::Path;
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
    Build(cmd::build::Args),
    /// Kontroller alt innhold uten å skrive noe
    Check(cmd::check::Args),
    /// Forhåndsvis arbeidskopien på 127.0.0.1, oppdatert hver gang en fil lagres
    Serve(cmd::serve::Args),
    /// Vis godkjenningshistorikken til en fil
    Trail(cmd::trail::Args),
    /// Eksporter et års dokumenter som arkivuttrekk (Noark 5 i en BagIt-pose)
    Archive(cmd::archive::Args),
    /// Lag et nytt møte, en ny sak eller et nytt dokument fra en mal (skriver aldri over en fil)
    New {
        #[command(subcommand)]
        what: cmd::new::Args,
    },
}

/// The folder `--root` names, when it is not one: said before anything else is tried (a
/// preview would otherwise print its address, a check suggest a preview).
fn missing_root(cmd: &Command) -> Option<String> {
    let root: &Path = match cmd {
        Command::Build(a) => &a.root,
        Command::Check(a) => &a.root,
        Command::Serve(a) => &a.root,
        Command::Trail(a) => &a.root,
        Command::Archive(a) => &a.root,
        Command::New { .. } => return None,
    };
    match std::fs::metadata(root) {
        Ok(m) if m.is_dir() => None,
        Ok(_) => Some(format!(
            "{} er ikke en mappe; gi --root mappen der site.toml og content/ ligger",
            root.display()
        )),
        Err(_) => Some(format!(
            "mappen {} finnes ikke; gi --root mappen der site.toml og content/ ligger (standard: mappen du står i)",
            root.display()
        )),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(msg) = missing_root(&cli.command) {
        eprintln!("feil: {msg}");
        return ExitCode::from(2);
    }
    match cli.command {
        Command::Build(args) => cmd::build::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Trail(args) => cmd::trail::run(args),
        Command::Archive(args) => cmd::archive::run(args),
        Command::New { what } => cmd::new::run(what),
    }
}
