//! Attachments that are not Markdown: a PDF that identifies as PDF/A goes in as it is; any
//! other file is converted to PDF/A-2b by Ghostscript when `--convert ghostscript` asks for it
//! (PDFs only: Ghostscript reads PDF), else the export stops and lists the files.
//!
//! Ghostscript's output is made reproducible: SOURCE_DATE_EPOCH fixes the dates it writes
//! (set to the attachment's last commit), and the file names it hashes into the document /ID
//! are always `inn.pdf` and `ut.pdf` in a folder of their own.

use std::path::{Path, PathBuf};
use std::process::Command;

/// What to do with an attachment that is neither Markdown nor PDF/A.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Convert {
    /// Stop the export and list the files (the default: nothing is changed unasked).
    #[default]
    None,
    /// Convert PDFs to PDF/A-2b with Ghostscript (`gs`, Debian package ghostscript).
    Ghostscript,
}

/// The PRONOM id of a PDF/A level as PDF/A identification writes it (`2B`).
pub(super) fn pronom(level: &str) -> Option<&'static str> {
    Some(match level.to_ascii_uppercase().as_str() {
        "1A" => "fmt/95",
        "1B" => "fmt/354",
        "2A" => "fmt/476",
        "2B" => "fmt/477",
        "2U" => "fmt/478",
        "3A" => "fmt/479",
        "3B" => "fmt/480",
        "3U" => "fmt/481",
        _ => return None,
    })
}

/// A file the export cannot archive as it is, and why.
#[derive(Debug, Clone)]
pub struct Refused {
    /// The attachment's path in the repository.
    pub path: String,
    /// Why, and what to do, in Norwegian.
    pub why: String,
}

/// Ghostscript found on this machine.
pub(super) struct Ghostscript {
    /// `GPL Ghostscript 10.00.0`, for the konvertering.
    pub version: String,
    /// The sRGB profile PDF/A's output intent is made from.
    icc: PathBuf,
}

/// Where distributions put Ghostscript's sRGB profile.
const ICC: [&str; 3] = [
    "/usr/share/color/icc/ghostscript/srgb.icc",
    "/usr/share/ghostscript/iccprofiles/srgb.icc",
    "/usr/local/share/ghostscript/iccprofiles/srgb.icc",
];

impl Ghostscript {
    /// Finds `gs` and its sRGB profile, or says what is missing.
    pub(super) fn find() -> Result<Ghostscript, String> {
        let out = Command::new("gs").arg("--version").output().map_err(|e| {
            format!("fant ikke Ghostscript (gs): {e}; installer det (Debian: ghostscript)")
        })?;
        let v = String::from_utf8_lossy(&out.stdout).trim().to_string();
        let icc = ICC
            .iter()
            .map(PathBuf::from)
            .find(|p| p.is_file())
            .ok_or_else(|| {
                format!(
                    "fant ikke Ghostscripts sRGB-profil (srgb.icc) i {}",
                    ICC.join(", ")
                )
            })?;
        Ok(Ghostscript {
            version: format!("GPL Ghostscript {v}"),
            icc,
        })
    }

    /// The PDF in `bytes` as PDF/A-2b, its dates set to `epoch` (seconds).
    pub(super) fn to_pdfa(&self, bytes: &[u8], epoch: i64) -> Result<Vec<u8>, String> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let d = dir.path();
        std::fs::write(d.join("inn.pdf"), bytes).map_err(|e| e.to_string())?;
        std::fs::write(d.join("pdfa.ps"), pdfa_def(&self.icc)).map_err(|e| e.to_string())?;
        let icc_dir = self.icc.parent().unwrap_or(Path::new("/"));
        let out = Command::new("gs")
            .current_dir(d)
            .env("SOURCE_DATE_EPOCH", epoch.to_string())
            .arg("-q")
            .arg(format!("--permit-file-read={}/", icc_dir.display()))
            .args([
                "-dPDFA=2",
                "-dPDFACompatibilityPolicy=1",
                "-sColorConversionStrategy=RGB",
                "-sDEVICE=pdfwrite",
                "-dNOPAUSE",
                "-dBATCH",
                "-dSAFER",
                "-sOutputFile=ut.pdf",
                "pdfa.ps",
                "inn.pdf",
            ])
            .output()
            .map_err(|e| format!("Ghostscript kunne ikke kjøres: {e}"))?;
        let pdf = std::fs::read(d.join("ut.pdf")).unwrap_or_default();
        if !out.status.success() || pdf.is_empty() {
            return Err(format!(
                "Ghostscript feilet: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        match motebok_builder::attachments::pdfa_claim(&pdf).as_deref() {
            Some("2B") => Ok(pdf),
            other => Err(format!(
                "Ghostscript laget ikke PDF/A-2b (fikk {})",
                other.unwrap_or("ingen PDF/A-identifikasjon")
            )),
        }
    }
}

/// Ghostscript's PDFA_def.ps without the placeholder title: the output intent from `icc`.
fn pdfa_def(icc: &Path) -> String {
    let icc = icc
        .display()
        .to_string()
        .replace('\\', "\\\\")
        .replace('(', "\\(")
        .replace(')', "\\)");
    format!(
        "/ICCProfile ({icc}) def\n\
         [/_objdef {{icc_PDFA}} /type /stream /OBJ pdfmark\n\
         [{{icc_PDFA}} << /N 3 >> /PUT pdfmark\n\
         [{{icc_PDFA}} ICCProfile (r) file /PUT pdfmark\n\
         [/_objdef {{OutputIntent_PDFA}} /type /dict /OBJ pdfmark\n\
         [{{OutputIntent_PDFA}} <<\n  /Type /OutputIntent\n  /S /GTS_PDFA1\n  /DestOutputProfile {{icc_PDFA}}\n  /OutputConditionIdentifier (sRGB)\n>> /PUT pdfmark\n\
         [{{Catalog}} << /OutputIntents [ {{OutputIntent_PDFA}} ] >> /PUT pdfmark\n"
    )
}

/// The PRONOM id of a file that is not PDF/A, for `konvertertFraFormat`: a PDF's version by
/// its header (PRONOM fmt/14–20, fmt/276), else unknown.
pub(super) fn pdf_pronom(bytes: &[u8]) -> &'static str {
    match bytes.get(..8) {
        Some(b"%PDF-1.0") => "fmt/14",
        Some(b"%PDF-1.1") => "fmt/15",
        Some(b"%PDF-1.2") => "fmt/16",
        Some(b"%PDF-1.3") => "fmt/17",
        Some(b"%PDF-1.4") => "fmt/18",
        Some(b"%PDF-1.5") => "fmt/19",
        Some(b"%PDF-1.6") => "fmt/20",
        Some(b"%PDF-1.7") => "fmt/276",
        Some(b"%PDF-2.0") => "fmt/1129",
        _ => "ukjent",
    }
}
