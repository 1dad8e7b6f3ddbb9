//! The privacy guard's I/O side (the rules are `motebok_domain::privacy`): every source file
//! read in its encoding, the text of PDFs extracted, and a backstop over every output before
//! it is published.

mod decode;
mod outputs;
pub(crate) mod pdf;

pub use decode::{decode, Decoded};
pub use outputs::{published_number, Backstop};

use motebok_domain::privacy;
use motebok_parser::Diagnostic;

/// The privacy errors of one source file, whatever it holds: its name, and the text of a
/// text file (UTF-8, UTF-16 with a byte order mark or found by its zero bytes, else
/// Windows-1252, chosen by content, not by name) or of a PDF. A file that is neither (an
/// image) or a PDF that cannot be read (damaged, encrypted) has only its name checked.
pub fn check_source(path: &str, bytes: &[u8]) -> Vec<Diagnostic> {
    let mut out = privacy::check_name(path);
    if pdf::is_pdf(path, bytes) {
        if let Some(text) = pdf::text(bytes) {
            out.extend(check_pdf(path, &text));
        }
        return out;
    }
    match decode(bytes) {
        Some(Decoded::Utf8(text)) => out.extend(privacy::check_text(path, text)),
        Some(Decoded::Other(text, encoding)) => {
            // The error display shows a snippet of the file read as UTF-8, which would not
            // line up with the decoded text (and its mask with it): the line goes into the
            // message instead.
            out.extend(privacy::check_text(path, &text).into_iter().map(|mut d| {
                if let Some(line) = d.line.take() {
                    d.message = format!("{} (linje {line}, lest som {encoding})", d.message);
                }
                d.col = None;
                d.len = None;
                d
            }))
        }
        None => {}
    }
    out
}

/// The privacy errors in a PDF's text (its name aside).
pub fn check_pdf(path: &str, text: &pdf::PdfText) -> Vec<Diagnostic> {
    privacy::check_pdf_text(path, &text.pages, &text.properties)
}
