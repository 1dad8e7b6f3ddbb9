//! `motebok`: the command line (CONTENT.md §10). Exit status 0 success, 1 content or approval
//! errors, 2 usage or environment errors.

mod progress;
mod report;
mod today;
mod trail_cmd;

// Rendering allocates many short strings on every core; mimalloc's per-thread heaps cut the
// time glibc's allocator spent in locks and consolidation (about a fifth of a large build).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use motebok_builder::archive::{ArchiveError, ArchiveOptions, Convert};
use motebok_builder::words::count;
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
        /// Sammenlign denne grenen med publiseringsgrenen og skriv et sammendrag i Markdown
        #[arg(long, value_name = "BRANCH", conflicts_with = "worktree")]
        against: Option<String>,
        /// Advarsler om tilgjengelighet (WCAG) er feil: avslutter med status 1
        #[arg(long)]
        strict: bool,
    },
    /// Forhåndsvis arbeidskopien på 127.0.0.1, oppdatert hver gang en fil lagres
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port (0 velger en ledig port)
        #[arg(long, default_value_t = 1111)]
        port: u16,
        #[arg(long, value_parser = parse_date)]
        as_of: Option<NaiveDate>,
    },
    /// Vis godkjenningshistorikken til en fil
    Trail {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Filen, for eksempel content/ssu/2025-05-22/2025.16.md
        path: String,
    },
    /// Eksporter et års dokumenter som arkivuttrekk (Noark 5 i en BagIt-pose)
    Archive {
        /// Året som eksporteres (ÅÅÅÅ)
        #[arg(long, value_parser = clap::value_parser!(i32).range(1000..=9999), required_unless_present = "verify")]
        year: Option<i32>,
        /// Kontroller et arkivuttrekk som finnes (posen eller data/avleveringspakke) med Arkade 5s kontroller, i stedet for å eksportere
        #[arg(long, value_name = "MAPPE", conflicts_with_all = ["output", "xsd_dir", "include_exempt", "as_of", "convert"])]
        verify: Option<PathBuf>,
        #[arg(long, default_value = ".")]
        root: PathBuf,
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
    },
    /// Lag et nytt møte, en ny sak eller et nytt dokument fra en mal (skriver aldri over en fil)
    New {
        #[command(subcommand)]
        what: New,
    },
}

/// `archive --convert`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum ConvertArg {
    None,
    Ghostscript,
}

#[derive(Subcommand)]
enum New {
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

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    motebok_parser::parse_iso_date(s)
        .map_err(|why| format!("`{s}` er ikke en dato på formen ÅÅÅÅ-MM-DD: {why}"))
}

/// `motebok new`: exit status 0, or 2 when nothing was created.
fn new(what: New) -> ExitCode {
    use motebok_builder::scaffold::{create, Request};
    let (root, req) = match what {
        New::Mote { organ, dato, root } => (root, Request::Meeting { organ, date: dato }),
        New::Sak {
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
        New::Dokument {
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

/// The folder `--root` names, when it is not one: said before anything else is tried (a
/// preview would otherwise print its address, a check suggest a preview).
fn missing_root(cmd: &Command) -> Option<String> {
    let root = match cmd {
        Command::Build { root, .. }
        | Command::Check { root, .. }
        | Command::Serve { root, .. }
        | Command::Trail { root, .. }
        | Command::Archive { root, .. } => root,
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
    let result = match cli.command {
        Command::New { what } => return new(what),
        Command::Build {
            root,
            output,
            as_of,
            worktree,
        } => {
            let output = output.unwrap_or_else(|| root.join("public"));
            let today = match today::resolve(as_of) {
                Ok(d) => d,
                Err(e) => return environment(&root, &e),
            };
            let opts = Options {
                root: root.clone(),
                output: output.clone(),
                today,
                worktree,
            };
            motebok_builder::build_with(&opts, progress::for_terminal().as_ref())
                .map(|r| {
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
                })
                .map_err(|e| (root, e))
        }
        Command::Check {
            root,
            as_of,
            against: Some(base),
            ..
        } => match today::resolve(as_of)
            .and_then(|today| motebok_builder::preview::against(&root, &base, today))
        {
            Ok(s) => {
                print!("{}", motebok_builder::preview::markdown(&s));
                Ok(())
            }
            // The pull-request comment is made from stdout: the errors go there too.
            Err(e) => {
                print!("{}", motebok_builder::preview::errors::markdown(&base, &e));
                Err((root, e))
            }
        },
        Command::Check {
            root,
            as_of,
            worktree,
            against: None,
            strict,
        } => {
            let today = match today::resolve(as_of) {
                Ok(d) => d,
                Err(e) => return environment(&root, &e),
            };
            let opts = Options {
                root: root.clone(),
                output: root.join("public"),
                today,
                worktree,
            };
            motebok_builder::check(&opts)
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
                })
                .map_err(|e| (root, e))
        }
        Command::Serve { root, port, as_of } => {
            let today = match today::source(as_of) {
                Ok(t) => t,
                Err(e) => return environment(&root, &e),
            };
            let opts = motebok_builder::serve::ServeOptions { root, port, today };
            let server = match motebok_builder::serve::Server::bind(&opts) {
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
            return match server.run() {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("feil: {e}");
                    ExitCode::from(2)
                }
            };
        }
        Command::Trail { root, path } => {
            return match trail_cmd::run(&root, &path) {
                Ok(()) => ExitCode::SUCCESS,
                Err((code, msg)) => {
                    eprintln!("feil: {msg}");
                    ExitCode::from(code as u8)
                }
            };
        }
        Command::Archive {
            verify: Some(dir), ..
        } => return verify_archive(&dir),
        Command::Archive {
            year: Some(year),
            verify: None,
            root,
            output,
            xsd_dir,
            include_exempt,
            as_of,
            convert,
        } => {
            let convert = match convert {
                ConvertArg::None => Convert::None,
                ConvertArg::Ghostscript => Convert::Ghostscript,
            };
            return archive(year, root, output, xsd_dir, include_exempt, as_of, convert);
        }
        Command::Archive { year: None, .. } => {
            unreachable!("clap requires --year without --verify")
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

/// Reports an environment error (a bad SOURCE_DATE_EPOCH) as every command does.
fn environment(root: &std::path::Path, e: &motebok_builder::BuildError) -> ExitCode {
    report::error(root, e);
    ExitCode::from(e.exit_code() as u8)
}

/// `archive --verify DIR`: the table on stdout; 0 all controls passed, 1 one failed, 2 no package.
fn verify_archive(dir: &std::path::Path) -> ExitCode {
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

fn archive(
    year: i32,
    root: PathBuf,
    output: Option<PathBuf>,
    xsd_dir: Option<PathBuf>,
    include_exempt: bool,
    as_of: Option<NaiveDate>,
    convert: Convert,
) -> ExitCode {
    let output = output.unwrap_or_else(|| root.join(format!("arkivuttrekk-{year}")));
    let today = match today::resolve(as_of) {
        Ok(d) => d,
        Err(e) => return environment(&root, &e),
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
    match motebok_builder::archive::export(&opts) {
        Ok(r) => {
            report::warnings(&root, &r.warnings);
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
            ExitCode::SUCCESS
        }
        Err(ArchiveError::Build(e)) => {
            report::error(&root, &e);
            ExitCode::from(e.exit_code() as u8)
        }
        Err(e) => {
            eprintln!("feil: {e}");
            ExitCode::from(e.exit_code() as u8)
        }
    }
}
