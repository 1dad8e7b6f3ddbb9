//! `motebok new`: scaffolding a meeting, a case with the next free number, or a document in the
//! working tree. Never overwrites a file.

pub mod branches;
pub mod numbering;
pub mod templates;

use chrono::{Datelike, NaiveDate};
use motebok_domain::CaseNumber;
use motebok_parser::{raw::suggest, slugify, Doktype};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What `motebok new` was asked to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// A `_mote.md` in a new meeting folder.
    Meeting {
        /// The body's id.
        organ: String,
        /// The meeting date (the folder name).
        date: NaiveDate,
    },
    /// A case file with the next free number of the body and year.
    Case {
        /// The body's id.
        organ: String,
        /// The meeting it goes in.
        date: NaiveDate,
        /// The title.
        tittel: String,
    },
    /// A document under `content/dokumenter/`, named by its title.
    Document {
        /// Its `doktype` key, checked against the known ones.
        doktype: String,
        /// The title.
        tittel: String,
        /// Its date.
        dato: NaiveDate,
    },
}

/// A file `motebok new` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    /// Repository-relative, with `/` separators.
    pub path: String,
    /// The new case number, for a case.
    pub number: Option<CaseNumber>,
}

/// Why nothing was created. All are usage errors (exit status 2).
#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    /// The folder holds no site.toml.
    #[error("fant ikke site.toml i {0}")]
    NotASite(PathBuf),
    /// No body has this id.
    #[error("organet `{organ}` finnes ikke")]
    UnknownOrgan {
        /// The id asked for.
        organ: String,
        /// The bodies there are, for a suggestion.
        known: Vec<String>,
    },
    /// The body has no meeting that day.
    #[error("møtet {organ}/{date} finnes ikke")]
    NoMeeting {
        /// The body.
        organ: String,
        /// The date asked for.
        date: NaiveDate,
    },
    /// The file exists already.
    #[error("{0} finnes allerede; motebok new skriver aldri over en fil")]
    Exists(String),
    /// Not a document type of CONTENT.md §5.
    #[error("ukjent doktype `{0}`")]
    UnknownDoktype(String),
    /// The title is empty or spans lines.
    #[error("tittelen kan ikke være tom eller gå over flere linjer")]
    BadTitle,
    /// The title has no letters or digits to name the file by.
    #[error("tittelen `{0}` gir ikke noe filnavn")]
    NoSlug(String),
    /// A file could not be written.
    #[error("kan ikke skrive {path}: {source}")]
    Io {
        /// Repository path.
        path: String,
        /// The error.
        source: std::io::Error,
    },
}

impl ScaffoldError {
    /// What to do instead, in plain words.
    pub fn hint(&self) -> Option<String> {
        Some(match self {
            ScaffoldError::NotASite(_) => {
                "kjør motebok i innholdsrepositoriet, eller oppgi det med --root".into()
            }
            ScaffoldError::UnknownOrgan { organ, known } if known.is_empty() => {
                format!("opprett content/{organ}/_organ.md med `navn` og `kortnavn` først")
            }
            ScaffoldError::UnknownOrgan { organ, known } => {
                let names: Vec<&str> = known.iter().map(String::as_str).collect();
                match suggest(organ, &names) {
                    s if s.starts_with("mente") => s,
                    _ => format!("organene som finnes: {}", names.join(", ")),
                }
            }
            ScaffoldError::NoMeeting { organ, date } => {
                format!("opprett møtet først: motebok new mote {organ} {date}")
            }
            ScaffoldError::Exists(_) => {
                "åpne filen og rediger den, eller velg en annen tittel eller dato".into()
            }
            ScaffoldError::UnknownDoktype(got) => {
                let names: Vec<&str> = Doktype::ALL.iter().map(|(k, _)| *k).collect();
                suggest(got, &names)
            }
            ScaffoldError::BadTitle => "skriv tittelen i anførselstegn: \"Tittel på saken\"".into(),
            ScaffoldError::NoSlug(_) => "bruk en tittel med bokstaver eller tall".into(),
            ScaffoldError::Io { .. } => return None,
        })
    }
}

/// Creates what `req` asks for under `root`.
pub fn create(root: &Path, req: &Request) -> Result<Created, ScaffoldError> {
    if !root.join("site.toml").is_file() {
        return Err(ScaffoldError::NotASite(root.to_path_buf()));
    }
    match req {
        Request::Meeting { organ, date } => {
            organ_exists(root, organ)?;
            let path = format!("content/{organ}/{date}/_mote.md");
            let name = kortnavn(root, organ);
            write_new(root, &path, &templates::meeting(organ, &name, *date))?;
            Ok(Created { path, number: None })
        }
        Request::Case {
            organ,
            date,
            tittel,
        } => {
            let tittel = title(tittel)?;
            organ_exists(root, organ)?;
            if !root
                .join(format!("content/{organ}/{date}/_mote.md"))
                .is_file()
            {
                return Err(ScaffoldError::NoMeeting {
                    organ: organ.clone(),
                    date: *date,
                });
            }
            let mut existing =
                numbering::case_numbers(&root.join("content").join(organ), date.year()).map_err(
                    |source| ScaffoldError::Io {
                        path: format!("content/{organ}"),
                        source,
                    },
                )?;
            // A branch not yet merged, here or pushed by a colleague, may have taken a number.
            existing.extend(branches::numbers_on_branches(root, organ, date.year()));
            let number = numbering::next(date.year(), existing);
            let path = format!("content/{organ}/{date}/{number}.md");
            let name = kortnavn(root, organ);
            write_new(root, &path, &templates::case(&name, *date, number, tittel))?;
            Ok(Created {
                path,
                number: Some(number),
            })
        }
        Request::Document {
            doktype,
            tittel,
            dato,
        } => {
            let (key, kind) = Doktype::ALL
                .iter()
                .find(|(k, _)| *k == doktype.to_lowercase())
                .copied()
                .ok_or_else(|| ScaffoldError::UnknownDoktype(doktype.clone()))?;
            let tittel = title(tittel)?;
            let mut slug = slugify(tittel);
            if slug.is_empty() {
                return Err(ScaffoldError::NoSlug(tittel.to_string()));
            }
            // A document's name starts with a letter (CONTENT.md §1): «2025 i tall» is
            // `rapport-2025-i-tall`.
            if !motebok_parser::names::is_safe_id(&slug) {
                slug = format!("{key}-{slug}");
            }
            let path = format!("content/dokumenter/{slug}.md");
            write_new(root, &path, &templates::document(tittel, kind, *dato))?;
            Ok(Created { path, number: None })
        }
    }
}

fn title(t: &str) -> Result<&str, ScaffoldError> {
    let t = t.trim();
    if t.is_empty() || t.chars().any(char::is_control) {
        return Err(ScaffoldError::BadTitle);
    }
    Ok(t)
}

/// A body is a folder of `content/` with `_organ.md`; the name must be one of them exactly
/// (which also keeps `..` and slashes out of paths).
fn organ_exists(root: &Path, organ: &str) -> Result<(), ScaffoldError> {
    let mut known: Vec<String> = std::fs::read_dir(root.join("content"))
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| e.path().join("_organ.md").is_file())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|n| !n.starts_with('.'))
        .collect();
    known.sort();
    if known.iter().any(|k| k == organ) {
        return Ok(());
    }
    Err(ScaffoldError::UnknownOrgan {
        organ: organ.to_string(),
        known,
    })
}

/// The body's `kortnavn` (SSU) for the templates' headings, else its folder name.
fn kortnavn(root: &Path, organ: &str) -> String {
    std::fs::read_to_string(root.join(format!("content/{organ}/_organ.md")))
        .ok()
        .and_then(|t| {
            let fm = motebok_parser::frontmatter::split("", &t).ok()?;
            match &fm.get("kortnavn")?.value {
                motebok_parser::frontmatter::Value::Str(s) if !s.trim().is_empty() => {
                    Some(s.trim().to_string())
                }
                _ => None,
            }
        })
        .unwrap_or_else(|| organ.to_string())
}

/// Writes a new file, refusing (atomically) if it exists.
fn write_new(root: &Path, rel: &str, text: &str) -> Result<(), ScaffoldError> {
    let full = root.join(rel);
    let io = |source| ScaffoldError::Io {
        path: rel.to_string(),
        source,
    };
    if let Some(dir) = full.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let mut f = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&full)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(ScaffoldError::Exists(rel.to_string()))
        }
        Err(e) => return Err(io(e)),
    };
    f.write_all(text.as_bytes()).map_err(io)
}
