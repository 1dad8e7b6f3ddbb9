//! One source file as the checks saw it (parsed, privacy findings, attachment facts): the one
//! per-file cache, kept between runs (a rebuild's snapshot, `serve`'s session) so a run checks
//! only the files that changed (`pipeline::files`).

use motebok_parser::{parse_file, Diagnostic, RawFile};

/// One source file as the checks saw it, kept between builds so a rebuild checks only the
/// files that changed.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Examined {
    /// Repository path.
    pub path: String,
    /// A hash of its bytes, for page fingerprints: from its git blob id when it has one.
    pub hash: u64,
    /// Its git blob, if read from git. A snapshot keeps no body text (most of its bytes): a
    /// rebuild reads a body again from here, at the place `Body::at` says.
    pub blob: Option<[u8; 20]>,
    /// The raw document, or why it was refused.
    pub parsed: ParseResult,
    /// What the privacy guard found in it.
    pub privacy: Vec<Diagnostic>,
    /// An attachment's size, and a PDF's facts and text (`attachments`): read once per
    /// version of the file.
    #[serde(default)]
    pub file: Option<motebok_domain::accessibility::FileFacts>,
}

/// Parses one file (with its git blob, if any) and runs the privacy guard over it (in its
/// encoding; a PDF's text), and reads what an attachment is (`attachments::examine`). The
/// findings are kept in the snapshot, so a rebuild reads a PDF again only when it changed.
pub fn examine_one(path: &str, bytes: &[u8], blob: Option<motebok_git::Oid>) -> Examined {
    // The blob id already is a hash of the bytes: no need to read them all again.
    let hash = match blob {
        Some(id) => {
            let b = id.as_bytes();
            u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
        }
        None => crate::digest::hash64(bytes),
    };
    let (privacy, file) = crate::attachments::examine(path, bytes);
    Examined {
        path: path.to_string(),
        hash,
        blob: blob.and_then(|id| id.as_bytes().try_into().ok()),
        parsed: parse_file(path, bytes),
        privacy,
        file,
    }
}

/// A file parsed, or its errors.
pub type ParseResult = Result<RawFile, Vec<Diagnostic>>;

/// The content hash of each file, by path: what fingerprints read of it.
pub(crate) fn source_hashes<'a>(
    files: impl IntoIterator<Item = &'a Examined>,
) -> crate::source::SourceHashes {
    files
        .into_iter()
        .map(|e| (e.path.clone(), e.hash))
        .collect()
}
