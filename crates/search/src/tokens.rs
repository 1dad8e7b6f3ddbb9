//! Words as search sees them. `themes/default/static/search.js` and `stemmer.js` implement the
//! same rules, so a query typed in the browser meets the terms indexed here; the test
//! `tests/testsuite/search_stemmer.rs` runs both over the same words.
//!
//! A word is a run of letters, digits and combining marks (Unicode `Alphabetic`, `N*`, `M*`),
//! where a `.` between two ASCII digits joins: case numbers like `2025.12` stay one word, as
//! typed. A word is lowercased, then NFC-normalised; words longer than [`MAX_TERM_CHARS`] are
//! dropped (they are identifiers or garbage, and would bloat the shards). Words without digits
//! are stemmed when the language has a stemmer.

use rust_stemmers::Algorithm;
use std::borrow::Cow;
use std::fmt::Write;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Longer words are left out of the index (in characters, after normalisation).
pub const MAX_TERM_CHARS: usize = 40;

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Calls `f` with each word of `text`, normalised (lowercase, NFC), in order.
pub fn words(text: &str, mut f: impl FnMut(&str)) {
    // One buffer for every word: most words are ASCII and need no allocation of their own.
    let mut buf = String::new();
    let bytes = text.as_bytes();
    let mut start = None;
    let mut i = 0;
    while i < bytes.len() {
        // ASCII, most of the text, without decoding.
        let (word, len) = match bytes[i] {
            b if b < 0x80 => (b.is_ascii_alphanumeric(), 1),
            _ => {
                let c = text[i..].chars().next().expect("i is on a char boundary");
                (is_word_char(c), c.len_utf8())
            }
        };
        if word {
            start.get_or_insert(i);
        } else if let Some(s) = start {
            // `2025.12`: the dot joins when a digit is on either side of it.
            let joins = bytes[i] == b'.'
                && bytes[i - 1].is_ascii_digit()
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
            if !joins {
                emit(&text[s..i], &mut buf, &mut f);
                start = None;
            }
        }
        i += len;
    }
    if let Some(s) = start {
        emit(&text[s..], &mut buf, &mut f);
    }
}

fn emit(word: &str, buf: &mut String, f: &mut impl FnMut(&str)) {
    if word.is_ascii() {
        if word.len() <= MAX_TERM_CHARS {
            buf.clear();
            buf.push_str(word);
            buf.make_ascii_lowercase();
            f(buf);
        }
        return;
    }
    let norm = normalise(word);
    if norm.chars().count() <= MAX_TERM_CHARS {
        f(&norm);
    }
}

/// Lowercase, then NFC (a no-op for ASCII, the common case, which is kept cheap).
pub fn normalise(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            return Cow::Owned(word.to_ascii_lowercase());
        }
        return Cow::Borrowed(word);
    }
    let lower = word.to_lowercase();
    if is_nfc_quick(lower.chars()) == IsNormalized::Yes {
        Cow::Owned(lower)
    } else {
        Cow::Owned(lower.nfc().collect())
    }
}

/// The stemmer of a site's language: Norwegian Snowball for `nb`, `nn` and `no`, none for
/// other languages (their words are indexed as they are).
pub struct Stemmer(Option<rust_stemmers::Stemmer>);

impl Stemmer {
    /// The stemmer for a `language` of site.toml (`nb`, `nn-NO`, …).
    pub fn for_language(language: &str) -> Stemmer {
        let base = language.split(['-', '_']).next().unwrap_or("");
        Stemmer(
            matches!(base.to_ascii_lowercase().as_str(), "nb" | "nn" | "no")
                .then(|| rust_stemmers::Stemmer::create(Algorithm::Norwegian)),
        )
    }

    /// The stemmer's name as the index metadata records it (`search.js` checks it).
    pub fn name(&self) -> Option<&'static str> {
        self.0.as_ref().map(|_| "norwegian")
    }

    /// The index term of a normalised word.
    pub fn term<'a>(&self, word: &'a str) -> Cow<'a, str> {
        match &self.0 {
            Some(s) if !word.chars().any(char::is_numeric) => s.stem(word),
            _ => Cow::Borrowed(word),
        }
    }
}

/// The key of the shard of terms starting with the first `chars` characters of `term`: the hex
/// of their UTF-8, which keeps file names ASCII on every host.
pub fn shard_key(term: &str, chars: usize) -> String {
    let end = term
        .char_indices()
        .nth(chars)
        .map_or(term.len(), |(i, _)| i);
    // Lowercase hex, two digits a byte, written here as this crate depends on nothing of
    // motebok's (`motebok_site::checksum::hex` writes the same).
    let mut key = String::with_capacity(end * 2);
    for b in &term.as_bytes()[..end] {
        let _ = write!(key, "{b:02x}");
    }
    key
}

/// The shard holding `term` among the keys for which `has` is true: the longest key that is
/// a prefix of the term, from two characters on (one-character terms have their own). Shards
/// start at two characters and split one character deeper where they grow big.
pub fn shard_of(term: &str, max_chars: usize, has: impl Fn(&str) -> bool) -> Option<String> {
    let len = term.chars().count();
    if len == 1 {
        let key = shard_key(term, 1);
        return has(&key).then_some(key);
    }
    (2..=len.min(max_chars))
        .rev()
        .map(|n| shard_key(term, n))
        .find(|k| has(k))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<String> {
        let mut v = Vec::new();
        words(text, |w| v.push(w.to_string()));
        v
    }

    #[test]
    fn words_lowercase_nfc_and_case_numbers() {
        assert_eq!(
            all("Sak 2025.12: Helse-Bergen, «Kjernejournal»! 12.03.2025. 3.a a.3"),
            [
                "sak",
                "2025.12",
                "helse",
                "bergen",
                "kjernejournal",
                "12.03.2025",
                "3",
                "a",
                "a",
                "3"
            ]
        );
        // Decomposed å (a + combining ring) is one word, composed.
        assert_eq!(all("Ga\u{30a}rd ÅS"), ["gård", "ås"]);
        assert_eq!(all("x".repeat(41).as_str()), Vec::<String>::new());
        assert_eq!(all(&"x".repeat(40)).len(), 1);
        assert_eq!(all("2025."), ["2025"]);
    }

    #[test]
    fn norwegian_stems_and_no_stemming_elsewhere() {
        let nb = Stemmer::for_language("nb");
        assert_eq!(nb.name(), Some("norwegian"));
        assert_eq!(nb.term("kjernejournalen"), "kjernejournal");
        assert_eq!(nb.term("kjernejournaler"), "kjernejournal");
        assert_eq!(nb.term("kommunene"), "kommun");
        assert_eq!(nb.term("2025.12"), "2025.12");
        assert!(Stemmer::for_language("nn").name().is_some());
        let en = Stemmer::for_language("en");
        assert_eq!(en.name(), None);
        assert_eq!(en.term("journals"), "journals");
    }

    #[test]
    fn shard_keys_are_hex_prefixes_and_the_longest_present_wins() {
        assert_eq!(shard_key("kjernejournal", 2), "6b6a");
        assert_eq!(shard_key("å", 2), "c3a5");
        assert_eq!(shard_key("ås", 2), "c3a573");
        assert_eq!(shard_key("2025.12", 4), "32303235");
        let keys = ["61", "6b6a", "3230", "323032", "32303235"];
        let has = |k: &str| keys.contains(&k);
        assert_eq!(shard_of("kjerne", 6, has).as_deref(), Some("6b6a"));
        assert_eq!(shard_of("2025.12", 6, has).as_deref(), Some("32303235"));
        assert_eq!(shard_of("2024", 6, has).as_deref(), Some("323032"));
        assert_eq!(shard_of("20", 6, has).as_deref(), Some("3230"));
        assert_eq!(shard_of("a", 6, has).as_deref(), Some("61"));
        // Not under "61": that shard holds the one-letter term only.
        assert_eq!(shard_of("ab", 6, has), None);
    }
}
