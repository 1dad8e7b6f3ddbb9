//! Every error at once (CONTENT.md §4): one `motebok check` over a repository with many
//! independent problems reports each of them, at its file and line, and nothing else; an error
//! in one file (a broken `_mote.md` or `_organ.md`) never hides those of the files beside it.

use crate::common::*;
use std::collections::BTreeSet;

/// One reported error: its file, its line (if it has one) and its text (message and hint, on one
/// line).
#[derive(Debug)]
struct Reported {
    path: String,
    line: Option<u32>,
    text: String,
}

/// The errors of `motebok check`'s stderr (NO_COLOR): each begins with `× feil: ` and names its
/// place as `╭─[path:line:col]`, or (when the file cannot be quoted) `path:line: feil: `.
fn reported(stderr: &str) -> Vec<Reported> {
    let mut out: Vec<Reported> = Vec::new();
    for l in stderr.lines() {
        let t = l.trim_start();
        if let Some(msg) = t.strip_prefix("× feil: ") {
            out.push(Reported {
                path: String::new(),
                line: None,
                text: msg.to_string(),
            });
        } else if let Some((place, msg)) = l.split_once(": feil: ") {
            let (path, line) = place_of(place);
            out.push(Reported {
                path,
                line,
                text: msg.to_string(),
            });
        } else if let Some(place) = t.strip_prefix("╭─[").and_then(|p| p.strip_suffix(']')) {
            let r = out.last_mut().expect("a place after its message");
            if r.path.is_empty() {
                (r.path, r.line) = place_of(place);
            }
        } else if let Some(r) = out.last_mut() {
            // Wrapped message lines and the hint belong to the error above.
            if !t.starts_with(['│', '·', '╰']) && !t.chars().next().is_some_and(char::is_numeric)
            {
                r.text.push(' ');
                r.text.push_str(t);
            }
        }
    }
    for r in &mut out {
        r.text = r.text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    out
}

/// `path:line:col`, `path:line` or `path`.
fn place_of(place: &str) -> (String, Option<u32>) {
    let mut parts = place.split(':');
    let path = parts.next().unwrap().to_string();
    (path, parts.next().and_then(|l| l.parse().ok()))
}

fn case(saksnr: &str, extra: &str) -> String {
    format!("---\nsaksnr: \"{saksnr}\"\ntittel: Sak {saksnr}\nsakstype: [orientering]\n{extra}---\nTekst.\n")
}

/// A repository with the problems of `EXPECTED`, one or two a file, merged as approved.
fn broken_site() -> Site {
    let s = Site::empty(MINIMAL_TOML);
    // SSU: a good meeting, a meeting whose `_mote.md` is broken, and a folder with none.
    s.write(
        "content/ssu/_organ.md",
        "---\nnavn: Strategisk samarbeidsutvalg\nkortnavn: SSU\n---\nSe [mandatet](mandat.pdf).\n",
    );
    s.write(
        "content/ssu/2025-02-27/_mote.md",
        "---\ndato: 2025-02-27\n---\n",
    );
    s.write("content/ssu/2025-02-27/2025.10.md", &case("2025.10", ""));
    s.write(
        "content/ssu/2025-02-27/2025.11.md",
        &case("2025.11", "offentlig: false\n"),
    );
    s.write(
        "content/ssu/2025-02-27/2025.12.md",
        "---\nsaksnr: \"2025.12\"\ntittel: Sak\nsakstype: [beslutting]\n---\n",
    );
    s.write("content/ssu/2025-02-27/2025.14.md", &case("2025.14", ""));
    s.write(
        "content/ssu/2025-02-27/2025.17.md",
        &case("2025.18", "oppfolging_av: [\"2025.88\"]\n"),
    );
    // Follows up the case above, refused for its file name: it exists, so no error here.
    s.write(
        "content/ssu/2025-02-27/2025.19.md",
        &case("2025.19", "oppfolging_av: [\"2025.18\"]\n"),
    );
    s.write(
        "content/ssu/2025-05-22/_mote.md",
        "---\ndato: 2025-05-22\nstedd: SiV\n---\n",
    );
    s.write(
        "content/ssu/2025-05-22/2025.13.md",
        &case(
            "2025.13",
            "vedlegg:\n  - tittel: Passord\n    fil: ../../../../etc/passwd\n",
        ),
    );
    s.write("content/ssu/2025-05-22/2025.14.md", &case("2025.14", ""));
    s.write(
        "content/ssu/2025-05-22/2025.15.md",
        &case("2025.15", "godkjenner_referat: [\"2025-01-01\"]\n"),
    );
    s.write(
        "content/ssu/2025-05-22/2025.16.md",
        "---\nsaksnr: \"2025.16\"\ntittel: Sak\nsakstype: [orientering]\nvedlegg:\n  - tittel: Notat\n    fil: vedlegg/mangler.pdf\n---\nSe [notatet](vedlegg/finnes-ikke.pdf).\n",
    );
    s.write("content/ssu/2025-05-22/2024.20.md", &case("2024.20", ""));
    s.write(
        "content/ssu/2025-08-08/2025.30.md",
        &case(
            "2025.30",
            "vedlegg:\n  - tittel: Notat\n    fil: vedlegg/borte.pdf\n",
        ),
    );
    // FSU: a broken `_organ.md`, a meeting whose folder and date disagree, and a good meeting.
    s.write(
        "content/fsu/_organ.md",
        "---\nnavn: Fagutvalg\nkortnavn: FSU\narkivverdi: false\n---\n",
    );
    s.write(
        "content/fsu/2025-03-01/_mote.md",
        "---\ndato: 2025-03-02\n---\n",
    );
    s.write(
        "content/fsu/2025-03-01/2025.01.md",
        &case("2025.01", "oppfolging_av: [\"2025.77\"]\n"),
    );
    s.write(
        "content/fsu/2025-04-01/_mote.md",
        "---\ndato: 2025-04-01\n---\n",
    );
    s.write("content/fsu/2025-04-01/2025.01.md", &case("2025.01", ""));
    s.write(
        "content/fsu/2025-04-01/2025.02.md",
        &case(
            "2025.02",
            "vedlegg:\n  - tittel: Passord\n    fil: /etc/passwd\n",
        ),
    );
    // Documents.
    s.write(
        "content/dokumenter/avtale.md",
        "---\ntittel: Avtale\ndoktype: avtale\ndato: 2025-02-30\n---\n",
    );
    s.write(
        "content/dokumenter/rapport.md",
        "---\ntittel: Rapport\ndoktype: rapport\ndato: 2025-03-01\nvedtatt_i: ssu/2025.99\n---\n\nSe [vedlegget](vedlegg/mangler.pdf).\n",
    );
    s.write(
        "content/dokumenter/brev.md",
        "---\ntittel: Brev\ndoktype: brev\ndato: 2025-03-01\npubliseirng: vindu\n---\n",
    );
    s.write(
        "content/dokumenter/notat.md",
        "---\ntittel: Notat\ndoktype: rapport\ndato: 2025-03-01\nvedtatt_i: fsu/2025.55\n---\n",
    );
    s.merge_all("Mange feil");
    s
}

/// Every problem of `broken_site`: file, line and a piece of the message.
const EXPECTED: &[(&str, Option<u32>, &str)] = &[
    ("content/ssu/_organ.md", Some(5), "`mandat.pdf` finnes ikke"),
    (
        "content/ssu/2025-02-27/2025.11.md",
        Some(5),
        "`offentlig: false` krever `skjermingshjemmel`",
    ),
    (
        "content/ssu/2025-02-27/2025.12.md",
        Some(4),
        "ukjent sakstype `beslutting`",
    ),
    (
        "content/ssu/2025-02-27/2025.17.md",
        Some(2),
        "filnavnet `2025.17.md` stemmer ikke",
    ),
    (
        "content/ssu/2025-02-27/2025.17.md",
        Some(5),
        "saken ssu/2025.88 finnes ikke",
    ),
    (
        "content/ssu/2025-05-22/_mote.md",
        Some(3),
        "ukjent nøkkel `stedd`",
    ),
    (
        "content/ssu/2025-05-22/2025.13.md",
        Some(7),
        "vedlegget `../../../../etc/passwd` er ikke tillatt",
    ),
    (
        "content/ssu/2025-05-22/2025.14.md",
        Some(2),
        "saksnummer 2025.14 er brukt to ganger i ssu",
    ),
    (
        "content/ssu/2025-05-22/2025.15.md",
        Some(5),
        "møtet ssu/2025-01-01 finnes ikke",
    ),
    (
        "content/ssu/2025-05-22/2025.16.md",
        Some(7),
        "vedlegget `vedlegg/mangler.pdf` finnes ikke",
    ),
    (
        "content/ssu/2025-05-22/2025.16.md",
        Some(9),
        "`vedlegg/finnes-ikke.pdf` finnes ikke",
    ),
    (
        "content/ssu/2025-05-22/2024.20.md",
        Some(2),
        "saksnummer 2024.20 har året 2024",
    ),
    (
        "content/ssu/2025-08-08/2025.30.md",
        None,
        "som ikke er et møte",
    ),
    (
        "content/ssu/2025-08-08/2025.30.md",
        Some(7),
        "vedlegget `vedlegg/borte.pdf` finnes ikke",
    ),
    (
        "content/fsu/_organ.md",
        Some(4),
        "ukjent nøkkel `arkivverdi`",
    ),
    (
        "content/fsu/2025-03-01/_mote.md",
        Some(2),
        "møtemappen heter `2025-03-01`, men `dato` er 2025-03-02",
    ),
    (
        "content/fsu/2025-03-01/2025.01.md",
        Some(5),
        "saken fsu/2025.77 finnes ikke",
    ),
    (
        "content/fsu/2025-04-01/2025.01.md",
        Some(2),
        "saksnummer 2025.01 er brukt to ganger i fsu",
    ),
    (
        "content/fsu/2025-04-01/2025.02.md",
        Some(7),
        "vedlegget `/etc/passwd` er ikke tillatt",
    ),
    ("content/dokumenter/avtale.md", Some(4), "2025-02-30"),
    (
        "content/dokumenter/rapport.md",
        Some(5),
        "saken ssu/2025.99 finnes ikke",
    ),
    (
        "content/dokumenter/rapport.md",
        Some(8),
        "`vedlegg/mangler.pdf` finnes ikke",
    ),
    (
        "content/dokumenter/brev.md",
        Some(5),
        "ukjent nøkkel `publiseirng`",
    ),
    (
        "content/dokumenter/notat.md",
        Some(5),
        "saken fsu/2025.55 finnes ikke",
    ),
];

#[test]
fn one_check_reports_every_independent_error_and_nothing_else() {
    let site = broken_site();
    let o = site.motebok(&["check"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let got = reported(&err);

    let mut missing = Vec::new();
    let mut matched = BTreeSet::new();
    for (path, line, piece) in EXPECTED {
        let hit = got.iter().enumerate().find(|(i, r)| {
            !matched.contains(i) && r.path == *path && r.line == *line && r.text.contains(piece)
        });
        match hit {
            Some((i, _)) => {
                matched.insert(i);
            }
            None => missing.push(format!("{path}:{line:?}: {piece}")),
        }
    }
    let extra: Vec<String> = got
        .iter()
        .enumerate()
        .filter(|(i, _)| !matched.contains(i))
        .map(|(_, r)| format!("{}:{:?}: {}", r.path, r.line, r.text))
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "not reported:\n  {}\nreported but not expected:\n  {}\n\nstderr:\n{err}",
        missing.join("\n  "),
        extra.join("\n  ")
    );
    assert!(
        err.contains(&format!("\n{} feil.", EXPECTED.len())),
        "{err}"
    );

    // `build` reports the same errors.
    let b = site.try_build("2026-01-01");
    assert_eq!(b.status.code(), Some(1));
    assert_eq!(
        reported(&stderr(&b)).len(),
        EXPECTED.len(),
        "{}",
        stderr(&b)
    );
}

/// Fixing exactly the problems reported leaves a repository that passes: nothing was hiding
/// behind them.
#[test]
fn fixing_what_was_reported_leaves_nothing_behind() {
    let s = broken_site();
    let pdf = "%PDF-1.4\n";
    s.write(
        "content/ssu/_organ.md",
        "---\nnavn: Strategisk samarbeidsutvalg\nkortnavn: SSU\n---\nMandat.\n",
    );
    s.write(
        "content/ssu/2025-02-27/2025.11.md",
        &case(
            "2025.11",
            "offentlig: false\nskjermingshjemmel: offl. § 13\n",
        ),
    );
    s.write("content/ssu/2025-02-27/2025.12.md", &case("2025.12", ""));
    s.remove("content/ssu/2025-02-27/2025.17.md");
    s.write(
        "content/ssu/2025-02-27/2025.18.md",
        &case("2025.18", "oppfolging_av: [\"2025.10\"]\n"),
    );
    s.write(
        "content/ssu/2025-05-22/_mote.md",
        "---\ndato: 2025-05-22\nsted: SiV\n---\n",
    );
    s.write(
        "content/ssu/2025-05-22/2025.13.md",
        &case(
            "2025.13",
            "vedlegg:\n  - tittel: Passord\n    fil: vedlegg/passord.pdf\n",
        ),
    );
    s.write("content/ssu/2025-05-22/vedlegg/passord.pdf", pdf);
    s.remove("content/ssu/2025-05-22/2025.14.md");
    s.write("content/ssu/2025-05-22/2025.21.md", &case("2025.21", ""));
    s.write(
        "content/ssu/2025-05-22/2025.15.md",
        &case("2025.15", "godkjenner_referat: [\"2025-02-27\"]\n"),
    );
    s.write("content/ssu/2025-05-22/vedlegg/mangler.pdf", pdf);
    s.write("content/ssu/2025-05-22/vedlegg/finnes-ikke.pdf", pdf);
    s.remove("content/ssu/2025-05-22/2024.20.md");
    s.write("content/ssu/2025-05-22/2025.20.md", &case("2025.20", ""));
    s.write(
        "content/ssu/2025-08-08/_mote.md",
        "---\ndato: 2025-08-08\n---\n",
    );
    s.write("content/ssu/2025-08-08/vedlegg/borte.pdf", pdf);
    s.write(
        "content/fsu/_organ.md",
        "---\nnavn: Fagutvalg\nkortnavn: FSU\narkivverdig: false\n---\n",
    );
    s.write(
        "content/fsu/2025-03-01/_mote.md",
        "---\ndato: 2025-03-01\n---\n",
    );
    s.write("content/fsu/2025-03-01/2025.01.md", &case("2025.01", ""));
    s.remove("content/fsu/2025-04-01/2025.01.md");
    s.write(
        "content/fsu/2025-04-01/2025.03.md",
        &case("2025.03", "oppfolging_av: [\"2025.01\"]\n"),
    );
    s.write(
        "content/fsu/2025-04-01/2025.02.md",
        &case(
            "2025.02",
            "vedlegg:\n  - tittel: P\n    fil: vedlegg/p.pdf\n",
        ),
    );
    s.write("content/fsu/2025-04-01/vedlegg/p.pdf", pdf);
    s.write(
        "content/dokumenter/avtale.md",
        "---\ntittel: Avtale\ndoktype: avtale\ndato: 2025-02-28\n---\n",
    );
    s.write(
        "content/dokumenter/rapport.md",
        "---\ntittel: Rapport\ndoktype: rapport\ndato: 2025-03-01\nvedtatt_i: ssu/2025.10\n---\n\nSe [vedlegget](vedlegg/mangler.pdf).\n",
    );
    s.write("content/dokumenter/vedlegg/mangler.pdf", pdf);
    s.write(
        "content/dokumenter/brev.md",
        "---\ntittel: Brev\ndoktype: brev\ndato: 2025-03-01\npublisering: vindu\n---\n",
    );
    s.write(
        "content/dokumenter/notat.md",
        "---\ntittel: Notat\ndoktype: rapport\ndato: 2025-03-01\nvedtatt_i: fsu/2025.02\n---\n",
    );
    s.merge_all("Rett feilene");
    let o = s.motebok(&["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    s.build("2026-01-01");
}

/// Links to pages taken down say so, in their text (and so their accessible name), and never
/// point at a part of the page that the tombstone does not have.
#[test]
fn links_to_tombstones_say_so_and_land_on_the_page() {
    let s = Site::minimal();
    s.write(
        "content/ssu/2023-11-30/_mote.md",
        "---\ndato: 2023-11-30\n---\n",
    );
    s.write(
        "content/ssu/2023-11-30/2023.10.md",
        &case("2023.10", "vedtak:\n  - Godkjent.\n"),
    );
    s.write(
        "content/ssu/2025-05-22/2025.15.md",
        &case(
            "2025.15",
            "godkjenner_referat: [\"2023-11-30\"]\noppfolging_av: [\"2023.10\"]\n",
        )
        .replace(
            "Tekst.",
            "Se [saken](../2023-11-30/2023.10.md#konklusjon) og [notatet](vedlegg/notat.md#notat).",
        ),
    );
    s.merge_all("Referatsak");
    // SSU's meeting of 2023-11-30 closed on 2025-11-30.
    s.build("2026-01-01");
    let page = s.page("ssu/sak/2025.15/");
    let minutes = between(&page, "id=\"godkjenner\"", "</section>");
    assert!(!minutes.contains("#referat"), "{minutes}");
    assert!(
        minutes.contains("<a href=\"../../../ssu/2023-11-30/\">Referat fra "),
        "{minutes}"
    );
    assert!(minutes.contains(" (avpublisert)</a>"), "{minutes}");
    let prose = between(&page, "<div class=\"prose\">", "</div>");
    assert!(
        prose.contains("<a href=\"../../../ssu/sak/2023.10/\">saken (avpublisert)</a>"),
        "{prose}"
    );
    // A link to a published page keeps its fragment and says nothing more.
    assert!(
        prose.contains("<a href=\"../../../ssu/2025-05-22/vedlegg/notat/#notat\">notatet</a>"),
        "{prose}"
    );
    let thread = between(&page, "id=\"sakens-gang\"", "</section>");
    assert!(
        thread.contains("SSU 2023.10 Sak 2023.10 <span class=\"tag\">avpublisert</span></a>"),
        "{thread}"
    );
    // The tombstone exists where the links go.
    assert!(s.page("ssu/2023-11-30/").contains("Ikke lenger publisert"));
    assert!(s.page("ssu/sak/2023.10/").contains("Ikke lenger publisert"));
}

/// The notice of a tombstone page (`<article class="tombstone">`), on one line.
fn tombstone_text(s: &Site, url: &str) -> String {
    let page = s.page(url);
    let t = between(&page, "<article class=\"tombstone\">", "</article>");
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A tombstone tells the truth (CONTENT.md §7): "archived" only for a body whose papers are
/// archived, and "taken down" only for a page that was up.
#[test]
fn tombstones_tell_the_truth() {
    let s = Site::minimal();
    // The repository's first approval is on 2025-01-01 (the fixtures' clock).
    s.write(
        "content/fsu/_organ.md",
        "---\nnavn: Fagutvalg\nkortnavn: FSU\narkivverdig: false\n---\n",
    );
    for (organ, date, n) in [
        ("ssu", "2023-02-01", "2023.01"),
        ("fsu", "2023-02-01", "2023.01"),
        ("ssu", "2022-06-01", "2022.05"),
    ] {
        s.write(
            &format!("content/{organ}/{date}/_mote.md"),
            &format!("---\ndato: {date}\n---\n"),
        );
        s.write(&format!("content/{organ}/{date}/{n}.md"), &case(n, ""));
    }
    s.merge_all("Eldre møter");
    s.build("2026-01-01");

    // SSU archives its papers; its meeting of 2023-02-01 was up until its window closed on
    // 2025-02-01.
    for url in ["ssu/2023-02-01/", "ssu/sak/2023.01/"] {
        let t = tombstone_text(&s, url);
        assert!(
            t.contains("Dokumentet ble tatt av nettstedet <time datetime=\"2025-02-01\">"),
            "{t}"
        );
        assert!(
            t.contains("Dokumentet er arkivert og kan bestilles fra arkivet"),
            "{t}"
        );
        assert!(t.contains("<dt>Avpublisert</dt>"), "{t}");
    }
    // FSU does not: nothing says its papers are archived.
    for url in ["fsu/2023-02-01/", "fsu/sak/2023.01/"] {
        let t = tombstone_text(&s, url);
        assert!(t.contains("Dokumentet ble tatt av nettstedet"), "{t}");
        assert!(!t.contains("arkivert og kan"), "{t}");
        assert!(
            t.contains("Fagutvalg arkiverer ikke disse dokumentene"),
            "{t}"
        );
        assert!(t.contains("mailto:arkiv@example.org"), "{t}");
    }
    // SSU's meeting of 2022-06-01 had closed (2024-06-01) before it was approved: never on the
    // site, so never taken down from it.
    for url in ["ssu/2022-06-01/", "ssu/sak/2022.05/"] {
        let t = tombstone_text(&s, url);
        assert!(!t.contains("tatt av nettstedet"), "{t}");
        assert!(!t.contains("Avpublisert"), "{t}");
        assert!(
            t.contains("Dokumentet har aldri vært publisert på nettstedet"),
            "{t}"
        );
        assert!(t.contains("<time datetime=\"2024-06-01\">"), "{t}");
        assert!(
            t.contains("Dokumentet er arkivert og kan bestilles fra arkivet"),
            "{t}"
        );
    }
}

/// A referatsak links to `#referat` only while the meeting has minutes, and a rebuild follows
/// when they come (a decision in another file of that meeting).
#[test]
fn minutes_links_land_on_minutes_that_exist() {
    let s = Site::minimal();
    s.write(
        "content/ssu/2025-02-27/_mote.md",
        "---\ndato: 2025-02-27\n---\n",
    );
    s.write("content/ssu/2025-02-27/2025.05.md", &case("2025.05", ""));
    s.write(
        "content/ssu/2025-05-22/2025.15.md",
        &case("2025.15", "godkjenner_referat: [\"2025-02-27\"]\n"),
    );
    s.merge_all("Referatsak");
    s.build("2026-01-01");
    let page = s.page("ssu/sak/2025.15/");
    assert!(
        page.contains("href=\"../../../ssu/2025-02-27/\">Referat fra "),
        "{page}"
    );
    assert!(!s.page("ssu/2025-02-27/").contains("id=\"referat\""));

    s.write(
        "content/ssu/2025-02-27/2025.05.md",
        &case("2025.05", "vedtak:\n  - Tatt til orientering.\n"),
    );
    s.merge_all("Vedtak");
    let o = s.build("2026-01-01");
    assert!(
        stderr(&o).contains("Oppdaterte "),
        "a rebuild: {}",
        stderr(&o)
    );
    let page = s.page("ssu/sak/2025.15/");
    assert!(
        page.contains("href=\"../../../ssu/2025-02-27/#referat\">Referat fra "),
        "{page}"
    );
    assert!(s.page("ssu/2025-02-27/").contains("id=\"referat\""));
}
