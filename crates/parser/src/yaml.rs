//! Loading front-matter YAML within limits that a hostile file cannot get past.
//!
//! yaml-rust2 loads documents recursively (a list nested 100,000 deep with `- - - …` overflows
//! the stack and aborts the process) and copies an anchor for every alias (`&a [*b, *b, …]`
//! grows to gigabytes from a few hundred bytes). Here the parser's events, which it makes
//! without recursion, are counted before they reach the loader: the nesting depth and the
//! values that aliases repeat are capped, so what is loaded and converted is always small.
//! Keys are checked on the way too: a key that is not text (`? [a, b]`, `1`, `null`) would
//! otherwise be dropped or renamed without a word when the document is converted.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser, Tag};
use yaml_rust2::scanner::TScalarStyle;
use yaml_rust2::{Yaml, YamlLoader};

/// Lists and mappings inside each other. Front matter uses three (`vedlegg` items).
pub const MAX_DEPTH: usize = 32;
/// Values repeated by aliases, all together. Front matter has no use for aliases at all.
pub const MAX_ALIAS_VALUES: usize = 10_000;

/// Why a front matter was not loaded.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LoadError {
    /// Not valid YAML: yaml-rust2's message, with its "line L column C" (1-based line).
    #[error("{0}")]
    Syntax(String),
    /// Valid, but the loader refused it (a duplicated key): gray_matter gives its message.
    #[error("the loader refused the document")]
    Refused,
    /// Deeper than `MAX_DEPTH`, at this 1-based line of the YAML text.
    #[error("nested deeper than {MAX_DEPTH} at line {line}")]
    TooDeep {
        /// 1-based line in the YAML text.
        line: usize,
    },
    /// Aliases repeat more than `MAX_ALIAS_VALUES` values; the alias at this line went over.
    #[error("aliases repeat more than {MAX_ALIAS_VALUES} values at line {line}")]
    TooManyAliases {
        /// 1-based line in the YAML text.
        line: usize,
    },
    /// A mapping key at this 1-based line that is not text: `found` says what it is, and
    /// `text` is the key as written when it is a single value.
    #[error("a key at line {line} is {found}, not text")]
    KeyNotText {
        /// 1-based line in the YAML text.
        line: usize,
        /// What the key is instead (a list, a number, …).
        found: &'static str,
        /// The key as written, when it is a single value.
        text: Option<String>,
    },
}

/// Where a key of the root mapping stands, as the parser marked it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyMark {
    /// The key, as loaded.
    pub key: String,
    /// 1-based line of the key in the YAML text.
    pub line: usize,
    /// 0-based column of the key, in characters.
    pub col: usize,
    /// 1-based lines of the items, when the key's value is a list.
    pub items: Vec<usize>,
}

/// The first document of `text`, loaded as `YamlLoader::load_from_str` would, within limits.
pub fn load(text: &str) -> Result<Yaml, LoadError> {
    load_marked(text).map(|(doc, _)| doc)
}

/// [`load`], with where each key of the root mapping (and each item of a list it holds) stands.
pub fn load_marked(text: &str) -> Result<(Yaml, Vec<KeyMark>), LoadError> {
    let mut marks: Vec<KeyMark> = Vec::new();
    // The loader keeps the first document only; so do the marks.
    let mut first_done = false;
    let mut parser = Parser::new_from_str(text);
    let mut loader = YamlLoader::default();
    // Open collections: their anchor, the values counted when they started, and for a
    // mapping whether its next node is a key (`None` for a sequence).
    let mut open: Vec<(usize, usize, Option<bool>)> = Vec::new();
    // Values so far (an alias counts as the values it repeats), and each anchor's size.
    let mut values = 0usize;
    let mut sizes: std::collections::HashMap<usize, usize> = Default::default();
    let mut repeated = 0usize;
    loop {
        let (event, mark) = parser
            .next_token()
            .map_err(|e| LoadError::Syntax(e.to_string()))?;
        // In a mapping, nodes alternate between key and value.
        let starts_node = matches!(
            event,
            Event::Scalar(..)
                | Event::Alias(_)
                | Event::SequenceStart(..)
                | Event::MappingStart(..)
        );
        if starts_node && !first_done {
            // The root mapping's keys, and the items of a list that is one of its values
            // (keys that are not text are refused below, so a list two deep is a value's).
            match (open.first(), open.get(1), open.len()) {
                (Some((_, _, Some(true))), None, 1) => {
                    if let Event::Scalar(key, ..) = &event {
                        marks.push(KeyMark {
                            key: key.clone(),
                            line: mark.line(),
                            col: mark.col(),
                            items: Vec::new(),
                        });
                    }
                }
                (Some((_, _, Some(_))), Some((_, _, None)), 2) => {
                    if let Some(k) = marks.last_mut() {
                        k.items.push(mark.line());
                    }
                }
                _ => {}
            }
        }
        if let Some((_, _, Some(is_key))) = open.last_mut().filter(|_| starts_node) {
            if *is_key {
                if let Some(found) = not_text(&event) {
                    let text = match &event {
                        Event::Scalar(v, ..) => Some(v.clone()),
                        _ => None,
                    };
                    let line = mark.line();
                    return Err(LoadError::KeyNotText { line, found, text });
                }
            }
            *is_key = !*is_key;
        }
        match &event {
            Event::StreamEnd => break,
            Event::DocumentEnd => first_done = true,
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                let map = matches!(event, Event::MappingStart(..)).then_some(true);
                open.push((*anchor, values, map));
                values += 1;
                if open.len() > MAX_DEPTH {
                    return Err(LoadError::TooDeep { line: mark.line() });
                }
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((anchor, start, _)) = open.pop() {
                    if anchor > 0 {
                        sizes.insert(anchor, values - start);
                    }
                }
            }
            Event::Scalar(_, _, anchor, _) => {
                values += 1;
                if *anchor > 0 {
                    sizes.insert(*anchor, 1);
                }
            }
            Event::Alias(anchor) => {
                let size = sizes.get(anchor).copied().unwrap_or(1);
                values += size;
                repeated += size;
                if repeated > MAX_ALIAS_VALUES {
                    return Err(LoadError::TooManyAliases { line: mark.line() });
                }
            }
            _ => {}
        }
        loader.on_event(event, mark);
    }
    // The loader keeps its own errors to itself; it then has no document to give.
    match loader.documents().first() {
        Some(doc) => Ok((doc.clone(), marks)),
        None if values == 0 => Ok((Yaml::BadValue, marks)),
        None => Err(LoadError::Refused),
    }
}

/// What a key is, in words, if it is not text as the loader would load it.
fn not_text(event: &Event) -> Option<&'static str> {
    let (value, tag) = match event {
        Event::Scalar(_, style, _, _) if *style != TScalarStyle::Plain => return None,
        Event::Scalar(value, _, _, tag) => (value, tag),
        Event::Alias(_) => return Some("et alias (`*navn`)"),
        Event::SequenceStart(..) => return Some("en liste"),
        Event::MappingStart(..) => return Some("et oppslag"),
        _ => return None,
    };
    // The loader's own reading of a plain scalar, with or without a core tag.
    let loaded = match tag {
        Some(Tag { handle, suffix }) if handle == "tag:yaml.org,2002:" => match suffix.as_str() {
            "int" | "float" => Yaml::Integer(0),
            "bool" => Yaml::Boolean(false),
            "null" => Yaml::Null,
            _ => return None,
        },
        Some(_) => return None,
        None => Yaml::from_str(value),
    };
    match loaded {
        Yaml::String(_) => None,
        Yaml::Integer(_) | Yaml::Real(_) => Some("et tall"),
        Yaml::Boolean(_) => Some("sann/usann"),
        Yaml::Null => Some("tom verdi"),
        _ => Some("ikke tekst"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_what_the_loader_loads() {
        for text in [
            "a: 1\nb: [x, \"y\"]\nc:\n  - d: 2.5\n    e: true\n",
            "a: &x [1, 2]\nb: *x\n",
            "",
            "# bare en kommentar\n",
            "a: 1\n...\n---\nb: 2\n",
        ] {
            let want = YamlLoader::load_from_str(text)
                .unwrap()
                .into_iter()
                .next()
                .unwrap_or(Yaml::BadValue);
            assert_eq!(load(text).unwrap(), want, "{text:?}");
        }
    }

    #[test]
    fn errors_are_the_loaders() {
        let want = YamlLoader::load_from_str("a: [1\nb: 2\n").unwrap_err();
        assert_eq!(
            load("a: [1\nb: 2\n").unwrap_err(),
            LoadError::Syntax(want.to_string())
        );
        assert_eq!(load("a: 1\na: 2\n").unwrap_err(), LoadError::Refused);
    }

    #[test]
    fn deep_nesting_is_refused_without_recursion() {
        // Sequences on one line, mappings by indentation, flow lists: each past the limit.
        let dashes = format!("x:\n  {}a\n", "- ".repeat(100_000));
        assert_eq!(load(&dashes), Err(LoadError::TooDeep { line: 2 }));
        let mut maps = String::new();
        for i in 0..200 {
            maps.push_str(&format!("{}k{i}:\n", " ".repeat(i)));
        }
        assert!(matches!(load(&maps), Err(LoadError::TooDeep { .. })));
        let flow = format!("x: {}1{}\n", "[".repeat(100), "]".repeat(100));
        assert_eq!(load(&flow), Err(LoadError::TooDeep { line: 1 }));
        // Up to the limit is fine.
        let ok = format!("x: {}1{}\n", "[".repeat(31), "]".repeat(31));
        assert!(load(&ok).is_ok());
    }

    #[test]
    fn aliases_that_repeat_too_much_are_refused() {
        let mut bomb = String::from("l0: &l0 [a, a, a, a, a, a, a, a, a, a]\n");
        for i in 1..9 {
            let refs = vec![format!("*l{}", i - 1); 10].join(", ");
            bomb.push_str(&format!("l{i}: &l{i} [{refs}]\n"));
        }
        // l3 repeats 10 × 1,111 values: over the limit on its line.
        assert_eq!(load(&bomb), Err(LoadError::TooManyAliases { line: 4 }));
    }

    #[test]
    fn keys_must_be_text() {
        for (text, line, found) in [
            ("a: 1\n? [a, b]\n: c\n", 2, "en liste"),
            ("a: 1\n[a]: b\n", 2, "en liste"),
            ("{a: 1}: b\n", 1, "et oppslag"),
            ("x: &k y\n*k : z\n", 2, "et alias (`*navn`)"),
            ("a:\n  - b: 1\n    null: x\n", 3, "tom verdi"),
            ("1: x\n", 1, "et tall"),
            ("true: x\n", 1, "sann/usann"),
            ("!!int 7: x\n", 1, "et tall"),
        ] {
            match load(text) {
                Err(LoadError::KeyNotText {
                    line: l, found: f, ..
                }) => {
                    assert_eq!((l, f), (line, found), "{text:?}")
                }
                other => panic!("{text:?}: {other:?}"),
            }
        }
        // Text keys, quoted or plain, and values of every kind are fine.
        for text in [
            "\"1\": x\n'null': [1, {a: b}]\nc: ~\n",
            "a: [1, 2]\nb: {c: 1}\n",
        ] {
            assert!(load(text).is_ok(), "{text:?}");
        }
    }
}
