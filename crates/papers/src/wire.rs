//! The paper as the template reads it: JSON (`json("/paper.json")` in typst) and the images as
//! separate virtual files. Editor text travels as JSON strings and becomes typst text values,
//! never markup, so nothing has to be escaped (`#`, `*`, `$`, `<`, `@`, `\`, `]` stay literal).

use std::borrow::Cow;

use serde_json::{json, Value};
use typst::foundations::Bytes;
use typst::visualize::{ExchangeFormat, RasterImage, SvgImage};

use crate::model::{Align, Block, Fact, Inline, Paper, PaperKind, Section};

/// The JSON of a paper and its images (virtual path, bytes), in the order they appear.
pub(crate) struct Wire {
    pub(crate) json: Vec<u8>,
    pub(crate) images: Vec<(String, Bytes)>,
}

/// The paper-type line of the first page.
pub(crate) fn kind_label(kind: PaperKind) -> &'static str {
    match kind {
        PaperKind::Summons => "Innkalling",
        PaperKind::Minutes => "Protokoll",
        PaperKind::CasePaper => "Saksframlegg",
        PaperKind::Document => "Dokument",
        PaperKind::Tombstone => "Avpublisert",
    }
}

pub(crate) fn wire(paper: &Paper) -> Wire {
    let mut images = Vec::new();
    let sections: Vec<Value> = paper
        .sections
        .iter()
        .map(|section| wire_section(section, &mut images))
        .collect();
    let value = json!({
        "kind": kind_label(paper.kind),
        "tombstone": paper.kind == PaperKind::Tombstone,
        "title": shown(&paper.title),
        "lang": paper.lang,
        "organisation": shown(&paper.organisation),
        "running_header": shown(&paper.running_header),
        "draft": paper.draft.as_deref().map(shown),
        "facts": wire_facts(&paper.facts),
        "sections": sections,
    });
    Wire {
        json: serde_json::to_vec(&value).expect("JSON of plain values"),
        images,
    }
}

fn wire_section(section: &Section, images: &mut Vec<(String, Bytes)>) -> Value {
    // Heading levels never skip one (PDF/UA): a level-4 heading right after the section's
    // own level 1 becomes level 2.
    let mut last_level = 1;
    json!({
        "heading": shown(&section.heading),
        "outline": section.outline,
        "new_page": section.new_page,
        "blocks": wire_blocks(&section.blocks, images, &mut last_level),
    })
}

/// Quotes and lists nested deeper than this are laid out flat: typst stops at a fixed depth
/// of nested elements (the page allows a hundred levels of Markdown; no paper needs more).
const DEEPEST: usize = 6;

fn wire_blocks(
    blocks: &[Block],
    images: &mut Vec<(String, Bytes)>,
    last_level: &mut u8,
) -> Vec<Value> {
    let mut out = Vec::new();
    wire_blocks_into(blocks, images, last_level, 0, &mut out);
    out
}

fn wire_blocks_into(
    blocks: &[Block],
    images: &mut Vec<(String, Bytes)>,
    last_level: &mut u8,
    depth: usize,
    out: &mut Vec<Value>,
) {
    for block in blocks {
        match block {
            Block::Quote(inner) if depth >= DEEPEST => {
                wire_blocks_into(inner, images, last_level, depth, out)
            }
            Block::List { items, .. } if depth >= DEEPEST => {
                for item in items {
                    wire_blocks_into(item, images, last_level, depth, out);
                }
            }
            _ => out.push(wire_block(block, images, last_level, depth)),
        }
    }
}

fn nested(
    blocks: &[Block],
    images: &mut Vec<(String, Bytes)>,
    last_level: &mut u8,
    depth: usize,
) -> Vec<Value> {
    let mut out = Vec::new();
    wire_blocks_into(blocks, images, last_level, depth + 1, &mut out);
    out
}

fn wire_block(
    block: &Block,
    images: &mut Vec<(String, Bytes)>,
    last_level: &mut u8,
    depth: usize,
) -> Value {
    match block {
        // An empty heading has no title for PDF/UA (the page shows an empty `<h2>`, the
        // paper shows nothing).
        Block::Heading { content, .. } if plain_text(content).trim().is_empty() => {
            json!({"t": "par", "c": []})
        }
        Block::Heading { level, content } => {
            let level = (*level).clamp(2, 6).min(*last_level + 1);
            *last_level = level;
            json!({"t": "heading", "level": level, "c": wire_inlines(content)})
        }
        // Typst cannot export a paragraph of some 65,000 characters (PDF/A: "text not
        // mapped to a code point"); no real paragraph comes near, hostile input does.
        Block::Paragraph(content) if plain_len(content) > LONGEST_PARAGRAPH => {
            let text: String = plain_text(content)
                .chars()
                .take(LONGEST_PARAGRAPH)
                .collect();
            json!({"t": "par", "c": [{"t": "text", "v": shown(&format!("{text} […]"))}]})
        }
        Block::Paragraph(content) => json!({"t": "par", "c": wire_inlines(content)}),
        Block::List {
            ordered,
            start,
            items,
        } => json!({
            "t": "list",
            "ordered": ordered,
            "start": start,
            "items": items.iter().map(|item| nested(item, images, last_level, depth)).collect::<Vec<_>>(),
        }),
        Block::Table {
            columns,
            header,
            rows,
        } => {
            let width = columns
                .len()
                .max(header.len())
                .max(rows.iter().map(Vec::len).max().unwrap_or(0));
            if width == 0 {
                return json!({"t": "par", "c": []}); // typst has no table without columns
            }
            let pad = |cells: &[Vec<Inline>]| -> Vec<Value> {
                (0..width)
                    .map(|i| cells.get(i).map_or(json!([]), |cell| wire_inlines(cell)))
                    .collect()
            };
            let aligns: Vec<&str> = (0..width)
                .map(|i| match columns.get(i).copied().unwrap_or(Align::Start) {
                    Align::Start => "start",
                    Align::Center => "center",
                    Align::End => "end",
                })
                .collect();
            json!({
                "t": "table",
                "aligns": aligns,
                "widths": column_widths(width, header, rows),
                "header": pad(header),
                "rows": rows.iter().map(|row| pad(row)).collect::<Vec<_>>(),
            })
        }
        Block::Quote(blocks) => {
            json!({"t": "quote", "blocks": nested(blocks, images, last_level, depth)})
        }
        Block::Code(text) => json!({"t": "code", "text": shown(text)}),
        Block::Rule => json!({"t": "rule"}),
        Block::Facts(facts) => json!({"t": "facts", "facts": wire_facts(facts)}),
        Block::Image { alt, data } => {
            let data = Bytes::new(data.clone());
            match image_extension(&data) {
                Some(extension) => {
                    let path = format!("/images/{}.{extension}", images.len());
                    images.push((path.clone(), data));
                    json!({"t": "image", "alt": alt, "path": path})
                }
                // A file typst cannot read would fail the whole paper: say so in its place.
                None if alt.is_empty() => json!({"t": "par", "c": []}),
                None => json!({"t": "par", "c": [
                    {"t": "emph", "c": [{"t": "text", "v": format!("[Bildet kan ikke vises: {}]", shown(alt))}]}
                ]}),
            }
        }
    }
}

fn wire_facts(facts: &[Fact]) -> Value {
    facts
        .iter()
        .map(|fact| json!({"label": shown(&fact.label), "value": wire_inlines(&fact.value)}))
        .collect()
}

fn wire_inlines(inlines: &[Inline]) -> Value {
    inlines.iter().map(wire_inline).collect()
}

fn wire_inline(inline: &Inline) -> Value {
    match inline {
        Inline::Text(text) => json!({"t": "text", "v": shown(text)}),
        Inline::Strong(content) => json!({"t": "strong", "c": wire_inlines(content)}),
        Inline::Emph(content) => json!({"t": "emph", "c": wire_inlines(content)}),
        Inline::Code(text) => json!({"t": "code", "v": shown(text)}),
        Inline::Link { url, content } if content.is_empty() => {
            json!({"t": "link", "url": url, "c": [{"t": "text", "v": shown(url)}]})
        }
        Inline::Link { url, content } => {
            json!({"t": "link", "url": url, "c": wire_inlines(content)})
        }
        Inline::Break => json!({"t": "break"}),
    }
}

/// Column widths as typst values: short columns (case numbers, dates) take what they need,
/// the others share the rest by their typical length, so a long title wraps instead of
/// pushing the table off the page; but never less than their longest word ("Beslutning"),
/// which cannot wrap and would run into the next column.
fn column_widths(width: usize, header: &[Vec<Inline>], rows: &[Vec<Vec<Inline>>]) -> Vec<Value> {
    // About this many characters of 9.5 pt text fit across the text width; a cell's inset
    // takes about two more.
    const LINE: usize = 92;
    const INSET: usize = 3;
    let cells = |i: usize| {
        std::iter::once(header.get(i))
            .chain(rows.iter().map(move |row| row.get(i)))
            .map(|cell| cell.map_or(&[][..], Vec::as_slice))
    };
    let columns: Vec<(usize, usize, usize)> = (0..width)
        .map(|i| {
            let lengths: Vec<usize> = cells(i).map(plain_len).collect();
            let longest = lengths.iter().copied().max().unwrap_or(0);
            let word = cells(i).map(longest_word).max().unwrap_or(0);
            let mean = lengths.iter().sum::<usize>() / lengths.len().max(1);
            (longest, word, mean.clamp(8, 60))
        })
        .collect();
    let fixed: usize = columns
        .iter()
        .filter(|c| c.0 <= 16)
        .map(|c| c.0 + INSET)
        .sum();
    let room = LINE.saturating_sub(fixed).max(1);
    let mut shares: Vec<usize> = columns.iter().map(|c| c.2).collect();
    // Raising one share shrinks the others: a few rounds settle it.
    for _ in 0..4 {
        let total: usize = (0..width)
            .filter(|&i| columns[i].0 > 16)
            .map(|i| shares[i])
            .sum();
        for i in (0..width).filter(|&i| columns[i].0 > 16) {
            let needed = (columns[i].1 + INSET) * total.max(1) / room + 1;
            shares[i] = shares[i].max(needed);
        }
    }
    (0..width)
        .map(|i| match columns[i].0 <= 16 {
            true => json!("auto"),
            false => json!(shares[i]),
        })
        .collect()
}

/// The length of the longest word of a cell (what cannot wrap).
fn longest_word(inlines: &[Inline]) -> usize {
    inlines
        .iter()
        .map(|inline| match inline {
            Inline::Text(text) | Inline::Code(text) => text
                .split_whitespace()
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(0),
            Inline::Strong(content) | Inline::Emph(content) => longest_word(content),
            Inline::Link { content, .. } => longest_word(content),
            Inline::Break => 0,
        })
        .max()
        .unwrap_or(0)
}

fn plain_len(inlines: &[Inline]) -> usize {
    inlines
        .iter()
        .map(|inline| match inline {
            Inline::Text(text) | Inline::Code(text) => text.chars().count(),
            Inline::Strong(content) | Inline::Emph(content) => plain_len(content),
            Inline::Link { content, .. } => plain_len(content),
            Inline::Break => 0,
        })
        .sum()
}

/// The extension typst needs to know an image's format, if typst can decode it (decoding is
/// memoized by typst, so the template's own reading of the image costs nothing more).
fn image_extension(data: &Bytes) -> Option<&'static str> {
    match ExchangeFormat::detect(data) {
        Some(format) => {
            RasterImage::plain(data.clone(), format).ok()?;
            Some(match format {
                ExchangeFormat::Png => "png",
                ExchangeFormat::Jpg => "jpg",
                ExchangeFormat::Gif => "gif",
                ExchangeFormat::Webp => "webp",
            })
        }
        None => SvgImage::new(data.clone()).ok().map(|_| "svg"),
    }
}

/// Text as the fonts can show it. PDF/A forbids a glyph that is not there, so a character no
/// embedded font has (an emoji, Chinese) would fail the whole paper: it becomes U+FFFD, the
/// replacement character, and invisible format characters (variation selectors, joiners)
/// that no font has are dropped.
fn shown(text: &str) -> Cow<'_, str> {
    let fine = |c: char| c.is_whitespace() || c.is_control() || crate::world::covered(c);
    let text = unbroken(text);
    if text.chars().all(fine) {
        return text;
    }
    Cow::Owned(
        text.chars()
            .filter_map(|c| {
                if fine(c) {
                    Some(c)
                } else if invisible(c) {
                    None
                } else {
                    Some('\u{FFFD}')
                }
            })
            .collect(),
    )
}

/// No real word is this long; a longer run without a space (hostile input: 100,000 brackets)
/// is cut with spaces, since typst cannot wrap it and PDF/A caps a string in the page at
/// 32,767 characters. (A URL as link text is cut too; its target stays whole.)
const LONGEST_WORD: usize = 100;

/// Longer paragraphs are cut (see `wire_block`).
const LONGEST_PARAGRAPH: usize = 50_000;

fn unbroken(text: &str) -> Cow<'_, str> {
    if !text
        .split_whitespace()
        .any(|w| w.len() > LONGEST_WORD && w.chars().count() > LONGEST_WORD)
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + text.len() / LONGEST_WORD);
    let mut run = 0;
    for c in text.chars() {
        run = if c.is_whitespace() { 0 } else { run + 1 };
        if run > LONGEST_WORD {
            out.push(' ');
            run = 1;
        }
        out.push(c);
    }
    Cow::Owned(out)
}

fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(text) | Inline::Code(text) => out.push_str(text),
            Inline::Strong(content) | Inline::Emph(content) => out.push_str(&plain_text(content)),
            Inline::Link { content, .. } => out.push_str(&plain_text(content)),
            Inline::Break => out.push(' '),
        }
    }
    out
}

/// Format characters that draw nothing (Unicode default-ignorables that matter in practice).
fn invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}' | '\u{E0000}'..='\u{E0FFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(s: &str) -> Vec<Inline> {
        vec![Inline::Text(s.into())]
    }

    /// The agenda's "Sakstype" column (seen running into "Ansvarlig" at a share by mean
    /// length alone): its share of the room is at least its longest word.
    #[test]
    fn a_column_is_never_narrower_than_its_longest_word() {
        let header = vec![
            cell("Sak"),
            cell("Tittel"),
            cell("Sakstype"),
            cell("Vedlegg"),
        ];
        let title = "Samarbeidsavtale om pasienter på tvunget vern uten døgnopphold";
        let rows: Vec<_> = (0..6)
            .map(|i| {
                vec![
                    cell("2025.13"),
                    cell(title),
                    cell(if i == 0 {
                        "Orientering, Beslutning"
                    } else {
                        "Beslutning"
                    }),
                    cell(title),
                ]
            })
            .collect();
        let widths = column_widths(4, &header, &rows);
        assert_eq!(widths[0], json!("auto"));
        let share = |v: &Value| v.as_u64().unwrap() as f64;
        let total: f64 = widths[1..].iter().map(share).sum();
        let room = 92.0 - (7.0 + 3.0);
        let chars = share(&widths[2]) / total * room;
        assert!(chars >= 10.0 + 3.0, "{widths:?}: {chars} characters");
    }
}
