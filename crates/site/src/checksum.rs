//! The checksums written into the output: OParl's `sha512Checksum`, the archive's SHA-256 and
//! BagIt's SHA-512, and the one lowercase hex encoder they (and the builder's caches) share.

use sha2::{Digest, Sha256, Sha512};
use std::fmt::Write;

/// Lowercase hex of some bytes, two digits a byte.
pub fn hex(bytes: &[u8]) -> String {
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
}
