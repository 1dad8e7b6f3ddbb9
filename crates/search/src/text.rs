//! The readable text of a rendered page: the content of `<main>`, without the approval trail,
//! tags dropped and character references decoded. Enough for our own templates' HTML, which is
//! well-formed and sanitised; no general HTML parser is needed.

use std::borrow::Cow;

/// Where the indexable text of a page starts and ends (`base.html`).
const MAIN_START: &str = "<main";
const MAIN_END: &str = "</main>";
/// The approval trail is about the page, not its subject: left out of search.
const TRAIL_START: &str = "<section class=\"trail\"";

/// Templates wrap what is about the page rather than its subject (labels, the thread of a
/// case, links to other pages) in these comments: left out of search and its excerpts.
pub(super) const SKIP_START: &str = "<!--search:off-->";
pub(super) const SKIP_END: &str = "<!--search:on-->";

/// Plain text of the page's main content, whitespace collapsed.
pub fn main_text(html: &str) -> String {
    let start = html.find(MAIN_START).unwrap_or(0);
    let rest = &html[start..];
    let end = [rest.find(TRAIL_START), rest.find(MAIN_END)]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(rest.len());
    strip(&without_skipped(&rest[..end]))
}

/// `html` without the regions between [`SKIP_START`] and [`SKIP_END`] (an unclosed one runs
/// to the end). A space stands for each, so the words beside it stay apart.
fn without_skipped(html: &str) -> Cow<'_, str> {
    if !html.contains(SKIP_START) {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(SKIP_START) {
        out.push_str(&rest[..i]);
        out.push(' ');
        let after = &rest[i + SKIP_START.len()..];
        rest = after
            .find(SKIP_END)
            .map_or("", |j| &after[j + SKIP_END.len()..]);
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Drops tags (and the contents of `script`/`style`), decodes references, collapses spaces.
pub(super) fn strip(html: &str) -> String {
    let mut out = Collapsed {
        text: String::with_capacity(html.len() / 2),
        space: false,
    };
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_text(&mut out, &rest[..lt]);
        let tag = &rest[lt..];
        let close = tag.find('>').map_or(tag.len(), |i| i + 1);
        let name = tag[1..close.min(tag.len())]
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .next()
            .unwrap_or("");
        rest = &tag[close..];
        // Our templates write these in lowercase.
        if !tag.starts_with("</") {
            if let Some(end) = ["script", "style"]
                .into_iter()
                .find(|n| name.eq_ignore_ascii_case(n))
            {
                let end = format!("</{end}");
                rest = rest.find(&end).map_or("", |i| &rest[i..]);
                continue;
            }
        }
        // Block boundaries separate words.
        out.space = true;
    }
    push_text(&mut out, rest);
    out.text
}

/// Text with runs of whitespace collapsed to one space as it is written, none at the ends.
struct Collapsed {
    text: String,
    space: bool,
}

impl Collapsed {
    fn push(&mut self, c: char) {
        if c.is_whitespace() {
            self.space = true;
            return;
        }
        if self.space && !self.text.is_empty() {
            self.text.push(' ');
        }
        self.space = false;
        self.text.push(c);
    }

    fn push_str(&mut self, s: &str) {
        // Runs without whitespace are copied whole.
        for (i, part) in s.split(char::is_whitespace).enumerate() {
            if i > 0 {
                self.space = true;
            }
            if !part.is_empty() {
                if self.space && !self.text.is_empty() {
                    self.text.push(' ');
                }
                self.space = false;
                self.text.push_str(part);
            }
        }
    }
}

fn push_text(out: &mut Collapsed, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        match after.find(';').filter(|&i| i <= 10) {
            Some(semi) => {
                match decode(&after[..semi]) {
                    Some(c) => out.push(c),
                    None => out.push_str(&rest[amp..amp + semi + 2]),
                }
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

fn decode(entity: &str) -> Option<char> {
    if let Some(num) = entity.strip_prefix('#') {
        let n = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(n);
    }
    Some(match entity {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "shy" => '\u{ad}',
        "ndash" => '–',
        "mdash" => '—',
        "laquo" => '«',
        "raquo" => '»',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn main_text_without_tags_trail_or_chrome() {
        let html = "<header>Meny</header><main id=\"innhold\"><h1>Sak &amp; ting</h1>\
            <p>Tekst<br>med&nbsp;ord &#229;&#xE6; &unknown; R&D</p><script>x()</script>\
            <section class=\"trail\">Godkjent av Kari</section></main><footer>Bunn</footer>";
        assert_eq!(main_text(html), "Sak & ting Tekst med ord åæ &unknown; R&D");
    }

    #[test]
    fn what_templates_mark_as_not_the_subject_is_left_out() {
        let html = "<main><p class=\"kicker\">x</p><h1>Tittel</h1><!--search:off--><dl>\
            <dt>Saksnummer</dt><dd>2025.1</dd></dl><!--search:on--><p>Tekst</p>\
            <!--search:off--><h2>Sakens gang</h2><ol><li>Annen sak</li></ol></main>";
        assert_eq!(main_text(html), "x Tittel Tekst");
    }
}
