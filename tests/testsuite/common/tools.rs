//! The repository the tests run in, and the tools `scripts/install-test-deps` installs there.

use std::path::{Path, PathBuf};

/// The repository's root (where `tests/` and `target/` are).
pub(crate) fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The test venv's Python (`MOTEBOK_TEST_VENV`, else `target/test-venv`), which has the
/// packages `needs` names. Missing is a failure, never a skip: the checks would silently
/// vanish.
pub(crate) fn python(needs: &str) -> PathBuf {
    let venv = std::env::var_os("MOTEBOK_TEST_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("target/test-venv"));
    let py = venv.join("bin/python");
    assert!(
        py.exists(),
        "{} is missing: run scripts/install-test-deps to install {needs}",
        py.display()
    );
    py
}
