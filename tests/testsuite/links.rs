//! Every link on every page resolves to a file that was written: the example site, and a
//! site whose attachments are named as editors name files ("Referat SSU mai.pdf", "100%").

use crate::common::output_links::check_links;
use crate::common::*;
use std::path::Path;

#[test]
fn every_link_of_the_example_site_resolves() {
    let site = Site::example();
    site.build("2026-11-16");
    // base_url = "https://<host>/helsefellesskap/"
    let toml =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("site.toml")).unwrap();
    let base_url = toml
        .lines()
        .find_map(|l| l.strip_prefix("base_url = "))
        .unwrap()
        .trim_matches('"');
    let path = &base_url[base_url.find("://").unwrap() + 3..];
    let base_path = format!("{}/", path[path.find('/').unwrap()..].trim_end_matches('/'));
    let n = check_links(&site.out_dir(), &base_path);
    assert!(n > 2000, "only {n} links checked");
    // The 404 page is served at any depth: its links, styles included, start at the site.
    let missing = site.page("404.html");
    assert!(
        missing.contains(&format!("href=\"{base_path}static/")),
        "{missing}"
    );
    assert!(
        missing.contains(&format!("<a href=\"{base_path}\">Gå til forsiden</a>")),
        "{missing}"
    );
}

#[test]
fn file_names_with_spaces_and_percent_signs_are_linked_encoded() {
    let site = Site::minimal();
    site.write(
        "content/ssu/2025-05-22/2025.15.md",
        "---\nsaksnr: \"2025.15\"\ntittel: Referat fra arbeidsgruppen\nsakstype: [orientering]\n\
         vedlegg:\n  - tittel: Referat mai\n    fil: vedlegg/Referat SSU mai.pdf\n  \
         - tittel: Utkast\n    fil: vedlegg/referat utkast.md\n  - tittel: Tall\n    fil: vedlegg/tall 100%.csv\n---\n\
         Se [referatet](vedlegg/Referat%20SSU%20mai.pdf), [utkastet](<vedlegg/referat utkast.md>) \
         og [tallene](vedlegg/tall%20100%25.csv).\n",
    );
    site.write(
        "content/ssu/2025-05-22/vedlegg/Referat SSU mai.pdf",
        "%PDF-1.4\n",
    );
    site.write(
        "content/ssu/2025-05-22/vedlegg/referat utkast.md",
        "# Utkast\n\nTekst.\n",
    );
    site.write("content/ssu/2025-05-22/vedlegg/tall 100%.csv", "a;b\n1;2\n");
    // A `#` in a name; a document and a body named with letters a URL keeps as they are (names
    // with spaces are refused: tests/testsuite/security_names.rs).
    site.write(
        "content/ssu/2025-05-22/2025.16.md",
        "---\nsaksnr: \"2025.16\"\ntittel: Tabell\nsakstype: [orientering]\nvedlegg:\n  - tittel: Tabell\n    fil: \"vedlegg/tabell #2.md\"\n---\nSe [tabellen](vedlegg/tabell%20%232.md#tall).\n",
    );
    site.write(
        "content/ssu/2025-05-22/vedlegg/tabell #2.md",
        "# Tabell\n\n## Tall\n\n1, 2.\n",
    );
    site.write(
        "content/dokumenter/årsmelding-2025.md",
        "---\ntittel: Årsmelding 2025\ndoktype: arsmelding\ndato: 2025-03-01\n---\nTekst.\n",
    );
    site.write(
        "content/styre-2/_organ.md",
        "---\nnavn: Styret for samarbeid\nkortnavn: Styret\n---\nMandat.\n",
    );
    site.write(
        "content/styre-2/2025-06-01/_mote.md",
        "---\ndato: 2025-06-01\n---\nVelkommen.\n",
    );
    site.write(
        "content/styre-2/2025-06-01/2025.01.md",
        "---\nsaksnr: \"2025.01\"\ntittel: Konstituering\nsakstype: [beslutning]\n---\nTekst.\n",
    );
    site.merge_all("Referat med vedlegg");
    site.build("2026-01-01");
    let out = site.out_dir();

    // The files are written under their own names.
    assert!(out
        .join("ssu/2025-05-22/vedlegg/Referat SSU mai.pdf")
        .is_file());
    assert!(out.join("ssu/2025-05-22/vedlegg/tall 100%.csv").is_file());
    assert!(out
        .join("ssu/2025-05-22/vedlegg/referat utkast/index.html")
        .is_file());

    // Links to them are encoded, from the list of attachments and from the text alike.
    let case = site.page("ssu/sak/2025.15/");
    let list = between(&case, "id=\"vedlegg\"", "</section>");
    assert!(
        list.contains("href=\"../../../ssu/2025-05-22/vedlegg/Referat%20SSU%20mai.pdf\""),
        "{list}"
    );
    assert!(
        list.contains("href=\"../../../ssu/2025-05-22/vedlegg/referat%20utkast/\""),
        "{list}"
    );
    assert!(
        list.contains("href=\"../../../ssu/2025-05-22/vedlegg/tall%20100%25.csv\""),
        "{list}"
    );
    let prose = between(&case, "<div class=\"prose\">", "</div>");
    assert!(
        prose.contains("href=\"../../../ssu/2025-05-22/vedlegg/Referat%20SSU%20mai.pdf\""),
        "{prose}"
    );
    assert!(
        prose.contains("href=\"../../../ssu/2025-05-22/vedlegg/referat%20utkast/\""),
        "{prose}"
    );
    assert!(
        prose.contains("href=\"../../../ssu/2025-05-22/vedlegg/tall%20100%25.csv\""),
        "{prose}"
    );

    // The sitemap and the canonical link name the page as a URL.
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("ssu/2025-05-22/vedlegg/referat%20utkast/</loc>"),
        "{sitemap}"
    );
    let draft = site.page("ssu/2025-05-22/vedlegg/referat utkast/");
    assert!(draft.contains("rel=\"canonical\" href=\"https://example.org/test/ssu/2025-05-22/vedlegg/referat%20utkast/\""));

    let table = site.page("ssu/sak/2025.16/");
    assert!(
        table.contains("href=\"../../../ssu/2025-05-22/vedlegg/tabell%20%232/#tall\""),
        "{table}"
    );
    assert!(out.join("styre-2/sak/2025.01/index.html").is_file());
    assert!(site.page("").contains("href=\"styre-2/\""));
    assert!(out.join("dokumenter/årsmelding-2025/index.html").is_file());
    assert!(site
        .page("dokumenter/")
        .contains("href=\"../dokumenter/årsmelding-2025/\""));

    check_links(&out, "/test/");
}
