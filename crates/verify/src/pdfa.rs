//! Whether a file identifies as PDF/A: a PDF whose document catalogue has an XMP metadata
//! stream with `pdfaid:part` and `pdfaid:conformance` (ISO 19005), as veraPDF and PRONOM's
//! signatures read it. This is identification, not validation: veraPDF validates.

use std::fmt;

const PDFAID: &str = "http://www.aiim.org/pdfa/ns/id/";

/// A PDF/A level: part 1–4 and conformance a, b, u (or none, for PDF/A-4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Level {
    pub part: String,
    pub conformance: String,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.part, self.conformance.to_lowercase())
    }
}

impl Level {
    /// The PRONOM format id of the level (The National Archives' registry).
    pub(crate) fn pronom(&self) -> Option<&'static str> {
        Some(
            match (
                self.part.as_str(),
                self.conformance.to_ascii_lowercase().as_str(),
            ) {
                ("1", "a") => "fmt/95",
                ("1", "b") => "fmt/354",
                ("2", "a") => "fmt/476",
                ("2", "b") => "fmt/477",
                ("2", "u") => "fmt/478",
                ("3", "a") => "fmt/479",
                ("3", "b") => "fmt/480",
                ("3", "u") => "fmt/481",
                _ => return None,
            },
        )
    }
}

/// The PDF/A level the file claims, or why it claims none.
pub(crate) fn identify(bytes: &[u8]) -> Result<Level, String> {
    if !bytes.starts_with(b"%PDF-") {
        return Err("ikke en PDF".into());
    }
    // A parser of untrusted files may panic on a malformed one; that is an unreadable PDF.
    let xmp = std::panic::catch_unwind(|| -> Result<Vec<u8>, String> {
        let doc =
            lopdf::Document::load_mem(bytes).map_err(|e| format!("PDF-en kan ikke leses ({e})"))?;
        let catalog = doc
            .catalog()
            .map_err(|_| "PDF-en har ingen dokumentkatalog".to_string())?;
        let stream = catalog
            .get_deref(b"Metadata", &doc)
            .ok()
            .and_then(|m| m.as_stream().ok())
            .ok_or("PDF-en har ingen XMP-metadata (Metadata i katalogen)")?;
        Ok(if stream.dict.get(b"Filter").is_ok() {
            stream
                .decompressed_content()
                .map_err(|_| "XMP-metadataene kan ikke pakkes ut".to_string())?
        } else {
            stream.content.clone()
        })
    })
    .map_err(|_| "PDF-en kan ikke leses".to_string())??;
    let xmp = String::from_utf8_lossy(&xmp);
    // The packet wrapper (<?xpacket?>) is a processing instruction; roxmltree reads past it.
    let start = xmp.find('<').unwrap_or(0);
    let doc = roxmltree::Document::parse(xmp[start..].trim_end_matches('\0'))
        .map_err(|e| format!("XMP-metadataene er ikke velformet XML ({e})"))?;
    let prop = |name: &str| -> Option<String> {
        doc.descendants().find_map(|n| {
            if n.is_element() {
                if let Some(v) = n.attribute((PDFAID, name)) {
                    return Some(v.trim().to_string());
                }
                if n.tag_name().namespace() == Some(PDFAID) && n.tag_name().name() == name {
                    return n.text().map(|t| t.trim().to_string());
                }
            }
            None
        })
    };
    let part = prop("part").ok_or("XMP-metadataene har ingen pdfaid:part")?;
    let conformance = prop("conformance").unwrap_or_default();
    Ok(Level { part, conformance })
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{dictionary, Document, Object, Stream};

    /// A one-page PDF with `xmp` as its catalogue's metadata stream.
    fn pdf_with(xmp: Option<&str>) -> Vec<u8> {
        let mut doc = Document::with_version("1.7");
        let pages_id = doc.new_object_id();
        let page = doc.add_object(dictionary! {"Type" => "Page", "Parent" => pages_id, "MediaBox" => vec![0.into(), 0.into(), 100.into(), 100.into()]});
        doc.objects.insert(
            pages_id,
            Object::Dictionary(
                dictionary! {"Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1},
            ),
        );
        let mut catalog = dictionary! {"Type" => "Catalog", "Pages" => pages_id};
        if let Some(x) = xmp {
            let m = doc.add_object(Stream::new(
                dictionary! {"Type" => "Metadata", "Subtype" => "XML"},
                x.as_bytes().to_vec(),
            ));
            catalog.set("Metadata", m);
        }
        let cat = doc.add_object(catalog);
        doc.trailer.set("Root", cat);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    const XMP_ATTR: &str = r#"<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" pdfaid:part="2" pdfaid:conformance="B"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>"#;
    const XMP_ELEM: &str = r#"<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"><pdfaid:part>2</pdfaid:part><pdfaid:conformance>A</pdfaid:conformance></rdf:Description></rdf:RDF></x:xmpmeta>"#;

    #[test]
    fn a_pdf_with_pdfaid_in_its_xmp_identifies_with_its_level() {
        let l = identify(&pdf_with(Some(XMP_ATTR))).unwrap();
        assert_eq!(
            (l.to_string().as_str(), l.pronom()),
            ("2b", Some("fmt/477"))
        );
        let l = identify(&pdf_with(Some(XMP_ELEM))).unwrap();
        assert_eq!(
            (l.to_string().as_str(), l.pronom()),
            ("2a", Some("fmt/476"))
        );
    }

    #[test]
    fn html_a_pdf_without_xmp_and_xmp_without_pdfaid_do_not() {
        assert_eq!(
            identify(b"<!DOCTYPE html><html lang=\"nb\"></html>").unwrap_err(),
            "ikke en PDF"
        );
        assert!(identify(&pdf_with(None)).unwrap_err().contains("ingen XMP"));
        // pdfaid is a namespace, not a prefix: the same names in another namespace do not count.
        let plain = XMP_ELEM.replace("http://www.aiim.org/pdfa/ns/id/", "http://example.org/ns/");
        assert!(identify(&pdf_with(Some(&plain)))
            .unwrap_err()
            .contains("pdfaid:part"));
        assert!(identify(b"%PDF-1.7\ngarbage").is_err());
    }
}
