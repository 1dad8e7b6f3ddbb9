use super::site_pages::months_text;
use super::*;

#[test]
fn normalises_paths() {
    assert_eq!(
        normalise("content/ssu/2025-05-22/../2025-02-27/2025.07.md").as_deref(),
        Some("content/ssu/2025-02-27/2025.07.md")
    );
    assert_eq!(normalise("../../x"), None);
    assert_eq!(months_text(24), "24 måneder (to år)");
}

#[test]
fn template_ids_are_all_reserved() {
    for (name, text) in crate::theme::DEFAULT {
        for part in text.split("id=\"").skip(1) {
            let id = &part[..part.find('"').unwrap()];
            if !id.contains("{{") {
                assert!(
                    TEMPLATE_IDS.contains(&id),
                    "{name}: id `{id}` is not in TEMPLATE_IDS"
                );
            }
        }
    }
}
