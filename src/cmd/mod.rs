//! The commands, one module each: its arguments (`Args`, wired into clap by `main.rs`) and
//! its `run`, which prints and returns the exit status (CONTENT.md §10).

pub(crate) mod archive;
pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod new;
pub(crate) mod serve;
pub(crate) mod trail;

use crate::report;
use chrono::NaiveDate;
use motebok_builder::BuildError;
use std::path::Path;
use std::process::ExitCode;

/// A date argument (`--as-of`, `--dato`, a meeting's date).
pub(crate) fn parse_date(s: &str) -> Result<NaiveDate, String> {
    motebok_parser::parse_iso_date(s)
        .map_err(|why| format!("`{s}` er ikke en dato på formen ÅÅÅÅ-MM-DD: {why}"))
}

/// Reports a build's error as every command does (content errors with their source lines),
/// with its exit status.
pub(crate) fn failed(root: &Path, e: &BuildError) -> ExitCode {
    report::error(root, e);
    ExitCode::from(e.exit_code() as u8)
}

/// The exit status of a command that ran a build: success, or its error reported.
pub(crate) fn finish(root: &Path, result: Result<(), BuildError>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => failed(root, &e),
    }
}
