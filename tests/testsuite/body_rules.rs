//! The rules about what a Markdown body says (CONTENT.md §4): images need a text
//! alternative, links a text that says where they go, table headers a text; mail systems'
//! link protection is unwrapped (it carries the sender's e-mail address); text left from
//! drafts is flagged. Each finding names the file, line and column.

use crate::common::*;

const MEETING: &str = "content/ssu/2025-05-22";

/// A case of the minimal site's meeting with `body`; the body starts on line 6.
fn case(saksnr: &str, body: &str) -> String {
    format!("---\nsaksnr: \"{saksnr}\"\ntittel: Sak {saksnr}\nsakstype: [orientering]\n---\n{body}")
}

/// The minimal site with a case 2025.15 holding `body`, merged.
fn site_with(body: &str) -> Site {
    let site = Site::minimal();
    site.write(&format!("{MEETING}/2025.15.md"), &case("2025.15", body));
    site.merge_all("Ny sak");
    site
}

/// `check` on a site that has to pass: its stderr (the warnings).
fn warnings(site: &Site) -> String {
    let o = site.motebok(&["check", "--as-of", "2026-01-01"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    stderr(&o)
}

/// `check` and `build` on a site that has to fail: the build's stderr.
fn errors(site: &Site) -> String {
    let o = site.try_build("2026-01-01");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let check = site.motebok(&["check", "--as-of", "2026-01-01"]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    stderr(&o)
}

/// Where a finding is, as the report's header gives it (miette counts the column in bytes:
/// the tests write ASCII before the columns they look for).
fn at(line: u32, col: u32) -> String {
    format!("{MEETING}/2025.15.md:{line}:{col}")
}

#[test]
fn an_image_without_a_text_alternative_is_an_error() {
    let err = errors(&site_with(
        "Tekst.\n\nSe kartet: ![](https://example.org/kart.png)\n",
    ));
    assert!(err.contains("bildet mangler tekstalternativ"), "{err}");
    assert!(err.contains(&at(8, 12)), "{err}");
    assert!(
        err.contains("dekorativt"),
        "the hint names the way out: {err}"
    );
}

#[test]
fn a_decorative_image_is_published_with_an_empty_alt() {
    let site = site_with("Tekst.\n\n![](https://example.org/bolge.png \"dekorativt\")\n");
    let w = warnings(&site);
    assert!(!w.contains("tekstalternativ"), "{w}");
    let page = site.page_after_build("ssu/sak/2025.15/");
    assert!(
        page.contains("<img src=\"https://example.org/bolge.png\" alt=\"\""),
        "{page}"
    );
    assert!(!page.contains("dekorativt"), "{page}");
}

#[test]
fn raw_img_without_alt_is_an_error() {
    let err = errors(&site_with(
        "Tekst.\n\nLogo: <img src=\"https://example.org/logo.png\" width=\"40\">\n",
    ));
    assert!(
        err.contains("bildet (`<img>`) mangler tekstalternativ"),
        "{err}"
    );
    assert!(err.contains(&at(8, 7)), "{err}");
}

#[test]
fn a_link_text_that_says_nothing_is_a_warning() {
    let w = warnings(&site_with(
        "Tekst.\n\nLes avtalen [her](https://example.org/a).\n\
         Mer om [https://example.org/b](https://example.org/b) og\n\
         [Klikk her!](https://example.org/c) og <https://example.org/d>.\n",
    ));
    assert!(
        w.contains("lenketeksten «her» sier ikke hvor lenken går"),
        "{w}"
    );
    assert!(w.contains(&at(8, 13)), "{w}");
    assert!(w.contains(&at(9, 8)), "bare URL as text: {w}");
    assert!(w.contains("lenketeksten «Klikk her!»"), "{w}");
    assert!(w.contains(&at(10, 1)), "{w}");
    assert!(w.contains(&at(10, 40)), "autolink: {w}");
    assert!(w.contains("2.4.4"), "the hint names the criterion: {w}");
}

#[test]
fn an_empty_table_header_cell_is_a_warning() {
    let w = warnings(&site_with(
        "Tekst.\n\n| Kommune | |\n|---|---|\n| Horten | 12 |\n",
    ));
    assert!(w.contains("tabellen har en tom overskriftscelle"), "{w}");
    assert!(w.contains(&at(8, 12)), "{w}");
}

#[test]
fn placeholders_left_from_drafts_are_warnings() {
    let w = warnings(&site_with(
        "Motet holdes xx.xx.xxxx i sal XX.\n\nDato for neste mote: xx.xx.xx.\n\n\
         Kommer\n\nBudsjettet avklares i møtet.\n\nAnsvarlig: TBD\n\n\
         Vi viser til [sett inn saksnummer].\n\nSaken kommer tilbake i neste møte.\n",
    ));
    for (line, col, what) in [
        (6, 14, "xx.xx.xxxx"),
        (6, 31, "XX"),
        (8, 22, "xx.xx.xx"),
        (10, 1, "Kommer"),
        (12, 12, "avklares i møtet"),
        (14, 12, "TBD"),
        (16, 14, "[sett inn saksnummer]"),
    ] {
        assert!(w.contains(&at(line, col)), "{what} at {line}:{col}: {w}");
        assert!(w.contains(&format!("«{what}»")), "{what}: {w}");
    }
    // "kommer" in a sentence is a word, not a placeholder.
    assert!(!w.contains(&at(18, 1)) && !w.contains(":18:"), "{w}");
    assert!(
        w.contains("før teksten publiseres"),
        "the hint says what to do: {w}"
    );
}

#[test]
fn the_empty_headings_of_a_new_case_are_warnings() {
    let site = Site::minimal();
    let o = site.motebok(&["new", "sak", "ssu", "2025-05-22", "Ny sak"]);
    assert!(o.status.success(), "{}", stderr(&o));
    site.merge_all("Ny sak fra malen");
    let w = warnings(&site);
    let file = format!("{MEETING}/2025.15.md");
    let text = site.read_src(&file);
    for heading in ["## Bakgrunn", "## Saken", "## Vurdering"] {
        let line = text.lines().position(|l| l == heading).unwrap() + 1;
        assert!(w.contains(&format!("{file}:{line}:1")), "{heading}: {w}");
    }
    assert!(
        w.contains("overskriften «Bakgrunn» har ingen tekst under seg"),
        "{w}"
    );
}

/// As Outlook writes a link into a mail (seed 001 of the case papers): the `data` parameter
/// carries the sender's address.
const SAFELINK: &str = "https://nor01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fyoutu.be%2FE5jdPproDVk&data=05%7C02%7CRenate.Solstad%40siv.no%7C2365d4f521224093f77608dd57014b6a%7C7f8e4cf071fb489ca3363f9252a63908%7C0%7C0%7C638762385243971980%7CUnknown%7CTWFpbGZsb3d8eyJFbXB0eU1hcGkiOnRydWUsIlYiOiIwLjAuMDAwMCIsIlAiOiJXaW4zMiIsIkFOIjoiTWFpbCIsIldUIjoyfQ%3D%3D%7C0%7C%7C%7C&sdata=IDgZxb89CSPz9oRRGnEvxemq1Hc89n8ZARr9jy1efYw%3D&reserved=0";

#[test]
fn safelinks_are_unwrapped_in_every_output_and_check_says_so() {
    let site = Site::minimal();
    site.write(
        &format!("{MEETING}/2025.15.md"),
        &format!(
            "---\nsaksnr: \"2025.15\"\ntittel: Film om samhandling\nsakstype: [orientering]\n\
             referat: |\n  Filmen ble vist: {SAFELINK}\n---\n\
             Filmen ligger på {SAFELINK} for alle.\n\nSe [filmen om samhandling]({SAFELINK}).\n"
        ),
    );
    site.merge_all("Sak med lenke fra Outlook");
    let w = warnings(&site);
    for line in [6, 8, 10] {
        assert!(
            w.contains(&format!("{MEETING}/2025.15.md:{line}:")),
            "line {line}: {w}"
        );
    }
    assert!(w.contains("https://youtu.be/E5jdPproDVk"), "{w}");
    assert!(
        !w.contains("Solstad"),
        "the warning repeats the address: {w}"
    );

    site.build("2026-01-01");
    let page = site.page("ssu/sak/2025.15/");
    assert!(
        page.contains("<a href=\"https://youtu.be/E5jdPproDVk\">filmen om samhandling</a>"),
        "{page}"
    );
    assert!(
        page.contains("Filmen ligger på https://youtu.be/E5jdPproDVk for alle."),
        "{page}"
    );
    let out = snapshot(&site.out_dir());
    let text = |p: &str| {
        let bytes = out.get(std::path::Path::new(p));
        String::from_utf8_lossy(bytes.unwrap_or_else(|| panic!("no {p} in {:?}", out.keys())))
            .into_owned()
    };
    assert!(text("feed.xml").contains("https://youtu.be/E5jdPproDVk"));
    assert!(text("api/paper/ssu/2025.15.json").contains("https://youtu.be/E5jdPproDVk"));
    let index: String = out
        .iter()
        .filter(|(p, _)| p.starts_with("sok/indeks"))
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .collect();
    assert!(
        index.contains("e5jdpprodvk"),
        "the unwrapped URL is searchable"
    );
    for (path, bytes) in &out {
        let s = String::from_utf8_lossy(bytes).to_lowercase();
        for leak in ["solstad", "siv.no", "safelinks"] {
            assert!(!s.contains(leak), "{leak} in {}", path.display());
        }
    }
}

#[test]
fn every_error_of_every_body_rule_in_one_run() {
    let site = Site::minimal();
    site.write(
        &format!("{MEETING}/2025.15.md"),
        &case("2025.15", "![](https://example.org/a.png)\n"),
    );
    site.write(
        &format!("{MEETING}/2025.16.md"),
        &case(
            "2025.16",
            "Tekst <img src=\"https://example.org/b.png\">\n\n![](https://example.org/c.png)\n",
        ),
    );
    site.merge_all("To saker med bilder uten tekst");
    let err = errors(&site);
    assert!(err.contains(&format!("{MEETING}/2025.15.md:6:1")), "{err}");
    assert!(err.contains(&format!("{MEETING}/2025.16.md:6:7")), "{err}");
    assert!(err.contains(&format!("{MEETING}/2025.16.md:8:1")), "{err}");
    assert!(err.contains("3 feil"), "{err}");
}
