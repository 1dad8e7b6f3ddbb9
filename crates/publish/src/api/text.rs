//! Plain text, media types and checksums for File objects and feed summaries.

use motebok_domain::{AttachmentIx, MeetingIx, Site};
use motebok_site::dates;
use motebok_site::views::Views;

/// The text a reader sees of Markdown: no markup, links as their text. The same text as the
/// page's render, without making and sanitising its HTML again.
pub(crate) fn plain(markdown: &str) -> String {
    motebok_parser::markdown::text(markdown)
}

/// The first sentence-ish `max` characters of `text` on one line, cut at a word.
pub(crate) fn excerpt(text: &str, max: usize) -> String {
    // Flattened only as far as the cut: the feed takes excerpts of whole documents.
    let mut flat = String::new();
    let mut count = 0;
    for w in text.split_whitespace() {
        if !flat.is_empty() {
            flat.push(' ');
            count += 1;
        }
        flat.push_str(w);
        count += w.chars().count();
        if count > max {
            break;
        }
    }
    if count <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':']))
}

/// "torsdag 22. mai 2025 kl. 09:00-12:00, SiV"
pub(crate) fn when_where(site: &Site, mi: MeetingIx) -> String {
    let m = &site.meetings[mi];
    let mut s = dates::with_weekday(m.date);
    if let Some(t) = &m.tid {
        s.push_str(&format!(" kl. {t}"));
    }
    if let Some(p) = &m.sted {
        s.push_str(&format!(", {p}"));
    }
    s
}

/// The summons as text: heading, time and place, the meeting's own text and the agenda, where an
/// exempt case shows only its number, public title and legal basis.
pub(crate) fn invitation(v: &Views, mi: MeetingIx) -> Result<String, motebok_site::views::Unread> {
    let site = v.site;
    let m = &site.meetings[mi];
    let o = &site.organs[m.organ];
    let mut lines = vec![
        format!("Innkalling til møte i {} ({})", o.navn, o.kortnavn),
        when_where(site, mi),
    ];
    if m.avlyst {
        lines.push("Møtet er avlyst.".into());
    }
    let intro = plain(&v.body(&m.body, &m.src.path)?);
    if !intro.is_empty() {
        lines.push(intro);
    }
    lines.push("Saksliste".into());
    for &ci in &m.cases {
        let c = &site.cases[ci];
        let link = v.case_link(ci, false);
        lines.push(match &c.unntatt {
            Some(u) => format!(
                "{} {} (unntatt offentlighet, {})",
                c.number, link.title, u.skjermingshjemmel
            ),
            None => format!("{} {}", c.number, link.title),
        });
    }
    Ok(lines.join("\n"))
}

/// The minutes as text: every decision and what was said, exempt cases by number only.
pub(crate) fn protocol(v: &Views, mi: MeetingIx) -> String {
    let site = v.site;
    let m = &site.meetings[mi];
    let o = &site.organs[m.organ];
    let mut lines = vec![
        format!("Referat fra møte i {} ({})", o.navn, o.kortnavn),
        when_where(site, mi),
    ];
    if let Some(p) = &m.moteleder {
        lines.push(format!("Møteleder: {p}"));
    }
    if let Some(p) = &m.referent {
        lines.push(format!("Referent: {p}"));
    }
    for &ci in &m.cases {
        let c = &site.cases[ci];
        let link = v.case_link(ci, false);
        if c.unntatt.is_some() {
            lines.push(format!(
                "{} {} (unntatt offentlighet)",
                c.number, link.title
            ));
            continue;
        }
        lines.push(format!("{} {}", c.number, c.tittel));
        if let Some(r) = &c.referat {
            lines.push(plain(r));
        }
        if let Some(vedtak) = &c.vedtak {
            lines.push("Vedtak:".into());
            lines.extend(numbered(vedtak));
        }
    }
    lines.join("\n")
}

/// An attachment's title: its own, else the one a public case lists it under, else its name.
/// Never the title an exempt case gives it: that list is part of what the exemption hides.
pub(crate) fn attachment_title(site: &Site, ai: AttachmentIx) -> String {
    let a = &site.attachments[ai];
    if let Some((Some(t), _)) = &a.page {
        return t.clone();
    }
    a.used_by_cases
        .iter()
        .map(|&c| &site.cases[c])
        .filter(|c| c.unntatt.is_none())
        .flat_map(|c| c.vedlegg.iter())
        .find(|v| v.attachment == ai)
        .map(|v| v.tittel.clone())
        .unwrap_or_else(|| a.name.trim_end_matches(".md").to_string())
}

/// "1. …", "2. …": numbered points as the pages show them.
pub(crate) fn numbered(items: &[String]) -> Vec<String> {
    items
        .iter()
        .enumerate()
        .map(|(i, t)| format!("{}. {t}", i + 1))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_cut_at_words() {
        assert_eq!(excerpt("kort  tekst\n", 50), "kort tekst");
        let e = excerpt("Samarbeidsavtalen godkjennes og inkluderes som vedlegg", 30);
        assert_eq!(e, "Samarbeidsavtalen godkjennes…");
        assert_eq!(
            plain("# Tittel\n\nEn [lenke](x.md) og *vekt*."),
            "Tittel\nEn lenke og vekt."
        );
    }

    #[test]
    fn excerpts_look_only_as_far_as_the_cut() {
        fn whole(text: &str, max: usize) -> String {
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if flat.chars().count() <= max {
                return flat;
            }
            let cut: String = flat.chars().take(max).collect();
            let cut = match cut.rfind(' ') {
                Some(i) if i > max / 2 => &cut[..i],
                _ => cut.as_str(),
            };
            format!("{}…", cut.trim_end_matches([',', '.', ';', ':']))
        }
        let text = "Æ øå  tekst,\n med\tmange   ord. Og lange-sammensatte-ord; flere: slutt";
        for max in 0..text.len() + 2 {
            assert_eq!(excerpt(text, max), whole(text, max), "{max}");
        }
    }
}
