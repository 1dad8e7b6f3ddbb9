//! A damaged snapshot means a full build, never a wrong one: one byte changed anywhere in any
//! part of the snapshot beside the output (or a part cut short, or with bytes added), then a
//! new commit, and the build must exit 0 with exactly the bytes a full build into an empty
//! folder writes.

use crate::common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The snapshot's parts beside `public/` (see `incremental::snapshot`).
const PARTS: [&str; 3] = [
    ".public.motebok-cache",
    ".public.motebok-cache-pages",
    ".public.motebok-cache-search",
];

/// `n` byte positions spread over a part of `len` bytes: the first four and the last two
/// (where the format, key and checksum lie), the rest at a fixed pseudo-random offset in each
/// of equal stretches, so that every run tries the same positions.
fn positions(len: usize, n: usize) -> Vec<usize> {
    let mut out: Vec<usize> = (0..len.min(4)).chain(len.saturating_sub(2)..len).collect();
    let rest = n.saturating_sub(out.len()).max(1);
    let stretch = (len / rest).max(1);
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    for i in 0..rest {
        x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        out.push((i * len / rest + (x >> 33) as usize % stretch).min(len - 1));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// How one damaged snapshot is damaged.
#[derive(Debug, Clone)]
enum Damage {
    /// The byte at a position, xor a mask.
    Flip(usize, u8),
    /// Cut to this length.
    Truncate(usize),
    /// These bytes added at the end.
    Append(&'static [u8]),
}

fn damaged(bytes: &[u8], d: &Damage) -> Vec<u8> {
    let mut b = bytes.to_vec();
    match d {
        Damage::Flip(at, mask) => b[*at] ^= mask,
        Damage::Truncate(n) => b.truncate(*n),
        Damage::Append(extra) => b.extend_from_slice(extra),
    }
    b
}

/// Replaces the folder `to` with a copy of `from`.
fn restore(from: &Path, to: &Path) {
    let _ = std::fs::remove_dir_all(to);
    for e in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// What went wrong in one trial, if anything.
fn outcome(
    o: &std::process::Output,
    got: &Path,
    want: &BTreeMap<PathBuf, Vec<u8>>,
) -> &'static str {
    let e = stderr(o);
    if e.contains("panicked") {
        return "panic";
    }
    match o.status.code() {
        Some(0) => {}
        Some(1) => return "false error",
        _ => return "other failure",
    }
    if &snapshot(got) != want {
        return "wrong site";
    }
    "ok"
}

#[test]
fn a_damaged_snapshot_means_a_full_build_never_a_wrong_one() {
    // The minimal site: every trial runs the binary, and most of its time is spent starting.
    let site = Site::minimal();
    site.build("2026-01-01");
    let root = site.path();
    let saved = root.join("fresh").join("saved");
    restore(&site.out_dir(), &saved.join("public"));
    let parts: Vec<Vec<u8>> = PARTS
        .iter()
        .map(|p| std::fs::read(root.join(p)).unwrap())
        .collect();

    // A new commit that changes pages, the search index and /api/, and adds a case.
    let case = "content/ssu/2025-05-22/2025.13.md";
    site.write(
        case,
        &site
            .read_src(case)
            .replace("Tekst.", "Tekst om kjernejournalen."),
    );
    site.write(
        "content/ssu/2025-05-22/2025.15.md",
        "---\nsaksnr: \"2025.15\"\ntittel: Legevakt\nsakstype: [orientering]\n---\nOm legevakten.\n",
    );
    site.merge_all("Utdyp sak 2025.13, ny sak 2025.15");
    let want_dir = root.join("fresh").join("want");
    let o = site.motebok(&[
        "build",
        "--as-of",
        "2026-01-01",
        "--output",
        want_dir.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let want = snapshot(&want_dir);

    // Undamaged, the build continues from the snapshot: the trials test its checks, not a
    // build that never reads it.
    let o = site.build("2026-01-01");
    assert!(stderr(&o).contains("Oppdaterte"), "{}", stderr(&o));
    assert!(
        snapshot(&site.out_dir()) == want,
        "an undamaged rebuild differs"
    );

    let mut trials: Vec<(usize, Damage)> = Vec::new();
    for (i, bytes) in parts.iter().enumerate() {
        let masks = [0x01, 0x80, 0xff, 0x10];
        for (k, at) in positions(bytes.len(), 34).into_iter().enumerate() {
            trials.push((i, Damage::Flip(at, masks[k % masks.len()])));
        }
        for n in [0, bytes.len() / 2, bytes.len() - 1] {
            trials.push((i, Damage::Truncate(n)));
        }
        trials.push((i, Damage::Append(b"\x01\x02")));
    }

    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut failures: Vec<String> = Vec::new();
    for (i, d) in &trials {
        restore(&saved.join("public"), &site.out_dir());
        for (j, p) in PARTS.iter().enumerate() {
            let b = if j == *i {
                damaged(&parts[j], d)
            } else {
                parts[j].clone()
            };
            std::fs::write(root.join(p), b).unwrap();
        }
        let o = site.try_build("2026-01-01");
        let what = outcome(&o, &site.out_dir(), &want);
        *counts.entry(what).or_default() += 1;
        if what != "ok" {
            failures.push(format!(
                "{} {d:?}: {what} ({}): {}",
                PARTS[*i],
                o.status,
                stderr(&o).trim()
            ));
        }
    }
    eprintln!("{} trials: {counts:?}", trials.len());
    assert!(
        failures.is_empty(),
        "{} of {} trials failed ({counts:?}):\n{}",
        failures.len(),
        trials.len(),
        failures.join("\n")
    );

    // The build says why it built everything, and leaves a sound snapshot: the next commit
    // is a rebuild from it again.
    restore(&saved.join("public"), &site.out_dir());
    for (p, b) in PARTS.iter().zip(&parts) {
        std::fs::write(root.join(p), b).unwrap();
    }
    let search = root.join(PARTS[2]);
    let mut b = parts[2].clone();
    let mid = b.len() / 2;
    b[mid] ^= 0x01;
    std::fs::write(&search, b).unwrap();
    let o = site.build("2026-01-01");
    let e = stderr(&o);
    assert!(e.contains("Øyeblikksbildet var skadet"), "{e}");
    assert!(e.contains("bygger alt på nytt"), "{e}");
    assert!(e.contains("Bygget"), "{e}");
    site.write(case, &site.read_src(case).replace("Tekst om", "Mer om"));
    site.merge_all("Rett sak 2025.13");
    let o = site.build("2026-01-01");
    assert!(stderr(&o).contains("Oppdaterte"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("skadet"), "{}", stderr(&o));
    assert!(site
        .page("ssu/sak/2025.13/")
        .contains("Mer om kjernejournalen."));
}
