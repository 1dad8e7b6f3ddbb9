//! What a build did with its meeting papers, read from its `MOTEBOK_TIMINGS` line
//! (`… 2 typeset, 1 kept, 0 from the cache …`).

use super::Site;
use std::path::Path;

/// The papers a build typeset, kept from the previous build, and took from the cache.
#[derive(Debug, PartialEq)]
pub(crate) struct Papers {
    pub(crate) typeset: usize,
    pub(crate) kept: usize,
    pub(crate) from_cache: usize,
}

/// Builds `site` into `out` as of `as_of`, with the timings on: what it did with its papers,
/// and its stderr.
pub(crate) fn build_papers(site: &Site, out: &Path, as_of: &str) -> (Papers, String) {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_motebok"))
        .args(["build", "--as-of", as_of, "--output"])
        .arg(out)
        .arg("--root")
        .arg(site.path())
        .env("MOTEBOK_TIMINGS", "1")
        .env("NO_COLOR", "1")
        .output()
        .expect("motebok runs");
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "build failed:\n{err}");
    let line = err
        .lines()
        .find(|l| l.contains(" typeset, "))
        .unwrap_or_else(|| panic!("no papers line in the timings:\n{err}"));
    let n = |word: &str| -> usize {
        let before = line.split(word).next().unwrap();
        let n = before
            .rsplit([' ', ',', ';'])
            .find(|w| !w.is_empty())
            .unwrap();
        n.parse().unwrap_or_else(|_| panic!("{word:?} in {line:?}"))
    };
    let papers = Papers {
        typeset: n(" typeset"),
        kept: n(" kept"),
        from_cache: n(" from the cache"),
    };
    (papers, err)
}
