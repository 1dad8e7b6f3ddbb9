//! From parsed files to the linked site, enforcing the rules of CONTENT.md §4 that span files.
//! Every broken rule becomes one diagnostic; all of them are returned together.

use crate::ids::{CaseNumber, CaseRef, MeetingRef};
use crate::model::*;
use crate::trail::Trails;
use crate::window::{self, Publication};
use chrono::{Datelike, NaiveDate};
use motebok_parser::{
    parse_iso_date, Diagnostic, RawAttachment, RawCase, RawDoc, RawDocument, RawFile, RawMeeting,
    RawOrgan,
};
use std::collections::{BTreeMap, HashMap, HashSet};

/// What a build knows besides the files: the trail, the drafts and the date.
pub struct Inputs<'a> {
    pub files: Vec<RawFile>,
    pub trails: &'a Trails,
    /// Paths not approved on the branch (preview builds); empty for production.
    pub drafts: &'a HashSet<String>,
    pub today: NaiveDate,
    /// `window_months` of site.toml.
    pub window_months: u32,
    /// Files that failed to parse: references into them are not reported again.
    pub unparsed: &'a HashSet<String>,
}

/// Resolves references and windows. Errors: every rule broken, each naming file and line.
pub fn resolve(inputs: Inputs) -> Result<Site, Vec<Diagnostic>> {
    let Inputs {
        mut files,
        trails,
        drafts,
        today,
        window_months,
        unparsed,
    } = inputs;
    // The order files were read in never shows in the output.
    files.sort_by(|a, b| a.path.cmp(&b.path));
    // Cases and meetings in files that failed to parse, so their absence is not reported twice.
    let mut phantom_cases: HashSet<(String, CaseNumber)> = HashSet::new();
    let mut phantom_meetings: HashSet<(String, String)> = HashSet::new();
    let mut phantom_organs: HashSet<String> = HashSet::new();
    for p in unparsed {
        let parts: Vec<&str> = p.strip_prefix("content/").unwrap_or(p).split('/').collect();
        if let [organ, "_organ.md"] = parts.as_slice() {
            phantom_organs.insert(organ.to_string());
        }
        if let [organ, folder, file] = parts.as_slice() {
            if *file == "_mote.md" {
                phantom_meetings.insert((organ.to_string(), folder.to_string()));
            } else if let Some(n) = file.strip_suffix(".md").and_then(CaseNumber::parse) {
                phantom_cases.insert((organ.to_string(), n));
            }
        }
    }
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let src = |path: &str| Source {
        path: path.to_string(),
        trail: trails.get(path).cloned(),
        draft: drafts.contains(path),
    };

    let mut organs_raw: Vec<(String, RawOrgan)> = Vec::new();
    let mut meetings_raw: Vec<(String, RawMeeting)> = Vec::new();
    let mut cases_raw: Vec<(String, RawCase)> = Vec::new();
    let mut docs_raw: Vec<(String, RawDocument)> = Vec::new();
    let mut atts_raw: Vec<(String, RawAttachment)> = Vec::new();
    for f in files {
        match f.doc {
            RawDoc::Organ(o) => organs_raw.push((f.path, o)),
            RawDoc::Meeting(m) => meetings_raw.push((f.path, m)),
            RawDoc::Case(c) => cases_raw.push((f.path, *c)),
            RawDoc::Document(d) => docs_raw.push((f.path, d)),
            RawDoc::Attachment(a) => atts_raw.push((f.path, a)),
        }
    }
    organs_raw.sort_by(|a, b| {
        (a.1.rekkefolge, a.1.niva, &a.1.id).cmp(&(b.1.rekkefolge, b.1.niva, &b.1.id))
    });
    meetings_raw.sort_by(|a, b| (a.1.dato.value, &a.0).cmp(&(b.1.dato.value, &b.0)));
    docs_raw.sort_by(|a, b| (b.1.dato.value, &a.0).cmp(&(a.1.dato.value, &b.0)));
    atts_raw.sort_by(|a, b| a.0.cmp(&b.0));

    // Bodies.
    let mut organs: Vec<Organ> = organs_raw
        .into_iter()
        .map(|(path, o)| Organ {
            id: o.id,
            src: src(&path),
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
    let organ_ix: HashMap<String, OrganIx> = organs
        .iter()
        .enumerate()
        .map(|(i, o)| (o.id.clone(), i))
        .collect();

    // Meetings: folder named by the date, body known.
    let mut meetings: Vec<Meeting> = Vec::new();
    let mut meeting_ix: HashMap<(String, String), MeetingIx> = HashMap::new();
    for (path, m) in meetings_raw {
        let Some(&oi) = organ_ix.get(&m.organ) else {
            phantom_meetings.insert((m.organ.clone(), m.folder.clone()));
            if phantom_organs.contains(&m.organ) {
                continue;
            }
            errors.push(Diagnostic::new(&path, format!("organet `{}` finnes ikke", m.organ)).hint(format!(
                "opprett content/{}/_organ.md med `navn` og `kortnavn`, eller flytt møtet til et organ som finnes",
                m.organ
            )));
            continue;
        };
        if parse_iso_date(&m.folder).ok() != Some(m.dato.value) {
            errors.push(
                Diagnostic::new(
                    &path,
                    format!(
                        "møtemappen heter `{}`, men `dato` er {}",
                        m.folder, m.dato.value
                    ),
                )
                .at_col(m.dato.line, m.dato.col)
                .hint(format!(
                    "gi mappen navnet {} eller rett `dato` til mappens dato",
                    m.dato.value
                )),
            );
            // Its cases are fine as far as we know: do not report them as homeless too.
            phantom_meetings.insert((m.organ.clone(), m.folder.clone()));
            continue;
        }
        let publication = window::state(Some(m.dato.value), organs[oi].window_months, today);
        meeting_ix.insert((m.organ.clone(), m.folder.clone()), meetings.len());
        organs[oi].meetings.push(meetings.len());
        meetings.push(Meeting {
            organ: oi,
            src: src(&path),
            date: m.dato.value,
            tid: m.tid,
            sted: m.sted,
            moteleder: m.moteleder,
            referent: m.referent,
            avlyst: m.avlyst,
            body: m.body,
            publication,
            cases: Vec::new(),
            minutes_approved_by: Vec::new(),
        });
    }

    // Attachments, by path.
    let mut attachments: Vec<Attachment> = atts_raw
        .into_iter()
        .map(|(path, a)| Attachment {
            owner: a.owner,
            src: src(&path),
            name: a.name,
            page: a.page,
            publication: Publication::Exempt,
            used_by_cases: Vec::new(),
            used_by_documents: Vec::new(),
        })
        .collect();
    let att_ix: HashMap<String, AttachmentIx> = attachments
        .iter()
        .enumerate()
        .map(|(i, a)| (a.src.path.clone(), i))
        .collect();

    // Cases: number, file name, year, uniqueness, attachments.
    cases_raw.sort_by(|a, b| a.0.cmp(&b.0));
    let mut cases: Vec<Case> = Vec::new();
    let mut by_number: HashMap<(String, CaseNumber), (CaseIx, String)> = HashMap::new();
    let mut pending_refs: Vec<(CaseIx, RawCase)> = Vec::new();
    for (path, mut c) in cases_raw {
        let Some(&mi) = meeting_ix.get(&(c.organ.clone(), c.folder.clone())) else {
            if phantom_meetings.contains(&(c.organ.clone(), c.folder.clone())) {
                if let Some(n) = CaseNumber::parse(&c.saksnr.value) {
                    phantom_cases.insert((c.organ.clone(), n));
                }
                continue;
            }
            let folder_ok = parse_iso_date(&c.folder).is_ok();
            errors.push(
                Diagnostic::new(
                    &path,
                    format!(
                        "saken ligger i `content/{}/{}/`, som ikke er et møte",
                        c.organ, c.folder
                    ),
                )
                .hint(if folder_ok {
                    "legg til _mote.md i møtemappen (med `dato` lik mappens navn)".to_string()
                } else {
                    "saker ligger i en møtemappe med navn ÅÅÅÅ-MM-DD og en _mote.md".to_string()
                }),
            );
            continue;
        };
        let Some(number) = CaseNumber::parse(&c.saksnr.value) else {
            errors.push(
                Diagnostic::new(&path, format!("`saksnr: {}` er ikke et saksnummer", c.saksnr.value))
                    .at_col(c.saksnr.line, c.saksnr.col)
                    .hint("skriv saksnummeret som ÅÅÅÅ.NN i anførselstegn, for eksempel `saksnr: \"2025.16\"`"),
            );
            continue;
        };
        let mut ok = true;
        if c.stem != c.saksnr.value {
            ok = false;
            errors.push(
                Diagnostic::new(
                    &path,
                    format!(
                        "filnavnet `{}.md` stemmer ikke med `saksnr: \"{}\"`",
                        c.stem, c.saksnr.value
                    ),
                )
                .at_col(c.saksnr.line, c.saksnr.col)
                .hint(format!(
                    "gi filen navnet {}.md, eller rett saksnummeret",
                    c.saksnr.value
                )),
            );
        }
        let meeting_date = meetings[mi].date;
        if number.year != meeting_date.year() {
            ok = false;
            errors.push(
                Diagnostic::new(
                    &path,
                    format!(
                        "saksnummer {} har året {}, men møtet er {}",
                        c.saksnr.value, number.year, meeting_date
                    ),
                )
                .at_col(c.saksnr.line, c.saksnr.col)
                .hint(format!(
                    "saker nummereres per organ og år: bruk {}.NN for et møte i {}",
                    meeting_date.year(),
                    meeting_date.year()
                )),
            );
        }
        if let Some((_, other)) = by_number.get(&(c.organ.clone(), number)) {
            ok = false;
            errors.push(
                Diagnostic::new(
                    &path,
                    format!(
                        "saksnummer {} er brukt to ganger i {}",
                        c.saksnr.value, c.organ
                    ),
                )
                .at_col(c.saksnr.line, c.saksnr.col)
                .hint(format!(
                    "{other} har samme nummer; gi en av sakene neste ledige nummer"
                )),
            );
        }
        let mut vedlegg = Vec::new();
        for v in &c.vedlegg {
            match attachment_path(&c.organ, &c.folder, &v.fil.value) {
                Err(why) => {
                    ok = false;
                    errors.push(
                        Diagnostic::new(&path, format!("vedlegget `{}` er ikke tillatt: {why}", v.fil.value))
                            .at_col(v.fil.line, v.fil.col)
                            .hint("skriv stien relativt til møtemappen, for eksempel `fil: vedlegg/avtale.md`"),
                    );
                }
                Ok(full) => match att_ix.get(&full) {
                    Some(&ai) => vedlegg.push(CaseVedlegg {
                        tittel: v.tittel.clone(),
                        attachment: ai,
                    }),
                    None => {
                        ok = false;
                        errors.push(
                            Diagnostic::new(
                                &path,
                                format!("vedlegget `{}` finnes ikke", v.fil.value),
                            )
                            .at_col(v.fil.line, v.fil.col)
                            .hint(format!("legg filen i {full}, eller rett `fil`")),
                        );
                    }
                },
            }
        }
        // Links in the case text to its own attachments count as uses too.
        for link in &c.body.links {
            if let Ok(full) = attachment_path(&c.organ, &c.folder, link) {
                if let Some(&ai) = att_ix.get(&full) {
                    if !vedlegg.iter().any(|v| v.attachment == ai) {
                        attachments[ai].used_by_cases.push(cases.len());
                    }
                }
            }
        }
        if !ok {
            continue;
        }
        let ci = cases.len();
        by_number.insert((c.organ.clone(), number), (ci, path.clone()));
        for v in &vedlegg {
            attachments[v.attachment].used_by_cases.push(ci);
        }
        let publication = if c.unntatt.is_some() {
            Publication::Exempt
        } else {
            meetings[mi].publication
        };
        meetings[mi].cases.push(ci);
        cases.push(Case {
            organ: meetings[mi].organ,
            meeting: mi,
            src: src(&path),
            number,
            // Moved out: only the references are read again below.
            tittel: std::mem::take(&mut c.tittel),
            sakstype: std::mem::take(&mut c.sakstype),
            ansvarlig: c.ansvarlig.take(),
            forslag: std::mem::take(&mut c.forslag),
            vedtak: c.vedtak.take(),
            referat: c.referat.take(),
            vedlegg,
            unntatt: c.unntatt.take(),
            body: Body {
                markdown: std::mem::take(&mut c.body.markdown),
                line: c.body.line,
                at: c.body.at,
                links: std::mem::take(&mut c.body.links),
            },
            publication,
            follows_up: Vec::new(),
            followed_by: Vec::new(),
            approves_minutes: Vec::new(),
            adopted: Vec::new(),
        });
        pending_refs.push((ci, c));
    }
    for m in meetings.iter_mut() {
        m.cases.sort_by_key(|&c| cases[c].number);
    }
    let case_by_ref = |r: &CaseRef| by_number.get(&(r.organ.clone(), r.number)).map(|(i, _)| *i);

    // References between cases and to minutes.
    for (ci, c) in &pending_refs {
        let path = &cases[*ci].src.path.clone();
        for r in &c.oppfolging_av {
            match CaseRef::parse(&r.value, Some(&c.organ)) {
                Err(why) => errors.push(
                    Diagnostic::new(
                        path,
                        format!("`oppfolging_av: {}` er ikke en sakshenvisning", r.value),
                    )
                    .at_col(r.line, r.col)
                    .len(chars(&r.value))
                    .hint(why),
                ),
                Ok(cr) => match case_by_ref(&cr) {
                    Some(t) if t == *ci => errors.push(
                        Diagnostic::new(path, "en sak kan ikke følge opp seg selv")
                            .at_col(r.line, r.col)
                            .len(chars(&r.value))
                            .hint("fjern henvisningen"),
                    ),
                    Some(t) => {
                        cases[*ci].follows_up.push(t);
                        cases[t].followed_by.push(*ci);
                    }
                    None if phantom_cases.contains(&(cr.organ.clone(), cr.number))
                        || phantom_organs.contains(&cr.organ) => {}
                    None => errors.push(
                        Diagnostic::new(
                            path,
                            format!(
                                "`oppfolging_av`: saken {}/{} finnes ikke",
                                cr.organ, cr.number
                            ),
                        )
                        .at_col(r.line, r.col)
                        .len(chars(&r.value))
                        .hint(missing_case_hint(&cr, &organ_ix)),
                    ),
                },
            }
        }
        for r in &c.godkjenner_referat {
            match MeetingRef::parse(&r.value, &c.organ) {
                Err(why) => errors.push(
                    Diagnostic::new(
                        path,
                        format!(
                            "`godkjenner_referat: {}` er ikke en møtehenvisning",
                            r.value
                        ),
                    )
                    .at_col(r.line, r.col)
                    .len(chars(&r.value))
                    .hint(why),
                ),
                Ok(mr) => match meeting_ix.get(&(mr.organ.clone(), mr.date.to_string())) {
                    Some(&mi) => {
                        cases[*ci].approves_minutes.push(mi);
                        meetings[mi].minutes_approved_by.push(*ci);
                    }
                    None if phantom_meetings.contains(&(mr.organ.clone(), mr.date.to_string()))
                        || phantom_organs.contains(&mr.organ) => {}
                    None => errors.push(
                        Diagnostic::new(
                            path,
                            format!(
                                "`godkjenner_referat`: møtet {}/{} finnes ikke",
                                mr.organ, mr.date
                            ),
                        )
                        .at_col(r.line, r.col)
                        .len(chars(&r.value))
                        .hint(format!(
                            "sjekk datoen: møtet skal ligge i content/{}/{}/_mote.md",
                            mr.organ, mr.date
                        )),
                    ),
                },
            }
        }
    }
    for c in cases.iter_mut() {
        c.followed_by.sort_by_key(|&x| x);
        c.followed_by.dedup();
    }

    // Documents.
    let mut documents: Vec<Document> = Vec::new();
    for (path, d) in docs_raw {
        let vedtatt_i = match &d.vedtatt_i {
            None => None,
            Some(v) => match CaseRef::parse(&v.value, None) {
                Err(why) => {
                    errors.push(
                        Diagnostic::new(
                            &path,
                            format!("`vedtatt_i: {}` er ikke en sakshenvisning", v.value),
                        )
                        .at_col(v.line, v.col)
                        .len(chars(&v.value))
                        .hint(why),
                    );
                    continue;
                }
                Ok(cr) => match case_by_ref(&cr) {
                    Some(ci) => Some(ci),
                    None if phantom_cases.contains(&(cr.organ.clone(), cr.number))
                        || phantom_organs.contains(&cr.organ) =>
                    {
                        None
                    }
                    None => {
                        errors.push(
                            Diagnostic::new(
                                &path,
                                format!(
                                    "`vedtatt_i`: saken {}/{} finnes ikke",
                                    cr.organ, cr.number
                                ),
                            )
                            .at_col(v.line, v.col)
                            .len(chars(&v.value))
                            .hint(missing_case_hint(&cr, &organ_ix)),
                        );
                        continue;
                    }
                },
            },
        };
        let start = match d.publisering {
            Publisering::Vindu => Some(d.dato.value),
            Publisering::Gjeldende => d.gyldig_til,
        };
        let publication = if d.unntatt.is_some() {
            Publication::Exempt
        } else {
            window::state(start, window_months, today)
        };
        let di = documents.len();
        if let Some(ci) = vedtatt_i {
            cases[ci].adopted.push(di);
        }
        let mut atts = Vec::new();
        for link in &d.body.links {
            if let Some(name) = link.strip_prefix("vedlegg/") {
                let full = format!("content/dokumenter/vedlegg/{name}");
                if let Some(&ai) = att_ix.get(&full) {
                    attachments[ai].used_by_documents.push(di);
                    atts.push(ai);
                }
            }
        }
        documents.push(Document {
            slug: d.slug,
            src: src(&path),
            tittel: d.tittel,
            doktype: d.doktype,
            dato: d.dato.value,
            vedtatt_i,
            gyldig_fra: d.gyldig_fra,
            gyldig_til: d.gyldig_til,
            publisering: d.publisering,
            unntatt: d.unntatt,
            body: d.body,
            publication,
            attachments: atts,
        });
    }

    // An attachment lives as long as the longest-lived public item using it.
    for a in attachments.iter_mut() {
        let uses = a.used_by_cases.iter().map(|&c| cases[c].publication).chain(
            a.used_by_documents
                .iter()
                .map(|&d| documents[d].publication),
        );
        a.publication = uses.fold(Publication::Exempt, best_of);
        if a.used_by_cases.is_empty() && a.used_by_documents.is_empty() {
            warnings.push(
                Diagnostic::new(
                    &a.src.path,
                    "vedlegget brukes ikke av noen sak eller dokument, og publiseres ikke",
                )
                .hint("før det opp under `vedlegg:` i saken, eller slett filen"),
            );
        }
    }

    if !errors.is_empty() {
        errors.sort();
        errors.dedup();
        return Err(errors);
    }
    Ok(Site {
        organs,
        meetings,
        cases,
        documents,
        attachments,
        today: Some(today),
        warnings,
    })
}

/// The length of a value in characters, for the caret under it.
fn chars(s: &str) -> u32 {
    s.chars().count() as u32
}

/// The more public of two states: published beats tombstone beats exempt.
fn best_of(a: Publication, b: Publication) -> Publication {
    use Publication::*;
    match (a, b) {
        (Published { closes: None }, _) | (_, Published { closes: None }) => {
            Published { closes: None }
        }
        (Published { closes: Some(x) }, Published { closes: Some(y) }) => Published {
            closes: Some(x.max(y)),
        },
        (p @ Published { .. }, _) | (_, p @ Published { .. }) => p,
        (Tombstone { closed: x }, Tombstone { closed: y }) => Tombstone { closed: x.max(y) },
        (t @ Tombstone { .. }, _) | (_, t @ Tombstone { .. }) => t,
        _ => Exempt,
    }
}

/// `vedlegg/x.md` of a meeting as a repository path, refusing anything leaving its folder.
pub fn attachment_path(organ: &str, folder: &str, fil: &str) -> Result<String, &'static str> {
    if fil.starts_with('/') || fil.contains('\\') || fil.contains(':') {
        return Err("stien må være relativ til møtemappen");
    }
    if fil
        .split('/')
        .any(|p| p == ".." || p == "." || p.is_empty())
    {
        return Err("stien kan ikke inneholde `..`, `.` eller `//`");
    }
    if !fil.starts_with("vedlegg/") {
        return Err("vedlegg ligger i møtemappens mappe `vedlegg/`");
    }
    Ok(format!("content/{organ}/{folder}/{fil}"))
}

fn missing_case_hint(cr: &CaseRef, organs: &HashMap<String, OrganIx>) -> String {
    if !organs.contains_key(&cr.organ) {
        let mut known: Vec<&String> = organs.keys().collect();
        known.sort();
        let known: Vec<&str> = known.iter().map(|s| s.as_str()).collect();
        return format!(
            "organet `{}` finnes ikke; kjente organer: {}",
            cr.organ,
            known.join(", ")
        );
    }
    "sjekk saksnummeret; skriv `organ/ÅÅÅÅ.NN` for en sak i et annet organ".to_string()
}

/// Groups meetings of a body by year, newest year first (for body pages).
pub fn meetings_by_year(site: &Site, organ: OrganIx) -> BTreeMap<i32, Vec<MeetingIx>> {
    let mut out: BTreeMap<i32, Vec<MeetingIx>> = BTreeMap::new();
    for &m in &site.organs[organ].meetings {
        out.entry(site.meetings[m].date.year()).or_default().push(m);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trail::{Change, FileTrail, TrailEntry};
    use motebok_parser::parse_file;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn files() -> Vec<RawFile> {
        let src: &[(&str, &str)] = &[
            ("content/ssu/_organ.md", "---\nnavn: SSU\nkortnavn: SSU\n---\n"),
            ("content/fsu/_organ.md", "---\nnavn: FSU\nkortnavn: FSU\nvindu_maneder: 12\n---\n"),
            ("content/ssu/2025-02-27/_mote.md", "---\ndato: 2025-02-27\n---\n"),
            ("content/ssu/2025-02-27/2025.07.md", "---\nsaksnr: \"2025.07\"\ntittel: Tilskudd\nsakstype: [beslutning]\nvedlegg:\n  - tittel: V\n    fil: vedlegg/v.md\n---\n"),
            ("content/ssu/2025-02-27/vedlegg/v.md", "Vedlegg\n"),
            ("content/fsu/2025-04-29/_mote.md", "---\ndato: 2025-04-29\n---\n"),
            ("content/fsu/2025-04-29/2025.08.md", "---\nsaksnr: \"2025.08\"\ntittel: Rutine\nsakstype: [dialog]\noppfolging_av: [\"ssu/2025.07\"]\n---\n"),
            ("content/fsu/2025-04-29/2025.09.md", "---\nsaksnr: \"2025.09\"\ntittel: Personal\nsakstype: [dialog]\noffentlig: false\nskjermingshjemmel: offl. § 13\nvedlegg:\n  - tittel: V\n    fil: vedlegg/p.md\n---\n"),
            ("content/fsu/2025-04-29/vedlegg/p.md", "Hemmelig\n"),
            ("content/ssu/2025-05-22/_mote.md", "---\ndato: 2025-05-22\n---\n"),
            ("content/ssu/2025-05-22/2025.23.md", "---\nsaksnr: \"2025.23\"\ntittel: Status\nsakstype: [orientering]\noppfolging_av: [\"2025.07\", \"fsu/2025.08\"]\ngodkjenner_referat: [\"2025-02-27\"]\n---\n"),
        ];
        src.iter()
            .map(|(p, t)| parse_file(p, t.as_bytes()).unwrap())
            .collect()
    }

    fn resolve_at(today: &str, trails: &Trails) -> Site {
        resolve(Inputs {
            files: files(),
            trails,
            drafts: &HashSet::new(),
            today: d(today),
            window_months: 24,
            unparsed: &HashSet::new(),
        })
        .unwrap()
    }

    fn case<'a>(site: &'a Site, organ: &str, n: &str) -> (CaseIx, &'a Case) {
        let ix = site
            .cases
            .iter()
            .position(|c| site.organs[c.organ].id == organ && c.number.to_string() == n)
            .unwrap();
        (ix, &site.cases[ix])
    }

    #[test]
    fn threads_run_both_ways_across_bodies() {
        let site = resolve_at("2025-06-01", &Trails::new());
        let (c07, ssu07) = case(&site, "ssu", "2025.07");
        let (c08, fsu08) = case(&site, "fsu", "2025.08");
        let (c23, ssu23) = case(&site, "ssu", "2025.23");
        assert_eq!(ssu23.follows_up, vec![c07, c08]);
        assert_eq!(ssu07.followed_by, vec![c08, c23]);
        assert_eq!(fsu08.followed_by, vec![c23]);
        assert_eq!(site.thread(c23), vec![c07, c08, c23]);
        let m = ssu07.meeting;
        assert_eq!(site.meetings[m].minutes_approved_by, vec![c23]);
    }

    #[test]
    fn windows_follow_the_body_and_exempt_is_never_published() {
        let site = resolve_at("2026-05-01", &Trails::new());
        // FSU has a 12-month window: closed on 2026-04-29.
        let (_, fsu08) = case(&site, "fsu", "2025.08");
        assert_eq!(
            fsu08.publication,
            Publication::Tombstone {
                closed: d("2026-04-29")
            }
        );
        let (_, ssu07) = case(&site, "ssu", "2025.07");
        assert_eq!(
            ssu07.publication,
            Publication::Published {
                closes: Some(d("2027-02-27"))
            }
        );
        let (_, exempt) = case(&site, "fsu", "2025.09");
        assert_eq!(exempt.publication, Publication::Exempt);
        // The exempt case's attachment is never published; the public one follows its case.
        let att = |name: &str| {
            site.attachments
                .iter()
                .find(|a| a.name == name)
                .unwrap()
                .publication
        };
        assert_eq!(att("p.md"), Publication::Exempt);
        assert_eq!(att("v.md"), ssu07.publication);
    }

    #[test]
    fn hand_made_trail_reaches_the_item() {
        let t = DateTime::parse_from_rfc3339("2025-03-01T10:00:00+01:00").unwrap();
        let entry = TrailEntry {
            commit: "abc".into(),
            time: t,
            subject: "Merge pull request #4".into(),
            approvers: vec!["Kari".into()],
            pull_request: Some(4),
            authors: vec!["Ola".into()],
            change: Change::Added,
            direct: false,
            imported: false,
        };
        let mut trails = Trails::new();
        trails.insert(
            "content/ssu/2025-02-27/2025.07.md".into(),
            FileTrail {
                entries: vec![entry],
            }
            .into(),
        );
        let site = resolve_at("2025-06-01", &trails);
        let (_, c) = case(&site, "ssu", "2025.07");
        assert_eq!(
            c.src
                .trail
                .as_ref()
                .unwrap()
                .published()
                .unwrap()
                .pull_request,
            Some(4)
        );
        let (_, other) = case(&site, "ssu", "2025.23");
        assert!(other.src.trail.is_none());
    }

    use chrono::DateTime;

    fn inputs<'a>(
        files: Vec<RawFile>,
        empty: &'a HashSet<String>,
        trails: &'a Trails,
    ) -> Inputs<'a> {
        Inputs {
            files,
            trails,
            drafts: empty,
            today: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            window_months: 24,
            unparsed: empty,
        }
    }

    #[test]
    fn the_order_files_come_in_does_not_matter() {
        let src: &[(&str, &str)] = &[
            ("content/ssu/_organ.md", "---\nnavn: SSU\nkortnavn: SSU\n---\n"),
            ("content/fsu/_organ.md", "---\nnavn: FSU\nkortnavn: FSU\n---\n"),
            ("content/ssu/2025-05-22/_mote.md", "---\ndato: 2025-05-22\n---\n"),
            ("content/ssu/2025-02-27/_mote.md", "---\ndato: 2025-02-27\n---\n"),
            ("content/ssu/2025-02-27/2025.01.md", "---\nsaksnr: \"2025.01\"\ntittel: A\nsakstype: [dialog]\n---\n"),
            ("content/ssu/2025-05-22/2025.02.md", "---\nsaksnr: \"2025.02\"\ntittel: B\nsakstype: [dialog]\noppfolging_av: [\"2025.01\"]\n---\n"),
            ("content/ssu/2025-05-22/2025.03.md", "---\nsaksnr: \"2025.03\"\ntittel: C\nsakstype: [dialog]\noppfolging_av: [\"2025.01\"]\n---\n"),
            ("content/dokumenter/a.md", "---\ntittel: A\ndoktype: brev\ndato: 2025-01-01\n---\n"),
            ("content/dokumenter/b.md", "---\ntittel: B\ndoktype: brev\ndato: 2025-01-01\n---\n"),
        ];
        let parsed: Vec<RawFile> = src
            .iter()
            .map(|(p, t)| parse_file(p, t.as_bytes()).unwrap())
            .collect();
        let (empty, trails) = (HashSet::new(), Trails::default());
        let forward = resolve(inputs(parsed.clone(), &empty, &trails)).unwrap();
        let mut reversed = parsed.clone();
        reversed.reverse();
        let mut rotated = parsed;
        rotated.rotate_left(4);
        assert_eq!(resolve(inputs(reversed, &empty, &trails)).unwrap(), forward);
        assert_eq!(resolve(inputs(rotated, &empty, &trails)).unwrap(), forward);
    }
}
