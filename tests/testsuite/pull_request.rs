//! `motebok check --against main` on a pull-request branch: the summary an editor reads.

use crate::common::*;

#[test]
fn summary_names_added_changed_and_removed_pages() {
    let site = Site::minimal();
    site.git(&["checkout", "-q", "-b", "ny-sak"]);
    site.write("content/ssu/2025-05-22/2025.15.md", "---\nsaksnr: \"2025.15\"\ntittel: Bruk av kjernejournal\nsakstype: [orientering]\n---\nTekst.\n");
    site.write(
        "content/ssu/2025-05-22/2025.13.md",
        &site
            .read_src("content/ssu/2025-05-22/2025.13.md")
            .replace("Tekst.", "Ny tekst."),
    );
    site.write(
        "content/ssu/2025-05-22/2025.14.md",
        "---\nsaksnr: \"2025.14\"\ntittel: Oppfølging\nsakstype: [orientering]\noppfolging_av: [\"2025.13\"]\n---\nUten vedlegg.\n",
    );
    site.remove("content/ssu/2025-05-22/vedlegg/notat.md");
    site.git(&["add", "-A"]);
    site.git(&["commit", "-q", "-m", "Ny sak og opprydding"]);

    let o = site.motebok(&["check", "--against", "main", "--as-of", "2026-01-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let md = String::from_utf8(o.stdout).unwrap();
    let added = between(&md, "### Nye sider som publiseres", "###");
    assert!(
        added
            .contains("| `/ssu/sak/2025.15/` | SSU 2025.15 Bruk av kjernejournal | 21. mai 2027 |"),
        "{md}"
    );
    let changed = between(&md, "### Sider som endres", "###");
    assert!(changed.contains("`/ssu/sak/2025.13/`"), "{md}");
    assert!(
        changed.contains("`/ssu/2025-05-22/`"),
        "the agenda changes: {md}"
    );
    assert!(
        !changed.contains("`/om-publisering/`"),
        "unchanged pages are not listed: {md}"
    );
    let removed = between(&md, "### Sider som fjernes", "###");
    assert!(removed.contains("`/ssu/2025-05-22/vedlegg/notat/`"), "{md}");
    // The published site is untouched: check writes nothing.
    assert!(!site.out_dir().exists());
}

#[test]
fn summary_fails_on_content_errors_in_the_branch() {
    let site = Site::minimal();
    site.git(&["checkout", "-q", "-b", "feil"]);
    site.write(
        "content/ssu/2025-05-22/2025.15.md",
        "---\nsaksnr: \"2025.15\"\ntittel: T\nsakstype: [orientering]\nansvalig: X\n---\n",
    );
    site.git(&["add", "-A"]);
    site.git(&["commit", "-q", "-m", "Feil"]);
    let o = site.motebok(&["check", "--against", "main", "--as-of", "2026-01-01"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("ukjent nøkkel `ansvalig`"),
        "{}",
        stderr(&o)
    );
}
