//! The typeset papers are kept in the repository's git folder (`.git/motebok/papers/`), so a
//! build into a new output folder typesets only papers whose content changed (issue 16,
//! item 5); a damaged entry is found by its checksum and typeset again, never published.

use crate::common::*;
use std::path::{Path, PathBuf};

/// Every PDF under `out`, by path relative to it.
fn pdfs(out: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut v: Vec<_> = walk(out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .map(|p| {
            (
                p.strip_prefix(out).unwrap().to_path_buf(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut v = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            v.extend(walk(&p));
        } else {
            v.push(p);
        }
    }
    v
}

/// The cache's entries (one binary's folder under `.git/motebok/papers/`).
fn entries(site: &Site) -> Vec<PathBuf> {
    let root = site.path().join(".git/motebok/papers");
    let dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("no cache at {}: {e}", root.display()))
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(dirs.len(), 1, "one binary's folder: {dirs:?}");
    let mut v = walk(&dirs[0]);
    v.sort();
    v
}

/// A site with two meetings, the first with minutes.
fn site_with_two_meetings() -> Site {
    let site = Site::minimal();
    site.write(
        "content/ssu/2025-09-01/_mote.md",
        "---\ndato: 2025-09-01\ntid: \"09:00-12:00\"\nsted: SiV\n---\nVelkommen.\n",
    );
    site.write(
        "content/ssu/2025-09-01/2025.20.md",
        "---\nsaksnr: \"2025.20\"\ntittel: Videre oppfølging\nsakstype: [orientering]\n---\nFørste tekst.\n",
    );
    site.merge_all("Septembermøtet");
    site
}

#[test]
fn a_build_into_a_new_folder_takes_its_papers_from_the_cache() {
    let site = site_with_two_meetings();
    // Outputs outside the repository, where a merge would commit them.
    let outs = tempfile::tempdir().unwrap();
    let first = outs.path().join("out-a");
    let (papers, _) = build_papers(&site, &first, "2025-10-01");
    assert!(papers.typeset >= 2, "{papers:?}");
    assert_eq!((papers.kept, papers.from_cache), (0, 0), "{papers:?}");
    let n = papers.typeset;
    assert_eq!(entries(&site).len(), n, "one entry a paper typeset");

    // Nothing changed: a build into another folder typesets nothing, and its PDFs are the
    // same bytes.
    let second = outs.path().join("out-b");
    let (papers, _) = build_papers(&site, &second, "2025-10-01");
    assert_eq!(
        papers,
        Papers {
            typeset: 0,
            kept: 0,
            from_cache: n
        }
    );
    assert_eq!(pdfs(&first), pdfs(&second));

    // One case's text changes: only its meeting's summons is typeset again.
    site.write(
        "content/ssu/2025-09-01/2025.20.md",
        &site
            .read_src("content/ssu/2025-09-01/2025.20.md")
            .replace("Første tekst.", "Første tekst, rettet."),
    );
    site.merge_all("Rettet tekst");
    let third = outs.path().join("out-c");
    let (papers, _) = build_papers(&site, &third, "2025-10-01");
    assert_eq!(
        papers,
        Papers {
            typeset: 1,
            kept: 0,
            from_cache: n - 1
        }
    );
    let summons = third.join("ssu/2025-09-01/innkalling.pdf");
    assert!(crate::meeting_papers::pdf_text(&summons).contains("Første tekst, rettet."));
    // The same bytes as typesetting all of them from nothing.
    std::fs::remove_dir_all(site.path().join(".git/motebok")).unwrap();
    let fourth = outs.path().join("out-d");
    let (papers, _) = build_papers(&site, &fourth, "2025-10-01");
    assert_eq!((papers.typeset, papers.from_cache), (n, 0));
    assert_eq!(pdfs(&third), pdfs(&fourth));
}

#[test]
fn a_damaged_entry_is_typeset_again_not_published() {
    let site = site_with_two_meetings();
    // Outputs outside the repository, where a merge would commit them.
    let outs = tempfile::tempdir().unwrap();
    let first = outs.path().join("out-a");
    let (papers, _) = build_papers(&site, &first, "2025-10-01");
    let n = papers.typeset;
    // Damage every entry in a different way: a flipped byte in the PDF, a cut-off file, and
    // a file that is not an entry at all.
    let all = entries(&site);
    assert!(all.len() >= 2, "{all:?}");
    let mut bytes = std::fs::read(&all[0]).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x20;
    std::fs::write(&all[0], bytes).unwrap();
    let cut = std::fs::read(&all[1]).unwrap();
    std::fs::write(&all[1], &cut[..cut.len() - 100]).unwrap();

    let second = outs.path().join("out-b");
    let (papers, err) = build_papers(&site, &second, "2025-10-01");
    assert_eq!(
        papers,
        Papers {
            typeset: 2,
            kept: 0,
            from_cache: n - 2
        },
        "{err}"
    );
    assert_eq!(
        pdfs(&first),
        pdfs(&second),
        "the same PDFs as before the damage"
    );
    for damaged in &all[..2] {
        let name = damaged.file_name().unwrap().to_string_lossy();
        assert!(
            err.lines()
                .any(|l| l.contains("skadet") && l.contains(&*name)),
            "the damaged entry {name} is named:\n{err}"
        );
    }
    // Typeset again, the entries are whole: the next build reads them without a word.
    let (papers, err) = build_papers(&site, &outs.path().join("out-c"), "2025-10-01");
    assert_eq!(papers.from_cache, n, "{err}");
    assert!(!err.contains("skadet"), "{err}");
}

#[test]
fn other_binaries_papers_and_long_unused_entries_are_removed() {
    let site = site_with_two_meetings();
    // Outputs outside the repository, where a merge would commit them.
    let outs = tempfile::tempdir().unwrap();
    let (papers, _) = build_papers(&site, &outs.path().join("out-a"), "2025-10-01");
    let mine = entries(&site);
    let dir = mine[0].parent().unwrap().to_path_buf();
    // Another motebok's papers, an entry unused for two months, one unused since yesterday,
    // and a temporary file a killed build left two hours ago.
    let other = site
        .path()
        .join(".git/motebok/papers/0.0.1-00000000deadbeef");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("0123.pdf"), b"old").unwrap();
    let aged = |name: &str, secs: u64| {
        let p = dir.join(name);
        std::fs::write(&p, b"x").unwrap();
        let f = std::fs::File::options().append(true).open(&p).unwrap();
        f.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(secs))
            .unwrap();
        p
    };
    let stale = aged("00000000000000000000000000000000.pdf", 60 * 24 * 3600);
    let recent = aged("11111111111111111111111111111111.pdf", 24 * 3600);
    let leftover = aged(".22222222222222222222222222222222.pdf.999.tmp", 2 * 3600);

    let (again, _) = build_papers(&site, &outs.path().join("out-b"), "2025-10-01");
    assert_eq!(again.from_cache, papers.typeset);
    assert!(!other.exists(), "another binary's folder is removed");
    assert!(!stale.exists(), "an entry unused for two months is removed");
    assert!(
        !leftover.exists(),
        "a killed build's temporary file is removed"
    );
    assert!(recent.exists(), "an entry unused since yesterday stays");
    for p in &mine {
        assert!(p.exists(), "the papers in use stay: {}", p.display());
    }
}

#[test]
fn a_rebuild_takes_a_paper_another_build_typeset_from_the_cache() {
    let site = site_with_two_meetings();
    // Outputs outside the repository, where a merge would commit them.
    let outs = tempfile::tempdir().unwrap();
    let (old, new) = (outs.path().join("old"), outs.path().join("new"));
    let (first, _) = build_papers(&site, &old, "2025-10-01");
    let n = first.typeset;

    // A change, merged and built into another folder: its summons is typeset there...
    let case = "content/ssu/2025-09-01/2025.20.md";
    site.write(
        case,
        &site
            .read_src(case)
            .replace("Første tekst.", "Første tekst, endret."),
    );
    site.merge_all("Endret tekst");
    let (fresh, _) = build_papers(&site, &new, "2025-10-01");
    assert_eq!((fresh.typeset, fresh.from_cache), (1, n - 1), "{fresh:?}");

    // ...so the rebuild of the first folder takes it from the cache, and keeps the rest.
    let (rebuilt, err) = build_papers(&site, &old, "2025-10-01");
    assert_eq!(
        rebuilt,
        Papers {
            typeset: 0,
            kept: n - 1,
            from_cache: 1
        },
        "{err}"
    );
    assert_eq!(pdfs(&old), pdfs(&new));
}
