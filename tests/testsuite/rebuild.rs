//! Rebuilds: an output that is up to date is left alone, and every new commit (an edit, a
//! rename, a deletion) shows up; files that did not change are taken over, not rewritten.

use crate::common::*;
use std::os::unix::fs::MetadataExt;

fn inode(site: &Site, url: &str) -> u64 {
    let mut p = site.out_dir().join(url);
    if url.ends_with('/') {
        p = p.join("index.html");
    }
    std::fs::metadata(p).unwrap().ino()
}

#[test]
fn nothing_changed_means_nothing_written() {
    let site = Site::minimal();
    site.build("2026-01-01");
    let before = snapshot(&site.out_dir());
    let ino = inode(&site, "ssu/sak/2025.13/");
    let o = site.build("2026-01-01");
    assert!(stderr(&o).contains("allerede oppdatert"), "{}", stderr(&o));
    assert_eq!(snapshot(&site.out_dir()), before);
    assert_eq!(
        inode(&site, "ssu/sak/2025.13/"),
        ino,
        "the file was not touched"
    );
    // Another date can change windows: it is a real build.
    let o = site.build("2026-01-02");
    assert!(stderr(&o).contains("Bygget"), "{}", stderr(&o));
}

#[test]
fn new_commit_rename_and_deletion_all_show_up() {
    let site = Site::minimal();
    site.build("2026-01-01");
    let untouched = inode(&site, "om-publisering/");

    // An edit in a new commit.
    site.write(
        "content/ssu/2025-05-22/2025.13.md",
        &site
            .read_src("content/ssu/2025-05-22/2025.13.md")
            .replace("Tekst.", "Endret etter møtet."),
    );
    site.merge_all("Rett sak 2025.13");
    let o = site.build("2026-01-01");
    assert!(stderr(&o).contains("Oppdaterte"), "{}", stderr(&o));
    assert!(site
        .page("ssu/sak/2025.13/")
        .contains("Endret etter møtet."));
    assert_eq!(
        inode(&site, "om-publisering/"),
        untouched,
        "unchanged pages are taken over: {}",
        stderr(&o)
    );

    // A rename: the meeting moves to a new date.
    std::fs::rename(
        site.path().join("content/ssu/2025-05-22"),
        site.path().join("content/ssu/2025-05-23"),
    )
    .unwrap();
    site.write(
        "content/ssu/2025-05-23/_mote.md",
        "---\ndato: 2025-05-23\n---\nFlyttet.\n",
    );
    site.merge_all("Flytt møtet");
    site.build("2026-01-01");
    assert!(site.exists("ssu/2025-05-23/"));
    assert!(
        site.page("ssu/2025-05-22/").contains("noindex"),
        "the old meeting page points to the new one"
    );
    assert!(site.page("ssu/sak/2025.13/").contains("2025-05-23"));

    // A deletion.
    site.remove("content/ssu/2025-05-23/2025.14.md");
    site.remove("content/ssu/2025-05-23/vedlegg/notat.md");
    site.merge_all("Trekk sak 2025.14");
    site.build("2026-01-01");
    assert!(site.page("ssu/sak/2025.14/").contains("trukket tilbake"));
    assert!(site
        .page("ssu/2025-05-23/vedlegg/notat/")
        .contains("noindex"));
    assert!(!site.page("ssu/2025-05-23/").contains("2025.14"));
    assert!(!site.page("sitemap.xml").contains("2025.14"));
}

#[test]
fn a_damaged_output_is_rebuilt() {
    let site = Site::minimal();
    site.build("2026-01-01");
    std::fs::remove_file(site.out_dir().join(".motebok/manifest.json")).unwrap();
    let o = site.build("2026-01-01");
    assert!(stderr(&o).contains("Bygget"), "{}", stderr(&o));
}

/// A build that continued from the previous one's snapshot, and how many pages it rendered.
fn rebuilt(o: &std::process::Output) -> usize {
    let e = stderr(o);
    let rest = e
        .split("Oppdaterte ")
        .nth(1)
        .unwrap_or_else(|| panic!("not a rebuild from the snapshot:\n{e}"));
    let n = rest.split(": ").nth(1).unwrap_or_default();
    n.split(' ').next().unwrap().parse().unwrap()
}

#[test]
fn a_rebuild_after_commits_writes_what_a_full_build_writes() {
    let site = Site::example();
    let o = site.build("2026-01-01");
    assert!(stderr(&o).contains("Bygget"), "{}", stderr(&o));
    let pages = site.path().join("public/ssu/sak/2025.19/index.html");
    let untouched = std::fs::metadata(site.path().join("public/om-publisering/index.html"))
        .unwrap()
        .ino();

    // An edit of one case: only the pages that show it are rendered again.
    let case = "content/ssu/2025-05-22/2025.19.md";
    site.write(
        case,
        &format!(
            "{}\nEt nytt avsnitt om kjernejournalen.\n",
            site.read_src(case)
        ),
    );
    site.merge_all("Utdyp sak 2025.19");
    let o = site.build("2026-01-01");
    let n = rebuilt(&o);
    assert!((1..40).contains(&n), "{n} pages rendered again");
    assert!(std::fs::read_to_string(&pages)
        .unwrap()
        .contains("Et nytt avsnitt om kjernejournalen."));
    assert_eq!(
        std::fs::metadata(site.path().join("public/om-publisering/index.html"))
            .unwrap()
            .ino(),
        untouched,
        "unchanged files are not written again"
    );
    same_as_full_build(&site, "2026-01-01", "an edit");
    // The snapshot left for the next build holds no body text: bodies are read from git.
    let snap = std::fs::read(site.path().join(".public.motebok-cache")).unwrap();
    assert!(!String::from_utf8_lossy(&snap).contains("om kjernejournalen"));

    // A new case: the search index's ids shift.
    site.write(
        "content/ssu/2025-05-22/2025.98.md",
        "---\nsaksnr: \"2025.98\"\ntittel: Fastlegeordningen i Vestfold\nsakstype: [orientering]\nansvarlig: Sekretariatet\n---\nStatus for fastlegeordningen.\n",
    );
    site.merge_all("Ny sak 2025.98");
    rebuilt(&site.build("2026-01-01"));
    assert!(site.exists("ssu/sak/2025.98/"));
    same_as_full_build(&site, "2026-01-01", "a new case");

    // A deletion and a rename (the meeting moves to another date) in one pull request.
    site.remove("content/ssu/2025-05-22/2025.98.md");
    site.git(&["mv", "content/ssu/2025-09-25", "content/ssu/2025-09-26"]);
    let m = "content/ssu/2025-09-26/_mote.md";
    site.write(m, &site.read_src(m).replace("2025-09-25", "2025-09-26"));
    // The minutes are approved in a later case, which names the meeting by its date.
    let approver = "content/ssu/2025-11-27/2025.42.md";
    site.write(
        approver,
        &site.read_src(approver).replace("2025-09-25", "2025-09-26"),
    );
    site.merge_all("Flytt møtet, trekk sak 2025.98");
    rebuilt(&site.build("2026-01-01"));
    // The old URLs keep noindex pages (CONTENT.md §7): a tombstone, a pointer.
    assert!(site.page("ssu/sak/2025.98/").contains("trukket tilbake"));
    assert!(site.page("ssu/2025-09-25/").contains("ssu/2025-09-26/"));
    assert!(site.exists("ssu/2025-09-26/"));
    same_as_full_build(&site, "2026-01-01", "a rename and a deletion");

    // A body renamed: every page's navigation changes.
    let o = "content/ssu/_organ.md";
    site.write(
        o,
        &site.read_src(o).replace("kortnavn: SSU", "kortnavn: SSU-V"),
    );
    site.merge_all("Nytt kortnavn");
    let n = rebuilt(&site.build("2026-01-01"));
    assert!(n > 100, "only {n} pages rendered again");
    same_as_full_build(&site, "2026-01-01", "a body renamed");

    // A commit with an error: the build fails and leaves the output as it was; fixed, the
    // rebuild goes on from the same snapshot.
    let before = snapshot(&site.out_dir());
    site.write(
        case,
        &site
            .read_src(case)
            .replace("saksnr: \"2025.19\"", "saksnr: \"2025.x\""),
    );
    site.merge_all("Feil saksnummer");
    let o = site.try_build("2026-01-01");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(snapshot(&site.out_dir()), before);
    site.write(
        case,
        &site
            .read_src(case)
            .replace("saksnr: \"2025.x\"", "saksnr: \"2025.19\""),
    );
    site.merge_all("Rett saksnummeret");
    rebuilt(&site.build("2026-01-01"));
    same_as_full_build(&site, "2026-01-01", "after an error");

    // Another date moves windows: a full build, not a rebuild.
    let o = site.build("2026-06-01");
    assert!(stderr(&o).contains("Bygget"), "{}", stderr(&o));
}

#[test]
fn a_rewritten_branch_or_a_damaged_output_means_a_full_build() {
    let site = Site::minimal();
    let case = "content/ssu/2025-05-22/2025.13.md";
    site.write(
        case,
        &site.read_src(case).replace("Tekst.", "Første utkast."),
    );
    site.merge_all("Utkast");
    site.build("2026-01-01");
    // The branch is reset and given another commit: the snapshot's tip is not an ancestor.
    site.git(&["reset", "-q", "--hard", "HEAD~1"]);
    site.write(
        "content/ssu/2025-05-22/2025.13.md",
        &site
            .read_src("content/ssu/2025-05-22/2025.13.md")
            .replace("Tekst.", "Skrevet om."),
    );
    site.merge_all("Skriv om");
    // Trees compare whatever their history: still a rebuild, with the history walked anew.
    rebuilt(&site.build("2026-01-01"));
    assert!(site.page("ssu/sak/2025.13/").contains("Skrevet om."));
    same_as_full_build(&site, "2026-01-01", "a rewritten branch");
    // A file of the output removed by hand: the output no longer matches; a full build.
    site.write(
        "content/ssu/2025-05-22/2025.13.md",
        &site
            .read_src("content/ssu/2025-05-22/2025.13.md")
            .replace("Skrevet om.", "Igjen."),
    );
    site.merge_all("Igjen");
    std::fs::remove_file(site.out_dir().join(".motebok/manifest.json")).unwrap();
    let o = site.build("2026-01-01");
    assert!(stderr(&o).contains("Bygget"), "{}", stderr(&o));
    same_as_full_build(&site, "2026-01-01", "a damaged output");
}

#[test]
fn attachments_and_documents_changed_in_a_rebuild_equal_a_full_build() {
    let site = Site::minimal();
    site.build("2026-01-01");
    // A Markdown attachment edited: its page, its File and the paper embedding it change.
    let notat = "content/ssu/2025-05-22/vedlegg/notat.md";
    site.write(notat, "# Notat\n\nInnhold, revidert.\n");
    site.merge_all("Revider notatet");
    rebuilt(&site.build("2026-01-01"));
    assert!(site
        .page("ssu/2025-05-22/vedlegg/notat/")
        .contains("revidert"));
    same_as_full_build(&site, "2026-01-01", "an attachment edited");

    // A file copied as it is, added to a case and then replaced.
    let case = "content/ssu/2025-05-22/2025.13.md";
    site.write(
        case,
        &site.read_src(case).replace(
            "ansvarlig: Christian Reissig\n",
            "ansvarlig: Christian Reissig\nvedlegg:\n  - tittel: Budsjett\n    fil: vedlegg/budsjett.csv\n",
        ),
    );
    site.write(
        "content/ssu/2025-05-22/vedlegg/budsjett.csv",
        "post;beløp\nA;1\n",
    );
    site.merge_all("Legg ved budsjettet");
    rebuilt(&site.build("2026-01-01"));
    same_as_full_build(&site, "2026-01-01", "a copied attachment added");
    site.write(
        "content/ssu/2025-05-22/vedlegg/budsjett.csv",
        "post;beløp\nA;2\n",
    );
    site.merge_all("Rett budsjettet");
    rebuilt(&site.build("2026-01-01"));
    assert_eq!(
        std::fs::read_to_string(site.out_dir().join("ssu/2025-05-22/vedlegg/budsjett.csv"))
            .unwrap(),
        "post;beløp\nA;2\n"
    );
    same_as_full_build(&site, "2026-01-01", "a copied attachment replaced");

    // A document added, then edited.
    let doc = "content/dokumenter/samarbeidsavtale.md";
    site.write(
        doc,
        "---\ntittel: Samarbeidsavtale\ndoktype: avtale\ndato: 2025-05-22\nvedtatt_i: ssu/2025.13\n---\nAvtalen.\n",
    );
    site.merge_all("Ny avtale");
    rebuilt(&site.build("2026-01-01"));
    same_as_full_build(&site, "2026-01-01", "a document added");
    site.write(
        doc,
        &site.read_src(doc).replace("Avtalen.", "Avtalen, endret."),
    );
    site.merge_all("Endre avtalen");
    rebuilt(&site.build("2026-01-01"));
    same_as_full_build(&site, "2026-01-01", "a document edited");
}

#[test]
fn a_body_missing_from_the_repository_means_a_full_build() {
    let site = Site::minimal();
    site.build("2026-01-01");
    let case = "content/ssu/2025-05-22/2025.13.md";
    site.write(case, &site.read_src(case).replace("Tekst.", "Endret."));
    site.merge_all("Endre");
    // The blob of a file that did not change, whose body the snapshot does not hold, is
    // lost (the checked-out file is still there, so a full build can read it).
    let o = site.git(&["rev-parse", "HEAD:content/ssu/_organ.md"]);
    let id = String::from_utf8(o.stdout).unwrap();
    let (dir, file) = id.trim().split_at(2);
    std::fs::remove_file(site.path().join(".git/objects").join(dir).join(file)).unwrap();
    let o = site.build("2026-01-01");
    assert!(stderr(&o).contains("Bygget"), "{}", stderr(&o));
    assert!(site.page("ssu/sak/2025.13/").contains("Endret."));
    same_as_full_build(&site, "2026-01-01", "a blob lost");
}

/// A link to a file whose name holds a `#` (written `%23`) in another body: when the body's
/// window shortens and the file's page becomes a tombstone, the rebuilt page says so in the
/// link, as a full build does, though neither the linking file nor the file changed. (The
/// fingerprint once cut such a name at the `#`; a link to a missing file is an error now, so
/// the target changes state instead of arriving.)
#[test]
fn a_link_to_a_file_named_with_a_hash_follows_its_target() {
    let site = Site::minimal();
    site.write(
        "content/fsu/_organ.md",
        "---\nnavn: Fagutvalg\nkortnavn: FSU\n---\n",
    );
    site.write(
        "content/fsu/2024-03-01/_mote.md",
        "---\ndato: 2024-03-01\n---\n",
    );
    site.write(
        "content/fsu/2024-03-01/2024.05.md",
        "---\nsaksnr: \"2024.05\"\ntittel: Tall\nsakstype: [orientering]\nvedlegg:\n  - tittel: Tabell\n    fil: \"vedlegg/tabell#b.md\"\n---\n",
    );
    site.write(
        "content/fsu/2024-03-01/vedlegg/tabell#b.md",
        "# Tabell\n\nTall.\n",
    );
    site.write(
        "content/ssu/2025-05-22/2025.13.md",
        "---\nsaksnr: \"2025.13\"\ntittel: Godkjenning av innkalling\nsakstype: [beslutning]\n---\n\
         Se [tabellen](../../fsu/2024-03-01/vedlegg/tabell%23b.md#tall).\n",
    );
    site.merge_all("Lenke til et vedlegg i FSU");
    site.build("2026-01-01");
    let link = "href=\"../../../fsu/2024-03-01/vedlegg/tabell%23b/";
    let page = site.page("ssu/sak/2025.13/");
    assert!(
        page.contains(&format!("{link}#tall\">tabellen</a>")),
        "{page}"
    );
    // FSU's window shortens to 12 months: its meeting of 2024-03-01 closed on 2025-03-01.
    site.write(
        "content/fsu/_organ.md",
        "---\nnavn: Fagutvalg\nkortnavn: FSU\nvindu_maneder: 12\n---\n",
    );
    site.merge_all("Kortere vindu for FSU");
    let o = site.build("2026-01-01");
    assert!(rebuilt(&o) > 0, "{}", stderr(&o));
    let page = site.page("ssu/sak/2025.13/");
    assert!(
        page.contains(&format!("{link}\">tabellen (avpublisert)</a>")),
        "{page}"
    );
    same_as_full_build(&site, "2026-01-01", "a linked file taken down");
}

/// Another build of motebok, even under the same version number, never takes over what an
/// older one wrote: the output's key holds a hash of the binary itself.
#[test]
fn another_binary_means_a_full_build() {
    let site = Site::minimal();
    site.build("2026-01-01");
    let other = site.path().join("fresh").join("motebok-other");
    std::fs::create_dir_all(other.parent().unwrap()).unwrap();
    let mut bytes = std::fs::read(env!("CARGO_BIN_EXE_motebok")).unwrap();
    bytes.extend_from_slice(b"another build");
    std::fs::write(&other, bytes).unwrap();
    std::fs::set_permissions(&other, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let run = |exe: &std::path::Path| {
        std::process::Command::new(exe)
            .args(["build", "--as-of", "2026-01-01", "--root"])
            .arg(site.path())
            .arg("--output")
            .arg(site.out_dir())
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    let o = run(&other);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("Bygget"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("Oppdaterte"), "{}", stderr(&o));
    // The same binary again: nothing to do.
    let o = run(&other);
    assert!(stderr(&o).contains("allerede oppdatert"), "{}", stderr(&o));
}
