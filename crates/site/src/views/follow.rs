//! What the pages show of following a matter, and the feeds use too: which case has a thread
//! feed, and the title of a body's feed.

use motebok_domain::Case;

/// Whether a case has a thread feed (and its page offers it).
pub fn case_has_feed(c: &Case) -> bool {
    c.unntatt.is_none() && !c.src.draft
}

/// The title of a body's feed, in the feed and in the pages that offer it.
pub fn organ_feed_title(navn: &str) -> String {
    format!("{navn}: nye og endrede dokumenter")
}
