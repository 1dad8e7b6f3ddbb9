//! Changes to the minimal site that several areas test against.

use super::Site;

/// Moves the minimal site's meeting from 22 to 27 May (its folder and its date) and merges
/// the move in a pull request.
pub(crate) fn move_meeting(site: &Site) {
    std::fs::rename(
        site.path().join("content/ssu/2025-05-22"),
        site.path().join("content/ssu/2025-05-27"),
    )
    .unwrap();
    site.write(
        "content/ssu/2025-05-27/_mote.md",
        "---\ndato: 2025-05-27\ntid: \"09:00-12:00\"\nsted: SiV\n---\nFlyttet.\n",
    );
    site.merge_all("Flytt møtet til 27. mai");
}
