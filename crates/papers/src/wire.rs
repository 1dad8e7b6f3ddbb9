//! The paper as the template reads it: JSON (`json("/paper.json")` in typst) and the images as
//! separate virtual files. Editor text travels as JSON strings and becomes typst text values,
//! never markup, so nothing has to be escaped (`#`, `*`, `$`, `<`, `@`, `\`, `]` stay literal).

use serde_json::{json, Value};

use crate::model::{Align, Block, Fact, Inline, Paper, PaperKind, Section};

/// The JSON of a paper and its images (virtual path, bytes), in the order they appear.
pub(crate) struct Wire {
    pub(crate) json: Vec<u8>,
    pub(crate) images: Vec<(String, Vec<u8>)>,
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
        "title": paper.title,
        "lang": paper.lang,
        "organisation": paper.organisation,
        "running_header": paper.running_header,
        "draft": paper.draft,
        "facts": wire_facts(&paper.facts),
        "sections": sections,
    });
    Wire {
        json: serde_json::to_vec(&value).expect("JSON of plain values"),
        images,
    }
}

fn wire_section(section: &Section, images: &mut Vec<(String, Vec<u8>)>) -> Value {
    // Heading levels never skip one (PDF/UA): a level-4 heading right after the section's
    // own level 1 becomes level 2.
    let mut last_level = 1;
    json!({
        "heading": section.heading,
        "outline": section.outline,
        "new_page": section.new_page,
        "blocks": wire_blocks(&section.blocks, images, &mut last_level),
    })
}

fn wire_blocks(
    blocks: &[Block],
    images: &mut Vec<(String, Vec<u8>)>,
    last_level: &mut u8,
) -> Vec<Value> {
    blocks
        .iter()
        .map(|block| wire_block(block, images, last_level))
        .collect()
}

fn wire_block(block: &Block, images: &mut Vec<(String, Vec<u8>)>, last_level: &mut u8) -> Value {
    match block {
        Block::Heading { level, content } => {
            let level = (*level).clamp(2, 6).min(*last_level + 1);
            *last_level = level;
            json!({"t": "heading", "level": level, "c": wire_inlines(content)})
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
            "items": items.iter().map(|item| wire_blocks(item, images, last_level)).collect::<Vec<_>>(),
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
            json!({"t": "quote", "blocks": wire_blocks(blocks, images, last_level)})
        }
        Block::Code(text) => json!({"t": "code", "text": text}),
        Block::Rule => json!({"t": "rule"}),
        Block::Facts(facts) => json!({"t": "facts", "facts": wire_facts(facts)}),
        Block::Image { alt, data } => {
            let path = format!("/images/{}.{}", images.len(), image_extension(data));
            images.push((path.clone(), data.clone()));
            json!({"t": "image", "alt": alt, "path": path})
        }
    }
}

fn wire_facts(facts: &[Fact]) -> Value {
    facts
        .iter()
        .map(|fact| json!({"label": fact.label, "value": wire_inlines(&fact.value)}))
        .collect()
}

fn wire_inlines(inlines: &[Inline]) -> Value {
    inlines.iter().map(wire_inline).collect()
}

fn wire_inline(inline: &Inline) -> Value {
    match inline {
        Inline::Text(text) => json!({"t": "text", "v": text}),
        Inline::Strong(content) => json!({"t": "strong", "c": wire_inlines(content)}),
        Inline::Emph(content) => json!({"t": "emph", "c": wire_inlines(content)}),
        Inline::Code(text) => json!({"t": "code", "v": text}),
        Inline::Link { url, content } => {
            json!({"t": "link", "url": url, "c": wire_inlines(content)})
        }
        Inline::Break => json!({"t": "break"}),
    }
}

/// Column widths as typst values: short columns (case numbers, dates) take what they need,
/// the others share the rest by their typical length, so a long title wraps instead of
/// pushing the table off the page.
fn column_widths(width: usize, header: &[Vec<Inline>], rows: &[Vec<Vec<Inline>>]) -> Vec<Value> {
    (0..width)
        .map(|i| {
            let lengths: Vec<usize> = std::iter::once(header.get(i))
                .chain(rows.iter().map(|row| row.get(i)))
                .map(|cell| cell.map_or(0, |cell| plain_len(cell)))
                .collect();
            let longest = lengths.iter().copied().max().unwrap_or(0);
            if longest <= 16 {
                json!("auto")
            } else {
                let mean = lengths.iter().sum::<usize>() / lengths.len().max(1);
                json!(mean.clamp(8, 60))
            }
        })
        .collect()
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

/// The extension typst needs to know an image's format, from its first bytes.
fn image_extension(data: &[u8]) -> &'static str {
    if data.starts_with(b"\x89PNG") {
        "png"
    } else if data.starts_with(b"\xFF\xD8") {
        "jpg"
    } else if data.starts_with(b"GIF8") {
        "gif"
    } else if data.starts_with(b"RIFF") && data.get(8..12) == Some(b"WEBP") {
        "webp"
    } else {
        "svg"
    }
}
