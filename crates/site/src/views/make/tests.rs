use super::site_pages::months_text;
use super::*;

#[test]
fn months_in_words() {
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
