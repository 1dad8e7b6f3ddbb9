//! The one fast 64-bit hash of bytes the builder keeps to notice change (the manifest's file
//! hashes, the theme's key, the files of the snapshot, the binary's id). The checksums the
//! output carries are `motebok_site::checksum`.

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

#[cfg(test)]
mod tests {
    use super::*;

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
