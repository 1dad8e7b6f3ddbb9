//! The last gaps of "nothing lost, no URL vanishes, every error at once" (CONTENT.md §4, §7):
//! links to files that exist but are not published, the files of a moved meeting, the stubs
//! in previews, and a broken file checked against the others.

use crate::common::output_links::check_links;
use crate::common::preview;
use crate::common::*;

const EXEMPT: &str = "offentlig: false\nskjermingshjemmel: \"offl. § 13 jf. fvl. § 13\"\n";

#[test]
fn links_to_files_no_case_lists_or_whose_window_closed_land_on_something_that_exists() {
    let site = Site::minimal();
    // A map the meeting's own text links to: no case lists it.
    site.write(
        "content/ssu/2025-05-22/_mote.md",
        "---\ndato: 2025-05-22\n---\nVelkommen. Se [kartet](vedlegg/kart.pdf).\n",
    );
    site.write("content/ssu/2025-05-22/vedlegg/kart.pdf", "%PDF-1.4 kart\n");
    // A meeting whose window has closed (2023 + 24 months), with a PDF attachment.
    site.write(
        "content/ssu/2023-01-10/_mote.md",
        "---\ndato: 2023-01-10\n---\n",
    );
    site.write(
        "content/ssu/2023-01-10/2023.01.md",
        "---\nsaksnr: \"2023.01\"\ntittel: Gammel sak\nsakstype: [orientering]\nvedlegg:\n  - tittel: Gammelt notat\n    fil: vedlegg/gammel.pdf\n---\nTekst.\n",
    );
    site.write(
        "content/ssu/2023-01-10/vedlegg/gammel.pdf",
        "%PDF-1.4 gammel\n",
    );
    site.write(
        "content/ssu/2025-05-22/2025.13.md",
        "---\nsaksnr: \"2025.13\"\ntittel: Godkjenning av innkalling\nsakstype: [beslutning]\n---\n\
         Se [det gamle notatet](../2023-01-10/vedlegg/gammel.pdf) og [mandatet](../_organ.md).\n",
    );
    site.merge_all("Kart, gammelt notat og mandat");
    let o = site.build("2026-01-01");
    // Linked from the meeting's text, the map is used: no warning that it is not published.
    assert!(!stderr(&o).contains("kart.pdf"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(site.out_dir().join("ssu/2025-05-22/vedlegg/kart.pdf")).unwrap(),
        b"%PDF-1.4 kart\n"
    );
    let meeting = site.page("ssu/2025-05-22/");
    assert!(
        meeting.contains("href=\"../../ssu/2025-05-22/vedlegg/kart.pdf\""),
        "{meeting}"
    );
    // The closed notice's file is not copied: its link goes to the case's tombstone, and says so.
    assert!(!site.exists("ssu/2023-01-10/vedlegg/gammel.pdf"));
    let case = site.page("ssu/sak/2025.13/");
    let prose = between(&case, "<div class=\"prose\">", "</div>");
    assert!(
        prose.contains("href=\"../../../ssu/sak/2023.01/\""),
        "{prose}"
    );
    assert!(prose.contains("(avpublisert)"), "{prose}");
    assert!(prose.contains("href=\"../../../ssu/\""), "{prose}");
    check_links(&site.out_dir(), "/test/");

    // The link taken out, the map is used by nothing: a rebuild leaves it out, as a full build.
    site.write(
        "content/ssu/2025-05-22/_mote.md",
        "---\ndato: 2025-05-22\n---\nVelkommen.\n",
    );
    site.merge_all("Uten kart");
    let o = site.build("2026-01-01");
    assert!(stderr(&o).contains("kart.pdf"), "warned as unused");
    assert!(!site.exists("ssu/2025-05-22/vedlegg/kart.pdf"));
    same_as_full_build(&site, "2026-01-01", "the rebuild");
}

#[test]
fn a_link_to_a_file_that_will_never_be_published_is_an_error_at_its_line() {
    let site = Site::minimal();
    site.write(
        "content/ssu/2025-05-22/2025.15.md",
        &format!(
            "---\nsaksnr: \"2025.15\"\ntittel: Personalsak\nsakstype: [beslutning]\n{EXEMPT}\
             vedlegg:\n  - tittel: Vurdering\n    fil: vedlegg/vurdering.pdf\n---\nTekst.\n"
        ),
    );
    site.write("content/ssu/2025-05-22/vedlegg/vurdering.pdf", "%PDF-1.4\n");
    site.write(
        "content/ssu/2025-05-22/_mote.md",
        "---\ndato: 2025-05-22\n---\nVelkommen.\n\nSe [vurderingen](vedlegg/vurdering.pdf).\n\nOg [saken](2025.15.md).\n",
    );
    // A public case's text linking the exempt case's attachment would publish it.
    site.write(
        "content/ssu/2025-05-22/2025.13.md",
        "---\nsaksnr: \"2025.13\"\ntittel: Godkjenning\nsakstype: [beslutning]\n---\nSe [vurderingen](vedlegg/vurdering.pdf).\n",
    );
    site.merge_all("Lenker til unntatt sak");
    let o = site.motebok(&["check", "--as-of", "2026-01-01"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    // Each report starts with `×` and names its place below.
    let reports: Vec<&str> = err.split("  × ").collect();
    for at in [
        "content/ssu/2025-05-22/_mote.md:6:",
        "content/ssu/2025-05-22/_mote.md:8:",
        "content/ssu/2025-05-22/2025.13.md:6:",
    ] {
        assert!(
            reports
                .iter()
                .any(|r| r.contains(at) && r.contains("unntatt offentlighet")),
            "{at}: {err}"
        );
    }
    let b = site.try_build("2026-01-01");
    assert_eq!(b.status.code(), Some(1));
    assert!(!site.out_dir().exists());
}

#[test]
fn a_moved_meetings_files_answer_at_their_old_urls() {
    let site = Site::minimal();
    site.write(
        "content/ssu/2025-05-22/2025.13.md",
        "---\nsaksnr: \"2025.13\"\ntittel: Godkjenning av innkalling\nsakstype: [beslutning]\nvedlegg:\n  - tittel: Tall\n    fil: vedlegg/tall.pdf\n---\nTekst.\n",
    );
    site.write("content/ssu/2025-05-22/vedlegg/tall.pdf", "%PDF-1.4 tall\n");
    site.merge_all("Tall");
    site.build("2026-01-01");
    let url = site.page("ssu/sak/2025.13/");
    assert!(url.contains("2025-05-22/vedlegg/tall.pdf"));
    move_meeting(&site);
    site.build("2026-01-01");
    // A PDF cannot point anywhere: the old URL keeps the file's bytes while it is published.
    let out = site.out_dir();
    assert_eq!(
        std::fs::read(out.join("ssu/2025-05-22/vedlegg/tall.pdf")).unwrap(),
        b"%PDF-1.4 tall\n"
    );
    assert!(out.join("ssu/2025-05-27/vedlegg/tall.pdf").is_file());
    assert!(!site.page("sitemap.xml").contains("2025-05-22"));
    // Its old /api/ id is a deleted object, as a moved page's is; the new one is the file.
    let old: serde_json::Value =
        serde_json::from_str(&site.page("api/file/ssu/2025-05-22/vedlegg/tall.pdf.json")).unwrap();
    assert_eq!(old["deleted"], true, "{old}");
    assert_eq!(old["type"], "https://schema.oparl.org/1.1/File", "{old}");
    assert!(site.exists("api/file/ssu/2025-05-27/vedlegg/tall.pdf.json"));
    // No page pretends to stand at a file's URL.
    assert!(!out
        .join("ssu/2025-05-22/vedlegg/tall.pdf/index.html")
        .exists());
    same_as_full_build(&site, "2026-01-01", "the rebuild");
    // A rebuild after another change keeps both copies.
    site.write(
        "content/ssu/2025-05-27/_mote.md",
        "---\ndato: 2025-05-27\n---\nFlyttet, med nytt rom.\n",
    );
    site.merge_all("Nytt rom");
    site.build("2026-01-01");
    assert!(out.join("ssu/2025-05-22/vedlegg/tall.pdf").is_file());
    same_as_full_build(&site, "2026-01-01", "the rebuild");
    // Its window closed, the copy goes with the file (a case tombstone stands instead).
    site.build("2027-06-01");
    assert!(!out.join("ssu/2025-05-22/vedlegg/tall.pdf").exists());
    assert!(!out.join("ssu/2025-05-27/vedlegg/tall.pdf").exists());
    same_as_full_build(&site, "2027-06-01", "the rebuild");
    check_links(&out, "/test/");
}

#[test]
fn previews_show_the_stubs_production_shows() {
    let site = Site::minimal();
    site.write("content/ssu/2025-05-22/vedlegg/tall.pdf", "%PDF-1.4 tall\n");
    site.write(
        "content/ssu/2025-05-22/2025.13.md",
        "---\nsaksnr: \"2025.13\"\ntittel: Godkjenning av innkalling\nsakstype: [beslutning]\nvedlegg:\n  - tittel: Tall\n    fil: vedlegg/tall.pdf\n---\nTekst.\n",
    );
    site.merge_all("Tall");
    move_meeting(&site);
    site.build_worktree("2026-01-01");
    let old = site.page("ssu/2025-05-22/");
    assert!(old.contains("noindex"), "{old}");
    assert!(old.contains("href=\"../../ssu/2025-05-27/\""), "{old}");
    assert!(site.exists("ssu/2025-05-22/vedlegg/tall.pdf"));
    assert!(site.exists("api/meeting/ssu/2025-05-22.json"));

    let p = preview::start(&site);
    let a = preview::get(&p.addr, "/ssu/2025-05-22/");
    assert_eq!(a.status, 200, "{}", a.body);
    assert!(a.body.contains("noindex"), "{}", a.body);
    assert!(a.body.contains("2025-05-27/"), "{}", a.body);
    let att = preview::get(&p.addr, "/ssu/2025-05-22/vedlegg/notat/");
    assert_eq!(att.status, 200);
    assert!(att.body.contains("noindex"), "{}", att.body);
    let file = preview::get(&p.addr, "/ssu/2025-05-22/vedlegg/tall.pdf");
    assert_eq!(file.status, 200);
    assert_eq!(file.body, "%PDF-1.4 tall\n");
}

#[test]
fn a_broken_case_file_and_a_duplicate_number_elsewhere_are_reported_in_one_run() {
    let site = Site::minimal();
    // A case whose front matter is not YAML at all.
    site.write(
        "content/ssu/2025-05-22/2025.15.md",
        "---\nsaksnr: \"2025.15\"\ntittel: [Uavsluttet\n---\nTekst.\n",
    );
    // And, independently, a number used twice in the same year.
    site.write(
        "content/ssu/2025-06-12/_mote.md",
        "---\ndato: 2025-06-12\n---\n",
    );
    site.write(
        "content/ssu/2025-06-12/2025.14.md",
        "---\nsaksnr: \"2025.14\"\ntittel: Igjen\nsakstype: [orientering]\n---\n",
    );
    // A broken file whose name takes a number already used: reported as a clash too.
    site.write(
        "content/ssu/2025-06-12/2025.13.md",
        "---\nsaksnr: \"2025.13\"\ntittel: Dobbel\nsakstype: [orientering\n---\n",
    );
    site.merge_all("Feil");
    let o = site.motebok(&["check", "--as-of", "2026-01-01"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("content/ssu/2025-05-22/2025.15.md:4"), "{err}");
    assert!(
        err.contains("saksnummer 2025.14 er brukt to ganger"),
        "{err}"
    );
    assert!(
        err.contains("filnavnet gir saksnummer 2025.13, som er brukt to ganger i ssu"),
        "{err}"
    );
}

#[test]
fn every_problem_of_the_committed_site_toml_at_once_quoted_from_the_commit() {
    let site = Site::minimal();
    let broken = format!(
        "{MINIMAL_TOML}window_month = 3\nrepository_url = \"javascript:alert(1)\"\nrequire_approval = \"ja\"\n"
    );
    site.write("site.toml", &broken);
    site.merge_all("Innstillinger");
    // The working tree holds another site.toml (lines shifted), valid as it stands.
    site.write(
        "site.toml",
        &format!("# Rettet lokalt\n# men ikke committet\n{MINIMAL_TOML}"),
    );
    let o = site.try_build("2026-01-01");
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let first = MINIMAL_TOML.lines().count() + 1;
    for (i, text) in [
        "window_month = 3",
        "repository_url = \"javascript:alert(1)\"",
        "require_approval = \"ja\"",
    ]
    .iter()
    .enumerate()
    {
        let line = first + i;
        assert!(
            err.contains(&format!("[site.toml:{line}:")),
            "{line}: {err}"
        );
        assert!(err.contains(&format!("{line} │ {text}")), "{text}: {err}");
    }
    assert!(err.contains("3 feil"), "{err}");
    assert!(!err.contains("Rettet lokalt"), "{err}");
}

/// A synthetic identity number (valid control digits) for 15 March 1987.
fn identity_number() -> String {
    (0..1000)
        .find_map(|i| {
            let nine = format!("150387{i:03}");
            let d: [u8; 9] = nine
                .bytes()
                .map(|b| b - b'0')
                .collect::<Vec<_>>()
                .try_into()
                .unwrap();
            motebok_domain::privacy::control_digits(&d).map(|(a, b)| format!("{nine}{a}{b}"))
        })
        .unwrap()
}

#[test]
fn a_path_holding_an_identity_number_is_masked_in_the_log() {
    let site = Site::minimal();
    let n = identity_number();
    let path = format!("content/ssu/2025-05-22/vedlegg/klage-{n}.pdf");
    site.write(&path, "%PDF-1.4\n");
    site.write(
        "content/ssu/2025-05-22/2025.13.md",
        &format!(
            "---\nsaksnr: \"2025.13\"\ntittel: Klage\nsakstype: [orientering]\nvedlegg:\n  - tittel: Klage\n    fil: vedlegg/klage-{n}.pdf\n---\nTekst.\n"
        ),
    );
    site.merge_all("Klage");
    for args in [&["check"][..], &["build", "--as-of", "2026-01-01"][..]] {
        let o = site.motebok(args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(err.contains("filnavnet inneholder"), "{err}");
        assert!(err.contains("vedlegg/klage-"), "names the file: {err}");
        assert!(!err.contains(&n), "the number in the log: {err}");
        assert!(!err.contains(&n[..6]), "its date part in the log: {err}");
    }
}

#[test]
fn a_deleted_file_keeps_a_deleted_object_in_the_api_and_no_bytes() {
    let site = Site::minimal();
    site.write(
        "content/ssu/2025-05-22/2025.13.md",
        "---\nsaksnr: \"2025.13\"\ntittel: Godkjenning av innkalling\nsakstype: [beslutning]\nvedlegg:\n  - tittel: Tall\n    fil: vedlegg/tall.pdf\n---\nTekst.\n",
    );
    site.write("content/ssu/2025-05-22/vedlegg/tall.pdf", "%PDF-1.4 tall\n");
    site.merge_all("Tall");
    site.build("2026-01-01");
    assert!(site.exists("api/file/ssu/2025-05-22/vedlegg/tall.pdf.json"));
    site.write(
        "content/ssu/2025-05-22/2025.13.md",
        "---\nsaksnr: \"2025.13\"\ntittel: Godkjenning av innkalling\nsakstype: [beslutning]\n---\nTekst.\n",
    );
    site.remove("content/ssu/2025-05-22/vedlegg/tall.pdf");
    site.merge_all("Trekk tallene");
    site.build("2026-01-01");
    // Withdrawn: nothing may be served, and a PDF cannot say why; /api/ says it is deleted.
    assert!(!site.exists("ssu/2025-05-22/vedlegg/tall.pdf"));
    let old: serde_json::Value =
        serde_json::from_str(&site.page("api/file/ssu/2025-05-22/vedlegg/tall.pdf.json")).unwrap();
    assert_eq!(old["deleted"], true, "{old}");
    same_as_full_build(&site, "2026-01-01", "the rebuild");
    check_links(&site.out_dir(), "/test/");
}
