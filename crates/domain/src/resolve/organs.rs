//! Bodies (`_organ.md`), in the order the site lists them.

use super::Sources;
use crate::model::{Organ, OrganIx};
use motebok_parser::RawOrgan;
use std::collections::HashMap;

/// Bodies by id.
pub(super) type OrganIndex = HashMap<String, OrganIx>;

/// Every body, its window defaulting to the site's; its meetings are listed later.
pub(super) fn build(
    mut raw: Vec<(String, RawOrgan)>,
    window_months: u32,
    sources: &Sources,
) -> (Vec<Organ>, OrganIndex) {
    raw.sort_by(|a, b| {
        (a.1.rekkefolge, a.1.niva, &a.1.id).cmp(&(b.1.rekkefolge, b.1.niva, &b.1.id))
    });
    let organs: Vec<Organ> = raw
        .into_iter()
        .map(|(path, o)| Organ {
            id: o.id,
            src: sources.of(&path),
            navn: o.navn,
            kortnavn: o.kortnavn,
            niva: o.niva,
            rekkefolge: o.rekkefolge,
            arkivverdig: o.arkivverdig,
            window_months: o.vindu_maneder.unwrap_or(window_months),
            body: o.body,
            meetings: Vec::new(),
        })
        .collect();
    let index = organs
        .iter()
        .enumerate()
        .map(|(i, o)| (o.id.clone(), i))
        .collect();
    (organs, index)
}
