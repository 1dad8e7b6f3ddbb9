//! The check every incremental path ends with: the output as a full build writes it.

use super::{snapshot, stderr, Site};

/// Builds `site` afresh (as of `as_of`) into a folder of its own and checks that its output
/// holds the same files with the same bytes; `what` names the step in a failure.
pub(crate) fn same_as_full_build(site: &Site, as_of: &str, what: &str) {
    let fresh = site.path().join("fresh");
    let _ = std::fs::remove_dir_all(&fresh);
    // From nothing: not from the papers the builds before it left in the repository's cache.
    let _ = std::fs::remove_dir_all(site.path().join(".git/motebok"));
    let o = site.motebok(&[
        "build",
        "--as-of",
        as_of,
        "--output",
        fresh.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (got, want) = (snapshot(&site.out_dir()), snapshot(&fresh));
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        want.keys().collect::<Vec<_>>(),
        "{what}: other files than a full build"
    );
    for (p, bytes) in &got {
        assert!(
            bytes == &want[p],
            "{what}: {} differs from a full build",
            p.display()
        );
    }
}
