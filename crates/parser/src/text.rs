//! Body text that may be loaded on first read.
//!
//! A rebuild starts from a snapshot that holds every file as parsed but not the bodies (most
//! of its bytes); it renders only a few pages, so it reads only a few bodies again. The
//! parser stays pure: whoever makes a lazy [`Text`] gives it the loader.

use std::fmt;
use std::ops::Deref;
use std::sync::{Arc, OnceLock};

/// Produces a text on first read. Infallible by design: `Deref` cannot return an error, so a
/// loader that fails must record the failure where its owner checks it, and return something.
pub type Loader = Arc<dyn Fn() -> Arc<str> + Send + Sync>;

/// Text known now, or loaded once on first read. Derefs to `str`; clones share one copy (and
/// one load), so handing bodies from build to build costs a reference count.
#[derive(Clone)]
pub struct Text(Arc<Inner>);

struct Inner {
    text: OnceLock<Arc<str>>,
    load: Option<Loader>,
}

impl Text {
    /// A text read by `load` when first needed.
    pub fn lazy(load: Loader) -> Text {
        Text(Arc::new(Inner {
            text: OnceLock::new(),
            load: Some(load),
        }))
    }

    /// A text neither known nor loadable: what a deserialised body holds until its owner
    /// attaches a loader. Reading it is a bug, and panics.
    pub fn unloaded() -> Text {
        Text(Arc::new(Inner {
            text: OnceLock::new(),
            load: None,
        }))
    }

    /// Whether the text is in memory (known from the start, or loaded since).
    pub fn is_loaded(&self) -> bool {
        self.0.text.get().is_some()
    }

    /// The text, shared.
    pub fn shared(&self) -> Arc<str> {
        self.get().clone()
    }

    fn get(&self) -> &Arc<str> {
        self.0.text.get_or_init(|| match &self.0.load {
            Some(load) => load(),
            None => panic!("a body was read before its loader was attached"),
        })
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.get()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self
    }
}

impl From<Arc<str>> for Text {
    fn from(text: Arc<str>) -> Text {
        Text(Arc::new(Inner {
            text: OnceLock::from(text),
            load: None,
        }))
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Text {
        Text::from(Arc::<str>::from(text))
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text::from(Arc::<str>::from(text))
    }
}

/// Empty, known: what `mem::take` leaves behind.
impl Default for Text {
    fn default() -> Text {
        Text::from("")
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || **self == **other
    }
}

impl Eq for Text {}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn a_lazy_text_is_loaded_once_and_shared_by_its_clones() {
        let calls = Arc::new(AtomicUsize::new(0));
        let c = calls.clone();
        let t = Text::lazy(Arc::new(move || {
            c.fetch_add(1, Ordering::Relaxed);
            Arc::from("# Sak\n\nTekst.")
        }));
        let u = t.clone();
        assert!(!t.is_loaded());
        assert_eq!(&*u, "# Sak\n\nTekst.");
        assert!(t.is_loaded());
        assert_eq!(t, Text::from("# Sak\n\nTekst."));
        assert_eq!(format!("{t:?}"), "\"# Sak\\n\\nTekst.\"");
        assert_eq!(calls.load(Ordering::Relaxed), 1);
    }

    #[test]
    fn taking_leaves_an_empty_text() {
        let mut t = Text::from("a");
        let taken = std::mem::take(&mut t);
        assert_eq!((&*taken, &*t), ("a", ""));
    }

    #[test]
    #[should_panic(expected = "loader")]
    fn reading_an_unloaded_text_is_a_bug() {
        let _ = Text::unloaded().len();
    }
}
