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

/// Bodies that give every text as `text`, or fail for every one.
struct Store(Option<&'static str>);

impl Bodies for Store {
    fn text(&self, path: &str, _: &Body) -> Result<std::sync::Arc<str>, Unread> {
        match self.0 {
            Some(text) => Ok(text.into()),
            None => Err(Unread {
                path: path.into(),
                why: "blobben mangler".into(),
            }),
        }
    }
}

/// A page's body is read through the views' `Bodies` (a rebuild's bodies are not in memory),
/// and a read that fails is the page's error, naming the file, never an empty text.
#[test]
fn bodies_are_read_through_bodies_and_a_failed_read_is_the_pages_error() {
    use crate::testkit;
    let site = testkit::site(&testkit::files(), "2025-06-01");
    let cfg = SiteConfig::parse(testkit::TOML).unwrap();
    let today = testkit::day("2025-06-01");

    let stored = Store(Some("Mandat fra lageret."));
    let v = Views::new(&site, &cfg, today, &stored);
    let organ = v.organ(0).unwrap();
    assert!(
        organ.mandate_html.contains("Mandat fra lageret.")
            && !organ.mandate_html.contains("i minnet"),
        "{}",
        organ.mandate_html
    );

    let failing = Store(None);
    let v = Views::new(&site, &cfg, today, &failing);
    let err = v.organ(0).unwrap_err();
    assert_eq!(
        err,
        Unread {
            path: "content/ssu/_organ.md".into(),
            why: "blobben mangler".into()
        }
    );
    assert_eq!(
        err.to_string(),
        "kan ikke lese content/ssu/_organ.md: blobben mangler"
    );
    assert_eq!(
        v.meeting(0).unwrap_err().path,
        "content/ssu/2025-05-22/_mote.md"
    );
    assert_eq!(
        v.case(0).unwrap_err().path,
        "content/ssu/2025-05-22/2025.13.md"
    );
}
