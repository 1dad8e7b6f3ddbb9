//! Loading front-matter YAML within limits that a hostile file cannot get past.
//!
//! yaml-rust2 loads documents recursively (a list nested 100,000 deep with `- - - …` overflows
//! the stack and aborts the process) and copies an anchor for every alias (`&a [*b, *b, …]`
//! grows to gigabytes from a few hundred bytes). Here the parser's events, which it makes
//! without recursion, are counted before they reach the loader: the nesting depth and the
//! values that aliases repeat are capped, so what is loaded and converted is always small.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
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
    TooDeep { line: usize },
    /// Aliases repeat more than `MAX_ALIAS_VALUES` values; the alias at this line went over.
    #[error("aliases repeat more than {MAX_ALIAS_VALUES} values at line {line}")]
    TooManyAliases { line: usize },
}

/// The first document of `text`, loaded as `YamlLoader::load_from_str` would, within limits.
pub fn load(text: &str) -> Result<Yaml, LoadError> {
    let mut parser = Parser::new_from_str(text);
    let mut loader = YamlLoader::default();
    // Open collections: their anchor and the values counted when they started.
    let mut open: Vec<(usize, usize)> = Vec::new();
    // Values so far (an alias counts as the values it repeats), and each anchor's size.
    let mut values = 0usize;
    let mut sizes: std::collections::HashMap<usize, usize> = Default::default();
    let mut repeated = 0usize;
    loop {
        let (event, mark) = parser
            .next_token()
            .map_err(|e| LoadError::Syntax(e.to_string()))?;
        match &event {
            Event::StreamEnd => break,
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                open.push((*anchor, values));
                values += 1;
                if open.len() > MAX_DEPTH {
                    return Err(LoadError::TooDeep { line: mark.line() });
                }
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((anchor, start)) = open.pop() {
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
        Some(doc) => Ok(doc.clone()),
        None if values == 0 => Ok(Yaml::BadValue),
        None => Err(LoadError::Refused),
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
}
