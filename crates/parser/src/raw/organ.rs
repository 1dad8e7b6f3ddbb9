//! An organ's `_organ.md`.

use super::{Body, RawDoc, RawOrgan};
use crate::fields::Reader;

/// The front matter keys an `_organ.md` may have; any other is an error with a suggestion.
pub const ORGAN_KEYS: &[&str] = &[
    "navn",
    "kortnavn",
    "niva",
    "rekkefolge",
    "arkivverdig",
    "vindu_maneder",
];

pub(super) fn organ_doc(r: &mut Reader, id: String, body: Body) -> Option<RawDoc> {
    r.check_keys(ORGAN_KEYS);
    let navn = r.req_str("navn", "Strategisk samarbeidsutvalg");
    let kortnavn = r.req_str("kortnavn", "SSU");
    let niva = r.opt_int("niva", 1, 3).map(|n| n as u8);
    let rekkefolge = r.opt_int("rekkefolge", i64::MIN, i64::MAX);
    let arkivverdig = r.opt_bool("arkivverdig").unwrap_or(true);
    let vindu = r.opt_int("vindu_maneder", 1, 1200).map(|n| n as u32);
    Some(RawDoc::Organ(RawOrgan {
        id,
        navn: navn?.value,
        kortnavn: kortnavn?.value,
        niva,
        rekkefolge,
        arkivverdig,
        vindu_maneder: vindu,
        body,
    }))
}
