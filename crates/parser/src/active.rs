//! Attachments are documents, not programs (CONTENT.md §4): does a file copied as it is run
//! script when a reader opens it from the site? Pure: bytes in, a reason out.
//!
//! Pages (HTML, XHTML, …) are refused by their extension; markup under any other extension by
//! its first bytes, as a browser sniffing a file served without a type would see it. SVG and
//! XML are read with a real XML parser (quick-xml): an SVG may be published when nothing in it
//! can run, and what cannot be parsed is refused, since a browser's parser may read it otherwise.

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

const SVG_NS: &str = "http://www.w3.org/2000/svg";
const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";
const XSLT_NS: &str = "http://www.w3.org/1999/XSL/Transform";

/// Extensions a browser opens as a page or runs as a program.
const PAGES: &[&str] = &[
    "html", "htm", "xhtml", "xht", "shtml", "shtm", "mht", "mhtml", "hta", "xsl", "xslt", "js",
    "mjs", "swf",
];

/// Elements that run script or embed other documents (compared by local name, in any
/// namespace: an unknown namespace is no reason to let one through).
const EMBEDDING: &[&str] = &[
    "script",
    "foreignobject",
    "iframe",
    "frame",
    "frameset",
    "embed",
    "object",
    "applet",
    "handler",
    "listener",
    "meta",
    "portal",
];

/// SVG animation elements, which can set an attribute (an `href`) as time passes.
const ANIMATION: &[&str] = &["animate", "set", "animatetransform", "animatemotion"];

/// Why the file `name` (its extension decides how a browser opens it) would run script, or
/// `None` when it would not.
pub fn script_in(name: &str, bytes: &[u8]) -> Option<String> {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if PAGES.contains(&ext.as_str()) {
        return Some(format!(
            "en .{ext}-fil åpnes som en nettside eller et program i nettleseren"
        ));
    }
    match ext.as_str() {
        "svgz" => Some("en komprimert SVG-fil (.svgz) kan ikke kontrolleres for skript".into()),
        "svg" => markup(bytes, Kind::Svg),
        "xml" | "xsd" | "rdf" => markup(bytes, Kind::Xml),
        _ => sniffed_markup(bytes),
    }
}

/// A file of another type that starts (after a byte order mark and white space) with a tag,
/// a comment, a doctype or an XML declaration: served without a type, a browser sniffs it as
/// HTML or XML and runs what is in it, whatever its extension says.
fn sniffed_markup(bytes: &[u8]) -> Option<String> {
    let start: Vec<u8> = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        rest.iter().take(64).copied().collect()
    } else if bytes.starts_with(b"\xFE\xFF") || bytes.starts_with(b"\xFF\xFE") {
        // UTF-16: the ASCII of its first characters.
        let le = bytes[0] == 0xFF;
        bytes[2..]
            .chunks_exact(2)
            .take(64)
            .filter_map(|c| {
                let (lo, hi) = if le { (c[0], c[1]) } else { (c[1], c[0]) };
                (hi == 0).then_some(lo)
            })
            .collect()
    } else {
        bytes.iter().take(1024).copied().collect()
    };
    let mut rest = start
        .iter()
        .skip_while(|b| matches!(b, b'\t' | b'\n' | b'\x0C' | b'\r' | b' '));
    match (rest.next(), rest.next()) {
        (Some(b'<'), Some(c)) if c.is_ascii_alphabetic() || matches!(c, b'!' | b'?' | b'/') => {
            Some(
                "innholdet er HTML eller XML, og nettleseren kan åpne det som en nettside \
                 uansett hva filendelsen sier"
                    .into(),
            )
        }
        _ => None,
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Svg,
    Xml,
}

fn unparsable(why: impl std::fmt::Display) -> Option<String> {
    Some(format!(
        "filen kan ikke leses som XML ({why}), og en nettleser kan lese den annerledes"
    ))
}

/// Reads an SVG or XML file element by element: the first reason it would run script.
fn markup(bytes: &[u8], kind: Kind) -> Option<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Markup is ASCII: a file in another ASCII-compatible encoding reads the same here. One in
    // UTF-16 does not parse, and is refused.
    let text = String::from_utf8_lossy(bytes);
    let mut r = NsReader::from_str(&text);
    let mut depth = 0usize;
    let mut roots = 0usize;
    loop {
        let (ns, event) = match r.read_resolved_event() {
            Ok((ns, e)) => (namespace(ns), e),
            Err(e) => return unparsable(e),
        };
        match event {
            Event::Start(e) | Event::Empty(e) if ns.is_none() && e.name().prefix().is_some() => {
                return unparsable(format!(
                    "prefikset i <{}> er ikke definert",
                    e.name().as_ref()
                ))
            }
            Event::Start(ref e) | Event::Empty(ref e) => {
                if depth == 0 {
                    roots += 1;
                    if roots > 1 {
                        return unparsable("mer enn ett rotelement");
                    }
                    let local = local(e);
                    if kind == Kind::Svg && (local != "svg" || ns.as_deref() != Some(SVG_NS)) {
                        return Some(format!(
                            "rotelementet er <{local}>, ikke <svg> med \
                             xmlns=\"http://www.w3.org/2000/svg\", så filen er ikke et SVG-bilde"
                        ));
                    }
                }
                if let Some(why) = element(&r, e, ns.as_deref(), kind) {
                    return Some(why);
                }
                if matches!(event, Event::Start(_)) {
                    depth += 1;
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::DocType(d) if d.as_ref().contains('[') => {
                return Some(
                    "DOCTYPE-en definerer egne entiteter, som nettleseren kan gjøre om til skript"
                        .into(),
                )
            }
            Event::Decl(d) => {
                if let Some(Ok(enc)) = d.encoding() {
                    let enc = enc.to_ascii_lowercase();
                    let known = enc == "utf-8"
                        || enc == "us-ascii"
                        || enc.starts_with("iso-8859-")
                        || enc.starts_with("windows-125");
                    if !known {
                        return unparsable(format!("tegnsettet {enc}; lagre filen som UTF-8"));
                    }
                }
            }
            Event::PI(p) if p.target().eq_ignore_ascii_case("xml-stylesheet") => {
                return Some(
                    "<?xml-stylesheet?> kan gjøre dokumentet om til en nettside med skript".into(),
                )
            }
            Event::GeneralRef(g) => {
                let predefined = matches!(g.as_ref(), "amp" | "lt" | "gt" | "quot" | "apos");
                if !predefined && !g.is_char_ref() {
                    return unparsable(format!("ukjent entitet &{};", g.as_ref()));
                }
            }
            Event::Text(t) if depth == 0 && !t.as_ref().trim().is_empty() => {
                return unparsable("tekst utenfor rotelementet")
            }
            Event::Eof => break,
            _ => {}
        }
    }
    match (roots, depth) {
        (0, _) => unparsable("ingen elementer"),
        (_, 0) => None,
        _ => unparsable("et element er ikke lukket"),
    }
}

fn namespace(ns: ResolveResult) -> Option<String> {
    match ns {
        ResolveResult::Bound(n) => Some(n.as_ref().to_string()),
        _ => None,
    }
}

fn local(e: &BytesStart) -> String {
    e.local_name().as_ref().to_ascii_lowercase()
}

/// The reason one element would run script, from its name, namespace and attributes.
fn element(r: &NsReader<&[u8]>, e: &BytesStart, ns: Option<&str>, kind: Kind) -> Option<String> {
    let name = local(e);
    match ns {
        Some(XHTML_NS) => {
            return Some(format!(
                "elementet <{name}> er HTML, som kan kjøre skript i nettleseren"
            ))
        }
        Some(XSLT_NS) => return Some("filen er et XSLT-program".into()),
        Some(SVG_NS) if kind == Kind::Xml => {
            return Some("filen inneholder SVG, som kan kjøre skript".into())
        }
        _ => {}
    }
    if EMBEDDING.contains(&name.as_str()) {
        return Some(format!(
            "elementet <{name}> kjører skript eller bygger inn andre dokumenter"
        ));
    }
    for a in e.attributes() {
        let a = match a {
            Ok(a) => a,
            Err(err) => return unparsable(err),
        };
        let (_, attr_local) = r.resolver().resolve_attribute(a.key);
        let attr = attr_local.as_ref().to_ascii_lowercase();
        let full = a.key.as_ref().to_string();
        if full.starts_with("xmlns") {
            continue;
        }
        if attr.starts_with("on") {
            return Some(format!("attributtet `{full}` kjører skript"));
        }
        let value = match a.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
            Ok(v) => v,
            Err(err) => return unparsable(err),
        };
        // Browsers skip white space and control characters inside a URL's scheme.
        let compact: String = value
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .collect::<String>()
            .to_ascii_lowercase();
        let scheme = [
            "javascript:",
            "vbscript:",
            "data:text/html",
            "data:application/xhtml",
            "data:image/svg",
        ]
        .into_iter()
        .find(|s| compact.contains(s));
        if let Some(s) = scheme {
            return Some(format!(
                "attributtet `{full}` har en `{s}`-lenke, som kjører skript"
            ));
        }
        if attr == "href" && name == "use" && !value.trim_start().starts_with('#') {
            return Some(format!(
                "<use> henter inn innhold fra utenfor filen (`{full}=\"{}\"`)",
                value.chars().take(80).collect::<String>()
            ));
        }
        if attr == "attributename" && ANIMATION.contains(&name.as_str()) {
            let target = compact.rsplit(':').next().unwrap_or("");
            if target == "href" || target.starts_with("on") {
                return Some(format!(
                    "<{name}> endrer attributtet `{}`, som kan bli en lenke med skript",
                    value.trim()
                ));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::script_in;

    fn svg(inner: &str) -> String {
        format!("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">{inner}</svg>")
    }

    #[test]
    fn pages_by_extension() {
        for name in ["a.html", "b.HTM", "c.xhtml", "d.xht", "e.shtml", "f.svgz"] {
            assert!(script_in(name, b"").is_some(), "{name}");
        }
    }

    #[test]
    fn sniffed_markup_under_another_extension() {
        for bytes in [
            &b"<html><script>x</script>"[..],
            b"\n  <!DOCTYPE html>",
            b"\xEF\xBB\xBF<script>",
            b"<?xml version=\"1.0\"?><x/>",
            b"\xFF\xFE<\0h\0t\0m\0l\0>\0",
        ] {
            assert!(script_in("rapport.pdf", bytes).is_some(), "{bytes:?}");
        }
        for bytes in [
            &b"%PDF-1.7\n<</Type /Catalog>>"[..],
            b"a < b",
            b"",
            b"<3 kaffe",
        ] {
            assert_eq!(script_in("notat.txt", bytes), None, "{bytes:?}");
        }
    }

    #[test]
    fn svg_that_runs_script() {
        for inner in [
            "<script>alert(1)</script>",
            "<g onload=\"alert(1)\"/>",
            "<g ONCLICK=\"alert(1)\"/>",
            "<foreignObject><div/></foreignObject>",
            "<a xlink:href=\"&#106;ava&#x73;cript:alert(1)\"><rect/></a>",
            "<a href=\" java\tscript:alert(1)\"><rect/></a>",
            "<a><set attributeName=\"href\" to=\"#x\"/></a>",
            "<a><animate attributeName=\"xlink:href\" values=\"x\"/></a>",
            "<use href=\"other.svg#a\"/>",
            "<use xlink:href=\"data:image/svg+xml,abc\"/>",
            "<h:script xmlns:h=\"http://www.w3.org/1999/xhtml\">x</h:script>",
            "<h:img xmlns:h=\"http://www.w3.org/1999/xhtml\" src=\"x\"/>",
            "<x:iframe xmlns:x=\"urn:other\"/>",
            "<handler type=\"application/ecmascript\">x</handler>",
            "<g>&unknown;</g>",
            "<g>",
            "<p:g/>",
        ] {
            assert!(
                script_in("a.svg", svg(inner).as_bytes()).is_some(),
                "{inner}"
            );
        }
        for whole in [
            "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY x \"y\">]><svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            "<?xml-stylesheet type=\"text/xsl\" href=\"x.xsl\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            "<html xmlns=\"http://www.w3.org/1999/xhtml\"/>",
            "<svg/>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/><svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            "not xml",
        ] {
            assert!(script_in("a.svg", whole.as_bytes()).is_some(), "{whole}");
        }
    }

    #[test]
    fn a_plain_svg_is_fine() {
        let safe = svg(concat!(
            "<title>Kart &amp; tekst</title><style>rect{fill:red}</style>",
            "<defs><rect id=\"r\" width=\"1\" height=\"1\"/></defs><use href=\"#r\"/>",
            "<use xlink:href=\"#r\"><animate attributeName=\"opacity\" to=\"0\"/></use>",
            "<a href=\"https://example.org/\"><text>onload og javascript: er bare ord</text></a>",
            "<!-- <script> i en kommentar -->"
        ));
        assert_eq!(script_in("kart.svg", safe.as_bytes()), None);
        let with_doctype = format!(
            "\u{feff}<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n{safe}\n"
        );
        assert_eq!(script_in("kart.svg", with_doctype.as_bytes()), None);
    }

    #[test]
    fn xml_with_html_svg_or_xslt() {
        let plain =
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><data><a href=\"x\">1</a></data>";
        assert_eq!(script_in("data.xml", plain.as_bytes()), None);
        for bad in [
            "<data><x:script xmlns:x=\"http://www.w3.org/1999/xhtml\">a</x:script></data>",
            "<data><svg xmlns=\"http://www.w3.org/2000/svg\"/></data>",
            "<?xml-stylesheet href=\"a.xsl\"?><data/>",
            "<data onclick=\"x\"/>",
            "<data>",
        ] {
            assert!(script_in("data.xml", bad.as_bytes()).is_some(), "{bad}");
        }
    }
}
