//! Exempt means absent (CONTENT.md §4): of an exempt case the public site has its agenda line
//! (its number, its case types, its legal basis and the public title, if any), of an exempt
//! document and of a file only exempt items use nothing at all. What they hold besides is
//! taken out of the resolved site here, once, so no output can show it whatever it forgets
//! to check; the archive's `--include-exempt` is the one door that puts it back
//! ([`Site::include_exempt`]).

use crate::model::withheld::{CaseContent, Content};
use crate::model::{Body, Site};
use crate::window::Publication;

/// A body with no text and no links.
fn blank(b: &Body) -> Body {
    Body {
        markdown: "".into(),
        line: b.line,
        at: b.at,
        links: Vec::new(),
        link_lines: Vec::new(),
    }
}

/// Takes the content of every exempt item out of `site`.
pub(super) fn take(site: &mut Site) -> Content {
    let mut out = Content::default();
    for (ci, c) in site.cases.iter_mut().enumerate() {
        if c.unntatt.is_none() {
            continue;
        }
        let body = blank(&c.body);
        out.cases.push((
            ci,
            CaseContent {
                tittel: std::mem::take(&mut c.tittel),
                ansvarlig: c.ansvarlig.take(),
                forslag: std::mem::take(&mut c.forslag),
                // That it was decided stays (the meeting has minutes); not what.
                vedtak: c.vedtak.as_mut().map(std::mem::take),
                referat: c.referat.take(),
                vedlegg: std::mem::take(&mut c.vedlegg),
                body: std::mem::replace(&mut c.body, body),
            },
        ));
    }
    for (di, d) in site.documents.iter_mut().enumerate() {
        if d.unntatt.is_none() {
            continue;
        }
        let body = blank(&d.body);
        out.documents.push((
            di,
            std::mem::take(&mut d.tittel),
            std::mem::replace(&mut d.body, body),
        ));
    }
    for (ai, a) in site.attachments.iter_mut().enumerate() {
        if !matches!(a.publication, Publication::Exempt) {
            continue;
        }
        if let Some((_, b)) = &mut a.page {
            let body = blank(b);
            out.attachments.push((ai, std::mem::replace(b, body)));
        }
    }
    out
}

/// Puts back what [`take`] took.
pub(super) fn restore(site: &mut Site, content: Content) {
    for (ci, k) in content.cases {
        let c = &mut site.cases[ci];
        c.tittel = k.tittel;
        c.ansvarlig = k.ansvarlig;
        c.forslag = k.forslag;
        c.vedtak = k.vedtak;
        c.referat = k.referat;
        c.vedlegg = k.vedlegg;
        c.body = k.body;
    }
    for (di, tittel, body) in content.documents {
        site.documents[di].tittel = tittel;
        site.documents[di].body = body;
    }
    for (ai, body) in content.attachments {
        if let Some((_, b)) = &mut site.attachments[ai].page {
            *b = body;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{resolve, Inputs};
    use crate::model::Site;
    use std::collections::HashSet;

    const EXEMPT: &str = "offentlig: false\nskjermingshjemmel: offl. § 13\n";

    fn site() -> Site {
        let src: Vec<(&str, String)> = vec![
            ("content/ssu/_organ.md", "---\nnavn: SSU\nkortnavn: SSU\n---\n".into()),
            ("content/ssu/2025-06-05/_mote.md", "---\ndato: 2025-06-05\n---\n".into()),
            ("content/ssu/2025-06-05/2025.41.md", format!("---\nsaksnr: \"2025.41\"\ntittel: Oppsigelse av NN\nsakstype: [beslutning]\nansvarlig: Personalsjefen\nforslag: [NN sies opp.]\nvedtak: [NN sies opp.]\nreferat: \"Drøftet [vurderingen](vedlegg/vurdering.md).\"\n{EXEMPT}offentlig_tittel: Personalsak\nvedlegg:\n  - tittel: Vurdering\n    fil: vedlegg/vurdering.md\n---\nNN har ikke møtt på jobb.\n")),
            ("content/ssu/2025-06-05/vedlegg/vurdering.md", "# Vurdering av NN\n".into()),
            ("content/dokumenter/avtale.md", format!("---\ntittel: Sluttavtale med NN\ndoktype: avtale\ndato: 2025-06-05\n{EXEMPT}---\nNN får sluttpakke.\n")),
        ];
        let files = src
            .iter()
            .map(|(p, t)| motebok_parser::parse_file(p, t.as_bytes()).unwrap())
            .collect();
        resolve(Inputs {
            files,
            trails: &Default::default(),
            drafts: &HashSet::new(),
            today: chrono::NaiveDate::from_ymd_opt(2025, 10, 1).unwrap(),
            window_months: 24,
            unparsed: &HashSet::new(),
        })
        .unwrap_or_else(|e| panic!("{e:?}"))
    }

    /// Everything an output could show of the site, as text.
    fn shown(site: &Site) -> String {
        format!(
            "{:?}{:?}{:?}",
            site.cases,
            site.documents,
            site.attachments
                .iter()
                .map(|a| a.page.as_ref().map(|(_, b)| b.markdown.clone()))
                .collect::<Vec<_>>()
        )
    }

    #[test]
    fn an_exempt_item_is_its_agenda_line_until_the_archive_asks() {
        let mut site = site();
        let c = &site.cases[0];
        // The agenda line: its number, its types, its exemption (legal basis, public title).
        assert_eq!(c.number.to_string(), "2025.41");
        assert_eq!(
            c.unntatt.as_ref().unwrap().offentlig_tittel.as_deref(),
            Some("Personalsak")
        );
        assert!(c.vedtak.is_some(), "the meeting has minutes");
        let public = shown(&site);
        for secret in ["NN", "Personalsjefen", "vurderingen", "Vurdering"] {
            assert!(!public.contains(secret), "{secret}: {public}");
        }
        assert!(site.documents[0].tittel.is_empty());

        site.restore_withheld();
        assert!(
            !shown(&site).contains("NN"),
            "threads come back, content does not"
        );
        site.include_exempt();
        let c = &site.cases[0];
        assert_eq!(c.tittel, "Oppsigelse av NN");
        assert_eq!(c.ansvarlig.as_deref(), Some("Personalsjefen"));
        assert_eq!(c.vedtak.as_deref(), Some(&["NN sies opp.".to_string()][..]));
        assert!(c.referat.as_deref().unwrap().contains("vurderingen"));
        assert_eq!(c.vedlegg.len(), 1);
        assert!(c.body.markdown.known().unwrap().contains("ikke møtt"));
        assert_eq!(site.documents[0].tittel, "Sluttavtale med NN");
        assert!(site.documents[0]
            .body
            .markdown
            .known()
            .unwrap()
            .contains("sluttpakke"));
        let a = site.attachments[0].page.as_ref().unwrap();
        assert!(a.1.markdown.known().unwrap().contains("Vurdering av NN"));
        assert!(site.withheld.is_empty());
    }
}
