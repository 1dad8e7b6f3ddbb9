//! A thin layer over quick-xml for the archive files: indented elements with escaped text.
//! Writing goes to memory, so the only errors are quick-xml's own, kept as `io::Error`.

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use std::io;

pub(super) struct Xml {
    w: Writer<Vec<u8>>,
}

impl Xml {
    /// A document with the XML declaration (`utf-8`, as the official schemas and template use).
    pub(super) fn new() -> io::Result<Xml> {
        let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
        Ok(Xml { w })
    }

    /// `<name a="v" ...>`
    pub(super) fn open(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        let mut e = BytesStart::new(name);
        for (k, v) in attrs {
            e.push_attribute((*k, *v));
        }
        self.w.write_event(Event::Start(e))
    }

    pub(super) fn close(&mut self, name: &str) -> io::Result<()> {
        self.w.write_event(Event::End(BytesEnd::new(name)))
    }

    /// `<name>text</name>`
    pub(super) fn leaf(&mut self, name: &str, text: &str) -> io::Result<()> {
        self.leaf_with(name, &[], text)
    }

    pub(super) fn leaf_with(
        &mut self,
        name: &str,
        attrs: &[(&str, &str)],
        text: &str,
    ) -> io::Result<()> {
        self.open(name, attrs)?;
        self.w.write_event(Event::Text(BytesText::new(text)))?;
        self.close(name)
    }

    /// `<name>text</name>` when there is a text.
    pub(super) fn opt(&mut self, name: &str, text: Option<&str>) -> io::Result<()> {
        match text {
            Some(t) if !t.trim().is_empty() => self.leaf(name, t),
            _ => Ok(()),
        }
    }

    /// The finished document, ending with a newline.
    pub(super) fn finish(self) -> Vec<u8> {
        let mut v = self.w.into_inner();
        v.push(b'\n');
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_indents() {
        let mut x = Xml::new().unwrap();
        x.open("a", &[("k", "1 & 2")]).unwrap();
        x.leaf("b", "<tittel> & \"sitat\"").unwrap();
        x.opt("c", Some(" ")).unwrap();
        x.close("a").unwrap();
        let s = String::from_utf8(x.finish()).unwrap();
        assert!(
            s.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<a k=\"1 &amp; 2\">\n  <b>"),
            "{s}"
        );
        assert!(s.contains("&lt;tittel&gt; &amp;"), "{s}");
        assert!(!s.contains("<c>"), "{s}");
    }
}
