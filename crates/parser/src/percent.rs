//! Percent-decoding of URL paths: a link written `vedlegg/referat%20mai.pdf` names the file
//! `vedlegg/referat mai.pdf`.

/// Every valid `%XX` decoded; anything else (a lone `%`, bytes that do not make UTF-8) kept as
/// written.
pub fn decode(url: &str) -> String {
    if !url.contains('%') {
        return url.to_string();
    }
    let bytes = url.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).and_then(|&b| hex(b)),
            bytes.get(i + 2).and_then(|&b| hex(b)),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| url.to_string())
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn decodes_what_a_url_encodes() {
        assert_eq!(decode("vedlegg/a%20b.pdf"), "vedlegg/a b.pdf");
        assert_eq!(decode("tall%20100%25.pdf"), "tall 100%.pdf");
        assert_eq!(decode("m%C3%B8te.md"), "møte.md");
        assert_eq!(decode("møte.md"), "møte.md");
        // Not an escape: kept as written.
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("50%-ø"), "50%-ø");
        assert_eq!(decode("%zz"), "%zz");
        // Bytes that are not UTF-8: the link is kept whole.
        assert_eq!(decode("a%FFb"), "a%FFb");
    }
}
