//! Text as it may be printed in a message or on a terminal. Below `diagnostic` and `names`,
//! which both show paths and names this way.

/// `s` as it may be printed in a message or on a terminal: control characters (a line break
/// that would start a line of its own, an escape sequence) written as Rust escapes.
pub fn shown(s: &str) -> String {
    if !s.chars().any(char::is_control) {
        return s.to_string();
    }
    s.chars()
        .map(|c| match c {
            c if c.is_control() => c.escape_debug().to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// `s` with combining marks written as escapes, so a name in decomposed form (NFD, as macOS
/// writes it) can be told from the same name composed (NFC).
pub fn shown_decomposed(s: &str) -> String {
    shown(s)
        .chars()
        .map(|c| match c {
            '\u{300}'..='\u{36f}' => c.escape_unicode().to_string(),
            c => c.to_string(),
        })
        .collect()
}
