//! `motebok archive`: a year's papers as a Noark 5 arkivuttrekk in a BagIt bag.

use crate::cmd::{failed, parse_date};
use crate::{report, today};
use chrono::NaiveDate;
use motebok_archive::{ArchiveError, ArchiveOptions, Convert, Exported};
use motebok_site::words::count;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub(crate) struct Args {
    /// Året som eksporteres (ÅÅÅÅ)
    #[arg(long, value_parser = clap::value_parser!(i32).range(1000..=9999), required_unless_present = "verify")]
    year: Option<i32>,
    /// Kontroller et arkivuttrekk som finnes (posen eller data/avleveringspakke) med Arkade 5s kontroller, i stedet for å eksportere
    #[arg(long, value_name = "MAPPE", conflicts_with_all = ["output", "xsd_dir", "include_exempt", "as_of", "convert"])]
    verify: Option<PathBuf>,
    #[arg(long, default_value = ".")]
    pub(crate) root: PathBuf,
    /// Hvor posen skrives (standard: <root>/arkivuttrekk-ÅÅÅÅ)
    #[arg(long)]
    output: Option<PathBuf>,
    /// Mappen med Arkivverkets Noark 5-skjemaer (standard: [archive] xsd_dir i site.toml)
    #[arg(long)]
    xsd_dir: Option<PathBuf>,
    /// Ta med saker og dokumenter unntatt offentlighet, merket med skjerming
    #[arg(long)]
    include_exempt: bool,
    /// Dagens dato for publiseringsstatus og posens dato (ÅÅÅÅ-MM-DD)
    #[arg(long, value_parser = parse_date)]
    as_of: Option<NaiveDate>,
    /// Vedlegg som verken er Markdown eller PDF/A: none stopper eksporten med en liste, ghostscript gjør PDF-er om til PDF/A-2b
    #[arg(long, value_enum, default_value = "none")]
    convert: ConvertArg,
}

/// `archive --convert`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum ConvertArg {
    None,
    Ghostscript,
}

pub(crate) fn run(args: Args) -> ExitCode {
    let Args {
        year,
        verify,
        root,
        output,
        xsd_dir,
        include_exempt,
        as_of,
        convert,
    } = args;
    if let Some(dir) = verify {
        return verify_archive(&dir);
    }
    let Some(year) = year else {
        unreachable!("clap requires --year without --verify")
    };
    let convert = match convert {
        ConvertArg::None => Convert::None,
        ConvertArg::Ghostscript => Convert::Ghostscript,
    };
    let output = output.unwrap_or_else(|| root.join(format!("arkivuttrekk-{year}")));
    let today = match today::resolve(as_of) {
        Ok(d) => d,
        Err(e) => return failed(&root, &e),
    };
    let opts = ArchiveOptions {
        root: root.clone(),
        output: output.clone(),
        year,
        today,
        xsd_dir,
        include_exempt,
        convert,
    };
    match motebok_archive::export(&opts) {
        Ok(r) => {
            exported(&root, &output, &r);
            ExitCode::SUCCESS
        }
        Err(ArchiveError::Build(e)) => failed(&root, &e),
        Err(e) => {
            eprintln!("feil: {e}");
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

/// `archive --verify DIR`: the table on stdout; 0 all controls passed, 1 one failed, 2 no package.
fn verify_archive(dir: &Path) -> ExitCode {
    match motebok_verify::verify(dir) {
        Ok(report) => {
            print!("{}", report.table());
            if report.passed() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(e) => {
            eprintln!("feil: {e}");
            ExitCode::from(2)
        }
    }
}

/// What an export wrote and left out, on stderr.
fn exported(root: &Path, output: &Path, r: &Exported) {
    report::warnings(root, &r.warnings);
    if r.schemas_missing {
        eprintln!(
            "advarsel: XSD-skjemaene er ikke med i pakken; oppgi mappen med Arkivverkets \
Noark 5-skjemaer med --xsd-dir eller [archive] xsd_dir i site.toml"
        );
    }
    if r.exempt_left_out > 0 {
        eprintln!(
            "{} unntatt offentlighet er ikke med (--include-exempt tar dem med).",
            count(
                r.exempt_left_out,
                "sak eller dokument",
                "saker eller dokumenter"
            )
        );
    }
    if !r.not_archived.is_empty() {
        eprintln!(
            "Ikke arkivverdige organer som er utelatt: {}.",
            r.not_archived.join(", ")
        );
    }
    eprintln!(
        "Arkivuttrekk for {} skrevet til {} per {}: {}, {}, {}, {} vedlegg ({}).",
        r.year,
        output.display(),
        r.today,
        count(r.stats.meetings, "møte", "møter"),
        count(r.stats.cases, "sak", "saker"),
        count(r.stats.documents, "annet dokument", "andre dokumenter"),
        r.stats.attachments,
        count(r.files, "fil", "filer")
    );
}
