//! `motebok serve`: the live preview of the working tree on 127.0.0.1.

use crate::cmd::{failed, parse_date};
use crate::today;
use chrono::NaiveDate;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub(crate) struct Args {
    #[arg(long, default_value = ".")]
    pub(crate) root: PathBuf,
    /// Port (0 velger en ledig port)
    #[arg(long, default_value_t = 1111)]
    port: u16,
    #[arg(long, value_parser = parse_date)]
    as_of: Option<NaiveDate>,
}

pub(crate) fn run(args: Args) -> ExitCode {
    let Args { root, port, as_of } = args;
    let today = match today::source(as_of) {
        Ok(t) => t,
        Err(e) => return failed(&root, &e),
    };
    let opts = motebok_serve::ServeOptions { root, port, today };
    let server = match motebok_serve::Server::bind(&opts) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("feil: kan ikke starte forhåndsvisningen på 127.0.0.1:{port}: {e}");
            return ExitCode::from(2);
        }
    };
    println!(
        "Forhåndsvisning på http://{}/ (Ctrl-C avslutter)",
        server.addr
    );
    match server.run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("feil: {e}");
            ExitCode::from(2)
        }
    }
}
