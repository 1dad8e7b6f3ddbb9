//! `motebok new`: a meeting, a case or a document from a template (never over a file).

use crate::cmd::parse_date;
use crate::today;
use chrono::NaiveDate;
use motebok_builder::scaffold::{create, Request};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub(crate) enum Args {
    /// Nytt møte: content/<organ>/<dato>/_mote.md
    Mote {
        /// Organet, slik mappen heter: ssu, fsu, pm ...
        organ: String,
        /// Møtedatoen (ÅÅÅÅ-MM-DD)
        #[arg(value_parser = parse_date)]
        dato: NaiveDate,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Ny sak i et møte som finnes, med neste ledige saksnummer i organet og året
    Sak {
        /// Organet, slik mappen heter: ssu, fsu, pm ...
        organ: String,
        /// Datoen til møtet saken skal opp i (ÅÅÅÅ-MM-DD)
        #[arg(value_parser = parse_date)]
        dato: NaiveDate,
        /// Sakens tittel, i anførselstegn
        tittel: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Nytt dokument utenfor møtene: content/dokumenter/<navn fra tittelen>.md
    Dokument {
        /// avtale, delavtale, prosedyre, retningslinje, handlingsplan, strategi, arsmelding, rapport, brev eller artikkel
        doktype: String,
        /// Dokumentets tittel, i anførselstegn
        tittel: String,
        /// Dokumentets dato (ÅÅÅÅ-MM-DD); standard er i dag
        #[arg(long, value_parser = parse_date)]
        dato: Option<NaiveDate>,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

/// Exit status 0, or 2 when nothing was created.
pub(crate) fn run(what: Args) -> ExitCode {
    let (root, req) = match what {
        Args::Mote { organ, dato, root } => (root, Request::Meeting { organ, date: dato }),
        Args::Sak {
            organ,
            dato,
            tittel,
            root,
        } => (
            root,
            Request::Case {
                organ,
                date: dato,
                tittel,
            },
        ),
        Args::Dokument {
            doktype,
            tittel,
            dato,
            root,
        } => {
            let dato = match dato.map_or_else(|| today::resolve(None), Ok) {
                Ok(d) => d,
                Err(e) => {
                    eprintln!("feil: {e}");
                    return ExitCode::from(2);
                }
            };
            (
                root,
                Request::Document {
                    doktype,
                    tittel,
                    dato,
                },
            )
        }
    };
    match create(&root, &req) {
        Ok(c) => {
            match c.number {
                Some(n) => println!("Opprettet {} (sak {n}).", c.path),
                None => println!("Opprettet {}.", c.path),
            }
            println!("Fyll inn feltene, og kjør `motebok check` før du lager en pull request.");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("feil: {e}");
            if let Some(h) = e.hint() {
                eprintln!("  hjelp: {h}");
            }
            ExitCode::from(2)
        }
    }
}
