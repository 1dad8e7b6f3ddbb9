//! A Markdown body as the paper model's blocks, from pulldown-cmark's events (the same parser
//! and options as the pages). Links resolve as the page resolves them, made absolute; images
//! of the meeting folder come with their bytes and alt text; footnotes are numbered where
//! they are cited and their text follows the body; raw HTML is left out (the pages sanitise
//! it; a PDF has no use for it).

use motebok_papers::{Align, Block, Inline};
use motebok_parser::LinkTo;
use pulldown_cmark::{Alignment, Event, Parser, Tag, TagEnd};
use std::collections::HashMap;

/// What a body's links and images need from the site.
pub struct Links<'a> {
    /// A relative link target as written → where it goes (absolute), as the page resolves it.
    pub resolve: &'a dyn Fn(&str) -> Option<LinkTo>,
    /// An image target as written → its bytes, if it is a published image of the site.
    pub image: &'a dyn Fn(&str) -> Option<Vec<u8>>,
}

/// `md` as blocks whose top heading is at `level` (2 under a section's own heading).
pub fn blocks(md: &str, level: u8, links: &Links) -> Vec<Block> {
    let events: Vec<Event> = Parser::new_ext(md, motebok_parser::markdown::options()).collect();
    let top = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as u8),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    let mut c = Conv {
        shift: level as i16 - top as i16,
        links,
        blocks: vec![(Container::Root, Vec::new())],
        inlines: Vec::new(),
        tables: Vec::new(),
        code: None,
        pending_images: Vec::new(),
        footnote_numbers: HashMap::new(),
        footnotes: Vec::new(),
    };
    for e in events {
        c.event(e);
    }
    c.flush_implicit();
    let mut out = c.blocks.pop().map(|(_, b)| b).unwrap_or_default();
    // Footnotes in the order they were first cited; an uncited one is left out, as a page shows it last.
    let mut notes: Vec<(usize, Vec<Block>)> = c
        .footnotes
        .into_iter()
        .filter_map(|(label, body)| Some((*c.footnote_numbers.get(&label)?, body)))
        .collect();
    notes.sort_by_key(|n| n.0);
    if !notes.is_empty() {
        out.push(Block::Rule);
        for (n, mut body) in notes {
            let mark = Inline::Text(format!("[{n}] "));
            match body.first_mut() {
                Some(Block::Paragraph(p)) => p.insert(0, mark),
                _ => body.insert(0, Block::Paragraph(vec![mark])),
            }
            out.extend(body);
        }
    }
    out
}

enum Container {
    Root,
    Quote,
    List { ordered: bool, start: u64 },
    Item,
    Footnote(String),
}

enum Span {
    /// A paragraph, or the text of a tight list item (no paragraph of its own).
    Para,
    Implicit,
    Heading(u8),
    Strong,
    Emph,
    /// Strikethrough has no place in the model: its text stays.
    Plain,
    Link(Option<LinkTo>),
    Image(String, String),
    Cell,
}

#[derive(Default)]
struct Table {
    columns: Vec<Align>,
    header: Vec<Vec<Inline>>,
    rows: Vec<Vec<Vec<Inline>>>,
    row: Vec<Vec<Inline>>,
}

struct Conv<'a> {
    shift: i16,
    links: &'a Links<'a>,
    blocks: Vec<(Container, Vec<Block>)>,
    inlines: Vec<(Span, Vec<Inline>)>,
    tables: Vec<Table>,
    code: Option<String>,
    /// Images met inside a paragraph: blocks of their own, placed after it.
    pending_images: Vec<Block>,
    footnote_numbers: HashMap<String, usize>,
    footnotes: Vec<(String, Vec<Block>)>,
}

impl Conv<'_> {
    fn push_block(&mut self, b: Block) {
        if let Some((_, blocks)) = self.blocks.last_mut() {
            blocks.push(b);
        }
    }

    fn push_inline(&mut self, i: Inline) {
        if self.inlines.is_empty() {
            self.inlines.push((Span::Implicit, Vec::new()));
        }
        let (_, list) = self.inlines.last_mut().expect("an inline frame is open");
        match (list.last_mut(), i) {
            (Some(Inline::Text(a)), Inline::Text(b)) => a.push_str(&b),
            (_, i) => list.push(i),
        }
    }

    /// Ends the implicit paragraph of a tight list item before a block starts or ends.
    fn flush_implicit(&mut self) {
        if matches!(self.inlines.last(), Some((Span::Implicit, _))) {
            let (_, content) = self.inlines.pop().expect("checked");
            self.paragraph(content);
        }
    }

    fn paragraph(&mut self, content: Vec<Inline>) {
        if !is_blank(&content) {
            self.push_block(Block::Paragraph(content));
        }
        for img in std::mem::take(&mut self.pending_images) {
            self.push_block(img);
        }
    }

    fn event(&mut self, e: Event) {
        match e {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => match &mut self.code {
                Some(code) => code.push_str(&t),
                None => self.push_inline(Inline::Text(t.into_string())),
            },
            Event::Code(t) => self.push_inline(Inline::Code(t.into_string())),
            Event::SoftBreak => self.push_inline(Inline::Text(" ".into())),
            Event::HardBreak => self.push_inline(Inline::Break),
            Event::Rule => {
                self.flush_implicit();
                self.push_block(Block::Rule);
            }
            Event::FootnoteReference(label) => {
                let next = self.footnote_numbers.len() + 1;
                let n = *self
                    .footnote_numbers
                    .entry(label.into_string())
                    .or_insert(next);
                self.push_inline(Inline::Text(format!("[{n}]")));
            }
            Event::TaskListMarker(done) => {
                self.push_inline(Inline::Text(if done { "[x] " } else { "[ ] " }.into()))
            }
            // Raw HTML: the page sanitises it; the paper leaves it out. Math is not enabled.
            Event::Html(_)
            | Event::InlineHtml(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => {}
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Paragraph => {
                self.flush_implicit();
                self.inlines.push((Span::Para, Vec::new()));
            }
            Tag::Heading { level, .. } => {
                self.flush_implicit();
                let l = (level as i16 + self.shift).clamp(2, 6) as u8;
                self.inlines.push((Span::Heading(l), Vec::new()));
            }
            Tag::BlockQuote(_) => {
                self.flush_implicit();
                self.blocks.push((Container::Quote, Vec::new()));
            }
            Tag::CodeBlock(_) => {
                self.flush_implicit();
                self.code = Some(String::new());
            }
            Tag::List(start) => {
                self.flush_implicit();
                self.blocks.push((
                    Container::List {
                        ordered: start.is_some(),
                        start: start.unwrap_or(1),
                    },
                    Vec::new(),
                ));
            }
            Tag::Item => {
                self.flush_implicit();
                self.blocks.push((Container::Item, Vec::new()));
            }
            Tag::FootnoteDefinition(label) => {
                self.flush_implicit();
                self.blocks
                    .push((Container::Footnote(label.into_string()), Vec::new()));
            }
            Tag::Table(aligns) => {
                self.flush_implicit();
                self.tables.push(Table {
                    columns: aligns.iter().map(align).collect(),
                    ..Default::default()
                });
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(t) = self.tables.last_mut() {
                    t.row.clear();
                }
            }
            Tag::TableCell => self.inlines.push((Span::Cell, Vec::new())),
            Tag::Emphasis => self.inlines.push((Span::Emph, Vec::new())),
            Tag::Strong => self.inlines.push((Span::Strong, Vec::new())),
            Tag::Strikethrough => self.inlines.push((Span::Plain, Vec::new())),
            Tag::Link { dest_url, .. } => {
                let to = link_target(&dest_url, self.links);
                self.inlines.push((Span::Link(to), Vec::new()));
            }
            Tag::Image {
                dest_url, title, ..
            } => self.inlines.push((
                Span::Image(dest_url.into_string(), title.into_string()),
                Vec::new(),
            )),
            Tag::HtmlBlock
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Superscript
            | Tag::Subscript
            | Tag::MetadataBlock(_) => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => {
                self.flush_implicit();
                if let Some((_, content)) = self.inlines.pop() {
                    self.paragraph(content);
                }
            }
            TagEnd::Heading(_) => {
                if let Some((Span::Heading(level), content)) = self.inlines.pop() {
                    self.push_block(Block::Heading { level, content });
                }
                for img in std::mem::take(&mut self.pending_images) {
                    self.push_block(img);
                }
            }
            TagEnd::CodeBlock => {
                if let Some(code) = self.code.take() {
                    self.push_block(Block::Code(code));
                }
            }
            TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item | TagEnd::FootnoteDefinition => {
                self.flush_implicit();
                let Some((container, blocks)) = self.blocks.pop() else {
                    return;
                };
                match container {
                    Container::Quote => self.push_block(Block::Quote(blocks)),
                    Container::List { ordered, start } => {
                        // Each item was pushed as a one-element Quote marker below; unwrap them.
                        let items = blocks
                            .into_iter()
                            .map(|b| match b {
                                Block::Quote(item) => item,
                                other => vec![other],
                            })
                            .collect();
                        self.push_block(Block::List {
                            ordered,
                            start,
                            items,
                        });
                    }
                    // An item travels to its list as a Quote (the list unwraps it).
                    Container::Item => self.push_block(Block::Quote(blocks)),
                    Container::Footnote(label) => self.footnotes.push((label, blocks)),
                    Container::Root => self.blocks.push((Container::Root, blocks)),
                }
            }
            TagEnd::Table => {
                if let Some(t) = self.tables.pop() {
                    self.push_block(Block::Table {
                        columns: t.columns,
                        header: t.header,
                        rows: t.rows,
                    });
                }
            }
            TagEnd::TableHead => {
                if let Some(t) = self.tables.last_mut() {
                    t.header = std::mem::take(&mut t.row);
                }
            }
            TagEnd::TableRow => {
                if let Some(t) = self.tables.last_mut() {
                    let row = std::mem::take(&mut t.row);
                    t.rows.push(row);
                }
            }
            TagEnd::TableCell => {
                if let Some((_, content)) = self.inlines.pop() {
                    if let Some(t) = self.tables.last_mut() {
                        t.row.push(content);
                    }
                }
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link => {
                let Some((span, content)) = self.inlines.pop() else {
                    return;
                };
                match span {
                    Span::Emph => self.push_inline(Inline::Emph(content)),
                    Span::Strong => self.push_inline(Inline::Strong(content)),
                    Span::Link(Some(to)) => {
                        let mut content = content;
                        if let Some(note) = to.note {
                            content.push(Inline::Text(format!(" {note}")));
                        }
                        self.push_inline(Inline::Link {
                            url: to.url,
                            content,
                        });
                    }
                    // A link that goes nowhere in a PDF (a fragment, a site-absolute path) keeps its text.
                    _ => content.into_iter().for_each(|i| self.push_inline(i)),
                }
            }
            TagEnd::Image => {
                let Some((Span::Image(target, title), content)) = self.inlines.pop() else {
                    return;
                };
                // The page's convention: the title "dekorativt" marks a decorative image (alt="").
                let alt = if title.trim().eq_ignore_ascii_case("dekorativt") {
                    String::new()
                } else {
                    plain(&content)
                };
                match (self.links.image)(&target) {
                    Some(data) => self.pending_images.push(Block::Image { alt, data }),
                    // Not an image of the site (an address elsewhere): its text alternative stands in.
                    None if !alt.is_empty() => self.push_inline(Inline::Text(alt)),
                    None => {}
                }
            }
            TagEnd::HtmlBlock
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::MetadataBlock(_) => {}
        }
    }
}

fn align(a: &Alignment) -> Align {
    match a {
        Alignment::Center => Align::Center,
        Alignment::Right => Align::End,
        Alignment::None | Alignment::Left => Align::Start,
    }
}

/// Where a link goes in a PDF: a relative link resolved as the page does, an address with a
/// scheme as written; anything else (a fragment, a site-absolute path) is no link there.
fn link_target(dest: &str, links: &Links) -> Option<LinkTo> {
    if let Some(to) = (links.resolve)(dest) {
        return Some(to);
    }
    let scheme = dest.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    matches!(scheme.as_deref(), Some("http" | "https" | "mailto" | "tel")).then(|| LinkTo {
        url: dest.to_string(),
        note: None,
    })
}

fn is_blank(content: &[Inline]) -> bool {
    content
        .iter()
        .all(|i| matches!(i, Inline::Text(t) if t.trim().is_empty()))
}

/// The text of inlines, for an image's alt.
pub fn plain(content: &[Inline]) -> String {
    let mut s = String::new();
    for i in content {
        match i {
            Inline::Text(t) | Inline::Code(t) => s.push_str(t),
            Inline::Strong(c) | Inline::Emph(c) | Inline::Link { content: c, .. } => {
                s.push_str(&plain(c))
            }
            Inline::Break => s.push(' '),
        }
    }
    s
}
