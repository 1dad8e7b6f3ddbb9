//! Paths between files of the package: a document's link to another is relative, so the
//! package can move as a whole.

use std::collections::HashMap;

/// Repository path (`content/...`) → path of its file in the uttrekk (`DOKUMENT/...`).
pub(super) type Links = HashMap<String, String>;

/// The relative URL from one package file to another, both `/`-separated.
pub(super) fn relative(from_file: &str, to_file: &str) -> String {
    let mut from: Vec<&str> = from_file.split('/').collect();
    from.pop();
    let to: Vec<&str> = to_file.split('/').collect();
    let (to_dir, name) = to.split_at(to.len().saturating_sub(1));
    let common = from.iter().zip(to_dir).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    parts.extend(
        to_dir[common..]
            .iter()
            .chain(name)
            .map(|p| motebok_site::urls::iri(p).into_owned()),
    );
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        assert_eq!(
            relative(
                "DOKUMENT/ssu/2025-05-22/2025.16.pdf",
                "DOKUMENT/ssu/2025-05-22/vedlegg/a b.pdf"
            ),
            "vedlegg/a%20b.pdf"
        );
        assert_eq!(
            relative(
                "DOKUMENT/ssu/2025-05-22/vedlegg/a.pdf",
                "DOKUMENT/dokumenter/x.pdf"
            ),
            "../../../dokumenter/x.pdf"
        );
        assert_eq!(relative("DOKUMENT/a/x.pdf", "DOKUMENT/a/y.pdf"), "y.pdf");
    }
}
