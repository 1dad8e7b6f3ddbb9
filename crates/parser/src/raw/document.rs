//! A document in `content/dokumenter/`.

use super::case::exemption;
use super::{suggest, Body, Doktype, Publisering, RawDoc, RawDocument};
use crate::diagnostic::Diagnostic;
use crate::fields::Reader;

/// The front matter keys a document may have; any other is an error with a suggestion.
pub const DOCUMENT_KEYS: &[&str] = &[
    "tittel",
    "doktype",
    "dato",
    "vedtatt_i",
    "gyldig_fra",
    "gyldig_til",
    "publisering",
    "offentlig",
    "skjermingshjemmel",
];

pub(super) fn document_doc(r: &mut Reader, slug: String, body: Body) -> Option<RawDoc> {
    r.check_keys(DOCUMENT_KEYS);
    let tittel = r.req_str("tittel", "Delavtale om helhetlige pasientforløp");
    let doktype = r.req_str("doktype", "delavtale").and_then(|s| {
        let found = Doktype::ALL
            .iter()
            .find(|(k, _)| *k == s.value.to_lowercase())
            .map(|(_, t)| *t);
        if found.is_none() {
            let names: Vec<&str> = Doktype::ALL.iter().map(|(k, _)| *k).collect();
            r.errors.push(
                Diagnostic::new(r.path, format!("ukjent doktype `{}`", s.value))
                    .at_col(s.line, s.col)
                    .hint(suggest(&s.value, &names)),
            );
        }
        found
    });
    let dato = r.req_date("dato");
    let vedtatt_i = r.opt_str("vedtatt_i");
    let gyldig_fra = r.opt_date("gyldig_fra").map(|d| d.value);
    let gyldig_til = r.opt_date("gyldig_til").map(|d| d.value);
    let publisering = match r.opt_str("publisering") {
        None => Some(Publisering::Vindu),
        Some(s) if s.value == "vindu" => Some(Publisering::Vindu),
        Some(s) if s.value == "gjeldende" => Some(Publisering::Gjeldende),
        Some(s) => {
            r.errors.push(
                Diagnostic::new(r.path, format!("ukjent verdi `publisering: {}`", s.value))
                    .at_col(s.line, s.col)
                    .hint("skriv `publisering: vindu` (standard) eller `publisering: gjeldende` for avtaler som gjelder"),
            );
            None
        }
    };
    if let (Some(fra), Some(til)) = (gyldig_fra, gyldig_til) {
        if til < fra {
            let line = r.fm.get("gyldig_til").map_or(1, |f| f.line);
            r.errors.push(
                Diagnostic::new(
                    r.path,
                    format!("`gyldig_til` ({til}) er før `gyldig_fra` ({fra})"),
                )
                .at(line)
                .hint("sjekk datoene; gyldig_til er siste dag avtalen gjelder"),
            );
        }
    }
    let unntatt = exemption(r, false);
    Some(RawDoc::Document(RawDocument {
        slug,
        tittel: tittel?.value,
        doktype: doktype?,
        dato: dato?,
        vedtatt_i,
        gyldig_fra,
        gyldig_til,
        publisering: publisering?,
        unntatt: unntatt?,
        body,
    }))
}
