//! The live preview keeps its feeds and calendars by key, as a build does: an edit makes
//! again only those whose entries it touched, and the result is still a clean build's.

use crate::common::Site;
use crate::serve::{as_map, clean, Files};
use motebok_serve::{Changes, Session};

#[test]
fn an_edit_remakes_only_the_feeds_it_touches() {
    let site = Site::minimal();
    // A second body, merged like the first: its feed and calendar have entries of their own.
    site.write(
        "content/ado/_organ.md",
        "---\nnavn: Administrativt dialogorgan\nkortnavn: ADO\n---\nMandat.\n",
    );
    site.write(
        "content/ado/2025-06-12/_mote.md",
        "---\ndato: 2025-06-12\n---\nMøte i ADO.\n",
    );
    site.write(
        "content/ado/2025-06-12/2025.40.md",
        "---\nsaksnr: \"2025.40\"\ntittel: Sak i ADO\nsakstype: [dialog]\n---\nTekst i ADO.\n",
    );
    site.merge_all("Legg til ADO");
    let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let mut session = Session::new(site.path(), day);
    let first = session.rebuild(&Changes::all()).unwrap();
    let (made, total) = first.feeds;
    assert!(
        total >= 5,
        "the site feed, two bodies' feeds and calendars: {total}"
    );
    assert_eq!(made, total, "a first build makes every feed");
    let before = session.files().clone();

    // A new title for an SSU case (a draft now): SSU's feeds and the site feed change, ADO's
    // do not.
    let edited = "content/ssu/2025-05-22/2025.13.md";
    let text = site.read_src(edited);
    let title = text
        .lines()
        .find(|l| l.starts_with("tittel:"))
        .expect("the case has a title")
        .to_string();
    site.write(
        edited,
        &text.replace(&title, "tittel: Ny tittel i forhåndsvisningen"),
    );
    let root = std::fs::canonicalize(site.path()).unwrap();
    let again = session
        .rebuild(&Changes {
            rescan: false,
            paths: [root.join(edited)].into(),
        })
        .unwrap();
    let (made, total) = again.feeds;
    assert!(made >= 1, "the feeds listing the case are made again");
    assert!(
        made < total,
        "only the feeds whose key changed are made again: {made} of {total}"
    );
    let after = session.files().clone();
    let feed = |files: &Files, p: &str| String::from_utf8(files[p].to_vec()).unwrap();
    // A draft is not in the feeds: the site feed changed, ADO's is as it was.
    assert_ne!(feed(&before, "feed.xml"), feed(&after, "feed.xml"));
    assert_eq!(feed(&before, "ado/feed.xml"), feed(&after, "ado/feed.xml"));

    // Kept or made, the preview is exactly a clean build of the working tree.
    assert_eq!(as_map(&after), clean(&site));
}
