//! Errors in front matter point at the line and column the YAML parser marked for the key or
//! list item, also where a line scanner misread the YAML: a list in brackets over two lines, a
//! key written in the explicit form (`? key` on its own line).

use crate::common::*;

/// Builds the minimal site with the case 2025.15 written as `front`, and returns `check`'s
/// stderr (content errors: exit status 1).
fn check_case(front: &str) -> String {
    let site = Site::minimal();
    site.write(
        "content/ssu/2025-05-22/2025.15.md",
        &format!("---\n{front}---\nTekst.\n"),
    );
    site.merge_all("Sak");
    let o = site.motebok(&["check", "--as-of", "2026-01-01"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    stderr(&o)
}

#[test]
fn an_item_of_a_bracketed_list_over_two_lines_is_found_on_its_line() {
    let err = check_case(
        "saksnr: \"2025.15\"\ntittel: Sak 2025.15\nsakstype: [orientering,\n  vedtakk]\n",
    );
    assert!(err.contains("vedtakk"), "{err}");
    assert!(
        err.contains("content/ssu/2025-05-22/2025.15.md:5:3"),
        "{err}"
    );
}

#[test]
fn a_key_in_the_explicit_form_is_found_on_its_line() {
    let err = check_case("saksnr: \"2025.15\"\n? tittel\n: [Sak]\nsakstype: [orientering]\n");
    assert!(err.contains("`tittel`"), "{err}");
    assert!(
        err.contains("content/ssu/2025-05-22/2025.15.md:3:3"),
        "{err}"
    );
}
