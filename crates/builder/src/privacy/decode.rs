//! A file's bytes as text, in the encoding they were written in, decided by their content.

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};
use std::borrow::Cow;

/// A text file's text.
#[derive(Debug, PartialEq, Eq)]
pub enum Decoded<'a> {
    /// UTF-8, as it is (a byte order mark included).
    Utf8(&'a str),
    /// Decoded from the named encoding.
    Other(Cow<'a, str>, &'static str),
}

/// The text of `bytes`, or `None` for a binary file: a byte order mark (UTF-8, UTF-16LE/BE)
/// decides; else valid UTF-8; else UTF-16 without a mark when every other byte is zero; else
/// Windows-1252 (a superset of Latin-1) when the bytes look like text (no zero bytes, few
/// control characters).
pub fn decode(bytes: &[u8]) -> Option<Decoded<'_>> {
    if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        return Some(Decoded::Other(
            UTF_16LE.decode_without_bom_handling(rest).0,
            "UTF-16LE",
        ));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        return Some(Decoded::Other(
            UTF_16BE.decode_without_bom_handling(rest).0,
            "UTF-16BE",
        ));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return match utf16_without_bom(bytes) {
            Some((enc, name)) => Some(Decoded::Other(
                enc.decode_without_bom_handling(bytes).0,
                name,
            )),
            None if text.contains('\0') => None,
            None => Some(Decoded::Utf8(text)),
        };
    }
    if let Some((enc, name)) = utf16_without_bom(bytes) {
        return Some(Decoded::Other(
            enc.decode_without_bom_handling(bytes).0,
            name,
        ));
    }
    looks_like_text(bytes).then(|| {
        Decoded::Other(
            WINDOWS_1252.decode_without_bom_handling(bytes).0,
            "Windows-1252",
        )
    })
}

/// UTF-16 text without a byte order mark: in its first kilobyte, zero bytes at nearly every
/// odd (LE) or even (BE) position and almost none at the others, as ASCII-heavy text has.
fn utf16_without_bom(bytes: &[u8]) -> Option<(&'static encoding_rs::Encoding, &'static str)> {
    let head = &bytes[..bytes.len().min(1024) & !1];
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let (even, odd) = head.chunks_exact(2).fold((0, 0), |(e, o), p| {
        (e + usize::from(p[0] == 0), o + usize::from(p[1] == 0))
    });
    if odd * 10 >= pairs * 7 && even * 20 <= pairs {
        Some((UTF_16LE, "UTF-16LE"))
    } else if even * 10 >= pairs * 7 && odd * 20 <= pairs {
        Some((UTF_16BE, "UTF-16BE"))
    } else {
        None
    }
}

/// No zero bytes and under one in a hundred control characters other than tab, line breaks,
/// form feed and escape.
fn looks_like_text(bytes: &[u8]) -> bool {
    let control = bytes
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    !bytes.contains(&0) && control * 100 <= bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_by_content() {
        assert_eq!(decode(b"Hei"), Some(Decoded::Utf8("Hei")));
        let latin1 = b"\xc5se \xd8deg\xe5rd;12";
        assert_eq!(
            decode(latin1),
            Some(Decoded::Other("Åse Ødegård;12".into(), "Windows-1252"))
        );
        let mut le = vec![0xff, 0xfe];
        let mut bare = Vec::new();
        for u in "Fnr: æ 1\r\n".encode_utf16() {
            le.extend(u.to_le_bytes());
            bare.extend(u.to_le_bytes());
        }
        assert_eq!(
            decode(&le),
            Some(Decoded::Other("Fnr: æ 1\r\n".into(), "UTF-16LE"))
        );
        assert_eq!(
            decode(&bare),
            Some(Decoded::Other("Fnr: æ 1\r\n".into(), "UTF-16LE"))
        );
        let mut be = vec![0xfe, 0xff];
        for u in "Hei".encode_utf16() {
            be.extend(u.to_be_bytes());
        }
        assert_eq!(decode(&be), Some(Decoded::Other("Hei".into(), "UTF-16BE")));
        // Images and other binaries are not text.
        assert_eq!(decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0"), None);
        assert_eq!(decode(&[0xff, 0xd8, 0xff, 0xe0, 0, 0x10, b'J', b'F']), None);
    }
}
