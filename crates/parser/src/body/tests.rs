use super::*;

fn run(md: &str) -> Findings {
    check("content/a.md", md, 10)
}

fn places(ds: &[Diagnostic]) -> Vec<(u32, u32)> {
    ds.iter()
        .map(|d| (d.line.unwrap(), d.col.unwrap()))
        .collect()
}

#[test]
fn images_need_a_text_alternative_or_the_decorative_mark() {
    let f = run(
        "![](a.png) ![Kart](b.png)\n\nTekst ![ ](c.png \"dekorativt\") og ![](d.png \"Pynt\")\n",
    );
    assert_eq!(places(&f.errors), [(10, 1)]);
    assert_eq!(f.errors[0].wcag.as_deref(), Some("1.1.1"));
    assert!(f.warnings.is_empty(), "{:?}", f.warnings);
}

#[test]
fn raw_img_needs_alt_and_alt_empty_is_decorative() {
    let f = run("<p>\n<img src=\"a.png\" title=\"x > y\">\n<img alt=\"\" src=\"b.png\"><IMG SRC=c.png/>\n</p>\n\nInne i tekst <img\nsrc=\"d.png\"> og <imgx>.\n");
    assert_eq!(places(&f.errors), [(11, 1), (12, 25), (15, 14)]);
    assert!(f.errors[0].message.contains("`<img>`"));
}

#[test]
fn vague_link_texts_and_bare_urls_are_warnings() {
    let f = run("[Her](a) [avtalen om TUD](b) [*les mer*…](c) [https://x.no](https://x.no)\n<https://y.no> <post@x.no> [post@x.no](mailto:post@x.no) [](d) [![Kart](k.png)](e)\n");
    assert_eq!(
        places(&f.warnings),
        [(10, 1), (10, 30), (10, 46), (11, 1), (11, 58)]
    );
    assert!(f
        .warnings
        .iter()
        .all(|w| w.wcag.as_deref() == Some("2.4.4")));
    assert_eq!(
        f.warnings[0].message,
        "lenketeksten «Her» sier ikke hvor lenken går"
    );
    assert_eq!(f.warnings[4].message, "lenken har ingen tekst");
}

#[test]
fn an_empty_header_cell_is_a_warning_an_empty_body_cell_is_not() {
    let f = run("| a | | ![Logo](l.png) |\n|---|---|---|\n| | 2 | 3 |\n");
    assert_eq!(places(&f.warnings), [(10, 6)]);
    assert_eq!(f.warnings[0].wcag.as_deref(), Some("1.3.1"));
}

#[test]
fn placeholders_with_their_places() {
    let f = run("Møte xx.xx.2025 kl. xx:xx i rom XX.\n\n- Kommer.\n- Saken kommer.\n\n*TBD* og [Sett inn navn] og «avklares i møtet».\n\n`XX` i kode og\n\n    xx.xx.xx\n");
    let got: Vec<(u32, u32, &str)> = f
        .warnings
        .iter()
        .map(|d| (d.line.unwrap(), d.col.unwrap(), d.message.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (10, 6, "«xx.xx.2025» ser ut som tekst fra et utkast"),
            (10, 21, "«xx:xx» ser ut som tekst fra et utkast"),
            (10, 33, "«XX» ser ut som tekst fra et utkast"),
            (12, 3, "«Kommer» ser ut som tekst fra et utkast"),
            (15, 2, "«TBD» ser ut som tekst fra et utkast"),
            (15, 10, "«[Sett inn navn]» ser ut som tekst fra et utkast"),
            (15, 30, "«avklares i møtet» ser ut som tekst fra et utkast"),
        ]
    );
    assert!(f.errors.is_empty());
}

#[test]
fn headings_with_nothing_under_them() {
    let f = run("## Bakgrunn\n\n<!-- Hvorfor saken kommer opp. -->\n\n## Saken\n\n### Del\n\nTekst.\n\n## Vurdering\n\n<!--\nflere\nlinjer\n-->\n");
    let got: Vec<(u32, &str)> = f
        .warnings
        .iter()
        .map(|d| (d.line.unwrap(), d.message.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (10, "overskriften «Bakgrunn» har ingen tekst under seg"),
            (20, "overskriften «Vurdering» har ingen tekst under seg"),
        ]
    );
}

#[test]
fn wrapped_links_are_warnings_that_never_show_the_address() {
    let text = "---\ntittel: x\n---\nSe https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fx.no&data=a%40b.no her.\n";
    let ds = wrapped_links("content/a.md", text);
    assert_eq!(places(&ds), [(4, 4)]);
    assert!(ds[0].sensitive);
    assert!(
        ds[0].message.ends_with("den publiseres som https://x.no/"),
        "{}",
        ds[0].message
    );
    assert!(!ds[0].message.contains("a%40b"));
}

#[test]
fn a_file_reports_at_most_a_hundred_findings_and_says_so() {
    let md = "XX ".repeat(100_000) + "\n\n" + &"[sett inn ".repeat(100_000);
    let f = run(&md);
    assert_eq!(f.warnings.len(), MAX_FINDINGS + 1);
    assert!(f.warnings[..MAX_FINDINGS].iter().all(|d| d.line.is_some()));
    // 100,000 `XX` and one `[sett inn …` running to the end.
    assert!(
        f.warnings[MAX_FINDINGS]
            .message
            .starts_with("filen har 100001 funn"),
        "{}",
        f.warnings[MAX_FINDINGS].message
    );
}

#[test]
fn the_minutes_in_front_matter_are_checked_at_their_lines() {
    let text = "---\nsaksnr: \"2025.15\"\nreferat: |\n  Kari viste kartet:\n\n  ![](kart.png) og [her](x.md).\nvedtak: [a]\n---\nTekst.\n";
    let fm = crate::frontmatter::split("content/a.md", text).unwrap();
    let f = check_field("content/a.md", fm.get("referat").unwrap());
    assert_eq!(places(&f.errors), [(6, 3)]);
    assert_eq!(places(&f.warnings), [(6, 20)]);
}
