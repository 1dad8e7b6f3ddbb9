//! Checksums written into the output (OParl `sha512`, the archive's SHA-256 and BagIt's
//! SHA-512), the one lowercase hex encoder they share, and the one fast 64-bit hash of bytes
//! the builder keeps to notice change (the manifest's file hashes, the theme's key, the files
//! of the snapshot, the binary's id).

use sha2::{Digest, Sha256, Sha512};
use std::fmt::Write;
use std::hash::{BuildHasher, Hasher};

/// A fast 64-bit hash of bytes fed in pieces: foldhash with a fixed seed, so the same pieces
/// hash the same in every run (and every thread) of one binary. Not a checksum: nothing
/// published relies on it, and whatever keeps one (the manifest, the snapshot) is bound to
/// the binary or names its format ([`crate::write::MANIFEST_FORMAT`]).
pub(crate) struct Hash64(foldhash::fast::FoldHasher<'static>);

impl Hash64 {
    /// A hash of nothing yet.
    pub(crate) fn new() -> Hash64 {
        Hash64(foldhash::fast::FixedState::with_seed(0).build_hasher())
    }

    /// Feeds `bytes` in (a piece: pieces cut differently hash differently).
    pub(crate) fn write(&mut self, bytes: &[u8]) {
        self.0.write(bytes);
    }

    /// The hash of what was fed in.
    pub(crate) fn finish(&self) -> u64 {
        self.0.finish()
    }
}

/// [`Hash64`] of `bytes` in one piece: also the hash of each committed file in
/// [`crate::load::BranchState`], which a preview compares the working tree's files with.
pub fn hash64(bytes: &[u8]) -> u64 {
    let mut h = Hash64::new();
    h.write(bytes);
    h.finish()
}

/// [`hash64`] in hex, 16 digits (as the manifest keeps it).
pub(crate) fn hash64_hex(bytes: &[u8]) -> String {
    format!("{:016x}", hash64(bytes))
}

/// Lowercase hex of some bytes, two digits a byte.
pub(crate) fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// SHA-256 of some bytes, in hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// SHA-512 of some bytes, in hex.
pub fn sha512_hex(bytes: &[u8]) -> String {
    hex(&Sha512::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_digests() {
        assert_eq!(hex(&[0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(sha512_hex(b"").len(), 128);
        assert!(sha512_hex(b"abc").starts_with("ddaf35a193617aba"));
    }

    #[test]
    fn one_hash_of_bytes() {
        assert_eq!(hash64(b"abc"), hash64(b"abc"));
        assert_ne!(hash64(b"abc"), hash64(b"abd"));
        assert_ne!(hash64(b""), hash64(b"\0"));
        assert_eq!(hash64_hex(b"abc"), format!("{:016x}", hash64(b"abc")));
        // Fed in one piece, the streaming hash is the one-shot one.
        let mut h = Hash64::new();
        h.write(b"abc");
        assert_eq!(h.finish(), hash64(b"abc"));
    }
}
