//! The one escaper for text and quoted attribute values in the HTML and XML the builder writes
//! by hand (skeleton, archive pages, serve's error page, feeds, sitemap).
//!
//! Hand-written because the choice for `'` matters: `&#39;` is valid in HTML 4, HTML 5 and XML
//! alike, while quick-xml's escaper writes `&apos;` (not an HTML 4 entity) and would change every
//! page's bytes. Templates keep minijinja's own autoescape.

/// Escapes `&`, `<`, `>`, `"` and `'` for element content and quoted attribute values.
pub fn markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::markup;

    #[test]
    fn escapes_all_five_characters() {
        assert_eq!(
            markup(r#"a & b < c > d " e ' f"#),
            "a &amp; b &lt; c &gt; d &quot; e &#39; f"
        );
    }

    /// The old XML escaper of the sitemap and feeds wrote `&apos;` where the HTML one wrote
    /// `&#39;`: one form for both now, the one valid in HTML 4 too.
    #[test]
    fn apostrophe_has_one_form_for_html_and_xml() {
        assert_eq!(markup("Helse i Bergen's"), "Helse i Bergen&#39;s");
    }

    #[test]
    fn escapes_once_and_keeps_other_text() {
        assert_eq!(markup("&amp; æøå"), "&amp;amp; æøå");
        assert_eq!(markup(""), "");
    }
}
