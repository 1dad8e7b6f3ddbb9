//! A meeting's `_mote.md`.

use super::{Body, RawDoc, RawMeeting};
use crate::fields::Reader;

/// The front matter keys a `_mote.md` may have; any other is an error with a suggestion.
pub const MEETING_KEYS: &[&str] = &["dato", "tid", "sted", "moteleder", "referent", "avlyst"];

pub(super) fn meeting_doc(
    r: &mut Reader,
    organ: String,
    folder: String,
    body: Body,
) -> Option<RawDoc> {
    r.check_keys(MEETING_KEYS);
    let dato = r.req_date("dato");
    let tid = r.opt_str("tid").map(|s| s.value);
    let sted = r.opt_str("sted").map(|s| s.value);
    let moteleder = r.opt_str("moteleder").map(|s| s.value);
    let referent = r.opt_str("referent").map(|s| s.value);
    let avlyst = r.opt_bool("avlyst").unwrap_or(false);
    Some(RawDoc::Meeting(RawMeeting {
        organ,
        folder,
        dato: dato?,
        tid,
        sted,
        moteleder,
        referent,
        avlyst,
        body,
    }))
}
