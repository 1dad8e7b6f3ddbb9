//! Text left from drafts: dates and numbers still to fill in (`xx.xx.xxxx`, `XX`), notes to
//! self (`TBD`, `avklares i møtet`, `[sett inn …]`), a paragraph that only says `Kommer`, and
//! the headings of `motebok new`'s template with nothing under them. Warnings: the text could
//! be meant, but is far more often published by accident.

use super::{Findings, Place};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

const HINT: &str = "fyll inn det som mangler, eller ta det bort, før teksten publiseres: den kommer ellers ut på nettstedet slik den står";

/// Phrases that are notes to the writer wherever they stand (lowercase).
const PHRASES: &[&str] = &["avklares i møtet", "avklares senere", "lorem ipsum"];

/// Paragraphs (or list items, cells) that are nothing but a promise of text (lowercase,
/// without the punctuation around them).
const WHOLE: &[&str] = &[
    "kommer",
    "kommer senere",
    "tekst kommer",
    "følger",
    "følger senere",
    "ettersendes",
];

/// What a bracket opens with when it asks the writer for text: `[sett inn dato]`.
const ASKS: &[&str] = &["sett inn", "fyll inn", "skriv inn", "legg inn"];

/// The text of one block (paragraph, heading, list item, cell) and where its pieces are.
#[derive(Default)]
struct Block {
    text: String,
    /// `(offset in text, offset in the body, whether the piece is the source as written)`.
    pieces: Vec<(usize, usize, bool)>,
}

impl Block {
    fn source(&self, at: usize) -> usize {
        match self.pieces.iter().rev().find(|p| p.0 <= at) {
            Some(&(t, s, true)) => s + (at - t),
            Some(&(_, s, false)) => s,
            None => 0,
        }
    }
}

/// A heading whose section has had no text yet.
struct Heading {
    level: u8,
    start: usize,
    title: String,
    filled: bool,
}

pub(super) fn check(place: &Place, out: &mut Findings) {
    let md = place.text;
    let mut block = Block::default();
    let mut in_code = false;
    let mut headings: Vec<Heading> = Vec::new();
    let mut in_heading: Option<Heading> = None;
    // Raw HTML of one block: a comment (the template's guidance) is not text.
    let mut html = String::new();
    for (e, range) in Parser::new_ext(md, crate::dialect::options()).into_offset_iter() {
        // A block ends at the start or end of any tag but the inline ones, which a phrase may
        // run through (`avklares i *møtet*`).
        let boundary = match &e {
            Event::Start(t) => !matches!(
                t,
                Tag::Emphasis
                    | Tag::Strong
                    | Tag::Strikethrough
                    | Tag::Link { .. }
                    | Tag::Image { .. }
            ),
            Event::End(t) => !matches!(
                t,
                TagEnd::Emphasis
                    | TagEnd::Strong
                    | TagEnd::Strikethrough
                    | TagEnd::Link
                    | TagEnd::Image
            ),
            _ => false,
        };
        if boundary && !block.text.is_empty() {
            in_block(place, &std::mem::take(&mut block), out);
        }
        match &e {
            Event::Start(Tag::CodeBlock(_)) => {
                in_code = true;
                filled(&mut headings);
            }
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(Tag::Heading { level, .. }) => {
                let level = *level as u8;
                while headings.last().is_some_and(|h| h.level >= level) {
                    empty_heading(place, headings.pop().unwrap(), out);
                }
                in_heading = Some(Heading {
                    level,
                    start: range.start,
                    title: String::new(),
                    filled: false,
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = in_heading.take() {
                    headings.push(h);
                }
            }
            Event::Text(t) if !in_code => {
                if let Some(h) = &mut in_heading {
                    h.title.push_str(t);
                } else if !t.trim().is_empty() {
                    filled(&mut headings);
                }
                let exact = md.get(range.clone()) == Some(&**t);
                block.pieces.push((block.text.len(), range.start, exact));
                block.text.push_str(t);
            }
            Event::SoftBreak | Event::HardBreak => block.text.push(' '),
            Event::Code(_)
            | Event::Start(Tag::Image { .. })
            | Event::Rule
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_)
                if in_heading.is_none() =>
            {
                filled(&mut headings)
            }
            Event::Html(h) => html.push_str(h),
            Event::End(TagEnd::HtmlBlock) => {
                if !without_comments(&html).trim().is_empty() {
                    filled(&mut headings);
                }
                html.clear();
            }
            Event::InlineHtml(h) if !h.starts_with("<!--") && in_heading.is_none() => {
                filled(&mut headings)
            }
            _ => {}
        }
    }
    if !block.text.is_empty() {
        in_block(place, &block, out);
    }
    while let Some(h) = headings.pop() {
        empty_heading(place, h, out);
    }
}

fn empty_heading(place: &Place, h: Heading, out: &mut Findings) {
    if h.filled {
        return;
    }
    let title = h.title.trim();
    out.warnings.push(
        place
            .at(h.start, format!("overskriften «{title}» har ingen tekst under seg"))
            .hint("skriv teksten under overskriften, eller ta overskriften bort; malen fra `motebok new` har overskrifter som skal fylles ut"),
    );
}

/// `html` with its comments taken out.
fn without_comments(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find("<!--") {
        out.push_str(&rest[..i]);
        match rest[i + 4..].find("-->") {
            Some(j) => rest = &rest[i + 4 + j + 3..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

fn in_block(place: &Place, block: &Block, out: &mut Findings) {
    let text = &block.text;
    let mut found: Vec<(usize, String)> = Vec::new();
    // Most blocks hold none of it: each test below looks for a cheap sign first (a table's
    // cells are blocks too, and there are many).
    let trimmed = text.trim_matches(|c: char| !c.is_alphanumeric());
    if trimmed.len() <= 16 && WHOLE.contains(&trimmed.to_lowercase().as_str()) {
        found.push((text.find(trimmed).unwrap_or(0), trimmed.to_string()));
    }
    let phrases = text.contains("vklares") || text.contains("orem") || text.contains("ORE");
    if phrases || text.contains('[') {
        // Lowercasing keeps byte offsets for the letters Norwegian text uses; where it would
        // not, the phrases are looked for without positions in the block.
        let lower = text.to_lowercase();
        let same = lower.len() == text.len();
        for p in PHRASES.iter().filter(|_| phrases) {
            let mut from = 0;
            while let Some(i) = lower[from..].find(p).map(|i| from + i) {
                from = i + p.len();
                let at = if same { i } else { 0 };
                let shown = if same {
                    text[i..from].to_string()
                } else {
                    p.to_string()
                };
                found.push((at, shown));
            }
        }
        // Each bracket quoted up to its `]`; brackets inside it are not looked at again, so a
        // block of a million `[sett inn` is one pass.
        let mut past = 0;
        for (i, _) in text.match_indices('[') {
            let rest = &lower[(i + 1).min(lower.len())..];
            if same && i >= past && ASKS.iter().any(|a| rest.starts_with(a)) {
                past = text[i..].find(']').map_or(text.len(), |j| i + j + 1);
                found.push((i, text[i..past].chars().take(80).collect()));
            }
        }
    }
    let words_may = text.contains(['x', 'X'])
        || ["TB", "tbd", "TODO", "FIXME"]
            .iter()
            .any(|w| text.contains(w));
    for (at, word) in words(text).filter(|_| words_may) {
        if is_placeholder_word(word) {
            found.push((at, word.to_string()));
        }
    }
    found.sort();
    for (at, shown) in found {
        out.warnings.push(
            place
                .at(
                    block.source(at),
                    format!("«{shown}» ser ut som tekst fra et utkast"),
                )
                .hint(HINT),
        );
    }
}

/// The words of `text` with their offsets, without the punctuation around them.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    text.split(|c: char| c.is_whitespace())
        .filter_map(move |w| {
            let start = at;
            at += w.len() + 1;
            let trimmed = w.trim_start_matches(['(', '[', '«', '"', '\'']);
            let lead = w.len() - trimmed.len();
            let trimmed =
                trimmed.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '»', '"', '\'']);
            (!trimmed.is_empty()).then_some((start + lead, trimmed))
        })
}

/// `XX`, `xxx`, `TBD`, and dates or times still to fill in: `xx.xx.xx`, `xx.xx.xxxx`,
/// `xx.xx.2025`, `xx/xx`, `kl. xx:xx`.
fn is_placeholder_word(w: &str) -> bool {
    if matches!(w, "TBD" | "TBA" | "tbd" | "TODO" | "FIXME") {
        return true;
    }
    if w.len() > 10 || !w.contains(['x', 'X']) {
        return false;
    }
    let all_x = |p: &str| !p.is_empty() && p.chars().all(|c| c == 'x' || c == 'X');
    if all_x(w) {
        return (2..=4).contains(&w.len());
    }
    let parts = || w.split(['.', '/', ':', '-']);
    (2..=3).contains(&parts().count())
        && parts().any(all_x)
        && parts().all(|p| {
            (1..=4).contains(&p.len())
                && p.chars()
                    .all(|c| c.is_ascii_digit() || c == 'x' || c == 'X')
        })
}

/// Text has come: every open heading has something under it.
fn filled(headings: &mut [Heading]) {
    for h in headings.iter_mut() {
        h.filled = true;
    }
}
