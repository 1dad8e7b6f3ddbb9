//! `/api/`: the site as static, OParl 1.1-style JSON (see docs/open-data.md).
//!
//! One file per body, meeting, case and file, plus unpaginated lists and a System entry point.
//! Built after the pages, since File objects carry the size and checksum of the page they
//! describe. Every key is sorted and every list has a fixed order: same input, same bytes.
//!
//! Each object is built and serialised once, in parallel; what stands for it inside other
//! objects and in lists is its summary (no File text, no trail; see [`json::summarise`]), and
//! lists are put together from the bytes of those summaries.

mod error;
mod facts;
mod files;
mod index;
pub(crate) mod json;
pub(crate) mod make;
pub(crate) mod objects;
pub(crate) mod paths;
mod schemas;

pub(crate) mod text;

use make::{value, Maker};
use motebok_domain::{AttachmentIx, CaseIx, DocumentIx, MeetingIx, OrganIx};
use motebok_site::out::OutFile;
use motebok_site::views::Views;
use objects::*;
use rayon::prelude::*;
use serde_json::Value;
use std::collections::HashMap;

pub use error::ApiError;
pub use facts::FileFacts;
pub use index::{index_page, TEMPLATE as INDEX_TEMPLATE};
pub(crate) use json::to_json;
use schemas::SCHEMAS;

/// Where a build writes `/api/`'s files as they are made. Its error is the caller's (`E` of
/// [`files`]), which also takes in [`ApiError`].
pub(crate) type Put<'a, E> = &'a (dyn Fn(&OutFile) -> Result<(), E> + Sync);

/// An object's own file, and the summary that stands for it in other objects and lists.
struct Done {
    file: OutFile,
    summary: Value,
}

impl Done {
    /// Serialises the object, then cuts it down to its summary in place (no copy of the text).
    fn new(base: &str, mut v: Value) -> Result<Done, ApiError> {
        let bytes = to_json(&v)?;
        let id = v.get("id").and_then(Value::as_str).unwrap_or_default();
        // The id is the absolute URL of the file: its output path is that minus the base,
        // decoded (`vedlegg/a%20b.pdf.json` is the file `vedlegg/a b.pdf.json`).
        let path = motebok_site::urls::from_iri(id.strip_prefix(base).unwrap_or(id));
        json::summarise(&mut v);
        Ok(Done {
            file: OutFile { path, bytes },
            summary: v,
        })
    }

    fn id(&self) -> String {
        self.summary["id"].as_str().unwrap_or_default().to_string()
    }

    /// The compact JSON of the summary, for lists.
    fn item(&self) -> Result<Vec<u8>, ApiError> {
        Ok(serde_json::to_vec(&self.summary)?)
    }
}

/// The lists of objects that are embedded in others and have files of their own besides.
const AGENDA: u8 = 0;
const CONSULTATION: u8 = 1;
const LOCATION: u8 = 2;

/// What one parallel task produced: files to write, list items of its own kind, Files for
/// `files.json` (by id) and items of the lists of embedded objects (by list).
///
/// Deleted objects get their files but no list items: OParl 1.1 lists carry them only for a
/// `modified_since` query, which a static site cannot answer (docs/open-data.md).
#[derive(Default)]
struct Part {
    out: Vec<OutFile>,
    item: Option<Vec<u8>>,
    files: Vec<(String, Vec<u8>)>,
    listed: Vec<(u8, Vec<u8>)>,
    /// An attachment's File summary, as papers embed it.
    summary: Option<Value>,
    /// Files already written through [`Reuse::put`].
    put: usize,
}

fn is_deleted(v: &Value) -> bool {
    v.get("deleted") == Some(&Value::Bool(true))
}

impl Part {
    fn file(&mut self, d: Done) -> Result<Value, ApiError> {
        if !is_deleted(&d.summary) {
            self.files.push((d.id(), d.item()?));
        }
        self.out.push(d.file);
        Ok(d.summary)
    }
    fn own(&mut self, d: Done) -> Result<(), ApiError> {
        if !is_deleted(&d.summary) {
            self.item = Some(d.item()?);
        }
        self.out.push(d.file);
        Ok(())
    }
    /// An embedded object's own file and its item in the list `list`.
    fn embedded(&mut self, list: u8, d: Done) -> Result<Value, ApiError> {
        if !is_deleted(&d.summary) {
            self.listed.push((list, d.item()?));
        }
        self.out.push(d.file);
        Ok(d.summary)
    }
}

/// One object's work: its files to write, its state by id, and whether it was made again.
type Task = (Part, (String, std::sync::Arc<Kept>), bool);

/// What `/api/` keeps of each object for the next build, by the object's own path.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct ApiState {
    /// Shared, so an object taken over is not copied.
    objects: HashMap<String, std::sync::Arc<Kept>>,
}

/// An object as written: the key of its inputs, its files, and what stands for it in lists.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Kept {
    key: u64,
    paths: Vec<String>,
    // As bytes, not as sequences of numbers: tens of megabytes on a large archive.
    #[serde(with = "serde_bytes")]
    item: Option<Vec<u8>>,
    files: Vec<(String, serde_bytes::ByteBuf)>,
    listed: Vec<(u8, serde_bytes::ByteBuf)>,
}

/// An object of `/api/` that a build makes (and a rebuild may take over); its key
/// (`deps::ApiKeys`) is made above, from the pages' fingerprints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiObject {
    /// An attachment's File.
    Attachment(AttachmentIx),
    /// A document's File.
    Document(DocumentIx),
    /// A meeting (with its Location, agenda items and summons' and minutes' Files).
    Meeting(MeetingIx),
    /// A case's Paper.
    Paper(CaseIx),
    /// A body's Organization.
    Organization(OrganIx),
}

/// How a build takes objects over from the previous one: an object whose key is unchanged
/// is not made again, its files are kept and its list items reused.
pub struct Reuse<'a, E> {
    /// The key of an object's inputs (`deps::ApiKeys`).
    pub key: &'a (dyn Fn(ApiObject) -> u64 + Sync),
    /// What the previous build made.
    pub old: &'a ApiState,
    /// Takes a file of the previous output over; false when it is not there.
    pub keep: &'a (dyn Fn(&str) -> bool + Sync),
    /// Writes each object's and list's files as soon as they are made, rather than returning
    /// them: all of `/api/` at once is tens of megabytes, the peak of a build's memory.
    pub put: Option<Put<'a, E>>,
}

impl<E: From<ApiError>> Reuse<'_, E> {
    /// The object `obj` (whose path is `id`) taken over, or made by `make`.
    fn task(
        &self,
        id: String,
        obj: ApiObject,
        make: impl FnOnce() -> Result<Part, ApiError>,
    ) -> Result<Task, E> {
        let key = (self.key)(obj);
        if let Some(k) = self.old.objects.get(&id) {
            if k.key == key && k.paths.iter().all(|p| (self.keep)(p)) {
                // Lists read the items from the new state: nothing to copy here.
                return Ok((Part::default(), (id, std::sync::Arc::clone(k)), false));
            }
        }
        let mut part = make()?;
        let paths = part.out.iter().map(|f| f.path.clone()).collect();
        if let Some(put) = self.put {
            for f in part.out.drain(..) {
                put(&f)?;
                part.put += 1;
            }
        }
        let kept = Kept {
            key,
            paths,
            item: part.item.take(),
            files: part
                .files
                .drain(..)
                .map(|(id, b)| (id, serde_bytes::ByteBuf::from(b)))
                .collect(),
            listed: part
                .listed
                .drain(..)
                .map(|(l, b)| (l, serde_bytes::ByteBuf::from(b)))
                .collect(),
        };
        Ok((part, (id, std::sync::Arc::new(kept)), true))
    }
}

/// All of `/api/`: objects, lists, the System and Body, and the schemas. `facts` has the size
/// and checksum of every output file so far (pages and copied attachments), by output path.
/// Objects whose inputs did not change are taken over from `reuse`:
/// the files of objects made again are returned (or, with `reuse.put`, written as they are
/// made), with the state the next build takes over and how many files were taken over or
/// written.
pub fn files<E: From<ApiError> + Send>(
    v: &Views,
    facts: &HashMap<String, FileFacts>,
    reuse: &Reuse<E>,
) -> Result<(Vec<OutFile>, ApiState, usize), E> {
    let mk = Maker::new(v, facts);
    let site = v.site;
    let base = v.cfg.base();
    let done = |val: Value| Done::new(&base, val);
    let mut state = ApiState::default();

    // Attachments first: papers embed their summaries (parsed back from the list item when
    // the attachment was taken over and a paper made again needs it).
    let attachments: Vec<Task> = (0..site.attachments.len())
        .into_par_iter()
        .map(|ai| {
            let a = &site.attachments[ai];
            let id = format!("a:{}", motebok_site::urls::attachment(&a.owner, &a.name));
            reuse.task(id, ApiObject::Attachment(ai), || {
                let mut p = Part::default();
                if let Some(f) = mk.attachment(ai)? {
                    let s = p.file(done(f)?)?;
                    // A deleted File is not embedded in a live Paper.
                    p.summary = (!is_deleted(&s)).then_some(s);
                }
                Ok(p)
            })
        })
        .collect::<Result<_, E>>()?;
    let embedded: Vec<std::sync::OnceLock<Option<Value>>> = attachments
        .iter()
        .map(|_| std::sync::OnceLock::new())
        .collect();
    let summary_of = |ai: usize| -> Option<Value> {
        let (part, (_, kept), _) = &attachments[ai];
        if part.summary.is_some() {
            return part.summary.clone();
        }
        // Taken over: its list item is the summary.
        embedded[ai]
            .get_or_init(|| serde_json::from_slice(kept.files.first()?.1.as_slice()).ok())
            .clone()
    };
    let documents: Vec<Task> = (0..site.documents.len())
        .into_par_iter()
        .map(|di| {
            let id = format!("d:{}", site.documents[di].slug);
            reuse.task(id, ApiObject::Document(di), || {
                let mut p = Part::default();
                if let Some(f) = mk.document(di)? {
                    p.file(done(f)?)?;
                }
                Ok(p)
            })
        })
        .collect::<Result<_, E>>()?;
    let meetings: Vec<Task> = (0..site.meetings.len())
        .into_par_iter()
        .map(|mi| {
            let m = &site.meetings[mi];
            let id = format!("m:{}/{}", site.organs[m.organ].id, m.date);
            reuse.task(id, ApiObject::Meeting(mi), || {
                let mut p = Part::default();
                let invitation = p.file(done(mk.invitation(mi)?)?)?;
                let protocol = match mk.protocol(mi)? {
                    Some(f) => Some(p.file(done(f)?)?),
                    None => None,
                };
                let (items, location) = mk.meeting_parts(mi)?;
                let items = items
                    .into_iter()
                    .map(|i| p.embedded(AGENDA, done(i)?))
                    .collect::<Result<_, ApiError>>()?;
                let location = match location {
                    Some(l) => Some(p.embedded(LOCATION, done(l)?)?),
                    None => None,
                };
                p.own(done(
                    mk.meeting(mi, invitation, protocol, items, location)?,
                )?)?;
                Ok(p)
            })
        })
        .collect::<Result<_, E>>()?;
    // Cases by body, then number: the order of a register.
    let mut cases: Vec<usize> = (0..site.cases.len()).collect();
    cases.sort_by_key(|&c| (site.cases[c].organ, site.cases[c].number));
    let papers: Vec<Task> = cases
        .par_iter()
        .map(|&ci| {
            let c = &site.cases[ci];
            let id = format!("p:{}/{}", site.organs[c.organ].id, c.number);
            reuse.task(id, ApiObject::Paper(ci), || {
                let mut p = Part::default();
                let main = match mk.case_file(ci)? {
                    Some(f) => Some(p.file(done(f)?)?),
                    None => None,
                };
                let consultation = match mk.consultation(ci)? {
                    Some(c) => Some(p.embedded(CONSULTATION, done(c)?)?),
                    None => None,
                };
                p.own(done(mk.paper(ci, main, consultation, &summary_of)?)?)?;
                Ok(p)
            })
        })
        .collect::<Result<_, E>>()?;
    let organizations: Vec<Task> = (0..site.organs.len())
        .map(|oi| {
            let id = format!("o:{}", site.organs[oi].id);
            reuse.task(id, ApiObject::Organization(oi), || {
                let mut p = Part::default();
                p.own(done(mk.organization(oi)?)?)?;
                Ok(p)
            })
        })
        .collect::<Result<_, E>>()?;
    drop(embedded);
    // Each object's state moves into the next build's; lists take their items from it.
    let mut taken_over = 0;
    let mut out: Vec<OutFile> = Vec::new();
    let mut split = |tasks: Vec<Task>| -> Vec<String> {
        tasks
            .into_iter()
            .map(|(mut part, (id, kept), made)| {
                if !made {
                    taken_over += kept.paths.len();
                }
                taken_over += part.put;
                out.append(&mut part.out);
                state.objects.insert(id.clone(), kept);
                id
            })
            .collect()
    };
    let attachments = split(attachments);
    let documents = split(documents);
    let meetings = split(meetings);
    let papers = split(papers);
    let organizations = split(organizations);
    let item = |id: &String| state.objects[id].item.as_deref();
    let mut file_items: Vec<(&str, &[u8])> = attachments
        .iter()
        .chain(&documents)
        .chain(&meetings)
        .chain(&papers)
        .flat_map(|id| state.objects[id].files.iter())
        .map(|(f, b)| (f.as_str(), b.as_slice()))
        .collect();
    file_items.sort_by(|a, b| a.0.cmp(b.0));

    let home = Some(mk.abs(""));
    let mut lists = Lists {
        mk: &mk,
        out: &mut out,
        put: reuse.put,
        n: &mut taken_over,
    };
    // Per body: meetings in site order, cases by number, as in the global lists.
    let organ_of_meeting: Vec<OrganIx> = site.meetings.iter().map(|m| m.organ).collect();
    for (oi, o) in site.organs.iter().enumerate() {
        let web = Some(mk.abs(&motebok_site::urls::organ(&o.id)));
        let ms: Vec<&[u8]> = meetings
            .iter()
            .zip(&organ_of_meeting)
            .filter(|(_, &org)| org == oi)
            .filter_map(|(id, _)| item(id))
            .collect();
        lists.put(&paths::organ_meetings(&o.id), &ms, web.clone())?;
        let ps: Vec<&[u8]> = papers
            .iter()
            .zip(&cases)
            .filter(|(_, &ci)| site.cases[ci].organ == oi)
            .filter_map(|(id, _)| item(id))
            .collect();
        lists.put(&paths::organ_papers(&o.id), &ps, web)?;
    }
    let items = |ids: &[String]| -> Vec<&[u8]> { ids.iter().filter_map(item).collect() };
    lists.put(paths::ORGANIZATIONS, &items(&organizations), home.clone())?;
    lists.put(paths::MEETINGS, &items(&meetings), home.clone())?;
    lists.put(paths::PAPERS, &items(&papers), home.clone())?;
    let fs: Vec<&[u8]> = file_items.iter().map(|(_, b)| *b).collect();
    lists.put(paths::FILES, &fs, home.clone())?;
    lists.put(paths::PERSONS, &[], None)?;
    // Embedded objects, in the order of their meetings and papers.
    let listed = |ids: &[String], list: u8| -> Vec<&[u8]> {
        ids.iter()
            .flat_map(|id| state.objects[id].listed.iter())
            .filter(|(l, _)| *l == list)
            .map(|(_, b)| b.as_slice())
            .collect()
    };
    lists.put(paths::AGENDA_ITEMS, &listed(&meetings, AGENDA), None)?;
    lists.put(paths::CONSULTATIONS, &listed(&papers, CONSULTATION), None)?;
    lists.put(paths::LOCATIONS, &listed(&meetings, LOCATION), None)?;
    lists.put(paths::MEMBERSHIPS, &[], None)?;
    lists.put(paths::LEGISLATIVE_TERMS, &[], None)?;
    let (created, modified) = mk.site_times();

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
        agenda_item: mk.abs(paths::AGENDA_ITEMS),
        consultation: mk.abs(paths::CONSULTATIONS),
        membership: mk.abs(paths::MEMBERSHIPS),
        location_list: mk.abs(paths::LOCATIONS),
        legislative_term_list: mk.abs(paths::LEGISLATIVE_TERMS),
        web: mk.abs(""),
        created: created.clone(),
        modified: modified.clone(),
    })?;
    let body_item = serde_json::to_vec(&body).map_err(ApiError::from)?;
    lists.put(paths::BODIES, &[&body_item], home)?;
    out.push(OutFile {
        path: paths::BODY.into(),
        bytes: to_json(&body)?,
    });
    let system = value(&System {
        id: mk.abs(paths::SYSTEM),
        r#type: type_uri("System"),
        oparl_version: OPARL_VERSION.into(),
        name: v.cfg.title.clone(),
        website: mk.abs(""),
        body: mk.abs(paths::BODIES),
        product: format!("{}#{}", mk.abs(paths::INDEX), index::PRODUCT_ANCHOR),
        web: mk.abs(paths::INDEX),
        contact_email: v.cfg.accessibility.contact.clone(),
        created,
        modified,
    })?;
    out.push(OutFile {
        path: paths::SYSTEM.into(),
        bytes: to_json(&system)?,
    });
    // Published URLs whose files moved or were deleted keep a stub at their old id (OParl's
    // deleted objects), outside the lists.
    for g in &site.gone {
        for (path, kind) in g.api.iter().chain(&g.api_also) {
            out.push(OutFile {
                path: path.clone(),
                bytes: to_json(&mk.gone(path, kind, g))?,
            });
        }
    }
    // A fixed order of files, whatever order the parallel work finished in.
    out.par_sort_unstable_by(|a, b| a.path.cmp(&b.path));
    for (name, text) in SCHEMAS {
        out.push(OutFile {
            path: format!("api/schema/{name}"),
            bytes: text.as_bytes().to_vec(),
        });
    }
    Ok((out, state, taken_over))
}

/// Writes lists into the output.
struct Lists<'a, 'm, E> {
    mk: &'a Maker<'m>,
    out: &'a mut Vec<OutFile>,
    put: Option<Put<'a, E>>,
    /// Files written through `put`.
    n: &'a mut usize,
}

impl<E: From<ApiError>> Lists<'_, '_, E> {
    fn put(&mut self, rel: &str, items: &[&[u8]], web: Option<String>) -> Result<(), E> {
        let f = OutFile {
            path: rel.to_string(),
            bytes: json::list(items, self.mk.abs(rel), web)?,
        };
        match self.put {
            Some(put) => {
                put(&f)?;
                *self.n += 1;
            }
            None => self.out.push(f),
        }
        Ok(())
    }
}
