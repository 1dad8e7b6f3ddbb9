//! How deep a body nests: Markdown containers and raw HTML elements inside each other.
//!
//! The sanitiser (html5ever) looks through the open elements for each tag, so its time grows
//! with the square of the depth: 100,000 nested `<div>` took half a minute, and 100,000 `>`
//! beside one `<b>` as long. No document needs more than a few levels, so a body deeper than
//! [`MAX_NESTING`] is an error, found in the pass over the Markdown that collects its links.
//!
//! The count errs on the deep side: raw HTML is read as tags the way a browser would (quoted
//! attribute values, comments), and any start tag without its end tag counts, but elements
//! whose end tag may be left out (`<p>`, `<li>`, `<td>`, …) and void elements (`<br>`) do not.

use pulldown_cmark::{Event, Parser};

/// Levels of lists, quotes, emphasis, links and HTML elements inside each other.
pub const MAX_NESTING: usize = 100;

/// A body's links, and where it first nests deeper than [`MAX_NESTING`].
#[derive(Debug, Default, PartialEq)]
pub struct Scan {
    /// As [`crate::markdown::links`] gives them.
    pub links: Vec<String>,
    /// The 1-based line of the body each of `links` starts on.
    pub link_lines: Vec<u32>,
    /// The 0-based line of the body where it goes too deep.
    pub too_deep: Option<u32>,
}

/// Scans `md` once for its links and its depth.
pub fn scan(md: &str) -> Scan {
    let mut out = Scan::default();
    // Without `[` (links, footnotes) or `<` (raw HTML, autolinks) only containers and emphasis
    // nest; if even their bound is low, the parse is not needed (most bodies of an archive).
    if !md.contains(['[', '<']) && bound_without_brackets(md) <= MAX_NESTING {
        return out;
    }
    let mut depth = Depth::default();
    // The byte offset of the last link and the line breaks before it.
    let mut seen = (0usize, 0usize);
    for (e, range) in Parser::new_ext(md, crate::dialect::options()).into_offset_iter() {
        if let Event::Start(
            pulldown_cmark::Tag::Link { dest_url, .. }
            | pulldown_cmark::Tag::Image { dest_url, .. },
        ) = &e
        {
            if !dest_url.starts_with('#') {
                out.links.push(crate::dialect::file_of_link(dest_url));
                // Counted on from the link before: events come in the text's order.
                let (from, before) = seen;
                let lines = match md.get(from..range.start) {
                    Some(gap) => before + gap.matches('\n').count(),
                    None => md[..range.start].matches('\n').count(),
                };
                seen = (range.start, lines);
                out.link_lines.push(lines as u32 + 1);
            }
        }
        if out.too_deep.is_none() {
            if let Some(at) = depth.event(&e) {
                let line = md[..range.start].matches('\n').count() + at;
                out.too_deep = Some(line as u32);
            }
        }
    }
    out
}

/// An upper bound of the depth of Markdown without `[` or `<`: each container level takes at
/// least one column at the start of its lines (`>`, a list marker or indentation; a tab is up
/// to four), each inline level a delimiter (`*`, `_`, `~`), and a leaf block (a table) a few.
fn bound_without_brackets(md: &str) -> usize {
    let (mut prefix, mut deepest, mut delimiters, mut at_start) = (0, 0, 0, true);
    for b in md.bytes() {
        match b {
            b'\n' => (prefix, at_start) = (0, true),
            b'*' | b'_' | b'~' => {
                delimiters += 1;
                if at_start {
                    prefix += 1;
                }
            }
            b' ' | b'>' | b'-' | b'+' | b'0'..=b'9' | b'.' | b')' if at_start => prefix += 1,
            b'\t' if at_start => prefix += 4,
            _ => at_start = false,
        }
        deepest = deepest.max(prefix);
    }
    deepest + delimiters + 8
}

/// The depth of the HTML a body becomes, as its events go by.
#[derive(Default)]
struct Depth {
    markdown: usize,
    html: usize,
    tags: Tags,
}

impl Depth {
    /// Takes `e`; if it goes past the limit, the line within its text where it did.
    fn event(&mut self, e: &Event) -> Option<usize> {
        match e {
            Event::Start(_) => self.markdown += 1,
            Event::End(_) => self.markdown = self.markdown.saturating_sub(1),
            Event::Html(html) | Event::InlineHtml(html) => {
                for (i, c) in html.bytes().enumerate() {
                    match self.tags.byte(c) {
                        Some(Change::Open) => self.html += 1,
                        Some(Change::Close) => self.html = self.html.saturating_sub(1),
                        None => {}
                    }
                    if self.markdown + self.html > MAX_NESTING {
                        return Some(html.as_bytes()[..i].iter().filter(|&&b| b == b'\n').count());
                    }
                }
            }
            // Text inside an unfinished tag is part of it, as the browser reads it (escaped).
            Event::Text(t) | Event::Code(t) if self.tags.state != State::Text => {
                for c in t.bytes() {
                    let c = if matches!(c, b'<' | b'>' | b'"' | b'&') {
                        b'x'
                    } else {
                        c
                    };
                    let _ = self.tags.byte(c);
                }
            }
            _ => {}
        }
        (self.markdown + self.html > MAX_NESTING).then_some(0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    Open,
    Close,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum State {
    #[default]
    Text,
    /// After `<`.
    Lt,
    /// After `<!` and this many `-`.
    Bang(u8),
    /// In a comment, after this many `-` in a row.
    Comment(u8),
    /// `<?…>`, `<!DOCTYPE…>`, `</ …>`: up to the next `>`.
    Bogus,
    /// In a tag's name.
    Name,
    /// In a tag after its name: in a quoted value (its quote), after `=`, after `/`.
    Attrs {
        quote: Option<u8>,
        after_eq: bool,
        slash: bool,
    },
}

/// A reader of tags, byte by byte, across the pieces of raw HTML in a body.
#[derive(Default)]
struct Tags {
    state: State,
    closing: bool,
    name: Vec<u8>,
}

/// Elements that never hold others (void), or close by themselves when a sibling starts.
const NOT_NESTING: &[&[u8]] = &[
    b"area",
    b"base",
    b"br",
    b"col",
    b"embed",
    b"hr",
    b"img",
    b"input",
    b"link",
    b"meta",
    b"param",
    b"source",
    b"track",
    b"wbr",
    b"p",
    b"li",
    b"dt",
    b"dd",
    b"tr",
    b"td",
    b"th",
    b"option",
    b"optgroup",
    b"thead",
    b"tbody",
    b"tfoot",
    b"colgroup",
    b"rb",
    b"rt",
    b"rp",
    b"rtc",
];

impl Tags {
    fn byte(&mut self, c: u8) -> Option<Change> {
        let (next, change) = match self.state {
            State::Text if c == b'<' => (State::Lt, None),
            State::Text => (State::Text, None),
            State::Lt => match c {
                b'!' => (State::Bang(0), None),
                b'?' => (State::Bogus, None),
                b'/' if !self.closing => {
                    self.closing = true;
                    (State::Lt, None)
                }
                c if c.is_ascii_alphabetic() => {
                    self.name.clear();
                    self.name.push(c.to_ascii_lowercase());
                    (State::Name, None)
                }
                b'<' => {
                    self.closing = false;
                    (State::Lt, None)
                }
                _ if self.closing => (State::Bogus, None),
                _ => (State::Text, None),
            },
            State::Bang(n) => match c {
                b'-' if n == 1 => (State::Comment(2), None),
                b'-' => (State::Bang(1), None),
                b'>' => (State::Text, None),
                _ => (State::Bogus, None),
            },
            // `-->`, `--!>`, and `<!-->`, `<!--->` end a comment.
            State::Comment(n) => match c {
                b'>' if n >= 2 => (State::Text, None),
                b'-' => (State::Comment(n.saturating_add(1)), None),
                b'!' if n >= 2 => (State::Comment(n), None),
                _ => (State::Comment(0), None),
            },
            State::Bogus if c == b'>' => (State::Text, None),
            State::Bogus => (State::Bogus, None),
            State::Name if c.is_ascii_alphanumeric() || c == b'-' => {
                if self.name.len() < 16 {
                    self.name.push(c.to_ascii_lowercase());
                }
                (State::Name, None)
            }
            State::Name => {
                let attrs = State::Attrs {
                    quote: None,
                    after_eq: false,
                    slash: false,
                };
                self.state = attrs;
                return self.byte(c);
            }
            State::Attrs {
                quote: Some(q),
                after_eq,
                slash,
            } => {
                let quote = (c != q).then_some(q);
                (
                    State::Attrs {
                        quote,
                        after_eq,
                        slash,
                    },
                    None,
                )
            }
            State::Attrs { after_eq, .. } => match c {
                b'>' if self.closing => (State::Text, Some(Change::Close)),
                b'>' => (State::Text, Some(Change::Open)),
                b'"' | b'\'' if after_eq => {
                    let attrs = State::Attrs {
                        quote: Some(c),
                        after_eq: false,
                        slash: false,
                    };
                    (attrs, None)
                }
                b'=' => (
                    State::Attrs {
                        quote: None,
                        after_eq: true,
                        slash: false,
                    },
                    None,
                ),
                c if c.is_ascii_whitespace() => (
                    State::Attrs {
                        quote: None,
                        after_eq,
                        slash: false,
                    },
                    None,
                ),
                b'/' => (
                    State::Attrs {
                        quote: None,
                        after_eq: false,
                        slash: true,
                    },
                    None,
                ),
                _ => (
                    State::Attrs {
                        quote: None,
                        after_eq: false,
                        slash: false,
                    },
                    None,
                ),
            },
        };
        // `>` right after `/` closes a self-closing tag: nothing opens.
        let change = match (self.state, change) {
            (State::Attrs { slash: true, .. }, Some(Change::Open)) => None,
            (_, change) => change,
        };
        if next == State::Text {
            self.closing = false;
        }
        self.state = next;
        change.filter(|_| !NOT_NESTING.contains(&self.name.as_slice()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deep(md: &str) -> Option<u32> {
        scan(md).too_deep
    }

    #[test]
    fn deep_html_and_markdown_are_found_at_their_line() {
        let n = 1_000;
        assert_eq!(deep(&format!("a\n\n{}x", "<div>".repeat(n))), Some(2));
        assert_eq!(
            deep(&format!("a\n\n<div>\n{}", "<div>\n".repeat(n))),
            Some(101)
        );
        assert_eq!(deep(&format!("a\n\nb {}", "<span>".repeat(n))), Some(2));
        assert_eq!(deep(&format!("a\n\n{} x", ">".repeat(n))), Some(2));
        assert_eq!(deep(&format!("a\n\n{}x", "- ".repeat(n))), Some(2));
        assert_eq!(
            deep(&format!("a\n\n{}x{}", "*a ".repeat(n), "*".repeat(n))),
            Some(2)
        );
        // Quotes and HTML add up.
        assert_eq!(
            deep(&format!("{}\n\n{} x", "<div>".repeat(60), ">".repeat(60))),
            Some(2)
        );
    }

    #[test]
    fn shallow_or_closed_is_fine() {
        let n = 1_000;
        assert_eq!(deep(&"<div>x</div>".repeat(n)), None);
        assert_eq!(
            deep(&format!("{}x{}", "<div>".repeat(90), "</div>".repeat(90))),
            None
        );
        assert_eq!(deep(&"<p>a<br><li>b<img src=x/><hr/>".repeat(n)), None);
        assert_eq!(deep(&format!("{}x\n", "[".repeat(n))), None);
        assert_eq!(deep(&"<b/>".repeat(n)), None);
        assert_eq!(
            deep(&"<!-- <div> --> <!--> <!---> <? <div> > <!DOCTYPE html>".repeat(n)),
            None
        );
        let plain = "## Tittel\n\nTekst med *vekt* og **mer**.\n\n- a\n  - b\n\n> sitat\n";
        assert_eq!(scan(plain), Scan::default());
    }

    #[test]
    fn nothing_hides_in_what_is_not_a_tag() {
        let n = 200;
        // A quote opens only a quoted value: an apostrophe elsewhere hides nothing.
        assert!(deep(&format!("<div x=a'>{}x", "<div>".repeat(n))).is_some());
        assert!(deep(&format!("<div title=\"a>b\">{}x", "<div>".repeat(n))).is_some());
        // A comment ends at `-->` or `--!>`; `<!-->` is a whole comment.
        assert!(deep(&format!("<!-->{}x", "<div>".repeat(n))).is_some());
        assert!(deep(&format!("<!-- a --!>{}x", "<div>".repeat(n))).is_some());
        // Upper case and attributes on the tags that count.
        assert!(deep(&format!("{}x", "<DIV class=\"a\">".repeat(n))).is_some());
    }

    #[test]
    fn links_are_those_of_the_markdown() {
        let md = "Se [avtalen](vedlegg/a.pdf), ![bilde](b.png) og <https://example.org>.\n\n[ref]: c.md\n[Ref][ref] [d](#x)";
        assert_eq!(scan(md).links, crate::markdown::links(md));
    }
}
