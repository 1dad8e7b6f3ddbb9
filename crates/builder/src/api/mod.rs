//! `/api/`: the site as static, OParl 1.1-style JSON (see docs/open-data.md).
//!
//! One file per body, meeting, case and file, plus unpaginated lists and a System entry point.
//! Built after the pages, since File objects carry the size and checksum of the page they
//! describe. Every key is sorted and every list has a fixed order: same input, same bytes.

mod files;
mod index;
pub mod make;
pub mod objects;
pub mod stamp;
#[cfg(test)]
mod tests;
pub mod text;

use crate::views::Views;
use crate::write::OutFile;
use make::{value, Maker};
use motebok_domain::CaseNumber;
use objects::*;
use rayon::prelude::*;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

pub use index::index_page;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("kunne ikke lage JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// What a File object tells of an output file: its size and SHA-512.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileFacts {
    pub size: u64,
    pub sha512: String,
}

impl FileFacts {
    pub fn of(bytes: &[u8]) -> FileFacts {
        FileFacts {
            size: bytes.len() as u64,
            sha512: text::sha512_hex(bytes),
        }
    }

    /// The facts of every file in `files`, by path.
    pub fn of_files(files: &[OutFile]) -> HashMap<String, FileFacts> {
        files
            .par_iter()
            .map(|f| (f.path.clone(), FileFacts::of(&f.bytes)))
            .collect()
    }
}

/// Paths of the API, relative to the site root.
pub mod paths {
    use chrono::NaiveDate;
    use motebok_domain::CaseNumber;

    pub const SYSTEM: &str = "api/system.json";
    pub const BODIES: &str = "api/bodies.json";
    pub const BODY: &str = "api/body.json";
    pub const ORGANIZATIONS: &str = "api/organizations.json";
    pub const MEETINGS: &str = "api/meetings.json";
    pub const PAPERS: &str = "api/papers.json";
    pub const FILES: &str = "api/files.json";
    pub const PERSONS: &str = "api/persons.json";
    pub const INDEX: &str = "api/";

    pub fn organization(organ: &str) -> String {
        format!("api/organization/{organ}.json")
    }
    pub fn organ_meetings(organ: &str) -> String {
        format!("api/organization/{organ}/meetings.json")
    }
    pub fn organ_papers(organ: &str) -> String {
        format!("api/organization/{organ}/papers.json")
    }
    pub fn meeting(organ: &str, date: NaiveDate) -> String {
        format!("api/meeting/{organ}/{date}.json")
    }
    pub fn paper(organ: &str, number: CaseNumber) -> String {
        format!("api/paper/{organ}/{number}.json")
    }
    /// The File of a site URL: `ssu/sak/2025.16/` → `api/file/ssu/sak/2025.16.json`.
    pub fn file(url: &str) -> String {
        format!("api/file/{}.json", url.trim_end_matches('/'))
    }
}

/// A site path as it may stand in a URL: characters that are not allowed there (spaces, quotes,
/// `#` and `?` in file names ...) percent-encoded; letters like `ø` kept, as in the pages.
pub fn iri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            ' ' | '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}' | '%' | '#' | '?' => {
                out.push_str(&format!("%{:02X}", c as u32))
            }
            c if c.is_control() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// The JSON Schemas of `schemas/oparl/`, published under `api/schema/` for clients.
pub const SCHEMAS: &[(&str, &str)] = &[
    (
        "agenda-item.json",
        include_str!("../../../../schemas/oparl/agenda-item.json"),
    ),
    (
        "body.json",
        include_str!("../../../../schemas/oparl/body.json"),
    ),
    (
        "common.json",
        include_str!("../../../../schemas/oparl/common.json"),
    ),
    (
        "consultation.json",
        include_str!("../../../../schemas/oparl/consultation.json"),
    ),
    (
        "deleted.json",
        include_str!("../../../../schemas/oparl/deleted.json"),
    ),
    (
        "file.json",
        include_str!("../../../../schemas/oparl/file.json"),
    ),
    (
        "list.json",
        include_str!("../../../../schemas/oparl/list.json"),
    ),
    (
        "meeting.json",
        include_str!("../../../../schemas/oparl/meeting.json"),
    ),
    (
        "organization.json",
        include_str!("../../../../schemas/oparl/organization.json"),
    ),
    (
        "paper.json",
        include_str!("../../../../schemas/oparl/paper.json"),
    ),
    (
        "system.json",
        include_str!("../../../../schemas/oparl/system.json"),
    ),
];

/// Serialises with every object's keys sorted and a final newline. serde_json's map is sorted
/// unless some crate turns on `preserve_order`; rebuilding in sorted order holds either way.
pub fn to_json(v: &Value) -> Result<Vec<u8>, ApiError> {
    let mut bytes = serde_json::to_vec_pretty(&sorted(v))?;
    bytes.push(b'\n');
    Ok(bytes)
}

fn sorted(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            let keys: BTreeMap<&String, &Value> = m.iter().collect();
            Value::Object(
                keys.into_iter()
                    .map(|(k, v)| (k.clone(), sorted(v)))
                    .collect(),
            )
        }
        Value::Array(a) => Value::Array(a.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

/// Every object by its output path, then lists of them.
struct Objects {
    files: BTreeMap<String, Value>,
}

impl Objects {
    fn put(&mut self, path: String, v: Value) -> Value {
        self.files.insert(path, v.clone());
        v
    }
}

/// `v` with the `text` of every File inside it removed.
fn without_text(mut v: Value) -> Value {
    fn strip(v: &mut Value) {
        match v {
            Value::Object(map) => {
                if map
                    .get("type")
                    .and_then(Value::as_str)
                    .is_some_and(|t| t.ends_with("/File"))
                {
                    map.remove("text");
                }
                map.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    strip(&mut v);
    v
}

/// The id of an object is its absolute URL; its output path is that minus the base.
fn path_of<'v>(base: &str, v: &'v Value) -> Option<&'v str> {
    v.get("id")?.as_str()?.strip_prefix(base)
}

/// All of `/api/`: objects, lists, the System and Body, and the schemas. `outputs` are the files
/// rendered so far (pages and copied attachments), for sizes and checksums.
pub fn files(v: &Views, facts: &HashMap<String, FileFacts>) -> Result<Vec<OutFile>, ApiError> {
    let mk = Maker::new(v, facts);
    let site = v.site;
    let base = v.cfg.base();
    let mut objs = Objects {
        files: BTreeMap::new(),
    };
    let mut file_list: Vec<Value> = Vec::new();
    let mut put_file = |objs: &mut Objects, f: Option<Value>| {
        if let Some(f) = f {
            if let Some(p) = path_of(&base, &f) {
                objs.put(p.to_string(), f.clone());
            }
            file_list.push(f);
        }
    };

    let mut organizations = Vec::new();
    for (oi, o) in site.organs.iter().enumerate() {
        organizations.push(objs.put(paths::organization(&o.id), mk.organization(oi)?));
    }
    let mut meetings: BTreeMap<usize, Vec<Value>> = BTreeMap::new();
    let mut all_meetings = Vec::new();
    // Building each object is independent work (text, checksums): done in parallel, then
    // gathered in a fixed order.
    let built: Vec<(Value, Value, Option<Value>)> = (0..site.meetings.len())
        .into_par_iter()
        .map(|mi| Ok((mk.meeting(mi)?, mk.invitation(mi)?, mk.protocol(mi)?)))
        .collect::<Result<_, ApiError>>()?;
    for (mi, (meeting, invitation, protocol)) in built.into_iter().enumerate() {
        let m = &site.meetings[mi];
        let organ = &site.organs[m.organ].id;
        let val = objs.put(paths::meeting(organ, m.date), meeting);
        meetings.entry(m.organ).or_default().push(val.clone());
        all_meetings.push(val);
        put_file(&mut objs, Some(invitation));
        put_file(&mut objs, protocol);
    }
    // Cases by body, then number: the order of a register.
    let mut cases: Vec<usize> = (0..site.cases.len()).collect();
    cases.sort_by_key(|&c| (site.cases[c].organ, site.cases[c].number));
    let mut papers: BTreeMap<usize, Vec<Value>> = BTreeMap::new();
    let mut all_papers = Vec::new();
    let built: Vec<(Value, Option<Value>)> = cases
        .par_iter()
        .map(|&ci| Ok((mk.paper(ci)?, mk.case_file(ci)?)))
        .collect::<Result<_, ApiError>>()?;
    for (ci, (paper, file)) in cases.into_iter().zip(built) {
        let c = &site.cases[ci];
        let number: CaseNumber = c.number;
        let val = objs.put(paths::paper(&site.organs[c.organ].id, number), paper);
        papers.entry(c.organ).or_default().push(val.clone());
        all_papers.push(val);
        put_file(&mut objs, file);
    }
    let attachments: Vec<Option<Value>> = (0..site.attachments.len())
        .into_par_iter()
        .map(|ai| mk.attachment(ai))
        .collect::<Result<_, ApiError>>()?;
    for f in attachments {
        put_file(&mut objs, f);
    }
    let documents: Vec<Option<Value>> = (0..site.documents.len())
        .into_par_iter()
        .map(|di| mk.document(di))
        .collect::<Result<_, ApiError>>()?;
    for f in documents {
        put_file(&mut objs, f);
    }
    file_list.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));

    // Lists carry every object but not the full text of files: that would repeat the whole
    // site in one download. Each File's own JSON has its text.
    let list = |rel: &str, data: Vec<Value>, web: Option<String>| {
        value(&List::new(
            data.into_iter().map(without_text).collect(),
            mk.abs(rel),
            web,
        ))
    };
    for (oi, o) in site.organs.iter().enumerate() {
        let web = Some(mk.abs(&crate::urls::organ(&o.id)));
        let ms = meetings.remove(&oi).unwrap_or_default();
        objs.put(
            paths::organ_meetings(&o.id),
            list(&paths::organ_meetings(&o.id), ms, web.clone())?,
        );
        let ps = papers.remove(&oi).unwrap_or_default();
        objs.put(
            paths::organ_papers(&o.id),
            list(&paths::organ_papers(&o.id), ps, web)?,
        );
    }
    let home = Some(mk.abs(""));
    objs.put(
        paths::ORGANIZATIONS.into(),
        list(paths::ORGANIZATIONS, organizations, home.clone())?,
    );
    objs.put(
        paths::MEETINGS.into(),
        list(paths::MEETINGS, all_meetings, home.clone())?,
    );
    objs.put(
        paths::PAPERS.into(),
        list(paths::PAPERS, all_papers, home.clone())?,
    );
    objs.put(
        paths::FILES.into(),
        list(paths::FILES, file_list, home.clone())?,
    );
    objs.put(
        paths::PERSONS.into(),
        list(paths::PERSONS, Vec::new(), None)?,
    );
    let body = value(&Body {
        id: mk.body_id(),
        r#type: type_uri("Body"),
        system: mk.abs(paths::SYSTEM),
        name: v.cfg.publisher().to_string(),
        website: mk.abs(""),
        contact_email: v.cfg.archive_contact.clone(),
        classification: "Helsefellesskap".into(),
        organization: mk.abs(paths::ORGANIZATIONS),
        person: mk.abs(paths::PERSONS),
        meeting: mk.abs(paths::MEETINGS),
        paper: mk.abs(paths::PAPERS),
        file: mk.abs(paths::FILES),
        legislative_term: Vec::new(),
        web: mk.abs(""),
    })?;
    objs.put(paths::BODY.into(), body.clone());
    objs.put(paths::BODIES.into(), list(paths::BODIES, vec![body], home)?);
    objs.put(
        paths::SYSTEM.into(),
        value(&System {
            id: mk.abs(paths::SYSTEM),
            r#type: type_uri("System"),
            oparl_version: OPARL_VERSION.into(),
            name: v.cfg.title.clone(),
            website: mk.abs(""),
            body: mk.abs(paths::BODIES),
            product: "motebok".into(),
            web: mk.abs(paths::INDEX),
            contact_email: v.cfg.accessibility.contact.clone(),
        })?,
    );

    let mut out: Vec<OutFile> = objs
        .files
        .par_iter()
        .map(|(path, val)| {
            Ok(OutFile {
                path: path.clone(),
                bytes: to_json(val)?,
            })
        })
        .collect::<Result<_, ApiError>>()?;
    for (name, text) in SCHEMAS {
        out.push(OutFile {
            path: format!("api/schema/{name}"),
            bytes: text.as_bytes().to_vec(),
        });
    }
    Ok(out)
}
