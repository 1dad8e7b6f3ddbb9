//! What a screen reader needs from a body: every image a text alternative (WCAG 1.1.1; an
//! image marked decorative gets `alt=""`), every link a text that says where it goes (2.4.4),
//! every table header cell a text (1.3.1).

use super::{Findings, Place};
use crate::diagnostic::Diagnostic;
pub use crate::dialect::is_decorative;
use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

/// Link texts that say nothing about where a link goes, lowercased, without punctuation.
const VAGUE: &[&str] = &[
    "her",
    "klikk her",
    "trykk her",
    "se her",
    "klikk",
    "les mer",
    "les mer her",
    "mer",
    "mer her",
    "mer info",
    "mer informasjon",
    "link",
    "lenke",
    "lenken",
    "denne",
    "denne lenken",
    "lenke her",
    "link her",
    "click here",
    "here",
    "read more",
    "more",
    "this link",
];

struct Open {
    start: usize,
    text: String,
}

pub(super) fn check(place: &Place, out: &mut Findings) {
    let md = place.text;
    // Images and links nest (an image as a link's text); headers' cells never do.
    let mut image: Option<Open> = None;
    let mut link: Option<(Open, LinkType, bool)> = None;
    let mut in_head = false;
    let mut cell: Option<(usize, bool)> = None;
    let mut decorative = false;
    for (e, range) in Parser::new_ext(md, crate::dialect::options()).into_offset_iter() {
        match e {
            Event::Start(Tag::Image { title, .. }) => {
                decorative = is_decorative(&title);
                image = Some(Open {
                    start: range.start,
                    text: String::new(),
                });
                if let Some(c) = &mut cell {
                    c.1 = true;
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some(img) = image.take() {
                    if img.text.trim().is_empty() && !decorative {
                        out.errors.push(no_alt(place, img.start, false));
                    }
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => {
                let mail = dest_url.starts_with("mailto:") || link_type == LinkType::Email;
                link = Some((
                    Open {
                        start: range.start,
                        text: String::new(),
                    },
                    link_type,
                    mail,
                ));
            }
            Event::End(TagEnd::Link) => {
                if let Some((l, kind, mail)) = link.take() {
                    if !mail {
                        vague_link(place, l, kind, out);
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(img) = &mut image {
                    img.text.push_str(&t);
                }
                if let Some((l, ..)) = &mut link {
                    l.text.push_str(&t);
                }
                if let Some(c) = &mut cell {
                    c.1 |= !t.trim().is_empty();
                }
            }
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableCell) if in_head => cell = Some((range.start, false)),
            Event::End(TagEnd::TableCell) if in_head => {
                if let Some((start, false)) = cell.take() {
                    out.warnings.push(
                        place
                            .at(start, "tabellen har en tom overskriftscelle")
                            .hint("skriv hva kolonnen inneholder i overskriftsraden, så en skjermleser kan si det for hver celle (WCAG 1.3.1)")
                            .wcag("1.3.1"),
                    );
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                if let Some(c) = &mut cell {
                    c.1 = true;
                }
                raw_images(place, range.start, &md[range], out);
            }
            _ => {}
        }
    }
}

fn no_alt(place: &Place, at: usize, raw: bool) -> Diagnostic {
    let (what, hint) = if raw {
        (
            "bildet (`<img>`) mangler tekstalternativ",
            "gi bildet en `alt` som sier det bildet viser: `<img src=\"kart.png\" alt=\"Kart over legevaktdistriktene\">`; er bildet bare pynt, skriv `alt=\"\"`",
        )
    } else {
        (
            "bildet mangler tekstalternativ",
            "skriv mellom klammene det bildet viser: `![Kart over legevaktdistriktene](kart.png)`; er bildet bare pynt, merk det som dekorativt: `![](kart.png \"dekorativt\")`",
        )
    };
    place.at(at, what).hint(hint).wcag("1.1.1")
}

fn vague_link(place: &Place, l: Open, kind: LinkType, out: &mut Findings) {
    let shown = l.text.split_whitespace().collect::<Vec<_>>().join(" ");
    let norm = shown
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let message = if norm.is_empty() {
        "lenken har ingen tekst".to_string()
    } else if VAGUE.contains(&norm.as_str()) {
        format!("lenketeksten «{shown}» sier ikke hvor lenken går")
    } else if kind == LinkType::Autolink
        || norm.starts_with("http://")
        || norm.starts_with("https://")
        || norm.starts_with("www.")
    {
        format!("lenketeksten «{shown}» er en nettadresse, som ikke sier hva leseren finner")
    } else {
        return;
    };
    out.warnings.push(
        place
            .at(l.start, message)
            .hint("skriv hva leseren finner bak lenken, for eksempel `[samarbeidsavtalen om TUD](…)`: en skjermleser kan lese lenkene alene, uten teksten rundt (WCAG 2.4.4)")
            .wcag("2.4.4"),
    );
}

/// Every `<img>` tag in raw HTML `html` (at byte `offset` of the body) without an `alt`
/// attribute. `alt=""` is the HTML way to mark a decorative image, and is accepted.
fn raw_images(place: &Place, offset: usize, html: &str, out: &mut Findings) {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find("<img").map(|i| from + i) {
        from = i + 4;
        let after = lower[from..].chars().next();
        if !matches!(after, Some(c) if c.is_whitespace() || c == '/' || c == '>') {
            continue;
        }
        let (names, len) = attribute_names(&lower[from..]);
        if !names.iter().any(|n| n == "alt") {
            out.errors.push(no_alt(place, offset + i, true));
        }
        from += len;
    }
}

/// The attribute names of a tag whose name has been read, and the bytes up to its end;
/// quoted values are skipped as a browser skips them (a `>` inside one does not end the tag).
fn attribute_names(s: &str) -> (Vec<String>, usize) {
    let b = s.as_bytes();
    let mut names = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'>' => return (names, i + 1),
            c if c.is_ascii_whitespace() || c == b'/' => i += 1,
            _ => {
                let start = i;
                while i < b.len()
                    && !matches!(b[i], b'=' | b'>' | b'/')
                    && !b[i].is_ascii_whitespace()
                {
                    i += 1;
                }
                names.push(s[start..i].to_string());
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                if i < b.len() && b[i] == b'=' {
                    i += 1;
                    while i < b.len() && b[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    match b.get(i) {
                        Some(&q @ (b'"' | b'\'')) => {
                            i += 1;
                            while i < b.len() && b[i] != q {
                                i += 1;
                            }
                            i += 1;
                        }
                        _ => {
                            while i < b.len() && b[i] != b'>' && !b[i].is_ascii_whitespace() {
                                i += 1;
                            }
                        }
                    }
                }
            }
        }
    }
    (names, b.len())
}
