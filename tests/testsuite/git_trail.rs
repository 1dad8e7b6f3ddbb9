//! Git as the approval trail (CONTENT.md §6) and the publication window (§7), on real git
//! repositories made in temp dirs with fixed dates and identities.

use crate::common::*;

fn trail_section(html: &str) -> &str {
    between(html, "<section class=\"trail\"", "</section>")
}

#[test]
fn merge_commit_author_approves_and_the_pull_request_is_linked() {
    let site = Site::minimal();
    site.build("2026-01-01");
    let page = site.page("ssu/sak/2025.13/");
    let trail = trail_section(&page);
    assert!(trail.contains("<dt>Publisert</dt>"), "{trail}");
    assert!(
        trail.contains("<dt>Godkjent av</dt><dd>Kari Nordmann</dd>"),
        "{trail}"
    );
    assert!(trail.contains("Pull request #1"), "{trail}");
    // Committer time in Oslo time, with its own offset kept in the datetime attribute.
    assert!(trail.contains("datetime=\"2025-01-"), "{trail}");
    assert!(trail.contains("+01:00\""), "{trail}");
}

#[test]
fn squash_merge_by_github_and_approved_by_trailer() {
    let site = Site::minimal();
    site.write(
        "content/ssu/2025-05-22/2025.15.md",
        "---\nsaksnr: \"2025.15\"\ntittel: Ny sak\nsakstype: [dialog]\n---\nTekst.\n",
    );
    let pr = site.squash_all("Ny sak om samhandling");
    site.write(
        "content/ssu/2025-05-22/2025.16.md",
        "---\nsaksnr: \"2025.16\"\ntittel: Sak med trailer\nsakstype: [dialog]\n---\nTekst.\n",
    );
    site.commit_direct("Legg til sak 2025.16\n\nApproved-by: Per Hansen <per@example.org>\nReviewed-by: Lise Berg <lise@example.org>");
    site.build("2026-01-01");

    let squash = trail_section(&site.page("ssu/sak/2025.15/")).to_string();
    assert!(squash.contains(&format!("Pull request #{pr}")), "{squash}");
    assert!(
        !squash.contains("GitHub"),
        "GitHub itself is no approver: {squash}"
    );
    assert!(squash.contains("Godkjent i pull request"), "{squash}");
    assert!(
        squash.contains("Ola Nordmann"),
        "co-author listed: {squash}"
    );

    let trailer = trail_section(&site.page("ssu/sak/2025.16/")).to_string();
    assert!(trailer.contains("Per Hansen, Lise Berg"), "{trailer}");
}

#[test]
fn direct_commit_to_content_fails_the_build_naming_it() {
    let site = Site::minimal();
    site.build("2026-01-01");
    let before = snapshot(&site.out_dir());
    site.write(
        "content/ssu/2025-05-22/2025.13.md",
        &site
            .read_src("content/ssu/2025-05-22/2025.13.md")
            .replace("Tekst.", "Rettet tekst."),
    );
    site.commit_direct("Rett skrivefeil");
    let o = site.try_build("2026-01-01");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    let short = String::from_utf8(site.git(&["rev-parse", "--short=7", "HEAD"]).stdout).unwrap();
    assert!(err.contains(short.trim()), "names the commit id: {err}");
    assert!(
        err.contains("«Rett skrivefeil»"),
        "names the subject: {err}"
    );
    assert!(
        err.contains("content/ssu/2025-05-22/2025.13.md"),
        "names the file: {err}"
    );
    assert!(err.contains("uten godkjenning"), "{err}");
    assert_eq!(snapshot(&site.out_dir()), before);
    // A direct commit that touches only files outside content/ is fine.
    site.write("README.md", "Om nettstedet\n");
    site.commit_direct("README");
    site.write(
        "content/ssu/2025-05-22/2025.13.md",
        &site.read_src("content/ssu/2025-05-22/2025.13.md"),
    );
    assert_eq!(
        site.try_build("2026-01-01").status.code(),
        Some(1),
        "the earlier direct commit still counts"
    );
}

#[test]
fn import_mark_approves_history_before_it() {
    let site = Site::empty(&format!(
        "{MINIMAL_TOML}\n[approval]\nimported_until = \"2025-01-31\"\n"
    ));
    site.write(
        "content/ssu/_organ.md",
        "---\nnavn: Strategisk samarbeidsutvalg\nkortnavn: SSU\n---\nMandat.\n",
    );
    site.commit_direct("Importer eksisterende papirer"); // 2025-01-01: imported
    site.build("2026-01-01");
    let page = site.page("ssu/");
    assert!(trail_section(&page).contains("Importert"), "{page}");
}

#[test]
fn renamed_meeting_folder_keeps_its_trail() {
    let site = Site::minimal();
    let first = site.page_after_build("ssu/sak/2025.13/");
    let published = between(&first, "<dt>Publisert</dt><dd>", "</dd>").to_string();
    // Move the meeting to a new date.
    move_meeting(&site);
    site.build("2026-01-01");
    let moved = site.page("ssu/sak/2025.13/");
    let trail = trail_section(&moved);
    assert!(
        trail.contains(&published),
        "first publication kept after the move: {trail}"
    );
    assert!(
        trail.contains("Flyttet fra content/ssu/2025-05-22/2025.13.md"),
        "{trail}"
    );
    assert!(site.exists("ssu/2025-05-27/"));
    // The old URL stays, as a noindex pointer to the new one (CONTENT.md §7).
    assert!(site.page("ssu/2025-05-22/").contains("ssu/2025-05-27/"));
}

#[test]
fn deleted_and_added_back_keeps_one_trail() {
    let site = Site::minimal();
    let text = site.read_src("content/ssu/2025-05-22/2025.13.md");
    site.remove("content/ssu/2025-05-22/2025.13.md");
    site.write(
        "content/ssu/2025-05-22/2025.14.md",
        &site
            .read_src("content/ssu/2025-05-22/2025.14.md")
            .replace("oppfolging_av: [\"2025.13\"]\n", ""),
    );
    site.merge_all("Trekk saken");
    site.write("content/ssu/2025-05-22/2025.13.md", &text);
    site.merge_all("Sett saken på sakslisten igjen");
    site.build("2026-01-01");
    let trail = trail_section(&site.page("ssu/sak/2025.13/")).to_string();
    let removed = trail.find("Fjernet").expect("removal in the trail");
    let back = trail
        .find("Publisert på nytt")
        .expect("return in the trail");
    assert!(
        trail.find(">Publisert</td>").unwrap() < removed && removed < back,
        "{trail}"
    );
}

#[test]
fn uncommitted_and_branch_only_files_never_reach_the_output() {
    let site = Site::minimal();
    site.git(&["checkout", "-q", "-b", "utkast"]);
    site.write(
        "content/ssu/2025-05-22/2025.20.md",
        "---\nsaksnr: \"2025.20\"\ntittel: Bare på en gren\nsakstype: [dialog]\n---\nGrentekst.\n",
    );
    site.git(&["add", "-A"]);
    site.git(&["commit", "-q", "-m", "Utkast"]);
    site.git(&["checkout", "-q", "main"]);
    site.write(
        "content/ssu/2025-05-22/2025.21.md",
        "---\nsaksnr: \"2025.21\"\ntittel: Ikke committet\nsakstype: [dialog]\n---\nLokal tekst.\n",
    );
    site.write(
        "content/ssu/2025-05-22/2025.13.md",
        &site
            .read_src("content/ssu/2025-05-22/2025.13.md")
            .replace("Tekst.", "Ulagret endring."),
    );
    // Deleted on disk only: still on the branch, so still published (read from git).
    let kept = site.read_src("content/ssu/2025-05-22/2025.14.md");
    std::fs::remove_file(site.path().join("content/ssu/2025-05-22/2025.14.md")).unwrap();
    site.build("2026-01-01");
    assert!(site.page("ssu/sak/2025.13/").contains("Tekst."));
    assert!(site.page("ssu/sak/2025.14/").contains("<h1"));
    site.write("content/ssu/2025-05-22/2025.14.md", &kept);
    for (path, bytes) in snapshot(&site.out_dir()) {
        let s = String::from_utf8_lossy(&bytes);
        for leak in [
            "Bare på en gren",
            "Ikke committet",
            "Ulagret endring",
            "Grentekst",
            "Lokal tekst",
        ] {
            assert!(!s.contains(leak), "{leak} leaked into {}", path.display());
        }
    }
    // The preview shows them, marked as drafts and noindex.
    site.build_worktree("2026-01-01");
    let draft = site.page("ssu/sak/2025.21/");
    assert!(draft.contains("class=\"draft-banner\""), "{draft}");
    assert!(draft.contains("<meta name=\"robots\" content=\"noindex\">"));
    let changed = site.page("ssu/sak/2025.13/");
    assert!(changed.contains("Ulagret endring") && changed.contains("class=\"draft-banner\""));
    let approved = site.page("ssu/sak/2025.14/");
    assert!(
        !approved.contains("class=\"draft-banner\""),
        "unchanged files are not drafts"
    );
}

#[test]
fn shallow_clone_stops_with_how_to_fetch() {
    let site = Site::minimal();
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", site.path().display());
    let o = std::process::Command::new("git")
        .args(["clone", "-q", "--depth", "1", &url])
        .arg(clone.path().join("c"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_motebok"))
        .args(["build", "--as-of", "2026-01-01", "--root"])
        .arg(clone.path().join("c"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("git fetch --unshallow"), "{err}");
    assert!(err.contains("fetch-depth: 0"), "{err}");
    assert!(!clone.path().join("c/public").exists(), "nothing written");
}

#[test]
fn window_edges_page_then_tombstone() {
    let site = Site::minimal();
    // The meeting is 2025-05-22: on the site through 2027-05-21.
    site.build("2027-05-21");
    let page = site.page("ssu/sak/2025.13/");
    assert!(page.contains("Godkjenning av innkalling"));
    assert!(!page.contains("noindex"));
    let sitemap = site.page("sitemap.xml");
    assert!(sitemap.contains("ssu/sak/2025.13/"));
    site.build("2027-05-22");
    let stone = site.page("ssu/sak/2025.13/");
    assert!(stone.contains("Ikke lenger publisert"), "{stone}");
    assert!(stone.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(
        stone.contains("<time datetime=\"2027-05-22\">22. mai 2027</time>"),
        "{stone}"
    );
    assert!(stone.contains("arkiv@example.org"));
    assert!(!stone.contains("Tekst."), "the text is gone");
    let sitemap = site.page("sitemap.xml");
    assert!(!sitemap.contains("ssu/sak/2025.13/"), "{sitemap}");
    assert!(
        !site.page("ssu/").contains("2025-05-22/"),
        "absent from the body's list"
    );
    assert!(
        !site.page("").contains("ssu/2025-05-22/"),
        "absent from the front page"
    );
    // The Markdown attachment follows its meeting.
    assert!(site
        .page("ssu/2025-05-22/vedlegg/notat/")
        .contains("Ikke lenger publisert"));
}

#[test]
fn exempt_document_leaves_no_trace() {
    let site = Site::minimal();
    site.write(
        "content/dokumenter/personalsak.md",
        "---\ntittel: Hemmelig forhandlingsnotat\ndoktype: brev\ndato: 2025-06-01\noffentlig: false\nskjermingshjemmel: \"offl. § 23\"\n---\nKonfidensiell forhandlingstekst.\n",
    );
    site.merge_all("Arkiver notat");
    site.build("2026-01-01");
    let files = snapshot(&site.out_dir());
    assert!(files.len() > 5);
    for (path, bytes) in files {
        let text = if path
            .extension()
            .is_some_and(|e| e == "gz" || e == "pf_fragment" || e == "pf_index" || e == "pf_meta")
        {
            let mut d = flate2::read::GzDecoder::new(&bytes[..]);
            let mut out = Vec::new();
            std::io::Read::read_to_end(&mut d, &mut out)
                .map(|_| out)
                .unwrap_or(bytes.clone())
        } else {
            bytes.clone()
        };
        let s = String::from_utf8_lossy(&text);
        assert!(
            !s.contains("Hemmelig forhandlingsnotat"),
            "title leaked into {}",
            path.display()
        );
        assert!(
            !s.contains("Konfidensiell forhandlingstekst"),
            "text leaked into {}",
            path.display()
        );
        assert!(
            !s.contains("personalsak"),
            "slug leaked into {}",
            path.display()
        );
    }
}

#[test]
fn example_site_requires_approval_and_tombstones_the_2021_letter() {
    let site = Site::example();
    assert!(site
        .read_src("site.toml")
        .contains("require_approval = true"));
    site.build("2026-11-22");
    let letter = site.page("dokumenter/innspill-nasjonal-helse-og-sykehusplan-2021/");
    // The fixture's history is all pull requests made after the letter's window closed (it
    // drops the example's import mark), so the letter never reached the site and its
    // tombstone says so rather than "taken down".
    assert!(
        letter.contains("<strong>Ikke publisert.</strong>"),
        "{letter}"
    );
    assert!(!letter.contains("Avpublisert"), "{letter}");
    assert!(letter.contains("noindex"));
    assert!(!site
        .page("dokumenter/")
        .contains("innspill-nasjonal-helse-og-sykehusplan-2021"));
    // Agreements in force stay published whatever their age.
    let agreement = site.page("dokumenter/delavtale-kompetanse-utdanning-forskning/");
    assert!(!agreement.contains("Ikke lenger publisert"));
}

#[test]
fn publishing_rules_page_states_the_window() {
    let site = Site::minimal();
    site.build("2026-01-01");
    let p = site.page("om-publisering/");
    assert!(p.contains("24 måneder (to år)"), "{p}");
    assert!(p.contains("offentlegforskrifta § 7"));
    assert!(p.contains("arkiv@example.org"));
    assert!(p.contains("unntatt offentlighet"));
}

#[test]
fn trail_command_prints_the_trail() {
    let site = Site::minimal();
    let o = site.motebok(&["trail", "content/ssu/2025-05-22/2025.13.md"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("Kari Nordmann"), "{out}");
    assert!(out.contains("#1"), "{out}");
    assert!(out.contains("Publisert"), "{out}");
}
