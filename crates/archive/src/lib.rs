//! `motebok archive`: a year's documents as a Noark 5 arkivuttrekk (v5.0) inside a BagIt bag.
//!
//! ```text
//! <output>/bagit.txt, bag-info.txt, manifest-sha512.txt, tagmanifest-sha512.txt
//! <output>/data/README.md
//! <output>/data/avleveringspakke/arkivstruktur.xml, endringslogg.xml, arkivuttrekk.xml, *.xsd
//! <output>/data/avleveringspakke/DOKUMENT/<organ>/<dato>/... and DOKUMENT/dokumenter/...
//! ```
//!
//! Phases: load and resolve the site as a build does → select the year (`select`) → plan the
//! archive structure and render the documents (`plan`, `records`, `docs`) → write the XML
//! (`noark`, `endringslogg`, `addml`) → bag it (`bagit`) → write atomically. Nothing depends on
//! the clock or on hash-map order: two exports of the same repository are byte-identical.

mod addml;
mod bagit;
mod convert;
mod docs;
mod endringslogg;
mod html;
mod ids;
mod meetings;
mod noark;
mod paper;
mod plan;
mod readme;
mod records;
mod select;
mod tree;
mod xml;

pub use convert::{Convert, Refused};
pub use plan::Stats;
pub use records::moetesakstype;

use chrono::NaiveDate;
use motebok_builder::build;
use motebok_builder::write::{write_atomic, WriteError};
use motebok_builder::BuildError;
use motebok_builder::Options;
use motebok_site::words::count;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The official schemas a package carries, all four used by its XML files.
pub const SCHEMAS: [&str; 4] = [
    "arkivstruktur.xsd",
    "metadatakatalog.xsd",
    "endringslogg.xsd",
    "addml.xsd",
];

const UTTREKK: &str = "avleveringspakke";

/// What `motebok archive` was asked for.
#[derive(Debug, Clone)]
pub struct ArchiveOptions {
    /// The site's repository.
    pub root: PathBuf,
    /// The folder the bag is written to.
    pub output: PathBuf,
    /// The year whose meetings and documents are exported.
    pub year: i32,
    /// "Now", for the publication state and the bag's date, resolved by the caller.
    pub today: NaiveDate,
    /// Where the official XSDs are; `None`: `[archive] xsd_dir` of site.toml, else none.
    pub xsd_dir: Option<PathBuf>,
    /// Include cases and documents exempt from public access, marked with `skjerming`.
    pub include_exempt: bool,
    /// What to do with attachments that are neither Markdown nor PDF/A.
    pub convert: Convert,
}

/// Why an export failed; messages in Norwegian, for the command line.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    /// The site did not load or build.
    #[error(transparent)]
    Build(#[from] BuildError),
    /// Nothing in the year is worth archiving.
    #[error("ingenting å arkivere fra {year}: ingen møter i arkivverdige organer og ingen andre dokumenter datert {year}")]
    Empty {
        /// The year asked for.
        year: i32,
    },
    /// An official XSD could not be read.
    #[error("fant ikke skjemaet {name} i {dir} ({source}); oppgi mappen med Arkivverkets Noark 5-skjemaer (versjon 5.0) med --xsd-dir eller [archive] xsd_dir")]
    Schema {
        /// The folder looked in.
        dir: String,
        /// The schema's file name.
        name: &'static str,
        /// Why it could not be read.
        source: std::io::Error,
    },
    /// A file the package lists was not among the files read (a bug, not a content error).
    #[error("filen {0} mangler i innholdet som ble lest")]
    MissingFile(String),
    /// Attachments that are neither Markdown nor PDF/A, and were not (or could not be) converted.
    #[error("{} kan ikke arkiveres slik {}: arkivet tar bare imot dokumenter i PDF/A\n{}", motebok_site::words::count(.0.len(), "vedlegg", "vedlegg"), if .0.len() == 1 { "det er" } else { "de er" }, .0.iter().map(|r| format!("  {}: {}", r.path, r.why)).collect::<Vec<_>>().join("\n"))]
    NotArchivable(Vec<Refused>),
    /// A paper could not be typeset (a bug of the typesetter, not of the content).
    #[error("kunne ikke sette PDF: {0}")]
    Typeset(String),
    /// The package failed one of Arkade 5's controls, run before it is put in place (a bug).
    #[error("pakken besto ikke Arkade 5-kontrollene og ble ikke lagt på plass:\n{0}")]
    Verify(String),
    /// The XML writer failed.
    #[error("kunne ikke lage XML: {0}")]
    Xml(#[from] std::io::Error),
    /// The bag could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// A body that could not be read stops the archive as it stops a build.
impl From<motebok_builder::source::SourceError> for ArchiveError {
    fn from(e: motebok_builder::source::SourceError) -> ArchiveError {
        ArchiveError::Build(e.into())
    }
}

impl ArchiveError {
    /// 1 for content errors, 2 for usage and environment (CONTENT.md §10).
    pub fn exit_code(&self) -> i32 {
        match self {
            ArchiveError::Build(e) => e.exit_code(),
            // A fact of the content (or of the option chosen), as content errors are.
            ArchiveError::NotArchivable(_) => 1,
            _ => 2,
        }
    }
}

/// What an export wrote.
#[derive(Debug, Clone)]
pub struct Exported {
    /// The bag's folder.
    pub output: PathBuf,
    /// The year exported.
    pub year: i32,
    /// The date the publication states and the bag's date were taken at.
    pub today: NaiveDate,
    /// What the package holds.
    pub stats: Stats,
    /// Files in the bag, tag files included.
    pub files: usize,
    /// No XSDs were found, so the package goes without them.
    pub schemas_missing: bool,
    /// Exempt cases and documents left out (without `--include-exempt`).
    pub exempt_left_out: usize,
    /// Ids of bodies with meetings that year left out as not worth archiving.
    pub not_archived: Vec<String>,
    /// What `check` would warn about in the content exported.
    pub warnings: Vec<motebok_parser::Diagnostic>,
}

use motebok_site::checksum::sha256_hex as sha256;

/// Reads the schemas unaltered from `dir`; all four or an error.
fn read_schemas(dir: &std::path::Path) -> Result<BTreeMap<&'static str, Vec<u8>>, ArchiveError> {
    let mut out = BTreeMap::new();
    for name in SCHEMAS {
        let bytes = std::fs::read(dir.join(name)).map_err(|source| ArchiveError::Schema {
            dir: dir.display().to_string(),
            name,
            source,
        })?;
        out.insert(name, bytes);
    }
    Ok(out)
}

/// Runs Arkade 5's controls (`motebok-verify`, which reads the package back on its own) on the
/// bag before it replaces the old one. Without schemas (already warned about) the controls that
/// need them, N5.01 and N5.03, cannot pass and are left out.
fn verify(files: &[motebok_builder::write::OutFile], no_schemas: bool) -> Result<(), ArchiveError> {
    let io = |e: std::io::Error| ArchiveError::Verify(format!("kunne ikke lage en prøvekopi: {e}"));
    let dir = tempfile::tempdir().map_err(io)?;
    for f in files {
        let p = dir.path().join(&f.path);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        std::fs::write(&p, &f.bytes).map_err(io)?;
    }
    let mut report =
        motebok_verify::verify(dir.path()).map_err(|e| ArchiveError::Verify(e.to_string()))?;
    if no_schemas {
        report
            .controls
            .retain(|c| !matches!(c.id, "N5.01" | "N5.03"));
    }
    if report.passed() {
        Ok(())
    } else {
        Err(ArchiveError::Verify(report.table()))
    }
}

fn count_mapper(a: &tree::Arkiv) -> (usize, usize) {
    let mapper: Vec<&tree::Mappe> = a
        .arkivdel
        .system
        .klasser
        .iter()
        .flat_map(|k| &k.mapper)
        .collect();
    let regs = mapper.iter().map(|m| m.registreringer.len()).sum();
    (mapper.len(), regs)
}

/// Exports a year as a Noark 5 arkivuttrekk in a BagIt bag, the official XSDs included when found.
pub fn export(opts: &ArchiveOptions) -> Result<Exported, ArchiveError> {
    let loaded = build::load(&Options {
        root: opts.root.clone(),
        output: opts.output.clone(),
        today: opts.today,
        worktree: false,
    })?;
    let mut site = motebok_builder::resolve_site(&loaded)?;
    // The package is for the archive, not readers: an exempt case keeps its thread there.
    site.restore_withheld();
    // And only when asked for, what it holds (the one door to it).
    if opts.include_exempt {
        site.include_exempt();
    }
    let sel = select::Selection::new(&site, opts.year, opts.include_exempt);
    if sel.is_empty() {
        return Err(ArchiveError::Empty { year: opts.year });
    }
    let org = loaded.cfg.publisher();
    let inp = plan::Input {
        site: &site,
        repo: loaded
            .files
            .iter()
            .map(|f| (f.path.as_str(), f.bytes.as_slice()))
            .collect(),
        org,
        today: loaded.today,
        convert: opts.convert,
    };
    let pkg = plan::plan(&inp, &sel)?;
    let xsd_dir = opts.xsd_dir.clone().or_else(|| {
        loaded
            .cfg
            .archive
            .xsd_dir
            .as_ref()
            .map(|d| opts.root.join(d))
    });
    let schemas = match &xsd_dir {
        Some(d) => read_schemas(d)?,
        None => BTreeMap::new(),
    };
    let schema_sha = |n: &str| schemas.get(n).map(|b| sha256(b));

    let arkivstruktur = noark::write(&pkg.arkiv)?;
    let changes = endringslogg::changes(&pkg.arkiv, &pkg.exported);
    let endringslogg = endringslogg::write(&changes)?;
    let (mapper, registreringer) = count_mapper(&pkg.arkiv);
    let description = addml::Description {
        creator: org,
        archive: &pkg.arkiv.tittel,
        system: format!("motebok {}", env!("CARGO_PKG_VERSION")),
        year: opts.year,
        exempt_included: pkg.stats.exempt > 0,
        document_files: pkg.files.len(),
        objects: vec![
            addml::DataObject {
                name: "arkivstruktur",
                file: "arkivstruktur.xml",
                sha256: sha256(&arkivstruktur),
                schema: "arkivstruktur.xsd",
                schema_sha256: schema_sha("arkivstruktur.xsd"),
                catalogue_sha256: schema_sha("metadatakatalog.xsd"),
                counts: vec![("mappe", mapper), ("registrering", registreringer)],
            },
            addml::DataObject {
                name: "endringslogg",
                file: "endringslogg.xml",
                sha256: sha256(&endringslogg),
                schema: "endringslogg.xsd",
                schema_sha256: schema_sha("endringslogg.xsd"),
                catalogue_sha256: None,
                counts: vec![("endring", changes.len())],
            },
        ],
    };
    let arkivuttrekk = addml::write(&description)?;

    let organ_names = |ixs: &mut dyn Iterator<Item = usize>| -> Vec<String> {
        ixs.map(|o| site.organs[o].kortnavn.clone()).collect()
    };
    let facts = readme::Facts {
        org,
        year: opts.year,
        today: loaded.today,
        stats: &pkg.stats,
        organs: organ_names(&mut sel.organs.iter().map(|o| o.organ)),
        not_archived: organ_names(&mut sel.not_archived.iter().copied()),
        exempt_left_out: sel.exempt_left_out,
        document_files: pkg.files.len(),
        schemas_missing: schemas.is_empty(),
        changes: changes.len(),
    };
    let mut payload: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    payload.insert(
        "README.md".into(),
        readme::text(&facts, &pkg.arkiv).into_bytes(),
    );
    let mut put = |name: &str, bytes: Vec<u8>| payload.insert(format!("{UTTREKK}/{name}"), bytes);
    put("arkivstruktur.xml", arkivstruktur);
    put("endringslogg.xml", endringslogg);
    put("arkivuttrekk.xml", arkivuttrekk);
    for (name, bytes) in schemas.iter() {
        put(name, bytes.clone());
    }
    for (path, bytes) in pkg.files.iter() {
        put(path, bytes.clone());
    }

    let mut description = format!(
        "Noark 5-arkivuttrekk (versjon 5.0) av møtedokumentene fra {} for {org}: {}, {}, {}.",
        opts.year,
        count(pkg.stats.meetings, "møte", "møter"),
        count(pkg.stats.cases, "sak", "saker"),
        count(pkg.stats.documents, "annet dokument", "andre dokumenter")
    );
    if schemas.is_empty() {
        description.push_str(" XSD-skjemaene mangler i pakken; se data/README.md.");
    }
    if pkg.stats.exempt > 0 {
        description.push_str(" Inneholder materiale unntatt offentlighet.");
    }
    let mut info: bagit::BagInfo = vec![("Source-Organization", org.to_string())];
    if loaded.cfg.archive_contact.contains('@') {
        info.push(("Contact-Email", loaded.cfg.archive_contact.clone()));
    }
    info.extend([
        ("External-Description", description),
        ("External-Identifier", pkg.arkiv.arkivdel.system_id.clone()),
        ("Bagging-Date", loaded.today.to_string()),
        (
            "Bag-Software-Agent",
            format!("motebok {}", env!("CARGO_PKG_VERSION")),
        ),
    ]);
    let files = bagit::bag(&payload, &info);
    verify(&files, schemas.is_empty())?;
    write_atomic(&opts.output, &files, None)?;
    Ok(Exported {
        output: opts.output.clone(),
        year: opts.year,
        today: loaded.today,
        stats: pkg.stats,
        files: files.len(),
        schemas_missing: schemas.is_empty(),
        exempt_left_out: sel.exempt_left_out,
        not_archived: sel
            .not_archived
            .iter()
            .map(|&o| site.organs[o].id.clone())
            .collect(),
        warnings: site.warnings.clone(),
    })
}

#[cfg(test)]
mod tests;
