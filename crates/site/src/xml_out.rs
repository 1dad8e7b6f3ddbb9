//! The feeds' and the sitemap's XML through quick-xml's writer. Text and attribute values go
//! through the builder's one escaper ([`crate::escape::markup`]) so every output escapes alike; the
//! layout (which elements share a line) is written out, since the writer's indent mode would
//! break `<url><loc>…</loc></url>` and `<author><name>…</name></author>` over lines.

use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::name::QName;
use quick_xml::Writer;

/// A document being written to memory (which cannot fail, so errors are not returned).
pub struct Doc {
    w: Writer<Vec<u8>>,
}

impl Doc {
    /// A document starting with `<?xml version="1.0" encoding="{encoding}"?>` and a newline.
    pub fn new(encoding: &str) -> Doc {
        let mut d = Doc {
            w: Writer::new(Vec::new()),
        };
        d.event(Event::Decl(BytesDecl::new("1.0", Some(encoding), None)));
        d.layout("\n");
        d
    }

    fn event(&mut self, e: Event<'_>) {
        self.w
            .write_event(e)
            .expect("writing XML to memory cannot fail");
    }

    /// Whitespace between elements, as is.
    pub fn layout(&mut self, ws: &str) {
        self.event(Event::Text(BytesText::from_escaped(ws)));
    }

    fn start(name: &str, attrs: &[(&str, &str)]) -> BytesStart<'static> {
        let mut e = BytesStart::new(name.to_string());
        for (k, v) in attrs {
            let v = crate::escape::markup(v);
            e.push_attribute(Attribute {
                key: QName(k),
                value: v.into(),
            });
        }
        e
    }

    /// `<name a="v">`
    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.event(Event::Start(Self::start(name, attrs)));
    }

    /// `</name>`
    pub fn close(&mut self, name: &str) {
        self.event(Event::End(BytesEnd::new(name)));
    }

    /// `<name a="v">text</name>`, the text escaped.
    pub fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.open(name, attrs);
        self.event(Event::Text(BytesText::from_escaped(crate::escape::markup(
            text,
        ))));
        self.close(name);
    }

    /// `<name a="v"/>`
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.event(Event::Empty(Self::start(name, attrs)));
    }

    /// The finished document.
    pub fn finish(self) -> String {
        String::from_utf8(self.w.into_inner()).expect("written from &str only")
    }
}

#[cfg(test)]
mod tests {
    use super::Doc;

    #[test]
    fn escapes_text_and_attributes_with_the_one_escaper() {
        let mut d = Doc::new("utf-8");
        d.open("a", &[("k", "1 & 'to'")]);
        d.layout("\n  ");
        d.leaf("b", &[], "<x> & \"y\" 'z'");
        d.empty("c", &[("href", "https://e.no/?a=1&b=2")]);
        d.layout("\n");
        d.close("a");
        assert_eq!(
            d.finish(),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<a k=\"1 &amp; &#39;to&#39;\">\n  \
             <b>&lt;x&gt; &amp; &quot;y&quot; &#39;z&#39;</b><c href=\"https://e.no/?a=1&amp;b=2\"/>\n</a>"
        );
    }
}
