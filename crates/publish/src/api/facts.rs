//! The size and checksum of an output file, as its File object states them.

/// What a File object says of an output file (a page or a copied attachment): its size and
/// SHA-512, as written. The builder gives these rather than the bytes, so pages need not stay
/// in memory until the open data is built.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct FileFacts {
    /// Its size in bytes.
    pub size: u64,
    /// Its SHA-512, in lowercase hex.
    pub sha512: String,
}

impl FileFacts {
    /// The facts of these bytes.
    pub fn of(bytes: &[u8]) -> FileFacts {
        FileFacts {
            size: bytes.len() as u64,
            sha512: motebok_site::checksum::sha512_hex(bytes),
        }
    }
}
