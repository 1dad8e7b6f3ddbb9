//! Markdown to safe HTML and to plain text.
//!
//! Headings get stable ids, headings are shifted so a body never adds a second `h1` to a page,
//! relative links are resolved by the caller (who knows the URLs), and raw HTML is sanitised:
//! no scripts, event handlers, `javascript:` URLs or iframes reach a reader.

pub use crate::dialect::{file_of_link, options};
use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};
use std::collections::{HashMap, HashSet};

/// Rendered Markdown.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rendered {
    /// The HTML, sanitised.
    pub html: String,
    /// The text a reader sees, for search and checks.
    pub text: String,
}

/// Where a link goes: its URL, and a note added to its text (so to its accessible name too),
/// such as "(avpublisert)" for a page taken down.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkTo {
    /// The URL the link is written with.
    pub url: String,
    /// Added to the link text in parentheses, if any.
    pub note: Option<String>,
}

/// Renders `md`. `resolve_link` maps a relative link target (as written) to its URL, or `None`
/// to keep it. `min_level` is the level the body's top heading gets (2 below a page `h1`), so
/// headings stay in order under the page's own.
pub fn render(md: &str, min_level: u8, resolve_link: &dyn Fn(&str) -> Option<String>) -> Rendered {
    let resolve = |t: &str| resolve_link(t).map(|url| LinkTo { url, note: None });
    render_reserving(md, min_level, &[], &resolve)
}

/// As [`render`], never giving a heading one of the `reserved` ids (the page template's own),
/// and adding each link's note (if any) at the end of its text.
pub fn render_reserving(
    md: &str,
    min_level: u8,
    reserved: &[&str],
    resolve_link: &dyn Fn(&str) -> Option<LinkTo>,
) -> Rendered {
    // One parse: the events are kept, so the top heading is found among them.
    let mut events: Vec<Event> = Parser::new_ext(md, options()).collect();
    let top = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as u8),
            _ => None,
        })
        .min()
        .unwrap_or(min_level);
    let shift = i16::from(min_level) - i16::from(top);
    let mut ids: HashSet<String> = reserved.iter().map(|s| s.to_string()).collect();
    let mut next: HashMap<String, usize> = HashMap::new();
    let mut text = String::with_capacity(md.len());

    // Give headings ids from their text.
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) = &events[i]
        {
            let mut title = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    title.push_str(t);
                }
                j += 1;
            }
            let mut base = id
                .as_ref()
                .map(|s| s.to_string())
                .unwrap_or_else(|| slugify(&title));
            if base.is_empty() {
                base = "avsnitt".to_string();
            }
            let unique = unique_id(&mut ids, &mut next, base);
            let new_level = shift_level(*level, shift);
            events[i] = Event::Start(Tag::Heading {
                level: new_level,
                id: Some(CowStr::from(unique)),
                classes: classes.clone(),
                attrs: attrs.clone(),
            });
            if j < events.len() {
                events[j] = Event::End(TagEnd::Heading(new_level));
            }
        }
        i += 1;
    }

    // Links do not nest: at most one note waits for its link's end.
    let mut note: Option<String> = None;
    let mut out = Vec::with_capacity(events.len());
    for mut e in events {
        match &mut e {
            // A decorative image gets `alt=""` (its alt is empty) and loses the mark.
            Event::Start(Tag::Image { title, .. }) if crate::dialect::is_decorative(title) => {
                *title = CowStr::from("");
                if let Event::Start(Tag::Image { dest_url, .. }) = &mut e {
                    if let Some(to) = resolve_link(dest_url) {
                        *dest_url = CowStr::from(to.url);
                    }
                }
            }
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                if let Some(to) = resolve_link(dest_url) {
                    *dest_url = CowStr::from(to.url);
                    if matches!(e, Event::Start(Tag::Link { .. })) {
                        note = to.note;
                    }
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some(n) = note.take() {
                    let n = Event::Text(CowStr::from(format!(" {n}")));
                    push_text(&n, &mut text);
                    out.push(n);
                }
            }
            e => push_text(e, &mut text),
        }
        out.push(e);
    }
    let events = out;

    let plain = events.iter().all(needs_no_sanitizer);
    let mut raw = String::with_capacity(md.len() * 3 / 2);
    html::push_html(&mut raw, events.into_iter());
    // Sanitising re-parses the HTML into a DOM: a fifth of the rendering time of a large site.
    // Markdown without raw HTML, unsafe URLs or attributes the sanitiser would strip is safe
    // as pulldown-cmark writes it (it escapes all text and attribute values).
    let html = if plain { raw } else { sanitize(&raw) };
    Rendered {
        html: scrollable_tables(html),
        text: text.trim().to_string(),
    }
}

/// `base`, or `base-N` with the least N from 2 on that is still free. Each base remembers where
/// its search stopped, so a page of 40,000 equal headings costs 40,000 tries, not 800 million:
/// an id blocks at most one try (`a-2-3` only base `a-2` at 3).
fn unique_id(ids: &mut HashSet<String>, next: &mut HashMap<String, usize>, base: String) -> String {
    if ids.insert(base.clone()) {
        return base;
    }
    let n = next.entry(base.clone()).or_insert(2);
    loop {
        let unique = format!("{base}-{n}");
        *n += 1;
        if ids.insert(unique.clone()) {
            return unique;
        }
    }
}

/// What `e` adds to the text a reader sees.
fn push_text(e: &Event, text: &mut String) {
    match e {
        Event::Text(t) | Event::Code(t) => text.push_str(t),
        Event::SoftBreak | Event::HardBreak => text.push(' '),
        Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell) => {
            text.push('\n')
        }
        _ => {}
    }
}

/// The text of `md` as [`render`] gives it, without making and sanitising the HTML: for open
/// data and feeds, which need only the text (the sanitiser was most of the cost).
pub fn text(md: &str) -> String {
    let mut text = String::with_capacity(md.len());
    for e in Parser::new_ext(md, options()) {
        push_text(&e, &mut text);
    }
    text.trim().to_string()
}

/// Wraps each table in a focusable region that scrolls sideways on its own, so a wide table
/// never makes the page scroll at 320 CSS px (WCAG 1.4.10) and keyboard users can scroll it.
fn scrollable_tables(html: String) -> String {
    if !html.contains("<table") {
        return html;
    }
    html.replace(
        "<table",
        "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Tabell\"><table",
    )
    .replace("</table>", "</table></div>")
}

/// Whether pulldown-cmark's HTML for `e` is already what [`sanitize`] would leave, up to
/// serialisation (`<br />` or `<br>`, `&quot;` or `"` in text).
fn needs_no_sanitizer(e: &Event) -> bool {
    match e {
        // Raw HTML, and constructs written with `class` or `style`, which the sanitiser strips.
        Event::Html(_) | Event::InlineHtml(_) | Event::FootnoteReference(_) => false,
        Event::Start(Tag::FootnoteDefinition(_)) => false,
        Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(lang))) => {
            lang.is_empty()
        }
        Event::Start(Tag::Table(align)) => align
            .iter()
            .all(|a| matches!(a, pulldown_cmark::Alignment::None)),
        Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. }) => {
            safe_url(dest_url)
        }
        _ => true,
    }
}

/// A relative URL, or one whose scheme cannot run code.
fn safe_url(url: &str) -> bool {
    let scheme_end = url.find([':', '/', '?', '#']);
    match scheme_end {
        Some(i) if url[i..].starts_with(':') => {
            let scheme = url[..i].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto" | "tel")
        }
        // No scheme: relative, an absolute path or a fragment.
        _ => true,
    }
}

/// Link and image targets in `md`, fragment-only links left out; relative ones as the files
/// they name (see [`file_of_link`]).
pub fn links(md: &str) -> Vec<String> {
    crate::nesting::scan(md).links
}

fn shift_level(level: HeadingLevel, by: i16) -> HeadingLevel {
    let n = (level as i16 + by).clamp(1, 6);
    HeadingLevel::try_from(n as usize).unwrap_or(HeadingLevel::H6)
}

/// Keeps formatting, tables, links and images; drops scripts, styles, frames, forms and every
/// event handler. Relative URLs pass through (they were resolved above).
pub fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .add_generic_attributes(["id", "lang"])
        .add_tag_attributes("th", ["scope"])
        .add_tag_attributes("td", ["colspan", "rowspan"])
        .add_tag_attributes("ol", ["start"])
        .link_rel(None)
        .clean(html)
        .to_string()
}

/// An id or URL segment from a title: lowercase ASCII letters, digits and hyphens; æøå spelt out.
pub fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        let piece = match c {
            'æ' => "ae",
            'ø' | 'ö' => "o",
            'å' | 'ä' | 'á' | 'à' => "a",
            'é' | 'è' | 'ê' => "e",
            'ü' => "u",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "-",
        };
        out.push_str(piece);
    }
    let mut collapsed = String::new();
    for part in out.split('-').filter(|p| !p.is_empty()) {
        if !collapsed.is_empty() {
            collapsed.push('-');
        }
        collapsed.push_str(part);
    }
    collapsed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(md: &str) -> Rendered {
        render(md, 2, &|_| None)
    }

    #[test]
    fn text_alone_is_the_text_of_a_render() {
        for md in [
            "# Tittel\n\nEn [lenke](x.md) og *vekt*,\nmyk linje.  \nhard linje.",
            "## A\n\n- en\n- to `kode`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
            "Fotnote[^1].\n\n[^1]: Her.\n\n<div onclick=\"x\">rå <b>HTML</b></div>\n",
            "  \n",
        ] {
            assert_eq!(text(md), plain(md).text, "{md:?}");
        }
    }

    #[test]
    fn headings_shift_below_page_title() {
        let r = plain("# Bakgrunn\n\nTekst\n\n## Mer\n");
        assert!(
            r.html.contains("<h2 id=\"bakgrunn\">Bakgrunn</h2>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<h3 id=\"mer\">"), "{}", r.html);
    }

    #[test]
    fn headings_rise_to_the_page_level_and_avoid_reserved_ids() {
        let r = render_reserving("### Vedlegg\n\n#### Mer\n", 2, &["vedlegg"], &|_| None);
        assert!(r.html.contains("<h2 id=\"vedlegg-2\">"), "{}", r.html);
        assert!(r.html.contains("<h3 id=\"mer\">"), "{}", r.html);
    }

    #[test]
    fn tables_scroll_in_a_region_of_their_own() {
        let r = plain("| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(
            r.html
                .contains("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\""),
            "{}",
            r.html
        );
        assert!(r.html.contains("</table></div>"), "{}", r.html);
    }

    #[test]
    fn duplicate_heading_ids_are_unique() {
        let r = plain("## Vurdering\n\n## Vurdering\n");
        assert!(r.html.contains("id=\"vurdering-2\""), "{}", r.html);
        // A number already taken is skipped; empty headings are numbered like the others.
        let r = plain("## A-2\n\n## A\n\n## A\n\n## \n\n## \n");
        let ids: Vec<&str> = r
            .html
            .split("id=\"")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
            .collect();
        assert_eq!(ids, ["a-2", "a", "a-3", "avsnitt", "avsnitt-2"]);
    }

    #[test]
    fn raw_html_is_sanitised() {
        let r = plain("Hei <script>alert(1)</script><a href=\"javascript:alert(1)\" onclick=\"x()\">lenke</a><iframe src=\"https://x\"></iframe>");
        assert!(!r.html.contains("<script"));
        assert!(!r.html.contains("onclick"));
        assert!(!r.html.contains("javascript:"));
        assert!(!r.html.contains("iframe"));
        assert!(r.html.contains("lenke"));
    }

    #[test]
    fn links_are_resolved() {
        let r = render("[Avtale](vedlegg/a.md)", 2, &|u| {
            (u == "vedlegg/a.md").then(|| "/ssu/2025-05-22/vedlegg/a/".into())
        });
        assert!(
            r.html.contains("href=\"/ssu/2025-05-22/vedlegg/a/\""),
            "{}",
            r.html
        );
    }

    #[test]
    fn a_note_ends_the_link_text() {
        let r = render_reserving("Se [saken](a.md#del) og [b](b.md).", 2, &[], &|u| {
            Some(LinkTo {
                url: format!("/{u}"),
                note: (u.starts_with("a.md")).then(|| "(avpublisert)".into()),
            })
        });
        assert!(
            r.html.contains(
                "<a href=\"/a.md#del\">saken (avpublisert)</a> og <a href=\"/b.md\">b</a>"
            ),
            "{}",
            r.html
        );
        assert!(r.text.contains("saken (avpublisert) og b"), "{}", r.text);
    }

    #[test]
    fn text_for_search() {
        let r = plain("## Bruk av kjernejournal\n\nFelles *rutiner*.");
        assert!(r.text.contains("Bruk av kjernejournal"));
        assert!(r.text.contains("Felles rutiner."));
    }

    /// The HTML of `md` without and with the sanitiser, serialisation differences evened out.
    fn both_ways(md: &str) -> (String, String) {
        let mut raw = String::new();
        html::push_html(&mut raw, Parser::new_ext(md, options()));
        let even = |s: &str| {
            s.replace(" />", ">")
                .replace("&quot;", "\"")
                .replace('\u{a0}', "&nbsp;")
        };
        (even(&raw), even(&sanitize(&raw)))
    }

    #[test]
    fn plain_markdown_skips_the_sanitiser_only_when_it_would_change_nothing() {
        let plain_cases = [
            "## Bakgrunn\n\nTekst med *kursiv*, **fet**, ~~strøket~~ og `kode \"sitert\"`.",
            "1. en\n2. to\n\n3) tre\n\n- a\n- b\n\n> sitat\n\n---\n",
            "[lenke](https://example.org/a?b=1&c=2 \"Tittel\") [rel](../vedlegg/a.md#del) [e](mailto:a@b.no)",
            "![Bilde](bilde.png \"t\")\nlinje  \nbrudd",
            "| a | b |\n|---|---|\n| 1 & 2 | <3 |\n",
            "```\nkode < > & \"\n```\n\n    innrykket\n",
            "Anførsel \"smart\" og 'enkel' -- tankestrek ... og a\u{a0}b",
        ];
        for md in plain_cases {
            let events: Vec<Event> = Parser::new_ext(md, options()).collect();
            assert!(events.iter().all(needs_no_sanitizer), "{md}");
            let (raw, clean) = both_ways(md);
            assert_eq!(raw, clean, "{md}");
        }
        let sanitised = [
            "Hei <b onclick=\"x()\">du</b>",
            "<script>alert(1)</script>",
            "[x](javascript:alert(1))",
            "[x](JavaScript:alert(1))",
            "[x](data:text/html,hei)",
            "```rust\nfn main() {}\n```",
            "| a |\n|:--|\n| 1 |\n",
            "Fotnote[^1]\n\n[^1]: her",
        ];
        for md in sanitised {
            let events: Vec<Event> = Parser::new_ext(md, options()).collect();
            assert!(!events.iter().all(needs_no_sanitizer), "{md}");
            let (raw, clean) = both_ways(md);
            assert_ne!(raw, clean, "sanitising changes {md}");
        }
    }

    #[test]
    fn links_found_with_and_without_the_shortcut() {
        assert_eq!(
            links("Ingen lenker her.\n\nhttps://example.org"),
            Vec::<String>::new()
        );
        assert_eq!(
            links("Se [avtalen](vedlegg/a.pdf), ![bilde](b.png) og <https://example.org>.\n\n[ref]: c.md\n[Ref][ref]"),
            ["vedlegg/a.pdf", "b.png", "https://example.org", "c.md"]
        );
        // A relative link names its file decoded; an external one stays as written.
        assert_eq!(
            links("[a](vedlegg/referat%20mai.pdf) [b](<vedlegg/tall 100%.pdf>) [c](https://x.no/a%20b#c)"),
            ["vedlegg/referat mai.pdf", "vedlegg/tall 100%.pdf", "https://x.no/a%20b#c"]
        );
        // The fragment is cut before decoding: `%23` is part of the name.
        assert_eq!(
            links("[a](vedlegg/a%23b.md) [b](vedlegg/x.pdf#page=2) [c](#avsnitt)"),
            ["vedlegg/a#b.md", "vedlegg/x.pdf"]
        );
    }

    #[test]
    fn the_line_of_a_link() {
        let md = "Tekst.\n\nSe [kartet](vedlegg/kart%20ny.svg) og\n![bilde](b.svg).\n\n[ref]: c.svg\n[Ref][ref]";
        // Found in the one pass over the body that finds its links.
        let scan = crate::nesting::scan(md);
        assert_eq!(scan.links, ["vedlegg/kart ny.svg", "b.svg", "c.svg"]);
        assert_eq!(scan.link_lines, [3, 4, 7]);
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slugify("Årsmelding for 2025: Økonomi & mål"),
            "arsmelding-for-2025-okonomi-mal"
        );
    }
}
