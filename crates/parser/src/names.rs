//! Names that become part of the site's URLs (CONTENT.md §1): a body's folder name is its id,
//! a document's file name its slug. Both are lowercase letters (æ, ø, å included), digits and
//! `-`, starting with a letter, and a body never takes a path the site writes itself.
//!
//! The site's own top-level paths are defined here, once: the builder's URLs and writers use
//! these constants, and the check of body names reads the same list, so the two cannot drift.

use crate::diagnostic::Diagnostic;
/// How a name is shown in a message (here since the names are what is shown).
pub use crate::shown::{shown, shown_decomposed};

/// Search page and its index (`sok/indeks/`).
pub const SEARCH: &str = "sok/";
/// Machine-readable data.
pub const API: &str = "api/";
/// Documents that belong to no meeting (also the folder `content/dokumenter/`).
pub const DOCUMENTS: &str = "dokumenter/";
/// Accessibility statement.
pub const ACCESSIBILITY: &str = "tilgjengelighet/";
/// Publishing criteria.
pub const PUBLISHING: &str = "om-publisering/";
/// The theme's assets.
pub const STATIC: &str = "static/";
/// Atom feed of the whole site.
pub const FEED: &str = "feed.xml";
/// Calendar of every meeting.
pub const CALENDAR: &str = "moter.ics";
/// Sitemap of every published page.
pub const SITEMAP: &str = "sitemap.xml";
/// Crawler rules, naming the sitemap.
pub const ROBOTS: &str = "robots.txt";
/// The page a host serves for a missing URL.
pub const NOT_FOUND: &str = "404.html";
/// The front page's file.
pub const INDEX: &str = "index.html";
/// The output's manifest and state (`.motebok/manifest.json`).
pub const STATE: &str = ".motebok/";

/// Every top-level path of the output that is not a body's folder.
pub const SITE_PATHS: &[&str] = &[
    SEARCH,
    API,
    DOCUMENTS,
    ACCESSIBILITY,
    PUBLISHING,
    STATIC,
    FEED,
    CALENDAR,
    SITEMAP,
    ROBOTS,
    NOT_FOUND,
    INDEX,
    STATE,
];

/// The site's own path named `name` (a top-level folder or file), if any.
pub fn site_path(name: &str) -> Option<&'static str> {
    SITE_PATHS
        .iter()
        .copied()
        .find(|p| p.trim_end_matches('/') == name)
}

fn allowed_letter(c: char) -> bool {
    c.is_ascii_lowercase() || matches!(c, 'æ' | 'ø' | 'å')
}

/// Whether `name` is a safe id: lowercase letters (æ, ø, å too), digits and `-`, starting with
/// a letter. Names are NFC by the time they get here (the source reader normalises them).
pub fn is_safe_id(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(allowed_letter)
        && chars.all(|c| allowed_letter(c) || c.is_ascii_digit() || c == '-')
}

/// A safe id close to `name`: lowercased, spaces and punctuation between words as `-`, accents
/// other than æ, ø, å dropped, other characters left out, starting with a letter. Empty if
/// nothing of `name` is left.
pub fn suggest_id(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    for c in name.nfc().flat_map(char::to_lowercase) {
        if allowed_letter(c) || c.is_ascii_digit() {
            out.push(c);
        } else if c.is_whitespace() || matches!(c, '-' | '_' | '.' | '/') {
            out.push('-');
        } else if let Some(base) = std::iter::once(c)
            .nfd()
            .next()
            .filter(|b| b.is_ascii_lowercase())
        {
            out.push(base);
        }
    }
    let mut collapsed = String::with_capacity(out.len());
    for c in out.chars() {
        if !(c == '-' && (collapsed.is_empty() || collapsed.ends_with('-'))) {
            collapsed.push(c);
        }
    }
    collapsed
        .trim_start_matches(|c: char| !allowed_letter(c))
        .trim_end_matches('-')
        .to_string()
}

/// The rule, for hints.
const PATTERN: &str =
    "bruk små bokstaver (a–z, æ, ø, å), sifre og bindestrek, og begynn med en bokstav";

/// The problem with a body's folder name, if any (`path` is its `_organ.md`).
pub fn check_organ(path: &str, id: &str) -> Option<Diagnostic> {
    if let Some(own) = site_path(id) {
        return Some(
            Diagnostic::new(
                path,
                format!(
                    "`{id}` er en adresse nettstedet bruker selv (/{own}), og kan ikke være navnet på et organ"
                ),
            )
            .hint(format!(
                "gi organmappen et annet navn, for eksempel `{id}-utvalg` (`git mv content/{id} content/<nytt navn>`)"
            )),
        );
    }
    if is_safe_id(id) {
        return None;
    }
    Some(
        Diagnostic::new(
            path,
            format!(
                "mappenavnet `{}` kan ikke brukes: navnet på organmappen blir organets adresse",
                shown(id)
            ),
        )
        .hint(with_suggestion(&suggest_id(id), "", "organmappen")),
    )
}

/// The problem with a document's file name, if any.
pub fn check_document(path: &str, slug: &str) -> Option<Diagnostic> {
    if slug == "_organ" {
        return Some(
            Diagnostic::new(
                path,
                "content/dokumenter/ er for dokumenter, ikke et organ: `dokumenter` er en adresse nettstedet bruker selv",
            )
            .hint("legg organet i en mappe med et annet navn, for eksempel content/dokumentutvalg/_organ.md"),
        );
    }
    if is_safe_id(slug) {
        return None;
    }
    Some(
        Diagnostic::new(
            path,
            format!(
                "filnavnet `{}.md` kan ikke brukes: navnet blir dokumentets adresse",
                shown(slug)
            ),
        )
        .hint(with_suggestion(&suggest_id(slug), ".md", "filen")),
    )
}

fn with_suggestion(suggestion: &str, ext: &str, what: &str) -> String {
    if suggestion.is_empty() || site_path(suggestion).is_some() {
        format!("{PATTERN}; gi {what} et nytt navn med `git mv`")
    } else {
        format!("{PATTERN}, for eksempel `{suggestion}{ext}`; gi {what} nytt navn med `git mv`")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_ids() {
        for ok in [
            "ssu",
            "akuttkjeden",
            "fsu-2",
            "sør-vest",
            "årsmelding-2025",
            "a",
        ] {
            assert!(is_safe_id(ok), "{ok}");
        }
        for bad in [
            "",
            "Ssu",
            "1ssu",
            "-ssu",
            "ssu x",
            "ssu\nX-INJECTED:1",
            "a;b",
            "a,b",
            "a\tb",
            "a\rb",
            "é",
            "a_b",
            "a.b",
            "ssu/",
            "ssü",
        ] {
            assert!(!is_safe_id(bad), "{bad:?}");
        }
    }

    #[test]
    fn suggestions_are_safe() {
        assert_eq!(suggest_id("Styret 2"), "styret-2");
        assert_eq!(suggest_id("Årsmelding 2025"), "årsmelding-2025");
        assert_eq!(suggest_id("a;b,c"), "abc");
        assert_eq!(suggest_id("1utvalg"), "utvalg");
        assert_eq!(suggest_id("Café_Møte"), "cafe-møte");
        assert_eq!(suggest_id("ssu\nX-INJECTED:1"), "ssu-x-injected1");
        assert_eq!(suggest_id("a\u{30a}r"), "år");
        assert_eq!(suggest_id(";;"), "");
        for s in ["Styret 2", "a;b,c", "--x--", "Café_Møte"] {
            assert!(is_safe_id(&suggest_id(s)), "{s}");
        }
    }

    #[test]
    fn names_are_shown_without_control_characters() {
        assert_eq!(shown("ssu\nX\t\r\u{1b}[2J"), "ssu\\nX\\t\\r\\u{1b}[2J");
        assert_eq!(shown("møte"), "møte");
        assert_eq!(shown_decomposed("a\u{30a}r"), "a\\u{30a}r");
    }

    #[test]
    fn the_site_keeps_its_own_paths() {
        for own in [
            "sok",
            "api",
            "dokumenter",
            "tilgjengelighet",
            "om-publisering",
            "static",
        ] {
            assert!(check_organ("content/x/_organ.md", own).is_some(), "{own}");
        }
        assert!(check_organ("content/ssu/_organ.md", "ssu").is_none());
        assert!(check_document("content/dokumenter/_organ.md", "_organ").is_some());
        assert!(check_document("content/dokumenter/a.md", "a").is_none());
        assert_eq!(site_path("feed.xml"), Some(FEED));
    }
}
