//! The text of a PDF, for the privacy guard: bytes in, text out, no I/O.
//!
//! lopdf reads the file, inflates its content streams (FlateDecode and the other filters,
//! bounded against decompression bombs) and maps glyphs to text through the fonts' encodings
//! and ToUnicode maps. A file it cannot read, or an encrypted one it cannot open, gives no
//! text: that is not an error by itself (the guard cannot see into it, as with an image).

/// What a PDF shows: the text of each page, and its document properties (title, author …).
pub struct PdfText {
    pub pages: Vec<String>,
    pub properties: String,
}

/// Whether a file is a PDF: by its name or its first bytes.
pub(crate) fn is_pdf(path: &str, bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-")
        || path
            .rsplit_once('.')
            .is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("pdf"))
}

/// The text of the PDF in `bytes`, or `None` when it cannot be read.
pub(crate) fn text(bytes: &[u8]) -> Option<PdfText> {
    read_with(bytes, |_, _| ()).map(|(t, _)| t)
}

/// The text of the PDF in `bytes` and what `also` reads from the same parsed document (the
/// file is parsed once), or `None` when it cannot be read.
pub(crate) fn read_with<T>(
    bytes: &[u8],
    also: impl FnOnce(&lopdf::Document, &PdfText) -> T,
) -> Option<(PdfText, T)> {
    // A parser of untrusted files may panic on a malformed one; that is an unreadable PDF.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let doc = lopdf::Document::load_mem(bytes).ok()?;
        let text = read(&doc);
        let more = also(&doc, &text);
        Some((text, more))
    }))
    .ok()
    .flatten()
}

fn read(doc: &lopdf::Document) -> PdfText {
    let pages = doc
        .get_pages()
        .keys()
        .map(|&n| {
            // A chunk that cannot be decoded is skipped; the rest of the page still counts.
            doc.extract_text_chunks(&[n])
                .into_iter()
                .filter_map(Result::ok)
                .collect::<String>()
        })
        .collect();
    PdfText {
        pages,
        properties: properties(doc),
    }
}

/// The strings of the document information dictionary, one a line.
fn properties(doc: &lopdf::Document) -> String {
    let info = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| match o {
            lopdf::Object::Reference(id) => doc.get_object(*id).ok(),
            o => Some(o),
        })
        .and_then(|o| o.as_dict().ok());
    let Some(info) = info else {
        return String::new();
    };
    let mut out = String::new();
    for (_, v) in info.iter() {
        if let Ok(s) = v.as_str() {
            out.push_str(&text_string(s));
            out.push('\n');
        }
    }
    out
}

/// A PDF text string: UTF-16BE with its mark, UTF-8 with its mark, else PDFDocEncoding (read
/// as Windows-1252, which agrees with it on digits, letters and spaces).
pub(crate) fn text_string(s: &[u8]) -> String {
    if let Some(rest) = s.strip_prefix(b"\xfe\xff") {
        return encoding_rs::UTF_16BE
            .decode_without_bom_handling(rest)
            .0
            .into_owned();
    }
    if let Some(rest) = s.strip_prefix(b"\xef\xbb\xbf") {
        return String::from_utf8_lossy(rest).into_owned();
    }
    encoding_rs::WINDOWS_1252
        .decode_without_bom_handling(s)
        .0
        .into_owned()
}
