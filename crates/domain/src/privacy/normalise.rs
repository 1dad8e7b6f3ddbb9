//! Finding an identity number however it is written: one linear pass over the raw text that
//! normalises as it goes and keeps the raw byte span of every candidate.
//!
//! Normalising means: HTML entities and backslash escapes (`\u0031`, `\n`: JSON, YAML,
//! iCalendar) are decoded; zero-width characters, soft hyphens, HTML
//! comments and tags, and Markdown emphasis and code markers are dropped; digits of every
//! script (fullwidth, Arabic-Indic, mathematical, superscript …) count as their ASCII value;
//! a backslash before a line break (a Markdown hard break) is whitespace. A candidate is then
//! 11 digits in a row, or 6 and 5 separated by whitespace of any kind and length and at most
//! one `-` or `.`, with no digit on either side. The text inside a dropped comment or tag is
//! scanned on its own, so an attribute or comment cannot hide a number either.

use super::chars::{classify_ascii, classify_unicode, entity, Class};

/// How strict the guard is about letters next to a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The sources: `fnr12345678901` is a number too.
    Source,
    /// The output backstop: a number glued to an ASCII letter is part of a machine-made token
    /// (a hash or an id in hex), never text an editor wrote; the sources were checked anyway.
    Output,
}

/// 11 digits found at `start..end` (bytes of the raw text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Candidate {
    pub start: usize,
    pub end: usize,
    pub digits: [u8; 11],
}

#[derive(Clone, Copy)]
struct Run {
    start: usize,
    end: usize,
    n: usize,
    d: [u8; 11],
    letter_before: bool,
}

/// A run of six digits followed by separators so far.
#[derive(Clone, Copy)]
struct Pending {
    six: Run,
    puncts: u8,
}

/// ASCII bytes that cannot start a number (all but digits, `&` of an entity and `\\` of an
/// escape): skipped at full speed while nothing is pending.
static IDLE_SKIP: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = !(b as u8).is_ascii_digit() && b as u8 != b'&' && b as u8 != b'\\';
        b += 1;
    }
    t
};

struct Scanner<'a, F: FnMut(Candidate) -> bool> {
    text: &'a [u8],
    /// Offset of `text` in the whole text (for the text of a comment or tag).
    base: usize,
    mode: Mode,
    emit: &'a mut F,
    cur: Option<Run>,
    pending: Option<Pending>,
    /// Positions from which no `>` or `-->` follows (so a search never repeats: linear time).
    no_gt_from: usize,
    no_comment_end_from: usize,
    stop: bool,
}

/// Calls `emit` with every candidate in `text`, in order of their end; stops when `emit`
/// returns false.
pub(super) fn candidates<F: FnMut(Candidate) -> bool>(text: &str, mode: Mode, emit: &mut F) {
    scan_bytes(text.as_bytes(), 0, mode, emit);
}

/// As [`candidates`], over bytes that should be UTF-8 (a byte that is not ends a number).
pub(super) fn candidates_in_bytes<F: FnMut(Candidate) -> bool>(
    text: &[u8],
    mode: Mode,
    emit: &mut F,
) {
    scan_bytes(text, 0, mode, emit);
}

fn scan_bytes<F: FnMut(Candidate) -> bool>(text: &[u8], base: usize, mode: Mode, emit: &mut F) {
    let mut s = Scanner {
        text,
        base,
        mode,
        emit,
        cur: None,
        pending: None,
        no_gt_from: usize::MAX,
        no_comment_end_from: usize::MAX,
        stop: false,
    };
    s.run();
}

impl<F: FnMut(Candidate) -> bool> Scanner<'_, F> {
    fn run(&mut self) {
        let t = self.text;
        let mut i = 0;
        while i < t.len() && !self.stop {
            if self.cur.is_none() && self.pending.is_none() {
                i = skip_idle(t, i);
                if i == t.len() {
                    break;
                }
                // A run of ASCII digits that plain ASCII ends (`12,`, `"2025"`, `2024-05`)
                // is a number only with 11 digits, or 6 before a separator: any other is
                // skipped in one go, which matters in digit-dense JSON.
                if t[i].is_ascii_digit() {
                    let n = t[i..].iter().take_while(|b| b.is_ascii_digit()).count();
                    let next = t.get(i + n).map(|&b| {
                        (b < 0x80 && !matches!(b, b'&' | b'<' | b'\\')).then(|| classify_ascii(b))
                    });
                    let skip = match next {
                        None | Some(Some(Class::Break | Class::Letter)) => n != 11,
                        Some(Some(Class::Space | Class::Punct)) => n != 11 && n != 6,
                        _ => false,
                    };
                    if skip {
                        i += n;
                        continue;
                    }
                }
            }
            let b = t[i];
            let (class, len) = if b < 0x80 {
                match b {
                    b'&' => match entity(&t[i..]) {
                        Some((c, n)) => (super::chars::classify(c), n),
                        None => (Class::Break, 1),
                    },
                    b'<' if self.active() => match self.markup(i) {
                        Some((inner, end)) => {
                            let (from, to) = inner;
                            scan_bytes(&t[from..to], self.base + from, self.mode, self.emit);
                            (Class::Ignore, end - i)
                        }
                        None => (Class::Break, 1),
                    },
                    b'\\' => escape(&t[i..]),
                    _ => (classify_ascii(b), 1),
                }
            } else {
                // `text` is UTF-8 and `i` always at a character's start.
                let width = match b {
                    0xc0..=0xdf => 2,
                    0xe0..=0xef => 3,
                    _ => 4,
                };
                let c = t
                    .get(i..i + width)
                    .and_then(|s| std::str::from_utf8(s).ok())
                    .and_then(|s| s.chars().next());
                match c {
                    Some(c) => (classify_unicode(c), c.len_utf8()),
                    None => (Class::Break, 1),
                }
            };
            self.token(class, i, i + len);
            i += len;
        }
        if !self.stop {
            self.token(Class::Break, t.len(), t.len());
        }
    }

    fn active(&self) -> bool {
        self.cur.is_some() || self.pending.is_some()
    }

    /// An HTML comment or tag starting at `i`: the span of its inside and where it ends.
    fn markup(&mut self, i: usize) -> Option<((usize, usize), usize)> {
        let t = self.text;
        if t[i..].starts_with(b"<!--") {
            if i >= self.no_comment_end_from {
                return None;
            }
            let Some(at) = find(&t[i + 4..], b"-->") else {
                self.no_comment_end_from = i;
                return None;
            };
            return Some(((i + 4, i + 4 + at), i + 4 + at + 3));
        }
        let next = *t.get(i + 1)?;
        if !(next.is_ascii_alphabetic() || matches!(next, b'/' | b'!' | b'?')) {
            return None;
        }
        if i >= self.no_gt_from {
            return None;
        }
        let Some(at) = t[i + 1..].iter().position(|&b| b == b'>') else {
            self.no_gt_from = i;
            return None;
        };
        Some(((i + 1, i + 1 + at), i + 1 + at + 1))
    }

    fn token(&mut self, class: Class, start: usize, end: usize) {
        match class {
            Class::Digit(v) => match &mut self.cur {
                Some(r) => {
                    if r.n < 11 {
                        r.d[r.n] = v;
                    }
                    r.n += 1;
                    r.end = end;
                }
                None => {
                    let mut d = [0; 11];
                    d[0] = v;
                    self.cur = Some(Run {
                        start,
                        end,
                        n: 1,
                        d,
                        letter_before: self.mode == Mode::Output && self.letter_before(start),
                    });
                }
            },
            Class::Ignore => {}
            Class::Space | Class::Punct => {
                let punct = u8::from(class == Class::Punct);
                if let Some(r) = self.cur.take() {
                    self.finish(r, false);
                    self.pending = (r.n == 6).then_some(Pending {
                        six: r,
                        puncts: punct,
                    });
                } else if let Some(p) = &mut self.pending {
                    p.puncts += punct;
                    if p.puncts > 1 {
                        self.pending = None;
                    }
                }
            }
            Class::Letter | Class::Break => {
                if let Some(r) = self.cur.take() {
                    self.finish(r, class == Class::Letter);
                }
                self.pending = None;
            }
        }
    }

    /// A run of digits ended (`letter`: by an ASCII letter).
    fn finish(&mut self, r: Run, letter: bool) {
        let output = self.mode == Mode::Output;
        let glued = |before: bool| output && (before || letter);
        if r.n == 5 {
            if let Some(p) = self.pending.take() {
                if !glued(p.six.letter_before) {
                    let mut d = [0; 11];
                    d[..6].copy_from_slice(&p.six.d[..6]);
                    d[6..].copy_from_slice(&r.d[..5]);
                    self.found(p.six.start, r.end, d);
                }
            }
        }
        if r.n == 11 && !glued(r.letter_before) {
            self.found(r.start, r.end, r.d);
        }
        self.pending = None;
    }

    fn found(&mut self, start: usize, end: usize, digits: [u8; 11]) {
        let c = Candidate {
            start: self.base + start,
            end: self.base + end,
            digits,
        };
        if !(self.emit)(c) {
            self.stop = true;
        }
    }

    /// Whether an ASCII letter comes right before `at` (past Markdown markers).
    fn letter_before(&self, at: usize) -> bool {
        self.text[..at]
            .iter()
            .rev()
            .find(|&&b| !matches!(b, b'*' | b'_' | b'~' | b'`'))
            .is_some_and(u8::is_ascii_alphabetic)
    }
}

/// A backslash and what it escapes: before a line break (a Markdown hard break, a YAML
/// continued line) whitespace; `\n`, `\N`, `\t`, `\r` (JSON, YAML, iCalendar) whitespace; `\uXXXX`
/// (a surrogate pair too) and `\xXX` (JSON, YAML) the character they name; anything else
/// ends a number. The class and the bytes taken.
fn escape(s: &[u8]) -> (Class, usize) {
    let hex = |at: usize, n: usize| -> Option<u32> {
        let digits = s.get(at..at + n)?;
        if !digits.iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
        u32::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok()
    };
    let named = |c: Option<char>, n: usize| match c {
        Some(c) => (super::chars::classify(c), n),
        None => (Class::Break, n),
    };
    match s.get(1) {
        Some(b'\n' | b'n' | b'N' | b't' | b'r') => (Class::Space, 2),
        Some(b'\r') if s.get(2) == Some(&b'\n') => (Class::Space, 3),
        Some(b'\\') => (Class::Break, 2),
        Some(b'u') => match hex(2, 4) {
            Some(high @ 0xd800..=0xdbff) => match (s.get(6..8), hex(8, 4)) {
                (Some(b"\\u"), Some(low @ 0xdc00..=0xdfff)) => named(
                    char::from_u32(0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00)),
                    12,
                ),
                _ => (Class::Break, 6),
            },
            Some(unit) => named(char::from_u32(unit), 6),
            None => (Class::Break, 1),
        },
        Some(b'x') => match hex(2, 2) {
            Some(unit) => named(char::from_u32(unit), 4),
            None => (Class::Break, 1),
        },
        _ => (Class::Break, 1),
    }
}

/// The first position from `i` of a byte that can start a number (an ASCII digit, `&`, `\\`,
/// or a byte of a character outside ASCII), eight bytes at a time.
fn skip_idle(t: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = t.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        // Per byte: bit 7 set; or a digit (x ^ '0' < 10); or `&` (x ^ '&' == 0). The `< n`
        // test is exact for the word as a whole, which is all that is asked here.
        let less = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x & HIGH;
        let stop = (w & HIGH)
            | less(w ^ (ONES * 0x30), 10)
            | less(w ^ (ONES * 0x26), 1)
            | less(w ^ (ONES * 0x5c), 1);
        if stop != 0 {
            break;
        }
        i += 8;
    }
    while i < t.len() && IDLE_SKIP[t[i] as usize] {
        i += 1;
    }
    i
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
