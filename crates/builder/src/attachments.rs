//! Attachments copied as they are: their size, and for a PDF what it is (tagged, language,
//! title, text layer, PDF/A) and its text, read once when the file is examined. The facts are
//! kept in the build's snapshot with the file (`build::Examined`), so a rebuild reads a PDF
//! again only when its bytes changed. The rules over the facts are
//! `motebok_domain::accessibility`.

use crate::privacy::pdf::{self, PdfText};
use motebok_domain::accessibility::{self, FileFacts, PdfFacts};
use motebok_domain::Site;
use motebok_parser::Diagnostic;

/// The privacy findings of a source file and, for a file that is not Markdown, its facts.
/// A PDF is parsed once for both.
pub fn examine(path: &str, bytes: &[u8]) -> (Vec<Diagnostic>, Option<FileFacts>) {
    let markdown = path
        .rsplit_once('.')
        .is_some_and(|(_, e)| e.eq_ignore_ascii_case("md"));
    if markdown || !path.starts_with("content/") {
        return (crate::privacy::check_source(path, bytes), None);
    }
    let size = bytes.len() as u64;
    if !pdf::is_pdf(path, bytes) {
        let facts = FileFacts {
            bytes: size,
            pdf: None,
        };
        return (crate::privacy::check_source(path, bytes), Some(facts));
    }
    let mut privacy = motebok_domain::privacy::check_name(path);
    let read = pdf::read_with(bytes, facts_of);
    if let Some((text, _)) = &read {
        privacy.extend(crate::privacy::check_pdf(path, text));
    }
    let facts = FileFacts {
        bytes: size,
        pdf: read.map(|(_, f)| f),
    };
    (privacy, Some(facts))
}

/// Puts the facts of the site's copied attachments into `site.files`, and their warnings
/// (with their WCAG criteria) among the site's, for the published ones only: an attachment
/// nobody may see is no breach on the site.
pub fn settle<'a>(site: &mut Site, facts: impl Fn(&str) -> Option<&'a FileFacts>) {
    let mut warnings = Vec::new();
    for a in site.attachments.iter().filter(|a| !a.is_markdown()) {
        let Some(f) = facts(&a.src.path) else {
            continue;
        };
        if a.publication.is_published() {
            warnings.extend(accessibility::warnings(&a.src.path, f));
        }
        site.files.insert(a.src.path.clone(), f.clone());
    }
    site.warnings.extend(warnings);
    site.warnings.sort();
    site.warnings.dedup();
}

/// The accessibility warnings (those with a WCAG criterion) as errors, for `check --strict`
/// and `[accessibility] strict = true`.
pub fn strict_errors(warnings: &[Diagnostic]) -> Vec<Diagnostic> {
    warnings
        .iter()
        .filter(|w| w.wcag.is_some())
        .cloned()
        .map(|mut w| {
            w.hint = Some(format!(
                "{}{}streng tilgjengelighetskontroll er slått på ([accessibility] strict i \
                 site.toml, eller check --strict)",
                w.hint.as_deref().unwrap_or(""),
                if w.hint.is_some() { "; " } else { "" }
            ));
            w
        })
        .collect()
}

fn facts_of(doc: &lopdf::Document, text: &PdfText) -> PdfFacts {
    let catalog = doc.catalog().ok();
    let get = |key: &[u8]| catalog.and_then(|c| c.get_deref(key, doc).ok());
    let marked = get(b"MarkInfo")
        .and_then(|m| m.as_dict().ok())
        .and_then(|m| m.get_deref(b"Marked", doc).ok())
        .and_then(|m| m.as_bool().ok())
        .unwrap_or(false);
    let tagged = marked && get(b"StructTreeRoot").is_some();
    let lang = get(b"Lang")
        .and_then(|l| l.as_str().ok())
        .map(pdf::text_string)
        .filter(|l| !l.trim().is_empty());
    let display_title = get(b"ViewerPreferences")
        .and_then(|v| v.as_dict().ok())
        .and_then(|v| v.get_deref(b"DisplayDocTitle", doc).ok())
        .and_then(|v| v.as_bool().ok())
        .unwrap_or(false);
    let xmp = get(b"Metadata")
        .and_then(|m| m.as_stream().ok())
        .and_then(|s| {
            if s.dict.get(b"Filter").is_ok() {
                s.decompressed_content_with_limit(1 << 20).ok()
            } else {
                Some(s.content.clone())
            }
        })
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    let info_title = doc
        .trailer
        .get_deref(b"Info", doc)
        .ok()
        .and_then(|i| i.as_dict().ok())
        .and_then(|i| i.get_deref(b"Title", doc).ok())
        .and_then(|t| t.as_str().ok())
        .map(pdf::text_string);
    let title = info_title
        .or_else(|| xmp_title(&xmp))
        .filter(|t| !t.trim().is_empty());
    // Chunks are runs of one font: a line break between them keeps words apart.
    let text = text
        .pages
        .iter()
        .map(|p| p.trim())
        .collect::<Vec<_>>()
        .join("\n\n");
    PdfFacts {
        tagged,
        lang,
        title,
        display_title,
        pdfa: xmp_pdfa(&xmp),
        layer: accessibility::text_layer(&text),
        text,
    }
}

/// The PDF/A level a PDF claims in its XMP metadata (`2B`), or `None`, for the archive export.
pub fn pdfa_claim(bytes: &[u8]) -> Option<String> {
    pdf::read_with(bytes, |doc, text| facts_of(doc, text).pdfa).and_then(|(_, p)| p)
}

/// The value of an XMP property written as an attribute (`pdfaid:part="2"`) or an element
/// (`<pdfaid:part>2</pdfaid:part>`).
fn xmp_value(xmp: &str, name: &str) -> Option<String> {
    if let Some(at) = xmp.find(&format!("{name}=")) {
        let rest = &xmp[at + name.len() + 1..];
        let quote = rest.chars().next()?;
        let rest = &rest[quote.len_utf8()..];
        return Some(rest[..rest.find(quote)?].trim().to_string());
    }
    let at = xmp.find(&format!("<{name}>"))?;
    let rest = &xmp[at + name.len() + 2..];
    Some(rest[..rest.find('<')?].trim().to_string())
}

/// `2A` for a file that claims PDF/A-2a.
fn xmp_pdfa(xmp: &str) -> Option<String> {
    let part = xmp_value(xmp, "pdfaid:part")?;
    let conformance = xmp_value(xmp, "pdfaid:conformance").unwrap_or_default();
    Some(format!("{part}{conformance}"))
}

/// The first `rdf:li` of `dc:title`.
fn xmp_title(xmp: &str) -> Option<String> {
    let at = xmp.find("<dc:title")?;
    let rest = &xmp[at..];
    let li = rest.find("<rdf:li")?;
    let rest = &rest[li..];
    let start = rest.find('>')? + 1;
    let end = rest.find("</rdf:li>")?;
    (start <= end).then(|| rest[start..end].trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xmp_properties() {
        let attr = r#"<rdf:Description pdfaid:part="2" pdfaid:conformance='B'/>"#;
        assert_eq!(xmp_pdfa(attr).as_deref(), Some("2B"));
        let elem = "<pdfaid:part>1</pdfaid:part><pdfaid:conformance>A</pdfaid:conformance>";
        assert_eq!(xmp_pdfa(elem).as_deref(), Some("1A"));
        assert_eq!(xmp_pdfa("<x:xmpmeta/>"), None);
        let title = r#"<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Årsrapport</rdf:li></rdf:Alt></dc:title>"#;
        assert_eq!(xmp_title(title).as_deref(), Some("Årsrapport"));
    }
}
