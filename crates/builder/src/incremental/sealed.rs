//! One part of the snapshot as stored: the format first (an older snapshot is recognised
//! without reading the rest), then which part it is, the binary that wrote it and the output
//! it describes, then the part's value, and last a SHA-256 of all that. A part cut short,
//! with bytes added or any byte changed fails the checksum, and a value that does not decode
//! whole is refused: a damaged snapshot means a full build, never a wrong one.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::Write;

/// Bumped whenever the snapshot's shape or meaning changes.
pub(crate) const FORMAT: u32 = 6;

/// Bytes of the checksum at the end of a part.
const SUM: usize = 32;

#[derive(Serialize)]
struct HeaderOut<'a> {
    part: &'a str,
    binary: &'a str,
    output_key: &'a str,
}

#[derive(Deserialize)]
struct HeaderIn {
    part: String,
    binary: String,
    output_key: String,
}

/// Why a stored part cannot be used.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub(crate) enum Unusable {
    /// There is none: a first build, or a snapshot removed.
    #[error("finnes ikke")]
    Missing,
    /// Left by another format or binary, or for another output: expected after an upgrade or
    /// an interrupted build, and no sign of damage.
    #[error("fra et annet bygg")]
    Stale,
    /// Does not verify or does not decode: damaged on disk, or written wrongly.
    #[error("{0}")]
    Damaged(String),
}

impl Unusable {
    pub(crate) fn damaged(why: impl std::fmt::Display) -> Unusable {
        Unusable::Damaged(why.to_string())
    }
}

/// Hashes what passes through it on its way to `inner`.
struct Summing<W> {
    inner: W,
    sum: Sha256,
}

impl<W: Write> Write for Summing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.sum.update(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Writes `value` as the part named `part` of the snapshot for `output_key` (streamed: the
/// checksum is taken on the way).
pub(crate) fn write_to<W: Write, T: Serialize>(
    w: W,
    part: &str,
    output_key: &str,
    value: &T,
) -> std::io::Result<()> {
    let mut s = Summing {
        inner: w,
        sum: Sha256::new(),
    };
    let header = HeaderOut {
        part,
        binary: crate::binary::binary_id(),
        output_key,
    };
    postcard::to_io(&FORMAT, &mut s).map_err(std::io::Error::other)?;
    postcard::to_io(&header, &mut s).map_err(std::io::Error::other)?;
    postcard::to_io(value, &mut s).map_err(std::io::Error::other)?;
    let sum = s.sum.finalize();
    s.inner.write_all(&sum)
}

/// The value of the part named `part` in `bytes`, if they verify and were written by this
/// binary for the output `output_key`.
pub(crate) fn open<T: DeserializeOwned>(
    bytes: &[u8],
    part: &str,
    output_key: &str,
) -> Result<T, Unusable> {
    let (format, _) = postcard::take_from_bytes::<u32>(bytes)
        .map_err(|_| Unusable::damaged("formatet kan ikke leses"))?;
    if format != FORMAT {
        return Err(Unusable::Stale);
    }
    let Some(body_len) = bytes.len().checked_sub(SUM) else {
        return Err(Unusable::damaged("for kort"));
    };
    let (body, sum) = bytes.split_at(body_len);
    if Sha256::digest(body).as_slice() != sum {
        return Err(Unusable::damaged("sjekksummen stemmer ikke"));
    }
    let (_, rest) = postcard::take_from_bytes::<u32>(body)
        .map_err(|_| Unusable::damaged("formatet kan ikke leses"))?;
    let (header, rest) = postcard::take_from_bytes::<HeaderIn>(rest)
        .map_err(|e| Unusable::damaged(format!("hodet kan ikke leses: {e}")))?;
    if header.part != part {
        return Err(Unusable::damaged(format!(
            "delen heter «{}», ikke «{part}»",
            header.part
        )));
    }
    if header.binary != crate::binary::binary_id() || header.output_key != output_key {
        return Err(Unusable::Stale);
    }
    let (value, rest) =
        postcard::take_from_bytes::<T>(rest).map_err(|e| Unusable::damaged(e.to_string()))?;
    if !rest.is_empty() {
        return Err(Unusable::damaged("bytes etter innholdet"));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealed(value: &(String, Vec<u32>)) -> Vec<u8> {
        let mut bytes = Vec::new();
        write_to(&mut bytes, "-pages", "key 1", value).unwrap();
        bytes
    }

    #[test]
    fn a_part_reads_back_only_whole_and_for_its_own_output() {
        let value = ("sider".to_string(), vec![1, 2, 300_000]);
        let bytes = sealed(&value);
        type V = (String, Vec<u32>);
        assert_eq!(open::<V>(&bytes, "-pages", "key 1"), Ok(value));
        assert_eq!(open::<V>(&bytes, "-pages", "key 2"), Err(Unusable::Stale));
        assert!(matches!(
            open::<V>(&bytes, "-search", "key 1"),
            Err(Unusable::Damaged(_))
        ));
        assert!(matches!(
            open::<V>(&[], "-pages", "key 1"),
            Err(Unusable::Damaged(_))
        ));
        // Another format is recognised by its first bytes alone.
        let mut older = bytes.clone();
        older[0] = 5;
        assert_eq!(open::<V>(&older, "-pages", "key 1"), Err(Unusable::Stale));
    }

    #[test]
    fn every_changed_byte_and_every_cut_is_caught() {
        let value = ("sider".to_string(), (0..200).collect::<Vec<u32>>());
        let bytes = sealed(&value);
        type V = (String, Vec<u32>);
        for at in 0..bytes.len() {
            for mask in [0x01, 0x80, 0xff] {
                let mut b = bytes.clone();
                b[at] ^= mask;
                // The format byte changed reads as another format: a full build all the same.
                assert!(
                    open::<V>(&b, "-pages", "key 1").is_err(),
                    "byte {at} ^ {mask:#x} passed"
                );
            }
        }
        for len in 0..bytes.len() {
            assert!(open::<V>(&bytes[..len], "-pages", "key 1").is_err());
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(open::<V>(&longer, "-pages", "key 1").is_err());
    }
}
