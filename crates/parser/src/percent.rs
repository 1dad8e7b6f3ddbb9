//! Percent-decoding of URL paths: a link written `vedlegg/referat%20mai.pdf` names the file
//! `vedlegg/referat mai.pdf`.

/// Every valid `%XX` decoded; anything else (a lone `%`, bytes that do not make UTF-8) kept as
/// written.
pub fn decode(url: &str) -> String {
    match percent_encoding::percent_decode_str(url).decode_utf8() {
        Ok(decoded) => decoded.into_owned(),
        Err(_) => url.to_string(),
    }
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
        // Cut short, and upper and lower case digits.
        assert_eq!(decode("a%2"), "a%2");
        assert_eq!(decode("a%"), "a%");
        assert_eq!(decode("%c3%B8"), "ø");
    }
}
