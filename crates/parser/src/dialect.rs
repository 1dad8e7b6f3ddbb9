//! The Markdown dialect of a body: its extensions, how a relative link names a file, and how
//! an image is marked decorative. Below `markdown`, `nesting` and `body`, which all read bodies
//! this way.

use pulldown_cmark::Options;

/// The Markdown extensions every rendering of a body uses (the PDFs read bodies the same way).
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
}

/// A relative link names a file by its path without the fragment, decoded (`a%20b.pdf#s=2` is
/// the file `a b.pdf`, and `a%23b.md` the file `a#b.md`); other links are kept as written.
pub fn file_of_link(target: &str) -> String {
    if target.contains(':') {
        target.to_string()
    } else {
        crate::percent::decode(target.split('#').next().unwrap_or(""))
    }
}

/// The title that marks an image as decorative: `![](bolge.png "dekorativt")`.
pub fn is_decorative(title: &str) -> bool {
    matches!(
        title.trim().to_lowercase().as_str(),
        "dekorativt" | "dekorativ" | "pynt"
    )
}
