//! Hostile or huge content: a clear error naming the file and line, never a crash, a hang or
//! quadratic time. The sizes here are chosen so that quadratic code would take minutes while
//! the linear code takes a second or two; no test measures time.
//!
//! The last test is a deterministic fuzz run over mutated copies of the example site's files
//! (`MOTEBOK_FUZZ_ITERS`, `MOTEBOK_FUZZ_SEED` to run it longer or otherwise); inputs it once
//! crashed on are kept in `tests/hostile_input/` and replayed first.

mod common;
use common::*;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

const CASE: &str = "content/ssu/2025-05-22/2025.13.md";
const CASE_HEAD: &str = "---\nsaksnr: \"2025.13\"\ntittel: Godkjenning av innkalling\nsakstype: [beslutning]\nansvarlig: Christian Reissig\n---\n";

/// The minimal site with the case 2025.13 replaced by `text`, merged.
fn with_case(text: &str) -> Site {
    let site = Site::minimal();
    site.write(CASE, text);
    site.merge_all("Endring");
    site
}

/// A failing build's stderr, checking `check` fails too.
fn fails(site: &Site) -> String {
    let o = site.try_build("2026-01-01");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let check = site.motebok(&["check"]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    stderr(&o)
}

#[test]
fn forty_thousand_equal_headings_get_unique_ids_in_linear_time() {
    let mut md = String::from(CASE_HEAD);
    // Two empty headings, then one heading written as what the 3rd "Vurdering" would become.
    md.push_str("## \n\n## \n\n## Vurdering-3\n\n");
    for _ in 0..40_000 {
        md.push_str("## Vurdering\n\nTekst.\n\n");
    }
    let site = with_case(&md);
    let page = site.page_after_build("ssu/sak/2025.13/");
    let ids: Vec<&str> = page
        .split("<h2 id=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    // The body's headings, after the template's own (which come before or after them).
    let body: Vec<&str> = ids
        .iter()
        .copied()
        .skip_while(|i| *i != "avsnitt")
        .take(40_003)
        .collect();
    assert_eq!(body.len(), 40_003, "{:?}", &ids[..ids.len().min(10)]);
    assert_eq!(
        &body[..5],
        [
            "avsnitt",
            "avsnitt-2",
            "vurdering-3",
            "vurdering",
            "vurdering-2"
        ]
    );
    // The 3rd "Vurdering" skips the id taken by the heading that spelt it out.
    assert_eq!(body[5], "vurdering-4");
    assert_eq!(body[40_002], "vurdering-40001");
    let unique: HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "every id on the page is unique");
}

#[test]
fn deeply_nested_html_is_an_error_at_its_line() {
    let n = 100_000;
    let md = format!(
        "{CASE_HEAD}Innledning.\n\n{}x{}\n",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    let err = fails(&with_case(&md));
    assert!(err.contains(&format!("{CASE}:9")), "{err}");
    assert!(err.contains("nestet for dypt"), "{err}");
}

#[test]
fn deeply_nested_markdown_is_an_error_or_builds() {
    let n = 100_000;
    // Blockquotes and lists this deep are an error (with raw HTML beside them they would go
    // through the sanitiser, which is quadratic in depth); brackets do not nest as links.
    for (body, line) in [
        (format!("<b>fet</b>\n\n{} sitat\n", ">".repeat(n)), 11),
        (format!("Liste:\n\n{}punkt\n", "- ".repeat(n)), 11),
    ] {
        let err = fails(&with_case(&format!("{CASE_HEAD}Innledning.\n\n{body}")));
        assert!(err.contains(&format!("{CASE}:{line}")), "{err}");
        assert!(err.contains("nestet for dypt"), "{err}");
    }
    let links = format!(
        "{CASE_HEAD}{}lenke{}(vedlegg/notat.md)\n",
        "[".repeat(n),
        "]".repeat(n)
    );
    let site = with_case(&links);
    let page = site.page_after_build("ssu/sak/2025.13/");
    assert!(page.contains("[[[[lenke]]]]"), "the brackets stay text");
    // A hundred levels are fine.
    let site = with_case(&format!(
        "{CASE_HEAD}{}x{}\n\n{} sitat\n",
        "<div>".repeat(40),
        "</div>".repeat(40),
        ">".repeat(50)
    ));
    site.build("2026-01-01");
}

#[test]
fn control_characters_are_refused_with_file_line_and_character() {
    // A YAML escape in a double-quoted value, a raw NUL in the body, a bell in a value.
    let site = with_case(&format!(
        "{}\n---\nTekst\u{0}med null.\n\tInnrykk med tabulator er greit.\r\n",
        CASE_HEAD
            .replace(
                "Godkjenning av innkalling",
                "\"Godkjenning\\0 av innkalling\""
            )
            .replace("Christian Reissig\n---\n", "\"Christian\u{7} Reissig\"")
    ));
    let err = fails(&site);
    assert!(err.contains(&format!("{CASE}:3")), "{err}");
    assert!(err.contains(&format!("{CASE}:5")), "{err}");
    assert!(err.contains(&format!("{CASE}:7")), "{err}");
    assert!(err.contains("U+0000"), "{err}");
    assert!(err.contains("U+0007"), "{err}");
    assert!(err.contains("kontrolltegn"), "{err}");
}

#[test]
fn keys_that_are_not_names_are_errors_at_their_line() {
    for (extra, line) in [
        ("? [a, b]\n: c\n", 5),
        ("[a]: b\n", 5),
        ("{a: 1}: b\n", 5),
        ("null: x\n", 5),
        ("1: x\n", 5),
        (
            "vedlegg:\n  - tittel: Notat\n    fil: vedlegg/notat.md\n    [x]: y\n",
            8,
        ),
    ] {
        let md = CASE_HEAD.replace("ansvarlig", &format!("{extra}ansvarlig"));
        let err = fails(&with_case(&md));
        assert!(err.contains(&format!("{CASE}:{line}")), "{extra:?}: {err}");
        assert!(err.contains("ukjent nøkkel"), "{extra:?}: {err}");
    }
}
