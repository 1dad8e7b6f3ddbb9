//! A case file: its case types, its attachment list and its exemption from public access
//! (which documents share).

use super::{suggest, Body, Exemption, RawCase, RawDoc, RawVedlegg, Sakstype};
use crate::diagnostic::Diagnostic;
use crate::fields::{Reader, Spanned};
use crate::frontmatter::Value;

/// The front matter keys a case file may have; any other is an error with a suggestion.
pub const CASE_KEYS: &[&str] = &[
    "saksnr",
    "tittel",
    "sakstype",
    "ansvarlig",
    "forslag",
    "vedtak",
    "referat",
    "oppfolging_av",
    "godkjenner_referat",
    "vedlegg",
    "offentlig",
    "skjermingshjemmel",
    "offentlig_tittel",
];

pub(super) fn case_doc(
    r: &mut Reader,
    organ: String,
    folder: String,
    stem: String,
    body: Body,
) -> Option<RawDoc> {
    r.check_keys(CASE_KEYS);
    let saksnr = r.req_str("saksnr", "\"2025.16\"");
    let tittel = r.req_str("tittel", "Samarbeidsavtale om pasienter på tvunget vern");
    let sakstype = sakstyper(r);
    let ansvarlig = r.opt_str("ansvarlig").map(|s| s.value);
    let forslag = r.str_list("forslag").into_iter().map(|s| s.value).collect();
    let vedtak =
        r.fm.get("vedtak")
            .map(|_| r.str_list("vedtak").into_iter().map(|s| s.value).collect());
    let referat = r.opt_str("referat");
    let referat_line = referat.as_ref().map_or(0, |s| s.line);
    let referat = referat.map(|s| s.value);
    let oppfolging_av = r.str_list("oppfolging_av");
    let godkjenner_referat = r.str_list("godkjenner_referat");
    let vedlegg = vedlegg_list(r);
    let unntatt = exemption(r, true);
    Some(RawDoc::Case(Box::new(RawCase {
        organ,
        folder,
        stem,
        saksnr: saksnr?,
        tittel: tittel?.value,
        sakstype: sakstype?,
        ansvarlig,
        forslag,
        vedtak,
        referat,
        referat_line,
        oppfolging_av,
        godkjenner_referat,
        vedlegg,
        unntatt: unntatt?,
        body,
    })))
}

pub(super) fn exemption(r: &mut Reader, public_title_allowed: bool) -> Option<Option<Exemption>> {
    let offentlig = r.opt_bool("offentlig").unwrap_or(true);
    let hjemmel = r.opt_str("skjermingshjemmel").map(|s| s.value);
    let off_tittel = if public_title_allowed {
        r.opt_str("offentlig_tittel").map(|s| s.value)
    } else {
        None
    };
    if offentlig {
        return Some(None);
    }
    match hjemmel {
        Some(h) => Some(Some(Exemption {
            skjermingshjemmel: h,
            offentlig_tittel: off_tittel,
        })),
        None => {
            let line = r.fm.get("offentlig").map_or(1, |f| f.line);
            r.errors.push(
                Diagnostic::new(r.path, "`offentlig: false` krever `skjermingshjemmel`")
                    .at_col(line, 1)
                    .len("offentlig".len() as u32)
                    .hint("oppgi lovhjemmelen for unntaket, for eksempel `skjermingshjemmel: \"offl. § 13 jf. fvl. § 13\"`"),
            );
            None
        }
    }
}

fn sakstyper(r: &mut Reader) -> Option<Vec<Sakstype>> {
    if r.fm.get("sakstype").is_none() {
        r.errors.push(
            Diagnostic::new(r.path, "mangler påkrevd nøkkel `sakstype`")
                .at(2)
                .hint("legg til for eksempel `sakstype: [beslutning]`"),
        );
        return None;
    }
    let before = r.errors.len();
    let items = r.str_list("sakstype");
    if items.is_empty() && r.errors.len() == before {
        let line = r.fm.get("sakstype").map_or(2, |f| f.line);
        r.errors.push(
            Diagnostic::new(r.path, "`sakstype` kan ikke være tom")
                .at(line)
                .hint("skriv minst én sakstype, for eksempel `sakstype: [orientering]`"),
        );
    }
    let mut out = Vec::new();
    let mut ok = !items.is_empty();
    for s in items {
        match Sakstype::ALL
            .iter()
            .find(|(k, _)| *k == s.value.to_lowercase())
        {
            Some((_, t)) => out.push(*t),
            None => {
                ok = false;
                let names: Vec<&str> = Sakstype::ALL.iter().map(|(k, _)| *k).collect();
                r.errors.push(
                    Diagnostic::new(r.path, format!("ukjent sakstype `{}`", s.value))
                        .at_col(s.line, s.col)
                        .len(s.value.chars().count() as u32)
                        .hint(suggest(&s.value, &names)),
                );
            }
        }
    }
    ok.then_some(out)
}

fn vedlegg_list(r: &mut Reader) -> Vec<RawVedlegg> {
    let mut out = Vec::new();
    let block =
        r.fm.get("vedlegg")
            .map(|f| f.block.clone())
            .unwrap_or_default();
    let items = r.map_list("vedlegg");
    let item_starts: Vec<u32> = items.iter().map(|(_, l)| *l).collect();
    for (idx, (map, line)) in items.into_iter().enumerate() {
        let get = |k: &str| {
            map.iter()
                .find(|(key, _)| key == k)
                .and_then(|(_, v)| match v {
                    Value::Str(s) => Some(s.trim().to_string()),
                    _ => None,
                })
        };
        // The lines of this item, without trailing blank lines and comments.
        let end = item_starts.get(idx + 1).copied().unwrap_or(u32::MAX);
        let mut lines: Vec<&(u32, String)> = block
            .iter()
            .filter(|(l, _)| *l >= line && *l < end)
            .collect();
        while lines.len() > 1 && {
            let t = lines[lines.len() - 1].1.trim();
            t.is_empty() || t.starts_with('#')
        } {
            lines.pop();
        }
        // `key:` on one of the item's lines: its line and column, for a caret under the key.
        let key_at = |k: &str| {
            lines.iter().find_map(|(l, t)| {
                let body = t.trim_start().trim_start_matches("- ").trim_start();
                let col = t.len() - body.len();
                body.strip_prefix(k)
                    .is_some_and(|rest| rest.starts_with(':'))
                    .then(|| (*l, t[..col].chars().count() as u32 + 1))
            })
        };
        for (k, _) in &map {
            if k != "tittel" && k != "fil" {
                let (l, col) = key_at(k).unwrap_or((line, 1));
                r.errors.push(
                    Diagnostic::new(r.path, format!("ukjent nøkkel `{k}` i vedlegg"))
                        .at_col(l, col)
                        .len(k.chars().count() as u32)
                        .hint(match suggest(k, &["tittel", "fil"]) {
                            s if s.starts_with("mente") => s,
                            _ => "et vedlegg har bare nøklene `tittel` og `fil`".to_string(),
                        }),
                );
            }
        }
        match (get("tittel"), get("fil")) {
            (Some(tittel), Some(fil)) => {
                let (fil_line, col) = key_at("fil").map_or((line, 1), |(l, c)| (l, c + 5));
                out.push(RawVedlegg {
                    tittel,
                    fil: Spanned::new(fil, fil_line, col),
                })
            }
            _ => {
                let mut d = Diagnostic::new(r.path, "hvert vedlegg trenger både `tittel` og `fil`")
                    .at(line)
                    .hint("skriv `- tittel: Navn på vedlegget` og på neste linje `  fil: vedlegg/navn.md`");
                // The whole item, from its `-` to the end of its last line.
                if let Some((_, first)) = lines.first() {
                    let dash = first.find('-').unwrap_or(0);
                    let len = first[dash..].chars().count()
                        + lines[1..]
                            .iter()
                            .map(|(_, t)| 1 + t.chars().count())
                            .sum::<usize>();
                    d = d
                        .at_col(line, first[..dash].chars().count() as u32 + 1)
                        .len(len as u32);
                }
                r.errors.push(d)
            }
        }
    }
    out
}
