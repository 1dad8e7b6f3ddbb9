//! Typed raw documents: what one file says, checked for shape but not against other files.

use crate::diagnostic::Diagnostic;
use crate::fields::{Reader, Spanned};
use crate::frontmatter::{split, BodyAt, Value};
use crate::kinds::{classify, AttachmentOwner, FileKind};
use crate::text::Text;
use chrono::NaiveDate;

/// The Markdown body of a file and the line it starts on.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Body {
    /// Shared, so a live preview hands unchanged bodies to each rebuild without copying them.
    /// Never serialised: a snapshot keeps `at` instead, and its reader attaches a loader
    /// (reading it before then panics).
    #[serde(skip, default = "Text::unloaded")]
    pub markdown: Text,
    pub line: u32,
    /// Where the body lies in the file's bytes, to load it again.
    pub at: BodyAt,
    /// Link and image targets as written, for attachments a body points to.
    pub links: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RawOrgan {
    pub id: String,
    pub navn: String,
    pub kortnavn: String,
    pub niva: Option<u8>,
    pub rekkefolge: Option<i64>,
    pub arkivverdig: bool,
    pub vindu_maneder: Option<u32>,
    pub body: Body,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RawMeeting {
    pub organ: String,
    /// The folder name, expected to equal `dato`.
    pub folder: String,
    pub dato: Spanned<NaiveDate>,
    pub tid: Option<String>,
    pub sted: Option<String>,
    pub moteleder: Option<String>,
    pub referent: Option<String>,
    pub avlyst: bool,
    pub body: Body,
}

/// Case types of CONTENT.md §4.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Sakstype {
    Referatsak,
    Orientering,
    Beslutning,
    Informasjon,
    Dialog,
    Diskusjon,
}

impl Sakstype {
    pub const ALL: [(&'static str, Sakstype); 6] = [
        ("referatsak", Sakstype::Referatsak),
        ("orientering", Sakstype::Orientering),
        ("beslutning", Sakstype::Beslutning),
        ("informasjon", Sakstype::Informasjon),
        ("dialog", Sakstype::Dialog),
        ("diskusjon", Sakstype::Diskusjon),
    ];
    pub fn key(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, t)| *t == self)
            .map(|(k, _)| *k)
            .unwrap_or("")
    }
    /// The label shown to readers.
    pub fn label(self) -> &'static str {
        match self {
            Sakstype::Referatsak => "Referatsak",
            Sakstype::Orientering => "Orientering",
            Sakstype::Beslutning => "Beslutning",
            Sakstype::Informasjon => "Informasjon",
            Sakstype::Dialog => "Dialog",
            Sakstype::Diskusjon => "Diskusjon",
        }
    }
}

/// Document types of CONTENT.md §5.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Doktype {
    Avtale,
    Delavtale,
    Prosedyre,
    Retningslinje,
    Handlingsplan,
    Strategi,
    Arsmelding,
    Rapport,
    Brev,
    Artikkel,
}

impl Doktype {
    pub const ALL: [(&'static str, Doktype); 10] = [
        ("avtale", Doktype::Avtale),
        ("delavtale", Doktype::Delavtale),
        ("prosedyre", Doktype::Prosedyre),
        ("retningslinje", Doktype::Retningslinje),
        ("handlingsplan", Doktype::Handlingsplan),
        ("strategi", Doktype::Strategi),
        ("arsmelding", Doktype::Arsmelding),
        ("rapport", Doktype::Rapport),
        ("brev", Doktype::Brev),
        ("artikkel", Doktype::Artikkel),
    ];
    pub fn key(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, t)| *t == self)
            .map(|(k, _)| *k)
            .unwrap_or("")
    }
    pub fn label(self) -> &'static str {
        match self {
            Doktype::Avtale => "Avtale",
            Doktype::Delavtale => "Delavtale",
            Doktype::Prosedyre => "Prosedyre",
            Doktype::Retningslinje => "Retningslinje",
            Doktype::Handlingsplan => "Handlingsplan",
            Doktype::Strategi => "Strategi",
            Doktype::Arsmelding => "Årsmelding",
            Doktype::Rapport => "Rapport",
            Doktype::Brev => "Brev",
            Doktype::Artikkel => "Artikkel",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Publisering {
    #[default]
    Vindu,
    Gjeldende,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RawVedlegg {
    pub tittel: String,
    pub fil: Spanned<String>,
}

/// Exemption from public access (`offentlig: false`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Exemption {
    pub skjermingshjemmel: String,
    pub offentlig_tittel: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RawCase {
    pub organ: String,
    pub folder: String,
    /// The file name without `.md`, expected to equal `saksnr`.
    pub stem: String,
    pub saksnr: Spanned<String>,
    pub tittel: String,
    pub sakstype: Vec<Sakstype>,
    pub ansvarlig: Option<String>,
    pub forslag: Vec<String>,
    pub vedtak: Option<Vec<String>>,
    pub referat: Option<String>,
    pub oppfolging_av: Vec<Spanned<String>>,
    pub godkjenner_referat: Vec<Spanned<String>>,
    pub vedlegg: Vec<RawVedlegg>,
    /// `None` when public.
    pub unntatt: Option<Exemption>,
    pub body: Body,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RawDocument {
    pub slug: String,
    pub tittel: String,
    pub doktype: Doktype,
    pub dato: Spanned<NaiveDate>,
    pub vedtatt_i: Option<Spanned<String>>,
    pub gyldig_fra: Option<NaiveDate>,
    pub gyldig_til: Option<NaiveDate>,
    pub publisering: Publisering,
    pub unntatt: Option<Exemption>,
    pub body: Body,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RawAttachment {
    pub owner: AttachmentOwner,
    /// Path inside the `vedlegg/` folder, e.g. `tud-samarbeidsavtale.md`.
    pub name: String,
    /// For Markdown attachments: optional `tittel` and the body. `None` for other files.
    pub page: Option<(Option<String>, Body)>,
}

/// One parsed content file.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum RawDoc {
    Organ(RawOrgan),
    Meeting(RawMeeting),
    Case(Box<RawCase>),
    Document(RawDocument),
    Attachment(RawAttachment),
}

/// A parsed file with its repository path.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RawFile {
    pub path: String,
    pub doc: RawDoc,
}

impl RawFile {
    /// Its Markdown body, if it has one.
    pub fn body_mut(&mut self) -> Option<&mut Body> {
        match &mut self.doc {
            RawDoc::Organ(o) => Some(&mut o.body),
            RawDoc::Meeting(m) => Some(&mut m.body),
            RawDoc::Case(c) => Some(&mut c.body),
            RawDoc::Document(d) => Some(&mut d.body),
            RawDoc::Attachment(a) => a.page.as_mut().map(|(_, b)| b),
        }
    }
}

pub const ORGAN_KEYS: &[&str] = &[
    "navn",
    "kortnavn",
    "niva",
    "rekkefolge",
    "arkivverdig",
    "vindu_maneder",
];
pub const MEETING_KEYS: &[&str] = &["dato", "tid", "sted", "moteleder", "referent", "avlyst"];
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
pub const ATTACHMENT_KEYS: &[&str] = &["tittel"];

/// Parses one file. Every problem in it is returned, not just the first.
pub fn parse_file(path: &str, bytes: &[u8]) -> Result<RawFile, Vec<Diagnostic>> {
    let kind = classify(path);
    if let FileKind::Attachment {
        owner,
        name,
        markdown: false,
    } = kind
    {
        let doc = RawDoc::Attachment(RawAttachment {
            owner,
            name,
            page: None,
        });
        return Ok(RawFile {
            path: path.to_string(),
            doc,
        });
    }
    if let FileKind::Unexpected { why } = kind {
        return Err(vec![Diagnostic::new(
            path,
            "filen ligger et sted motebok ikke publiserer fra",
        )
        .hint(why)]);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        vec![Diagnostic::new(
            path,
            format!("filen er ikke UTF-8 (byte {})", e.valid_up_to()),
        )
        .hint("lagre filen som UTF-8 i redigeringsprogrammet")]
    })?;
    let fm = split(path, text).map_err(|d| vec![d])?;
    let mut r = Reader::new(path, &fm);
    let body = Body {
        links: crate::markdown::links(&fm.body),
        markdown: fm.body.as_str().into(),
        line: fm.body_line,
        at: fm.body_at,
    };
    let doc = match kind {
        FileKind::Organ { organ } => organ_doc(&mut r, organ, body),
        FileKind::Meeting { organ, folder } => meeting_doc(&mut r, organ, folder, body),
        FileKind::Case {
            organ,
            folder,
            stem,
        } => case_doc(&mut r, organ, folder, stem, body),
        FileKind::Document { slug } => document_doc(&mut r, slug, body),
        FileKind::Attachment { owner, name, .. } => {
            r.check_keys(ATTACHMENT_KEYS);
            let tittel = r.opt_str("tittel").map(|s| s.value);
            Some(RawDoc::Attachment(RawAttachment {
                owner,
                name,
                page: Some((tittel, body)),
            }))
        }
        FileKind::Unexpected { .. } => unreachable!("handled above"),
    };
    if !fm.present && !matches!(doc, Some(RawDoc::Attachment(_))) {
        return Err(vec![Diagnostic::new(path, "filen mangler front matter")
            .at(1)
            .hint(
                "start filen med en linje `---`, nøklene, og en ny linje `---`",
            )]);
    }
    match doc {
        Some(doc) if r.errors.is_empty() => Ok(RawFile {
            path: path.to_string(),
            doc,
        }),
        _ => Err(r.errors),
    }
}

fn organ_doc(r: &mut Reader, id: String, body: Body) -> Option<RawDoc> {
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

fn meeting_doc(r: &mut Reader, organ: String, folder: String, body: Body) -> Option<RawDoc> {
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

fn exemption(r: &mut Reader, public_title_allowed: bool) -> Option<Option<Exemption>> {
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

fn case_doc(
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
    let referat = r.opt_str("referat").map(|s| s.value);
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
        oppfolging_av,
        godkjenner_referat,
        vedlegg,
        unntatt: unntatt?,
        body,
    })))
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

fn document_doc(r: &mut Reader, slug: String, body: Body) -> Option<RawDoc> {
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

/// "Did you mean" for a value that is close to an allowed one.
pub fn suggest(got: &str, allowed: &[&str]) -> String {
    let best = allowed
        .iter()
        .map(|k| (strsim::jaro_winkler(k, &got.to_lowercase()), *k))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((score, k)) if score > 0.8 => format!("mente du `{k}`?"),
        _ => format!("tillatte verdier: {}", allowed.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(src: &str) -> Result<RawFile, Vec<Diagnostic>> {
        parse_file("content/ssu/2025-05-22/2025.16.md", src.as_bytes())
    }

    #[test]
    fn parses_a_case() {
        let f = case("---\nsaksnr: \"2025.16\"\ntittel: TUD\nsakstype: [beslutning, orientering]\noppfolging_av: [\"2024.29\", \"fsu/2025.08\"]\nvedlegg:\n  - tittel: Avtale\n    fil: vedlegg/tud.md\n---\nTekst\n").unwrap();
        let RawDoc::Case(c) = f.doc else { panic!() };
        assert_eq!(c.saksnr.value, "2025.16");
        assert_eq!(
            c.sakstype,
            vec![Sakstype::Beslutning, Sakstype::Orientering]
        );
        assert_eq!(c.oppfolging_av[1].value, "fsu/2025.08");
        assert_eq!(c.vedlegg[0].fil.value, "vedlegg/tud.md");
        assert_eq!(c.vedlegg[0].fil.line, 8);
        assert!(c.unntatt.is_none());
    }

    #[test]
    fn unquoted_case_number_keeps_its_zero() {
        let f = case("---\nsaksnr: 2025.10\ntittel: T\nsakstype: [dialog]\n---\n").unwrap();
        let RawDoc::Case(c) = f.doc else { panic!() };
        assert_eq!(c.saksnr.value, "2025.10");
    }

    #[test]
    fn unknown_key_suggests() {
        let errs =
            case("---\nsaksnr: \"2025.16\"\ntittel: T\nsakstype: [dialog]\nansvarilg: Meg\n---\n")
                .unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].line, Some(5));
        assert!(errs[0].message.contains("ansvarilg"));
        assert_eq!(errs[0].hint.as_deref(), Some("mente du `ansvarlig`?"));
    }

    #[test]
    fn all_errors_at_once() {
        let errs = case("---\nsaksnr: \"2025.16\"\nsakstype: [vedtak]\noffentlig: false\n---\n")
            .unwrap_err();
        let msgs: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
        assert!(msgs.iter().any(|m| m.contains("tittel")), "{msgs:?}");
        assert!(
            msgs.iter().any(|m| m.contains("sakstype `vedtak`")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter().any(|m| m.contains("skjermingshjemmel")),
            "{msgs:?}"
        );
    }

    #[test]
    fn empty_case_type_is_an_error() {
        let errs = case("---\nsaksnr: \"2025.16\"\ntittel: T\nsakstype: []\n---\n").unwrap_err();
        assert_eq!(errs.len(), 1);
        assert!(errs[0].message.contains("`sakstype` kan ikke være tom"));
        assert_eq!(errs[0].line, Some(4));
    }

    #[test]
    fn impossible_date() {
        let errs = parse_file(
            "content/ssu/2025-02-30/_mote.md",
            b"---\ndato: 2025-02-30\n---\n",
        )
        .unwrap_err();
        assert_eq!(errs[0].line, Some(2));
        assert!(errs[0].message.contains("2025-02-30"));
    }

    #[test]
    fn markdown_attachment_with_title() {
        let f = parse_file(
            "content/ssu/2025-05-22/vedlegg/tud.md",
            b"---\ntittel: Avtale\n---\n# A\n",
        )
        .unwrap();
        let RawDoc::Attachment(a) = f.doc else {
            panic!()
        };
        assert_eq!(a.page.unwrap().0.as_deref(), Some("Avtale"));
    }

    #[test]
    fn every_body_can_be_read_again_from_its_file() {
        for (path, text) in [
            (
                "content/ssu/2025-05-22/vedlegg/a.md",
                "\u{feff}# Uten front matter\r\n",
            ),
            ("content/ssu/2025-05-22/vedlegg/b.md", ""),
            (
                "content/ssu/2025-05-22/_mote.md",
                "---\r\ndato: 2025-05-22\r\n---\r\nA\r\n\r\nB\r\n",
            ),
            (
                "content/dokumenter/plan.md",
                "---\ntittel: Plan\ndoktype: strategi\ndato: 2025-05-22\n---\n",
            ),
        ] {
            let mut f = parse_file(path, text.as_bytes()).unwrap();
            let body = f.body_mut().unwrap();
            assert_eq!(
                body.at.read(text.as_bytes()).as_deref(),
                Some(&*body.markdown)
            );
        }
    }
}
