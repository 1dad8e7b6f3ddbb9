//! Paths that are one name written in two Unicode forms. The site knows every path in NFC
//! ([`nfc`]): `årsplan.md` composed and `a` + ring above decomposed (as macOS writes
//! it) would be one page, and one of the two files would silently win, or two folders would
//! silently merge into one body. Such names are an error naming both.

use motebok_parser::names::shown_decomposed;
use motebok_parser::Diagnostic;
use std::collections::{BTreeMap, BTreeSet};
use unicode_normalization::{is_nfc_quick, IsNormalized};

/// Normalises a path to Unicode NFC, as git may store NFD names from macOS.
pub fn nfc(path: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    path.nfc().collect()
}

/// One diagnostic per clash, at the shortest path (a folder rather than each file in it).
/// `raw` are paths as stored (in git or on disk), `/`-separated.
pub(crate) fn clashes<'a>(raw: impl IntoIterator<Item = &'a str>) -> Vec<Diagnostic> {
    let raw: Vec<&str> = raw.into_iter().collect();
    // Two names with one NFC form cannot both be NFC: without a name in another form (almost
    // every repository), there is nothing to compare.
    if raw
        .iter()
        .all(|p| p.is_ascii() || is_nfc_quick(p.chars()) == IsNormalized::Yes)
    {
        return Vec::new();
    }
    // Every folder and file by its NFC form, with the forms it is written in.
    let mut forms: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for p in &raw {
        let mut end = 0;
        for part in p.split('/') {
            end += part.len();
            let prefix = &p[..end];
            forms.entry(nfc(prefix)).or_default().insert(prefix);
            end += 1;
        }
    }
    let clashing: Vec<(&String, &BTreeSet<&str>)> =
        forms.iter().filter(|(_, raws)| raws.len() > 1).collect();
    clashing
        .iter()
        .filter(|(path, _)| {
            // Reported at its folder if the folder clashes already.
            !clashing
                .iter()
                .any(|(other, _)| path.starts_with(&format!("{other}/")))
        })
        .map(|(path, raws)| {
            let names: Vec<String> = raws
                .iter()
                .map(|r| format!("`{}`", shown_decomposed(r)))
                .collect();
            Diagnostic::new(
                path.as_str(),
                format!(
                    "`{path}` finnes {} ganger, med navnet skrevet i ulike Unicode-former: {}",
                    raws.len(),
                    names.join(" og ")
                ),
            )
            .hint(
                "nettstedet kan bare ha én av dem: slett eller gi nytt navn til den ene med `git mv` \
                 (macOS skriver ofte bokstaver som å og é oppløst, som a + ring)",
            )
        })
        .collect()
}

/// [`clashes`] among the paths under `content/` of a git tree, reading names only.
pub(crate) fn in_tree(tree: &motebok_git::Tree) -> Vec<Diagnostic> {
    let mut raw = Vec::new();
    tree.walk(|dir, e| {
        if dir.starts_with("content/") && e.kind() != motebok_git::Kind::Tree {
            raw.push(format!("{dir}{}", String::from_utf8_lossy(e.name_bytes())));
        }
        true
    })
    .ok();
    clashes(raw.iter().map(String::as_str))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_in_two_forms_is_reported_once_naming_both() {
        let nfc = "content/dokumenter/årsplan.md";
        let nfd = "content/dokumenter/a\u{30a}rsplan.md";
        let d = clashes([nfc, nfd, "content/ssu/_organ.md"]);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].path, nfc);
        assert!(d[0]
            .message
            .contains("`content/dokumenter/a\\u{30a}rsplan.md`"));
        assert!(d[0].message.contains("`content/dokumenter/årsplan.md`"));

        // Folders: once, at the folder.
        let d = clashes([
            "content/båt/_organ.md",
            "content/ba\u{30a}t/2025-06-01/_mote.md",
            "content/ba\u{30a}t/2025-06-01/2025.01.md",
        ]);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].path, "content/båt");

        assert!(clashes([nfc, "content/dokumenter/b.md"]).is_empty());
        assert!(clashes([nfd]).is_empty());
    }
}
