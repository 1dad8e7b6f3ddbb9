//! What a paper says: plain data the builder fills in.

use chrono::NaiveDateTime;

/// Which of the papers this is; the layout (first page, running header) follows from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PaperKind {
    /// The summons packet: summons, agenda, then every public case paper in agenda order.
    Summons,
    /// The minutes (protokoll).
    Minutes,
    /// One case paper on its own (the archive's Arkivformat of a case).
    CasePaper,
    /// Another document (`content/dokumenter/`) on its own.
    Document,
    /// The one-page stand-in at a withdrawn paper's URL.
    Tombstone,
}

/// One paper, ready to typeset.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Paper {
    /// Which paper.
    pub kind: PaperKind,
    /// The document title (PDF /Title, shown by viewers): "Innkalling – Strategisk samarbeidsutvalg 22. mai 2025".
    pub title: String,
    /// BCP 47 language of the text, "nb" (or "nn").
    pub lang: String,
    /// The publisher, for the first page and the document info (site.toml's name).
    pub organisation: String,
    /// The running header of every page after the first: "Strategisk samarbeidsutvalg · 22. mai 2025".
    pub running_header: String,
    /// The draft mark of a preview ("UTKAST – ikke godkjent"); `None` in production.
    pub draft: Option<String>,
    /// The paper's date for the PDF metadata, in UTC (from the trail, never the clock).
    pub made: NaiveDateTime,
    /// Label/value pairs at the head of the first page (Dato, Tid, Sted, Møteleder, Referent).
    pub facts: Vec<Fact>,
    /// The paper's parts, each a bookmark in the outline when `outline` is set.
    pub sections: Vec<Section>,
}

/// A label and its value ("Sted": "Sykehuset, møterom 3").
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Fact {
    /// The label.
    pub label: String,
    /// The value.
    pub value: Vec<Inline>,
}

/// A part of a paper: the summons, the agenda, one case paper, one case's minutes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Section {
    /// The heading (level 1 in the paper).
    pub heading: String,
    /// Whether the heading is a bookmark in the PDF outline.
    pub outline: bool,
    /// Whether the section starts on a new page (case papers in the summons packet do); the
    /// first section always follows the head of the first page.
    pub new_page: bool,
    /// Its content; headings inside are level 2 and below.
    pub blocks: Vec<Block>,
}

/// A block of text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Block {
    /// A heading below the section's own (level 2..=6).
    Heading {
        /// 2..=6.
        level: u8,
        /// Its text.
        content: Vec<Inline>,
    },
    /// A paragraph.
    Paragraph(Vec<Inline>),
    /// A list; each item is blocks.
    List {
        /// Numbered or bulleted.
        ordered: bool,
        /// First number of a numbered list.
        start: u64,
        /// The items.
        items: Vec<Vec<Block>>,
    },
    /// A table with one header row (header cells are tagged as such).
    Table {
        /// Column alignment, one per column.
        columns: Vec<Align>,
        /// The header row.
        header: Vec<Vec<Inline>>,
        /// The body rows.
        rows: Vec<Vec<Vec<Inline>>>,
    },
    /// A quotation.
    Quote(Vec<Block>),
    /// Preformatted text.
    Code(String),
    /// A thematic break.
    Rule,
    /// Label/value pairs (the approval status of the minutes, a case's facts).
    Facts(Vec<Fact>),
    /// An image with its alternative text (PNG, JPEG or SVG bytes).
    Image {
        /// The alternative text (empty only for a decorative image).
        alt: String,
        /// The image file's bytes.
        data: Vec<u8>,
    },
}

/// Column alignment of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Align {
    /// Default (start).
    Start,
    /// Centred.
    Center,
    /// End (numbers).
    End,
}

/// Text within a block.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Inline {
    /// Plain text (any characters; the typesetter escapes).
    Text(String),
    /// Strong emphasis.
    Strong(Vec<Inline>),
    /// Emphasis.
    Emph(Vec<Inline>),
    /// Inline code.
    Code(String),
    /// A link: an absolute URL (the builder makes site links absolute with `base_url`).
    Link {
        /// The target.
        url: String,
        /// The link text.
        content: Vec<Inline>,
    },
    /// A hard line break.
    Break,
}
