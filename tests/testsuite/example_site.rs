//! The example site of this repository, built into a temp dir, read as HTML.

use crate::common::*;

#[test]
fn example_site_builds_and_shows_the_agenda_threads_and_minutes() {
    let site = Site::example();
    site.build("2026-11-22");

    // The SSU 22.05.2025 agenda lists 2025.13–2025.29 in order, with type and responsible.
    let page = site.page("ssu/2025-05-22/");
    let agenda = between(&page, "<table class=\"agenda\">", "</table>");
    let mut last = 0;
    for n in 13..=29 {
        let num = format!("<th scope=\"row\">2025.{n}</th>");
        let at = agenda
            .find(&num)
            .unwrap_or_else(|| panic!("2025.{n} missing from the agenda"));
        assert!(at > last, "2025.{n} out of order");
        last = at;
    }
    let row16 = between(agenda, "<th scope=\"row\">2025.16</th>", "</tr>");
    assert!(row16.contains("Beslutning"), "{row16}");
    assert!(row16.contains("Irmeli Øistad"), "{row16}");
    assert!(row16.contains("href=\"../../ssu/sak/2025.16/\""), "{row16}");
    let row19 = between(agenda, "<th scope=\"row\">2025.19</th>", "</tr>");
    assert!(row19.contains("kjernejournal"), "{row19}");
    assert!(row19.contains("Henriette Ruud"), "{row19}");
    assert!(agenda.contains("<th scope=\"col\">Ansvarlig</th>"));

    // 2025.23 follows up 2025.07, and 2025.07 shows it is followed up by 2025.23.
    let c23 = site.page("ssu/sak/2025.23/");
    let follows = between(&c23, "<h3>Følger opp</h3>", "</ul>");
    assert!(
        follows.contains("href=\"../../../ssu/sak/2025.07/\""),
        "{follows}"
    );
    let c07 = site.page("ssu/sak/2025.07/");
    let followed = between(&c07, "<h3>Fulgt opp i</h3>", "</ul>");
    assert!(
        followed.contains("href=\"../../../ssu/sak/2025.23/\""),
        "{followed}"
    );

    // The minutes of 27.02.2025 link to the referatsak that approved them (2025.14).
    let m0227 = site.page("ssu/2025-02-27/");
    let minutes = between(&m0227, "<h2 id=\"referat\">Referat</h2>", "</section>");
    assert!(minutes.contains("Referatet er godkjent i"), "{minutes}");
    assert!(
        minutes.contains("href=\"../../ssu/sak/2025.14/\""),
        "{minutes}"
    );
    let c14 = site.page("ssu/sak/2025.14/");
    assert!(c14.contains("href=\"../../../ssu/2025-02-27/#referat\""));
    assert!(c14.contains("href=\"../../../fsu/2025-04-29/#referat\""));

    // Norwegian dates and semantic HTML.
    assert!(page.contains("<html lang=\"nb\">"));
    assert!(page.contains("<time datetime=\"2025-05-22\">torsdag 22. mai 2025</time>"));
    assert_eq!(page.matches("<h1").count(), 1);
    assert!(page.contains("<main id=\"innhold\""));

    // A Markdown attachment is a page of its own.
    assert!(site.exists("ssu/2025-05-22/vedlegg/tud-samarbeidsavtale/"));
}

#[test]
fn exempt_case_keeps_only_its_agenda_line() {
    let site = Site::example();
    site.build("2026-11-22");
    // Find the exempt case in the sources and make sure nothing of it but the line is out.
    let mut exempt = None;
    for e in walkdir::WalkDir::new(site.path().join("content"))
        .into_iter()
        .filter_map(Result::ok)
    {
        if e.file_type().is_file() {
            let text = std::fs::read_to_string(e.path()).unwrap_or_default();
            if text.contains("offentlig: false") {
                exempt = Some((e.path().to_path_buf(), text));
            }
        }
    }
    let (path, text) = exempt.expect("the example site has an exempt case");
    let title = text
        .lines()
        .find_map(|l| l.strip_prefix("tittel: "))
        .unwrap()
        .trim()
        .trim_matches('"')
        .to_string();
    let out = snapshot(&site.out_dir());
    let mut pdfs = 0;
    for (p, bytes) in &out {
        // A PDF's text is compressed: read as its readers read it.
        let s = if p.extension().is_some_and(|e| e == "pdf") {
            pdfs += 1;
            crate::meeting_papers::pdf_text(&site.out_dir().join(p))
        } else {
            String::from_utf8_lossy(bytes).into_owned()
        };
        assert!(
            !s.contains(&title),
            "exempt title leaked into {}",
            p.display()
        );
    }
    assert!(pdfs > 0, "the meeting papers were read too");
    let rel = path
        .strip_prefix(site.path().join("content"))
        .unwrap()
        .to_string_lossy()
        .to_string();
    let organ = rel.split('/').next().unwrap();
    let number = path.file_stem().unwrap().to_string_lossy().to_string();
    assert!(
        !site.exists(&format!("{organ}/sak/{number}/")),
        "exempt case has a page"
    );
    let folder = rel.split('/').nth(1).unwrap();
    let meeting = site.page(&format!("{organ}/{folder}/"));
    let row = between(
        &meeting,
        &format!("<th scope=\"row\">{number}</th>"),
        "</tr>",
    );
    assert!(row.contains("unntatt offentlighet"), "{row}");
    assert!(row.contains("offl."), "{row}");
}
