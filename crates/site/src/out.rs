//! One output file, as what makes it hands it to what writes it.

/// One output file, path relative to the output root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    /// Relative to the output root, with `/` between folders.
    pub path: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}
