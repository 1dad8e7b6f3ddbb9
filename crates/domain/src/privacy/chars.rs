//! What a character is to the guard: a digit (of any script, folded to its value), a
//! separator, something invisible to drop, or something that ends a number.

/// One unit of normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    Digit(u8),
    /// Whitespace of any kind (tab, NBSP, line breaks): separates the 6 from the 5.
    Space,
    /// `-`, `.` and their Unicode look-alikes: one may separate the 6 from the 5.
    Punct,
    /// Invisible or markup-only: zero-width characters, soft hyphens, Markdown emphasis.
    Ignore,
    /// An ASCII letter (only the output backstop tells these from other characters).
    Letter,
    Break,
}

/// The first code point of every run of ten Unicode decimal digits (general category Nd,
/// Unicode 15) outside ASCII; a digit's value is its distance from the run's start.
const ZEROS: [u32; 67] = [
    0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6,
    0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50,
    0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x11F50, 0x16A60, 0x16AC0,
    0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E4F0, 0x1E950,
    0x1FBF0,
];

/// The value of a non-ASCII character NFKC folds to one ASCII digit: decimal digits of every
/// script, and superscript and subscript digits.
fn unicode_digit(c: char) -> Option<u8> {
    let cp = c as u32;
    match c {
        '\u{b2}' => return Some(2),
        '\u{b3}' => return Some(3),
        '\u{b9}' => return Some(1),
        '\u{2070}' => return Some(0),
        '\u{2074}'..='\u{2079}' => return Some((cp - 0x2070) as u8),
        '\u{2080}'..='\u{2089}' => return Some((cp - 0x2080) as u8),
        _ => {}
    }
    if cp < ZEROS[0] {
        return None;
    }
    let i = ZEROS.partition_point(|&z| z <= cp);
    let zero = *ZEROS.get(i.checked_sub(1)?)?;
    (cp - zero < 10).then_some((cp - zero) as u8)
}

/// A character outside ASCII.
pub(super) fn classify_unicode(c: char) -> Class {
    match c {
        // Soft hyphen, zero-width space/joiners, direction marks and embeddings, word joiner
        // and invisible operators, byte order mark, combining grapheme joiner, Mongolian vowel
        // separator, variation selectors.
        '\u{ad}'
        | '\u{34f}'
        | '\u{180e}'
        | '\u{200b}'..='\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{206f}'
        | '\u{feff}'
        | '\u{fe00}'..='\u{fe0f}' => Class::Ignore,
        // Hyphens, dashes, minus signs and full stops of other widths.
        '\u{2010}'..='\u{2015}'
        | '\u{2024}'
        | '\u{2212}'
        | '\u{fe58}'
        | '\u{fe63}'
        | '\u{ff0d}'
        | '\u{ff0e}'
        | '\u{3002}'
        | '\u{ff61}' => Class::Punct,
        c if c.is_whitespace() => Class::Space,
        c => unicode_digit(c).map_or(Class::Break, Class::Digit),
    }
}

/// A character of any kind (for decoded entities).
pub(super) fn classify(c: char) -> Class {
    if c.is_ascii() {
        classify_ascii(c as u8)
    } else {
        classify_unicode(c)
    }
}

pub(super) fn classify_ascii(b: u8) -> Class {
    match b {
        b'0'..=b'9' => Class::Digit(b - b'0'),
        b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c' => Class::Space,
        b'-' | b'.' => Class::Punct,
        b'*' | b'_' | b'~' | b'`' => Class::Ignore,
        b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
        _ => Class::Break,
    }
}

/// The HTML entity at the start of `s` (which starts with `&`): the character and the bytes
/// it takes. Numeric entities of any value, and the named ones that can hide a digit or a
/// separator; browsers also read some without their `;`, so it is optional.
pub(super) fn entity(s: &[u8]) -> Option<(char, usize)> {
    let semi = |at: usize| usize::from(s.get(at) == Some(&b';'));
    if s.get(1) == Some(&b'#') {
        let hex = matches!(s.get(2), Some(b'x' | b'X'));
        let from = if hex { 3 } else { 2 };
        let radix = if hex { 16 } else { 10 };
        let len = s[from..]
            .iter()
            .take(8)
            .take_while(|b| (**b as char).is_digit(radix))
            .count();
        if len == 0 {
            return None;
        }
        let text = std::str::from_utf8(&s[from..from + len]).ok()?;
        let c = char::from_u32(u32::from_str_radix(text, radix).ok()?)?;
        return Some((c, from + len + semi(from + len)));
    }
    let len = s[1..]
        .iter()
        .take(32)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let name = std::str::from_utf8(&s[1..1 + len]).ok()?;
    let c = match name {
        "nbsp" | "NonBreakingSpace" => '\u{a0}',
        "ensp" => '\u{2002}',
        "emsp" | "emsp13" | "emsp14" => '\u{2003}',
        "numsp" => '\u{2007}',
        "puncsp" => '\u{2008}',
        "thinsp" | "ThinSpace" => '\u{2009}',
        "hairsp" | "VeryThinSpace" => '\u{200a}',
        "MediumSpace" => '\u{205f}',
        "Tab" => '\t',
        "NewLine" => '\n',
        "shy" => '\u{ad}',
        "ZeroWidthSpace"
        | "NegativeVeryThinSpace"
        | "NegativeThinSpace"
        | "NegativeMediumSpace"
        | "NegativeThickSpace" => '\u{200b}',
        "zwnj" => '\u{200c}',
        "zwj" => '\u{200d}',
        "NoBreak" => '\u{2060}',
        "lrm" => '\u{200e}',
        "rlm" => '\u{200f}',
        "hyphen" | "dash" => '\u{2010}',
        "ndash" => '\u{2013}',
        "mdash" => '\u{2014}',
        "minus" => '\u{2212}',
        "period" => '.',
        "lowbar" | "UnderBar" => '_',
        "ast" | "midast" => '*',
        "grave" | "DiacriticalGrave" => '`',
        "sup1" => '\u{b9}',
        "sup2" => '\u{b2}',
        "sup3" => '\u{b3}',
        // Browsers read these few without `;` even when letters or digits follow.
        _ => {
            return [("nbsp", '\u{a0}'), ("shy", '\u{ad}')]
                .into_iter()
                .find(|(legacy, _)| name.starts_with(legacy))
                .map(|(legacy, c)| (c, 1 + legacy.len()))
        }
    };
    Some((c, 1 + len + semi(1 + len)))
}
