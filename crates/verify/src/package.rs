//! The package on disk: where it is, its XML files and the files in `DOKUMENT/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Why a folder could not be checked at all (a failed control is a [`crate::Report`], not this).
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    /// No package there: neither a bag nor an avleveringspakke.
    #[error("{0} er ikke et arkivuttrekk: fant verken data/avleveringspakke/ eller arkivuttrekk.xml, arkivstruktur.xml eller DOKUMENT/")]
    NoPackage(String),
}

/// An XML file of the package, read and parsed; `Err` says why not, for the report.
pub(crate) type Parsed<'a> = Result<&'a roxmltree::Document<'a>, String>;

pub(crate) struct Package {
    /// The avleveringspakke folder.
    pub dir: PathBuf,
    texts: BTreeMap<&'static str, Result<String, String>>,
    /// Files under DOKUMENT/, as `DOKUMENT/a/b.pdf` (the form of referanseDokumentfil), with size.
    pub documents: BTreeMap<String, u64>,
    pub documents_dir: bool,
}

pub(crate) const XML_FILES: [&str; 3] =
    ["arkivuttrekk.xml", "arkivstruktur.xml", "endringslogg.xml"];

impl Package {
    pub(crate) fn open(dir: &Path) -> Result<Package, VerifyError> {
        let inner = dir.join("data/avleveringspakke");
        let dir = if inner.is_dir() {
            inner
        } else if ["arkivuttrekk.xml", "arkivstruktur.xml", "DOKUMENT"]
            .iter()
            .any(|f| dir.join(f).exists())
        {
            dir.to_path_buf()
        } else {
            return Err(VerifyError::NoPackage(dir.display().to_string()));
        };
        let texts = XML_FILES
            .iter()
            .map(|&f| {
                let t = std::fs::read(dir.join(f))
                    .map_err(|e| format!("{f} kan ikke leses: {e}"))
                    .and_then(|b| String::from_utf8(b).map_err(|_| format!("{f} er ikke UTF-8")));
                (f, t)
            })
            .collect();
        let docs = dir.join("DOKUMENT");
        let mut documents = BTreeMap::new();
        for e in walkdir::WalkDir::new(&docs).sort_by_file_name() {
            let Ok(e) = e else { continue };
            if e.file_type().is_file() {
                let rel = e.path().strip_prefix(&dir).unwrap_or(e.path());
                let rel = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                documents.insert(rel, e.metadata().map(|m| m.len()).unwrap_or(0));
            }
        }
        Ok(Package {
            documents_dir: docs.is_dir(),
            dir,
            texts,
            documents,
        })
    }

    /// The file's text, or why it cannot be had.
    pub(crate) fn text(&self, name: &str) -> Result<&str, String> {
        match self.texts.get(name) {
            Some(Ok(t)) => Ok(t),
            Some(Err(e)) => Err(e.clone()),
            None => Err(format!("{name} er ikke en av pakkens XML-filer")),
        }
    }

    /// Parses the file; the document borrows the package's text.
    pub(crate) fn parse(&self, name: &str) -> Result<roxmltree::Document<'_>, String> {
        let t = self.text(name)?;
        let opts = roxmltree::ParsingOptions {
            allow_dtd: false,
            ..Default::default()
        };
        roxmltree::Document::parse_with_options(t, opts)
            .map_err(|e| format!("{name} er ikke velformet XML: {e}"))
    }

    /// Whether a path of referanseDokumentfil names a file of the package (backslashes as
    /// Arkade reads them).
    pub(crate) fn document(&self, reference: &str) -> Option<(&str, u64)> {
        let r = reference.replace('\\', "/");
        self.documents
            .get_key_value(r.as_str())
            .map(|(k, v)| (k.as_str(), *v))
    }
}
