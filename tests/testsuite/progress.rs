//! The progress display: a bar with the build's phases on a terminal, nothing in logs.

use crate::common::Site;
use std::process::Command;

#[test]
fn progress_is_shown_on_a_terminal_and_nowhere_else() {
    let site = Site::minimal();
    // Piped (CI, logs): the usual summary, and no bar, carriage return or escape code.
    let piped = site.build("2026-01-01");
    let err = String::from_utf8_lossy(&piped.stderr);
    assert!(err.contains("Bygget"), "{err}");
    assert!(!err.contains('\r') && !err.contains('\u{1b}'), "{err:?}");

    // On a terminal (a pseudo-terminal made by util-linux `script`): the phases are drawn.
    let out = site.path().join("public-tty");
    let cmd = format!(
        "{} build --root {} --as-of 2026-01-02 --output {}",
        env!("CARGO_BIN_EXE_motebok"),
        site.path().display(),
        out.display()
    );
    let tty = Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .env("TERM", "xterm")
        .env_remove("NO_COLOR")
        .output()
        .expect("util-linux `script` runs (scripts/install-test-deps installs it)");
    let shown = String::from_utf8_lossy(&tty.stdout);
    assert!(tty.status.success(), "{shown}");
    assert!(shown.contains("Leser innholdet"), "{shown:?}");
    assert!(
        shown.contains('\r') || shown.contains('\u{1b}'),
        "{shown:?}"
    );
    assert!(shown.contains("Bygget"), "{shown:?}");
    assert!(out.join("index.html").is_file());
}
