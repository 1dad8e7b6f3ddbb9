//! Body text: known, or not in memory.
//!
//! A rebuild starts from a snapshot that holds every file as parsed but not the bodies (most
//! of its bytes); it renders only a few pages, so it reads only a few bodies again. The
//! parser stays pure and plain: a body whose text is not here says so, and whoever needs the
//! text asks the builder's store for it, which may fail (and says so) rather than hand back
//! an empty body.

use std::fmt;
use std::sync::Arc;

/// A body's text, shared (clones cost a reference count, so a live preview hands bodies from
/// build to build without copying them), or [`Text::Unloaded`]: a body read back from a
/// snapshot, whose text is still in the repository.
#[derive(Clone, PartialEq, Eq)]
pub enum Text {
    /// The text, in memory.
    Known(Arc<str>),
    /// Not in memory: read it through the store that knows where it lies.
    Unloaded,
}

impl Text {
    /// The text, if it is in memory.
    pub fn known(&self) -> Option<&Arc<str>> {
        match self {
            Text::Known(t) => Some(t),
            Text::Unloaded => None,
        }
    }
}

impl From<Arc<str>> for Text {
    fn from(text: Arc<str>) -> Text {
        Text::Known(text)
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Text {
        Text::Known(Arc::from(text))
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text::Known(Arc::from(text))
    }
}

/// Empty, known: what `mem::take` leaves behind.
impl Default for Text {
    fn default() -> Text {
        Text::from("")
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Text::Known(t) => fmt::Debug::fmt(&**t, f),
            Text::Unloaded => f.write_str("Unloaded"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_known_text_is_shared_by_its_clones() {
        let t = Text::from("# Sak\n\nTekst.");
        let u = t.clone();
        assert!(Arc::ptr_eq(t.known().unwrap(), u.known().unwrap()));
        assert_eq!(format!("{t:?}"), "\"# Sak\\n\\nTekst.\"");
    }

    #[test]
    fn taking_leaves_an_empty_text() {
        let mut t = Text::from("a");
        let taken = std::mem::take(&mut t);
        assert_eq!(taken.known().map(|t| &**t), Some("a"));
        assert_eq!(t.known().map(|t| &**t), Some(""));
    }

    #[test]
    fn a_text_not_in_memory_has_no_text_to_give() {
        assert_eq!(Text::Unloaded.known(), None);
        assert_ne!(Text::Unloaded, Text::from(""));
    }
}
