//! What each page is made from, so a rebuild renders only the pages whose inputs changed.
//!
//! A page's fingerprint hashes everything its view reads: the source files behind it (their
//! bytes and trails), the items it links to (their titles, dates and publication state) and
//! the site-wide inputs every page shares (configuration, theme, date, the list of bodies in
//! the navigation). Equal fingerprints mean equal pages; the list errs on the side of more.

use crate::pages::Page;
use chrono::Datelike;
use motebok_domain::*;
use motebok_publish::{ApiObject, FileFacts};
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

/// Content hashes of the source files, by repository path: what the pages' fingerprints,
/// the feeds' keys and the papers' keys read of a file, rather than its bytes.
pub type SourceHashes = HashMap<String, u64>;

/// One key per item of the site, computed once per build: the item's own source (path,
/// bytes, draft state, trail) and publication, and for a case its meeting's. A page's
/// fingerprint then mixes the keys of what it shows instead of hashing those sources again,
/// so an organ page listing thousands of cases costs thousands of integers, not strings.
pub struct Keys {
    organs: Vec<u64>,
    meetings: Vec<u64>,
    cases: Vec<u64>,
    attachments: Vec<u64>,
    documents: Vec<u64>,
    /// The targets of each case body's relative links (meeting pages show every case's).
    case_links: Vec<u64>,
    /// Each case's thread (`Site::thread`, a connected set of follow-ups) as one key.
    threads: Vec<u64>,
}

fn src_key(s: &Source, hashes: &SourceHashes) -> DefaultHasher {
    let mut h = DefaultHasher::new();
    s.path.hash(&mut h);
    hashes.get(&s.path).hash(&mut h);
    s.draft.hash(&mut h);
    if let Some(t) = &s.trail {
        t.entries.len().hash(&mut h);
        for e in &t.entries {
            e.commit.hash(&mut h);
        }
    }
    h
}

fn item_key(s: &Source, p: &Publication, hashes: &SourceHashes) -> u64 {
    let mut h = src_key(s, hashes);
    p.hash(&mut h);
    h.finish()
}

impl Keys {
    /// The keys of every item of `site`; `by_path` is each page-bearing file's site path
    /// (`Views::link_targets`).
    pub fn new(site: &Site, hashes: &SourceHashes, by_path: &HashMap<&str, String>) -> Keys {
        use rayon::prelude::*;
        let meetings: Vec<u64> = site
            .meetings
            .par_iter()
            .map(|m| item_key(&m.src, &m.publication, hashes))
            .collect();
        let cases: Vec<u64> = site
            .cases
            .par_iter()
            .map(|c| {
                let mut h = src_key(&c.src, hashes);
                c.publication.hash(&mut h);
                meetings[c.meeting].hash(&mut h);
                h.finish()
            })
            .collect();
        let organs: Vec<u64> = site
            .organs
            .iter()
            .map(|o| src_key(&o.src, hashes).finish())
            .collect();
        let threads = thread_keys(site, &cases, &organs);
        let case_links = site
            .cases
            .par_iter()
            .map(|c| {
                let mut h = DefaultHasher::new();
                links(&mut h, site, &c.src.path, by_path, hashes);
                h.finish()
            })
            .collect();
        Keys {
            organs,
            case_links,
            threads,
            cases,
            meetings,
            attachments: site
                .attachments
                .par_iter()
                .map(|a| item_key(&a.src, &a.publication, hashes))
                .collect(),
            documents: site
                .documents
                .par_iter()
                .map(|d| item_key(&d.src, &d.publication, hashes))
                .collect(),
        }
    }
}

struct Fp<'a> {
    h: DefaultHasher,
    keys: &'a Keys,
    hashes: &'a SourceHashes,
}

impl Fp<'_> {
    fn organ(&mut self, o: OrganIx) {
        self.keys.organs[o].hash(&mut self.h);
    }
    fn case(&mut self, c: CaseIx) {
        self.keys.cases[c].hash(&mut self.h);
    }
    fn meeting(&mut self, m: MeetingIx) {
        self.keys.meetings[m].hash(&mut self.h);
    }
    fn attachment(&mut self, a: AttachmentIx) {
        self.keys.attachments[a].hash(&mut self.h);
    }
    fn document(&mut self, d: DocumentIx) {
        self.keys.documents[d].hash(&mut self.h);
    }
    fn links(&mut self, site: &Site, src: &str, by_path: &HashMap<&str, String>) {
        links(&mut self.h, site, src, by_path, self.hashes);
    }
}

/// Relative links in a body (and a case's `referat`) resolve to whatever is at their target,
/// as the domain resolved them (`Site::links`): hash the targets.
fn links(
    h: &mut DefaultHasher,
    site: &Site,
    src: &str,
    by_path: &HashMap<&str, String>,
    hashes: &SourceHashes,
) {
    for (l, t) in site.links.of(src) {
        l.hash(h);
        // The path and the URL it renders as, not the target's indices: those shift when an
        // item is added before it, which changes no page.
        let target = t.item().map(|i| site.path_of(i));
        target.hash(h);
        target.and_then(|p| by_path.get(p)).hash(h);
        target.and_then(|p| hashes.get(p)).hash(h);
    }
}

/// One key per case for its thread: the keys of every case in it (and their organs), in the
/// thread's order. Threads are connected sets, so each is walked once, not once per case.
fn thread_keys(site: &Site, cases: &[u64], organs: &[u64]) -> Vec<u64> {
    let mut out = vec![0; site.cases.len()];
    let mut done = vec![false; site.cases.len()];
    for start in 0..site.cases.len() {
        if done[start] {
            continue;
        }
        let members = site.thread(start);
        let mut h = DefaultHasher::new();
        for &x in &members {
            cases[x].hash(&mut h);
            organs[site.cases[x].organ].hash(&mut h);
        }
        let key = h.finish();
        for &x in &members {
            out[x] = key;
            done[x] = true;
        }
    }
    out
}

/// Everything every page shares: navigation, configuration, theme, binary (`binary_id`, the
/// builder's identity of the running executable) and date.
pub fn global_key(site: &Site, config_and_theme: &str, binary_id: &str) -> u64 {
    let mut h = DefaultHasher::new();
    config_and_theme.hash(&mut h);
    binary_id.hash(&mut h);
    site.today.hash(&mut h);
    for o in &site.organs {
        (&o.id, &o.kortnavn, &o.navn).hash(&mut h);
    }
    h.finish()
}

/// The fingerprint of `page`, or `None` for pages that read the whole site (front page,
/// lists, search): those are always rendered, and there are only a handful. A page left at a
/// departed URL (`Gone`) has one too: a site has dozens, and they rarely change.
pub fn fingerprint(
    site: &Site,
    page: Page,
    global: u64,
    keys: &Keys,
    hashes: &SourceHashes,
    by_path: &HashMap<&str, String>,
) -> Option<u64> {
    let mut f = Fp {
        h: DefaultHasher::new(),
        keys,
        hashes,
    };
    global.hash(&mut f.h);
    match page {
        Page::Front
        | Page::Documents
        | Page::Search
        | Page::Publishing
        | Page::Accessibility
        | Page::NotFound => return None,
        // Made from what the history says stood there (plain data), and the site-wide inputs.
        Page::Gone(gi) => {
            6u8.hash(&mut f.h);
            site.gone[gi].hash(&mut f.h);
        }
        Page::Organ(oi) => {
            0u8.hash(&mut f.h);
            let o = &site.organs[oi];
            f.organ(oi);
            f.links(site, &o.src.path, by_path);
            for &m in &o.meetings {
                f.meeting(m);
                for &c in &site.meetings[m].cases {
                    f.case(c);
                }
            }
        }
        Page::Decisions(oi, year) => {
            5u8.hash(&mut f.h);
            year.hash(&mut f.h);
            let o = &site.organs[oi];
            f.organ(oi);
            // Every meeting of the body: the list of years, and the year's meetings and cases
            // (their publication, decisions and titles), with the cases following them up.
            for &m in &o.meetings {
                f.meeting(m);
                let meeting = &site.meetings[m];
                if meeting.date.year() != year {
                    continue;
                }
                for &c in &meeting.cases {
                    f.case(c);
                    for &x in &site.cases[c].followed_by {
                        f.case(x);
                        f.organ(site.cases[x].organ);
                    }
                    u8::MAX.hash(&mut f.h);
                }
            }
        }
        Page::Meeting(mi) => {
            1u8.hash(&mut f.h);
            let m = &site.meetings[mi];
            f.organ(m.organ);
            f.meeting(mi);
            f.links(site, &m.src.path, by_path);
            for &c in m.cases.iter().chain(&m.minutes_approved_by) {
                f.case(c);
                for v in &site.cases[c].vedlegg {
                    f.attachment(v.attachment);
                }
                keys.case_links[c].hash(&mut f.h);
            }
        }
        Page::Case(ci) => {
            2u8.hash(&mut f.h);
            let c = &site.cases[ci];
            f.organ(c.organ);
            f.case(ci);
            keys.case_links[ci].hash(&mut f.h);
            // Follow-ups both ways are in the thread; the lists keep which is which.
            keys.threads[ci].hash(&mut f.h);
            for x in &c.follows_up {
                f.case(*x);
            }
            u8::MAX.hash(&mut f.h);
            for x in &c.followed_by {
                f.case(*x);
            }
            for v in &c.vedlegg {
                f.attachment(v.attachment);
            }
            for &m in &c.approves_minutes {
                f.meeting(m);
                f.organ(site.meetings[m].organ);
                // The link goes to `#referat` only while the meeting has minutes.
                site.meetings[m].has_minutes(site).hash(&mut f.h);
            }
            for &d in &c.adopted {
                f.document(d);
            }
        }
        Page::Document(di) => {
            3u8.hash(&mut f.h);
            let d = &site.documents[di];
            f.document(di);
            f.links(site, &d.src.path, by_path);
            if let Some(c) = d.vedtatt_i {
                f.case(c);
                f.organ(site.cases[c].organ);
            }
            for &a in &d.attachments {
                f.attachment(a);
            }
        }
        Page::Attachment(ai) => {
            4u8.hash(&mut f.h);
            let a = &site.attachments[ai];
            f.attachment(ai);
            if a.is_markdown() {
                f.links(site, &a.src.path, by_path);
            }
            for &c in &a.used_by_cases {
                f.case(c);
                f.organ(site.cases[c].organ);
            }
            for &d in &a.used_by_documents {
                f.document(d);
            }
        }
    }
    Some(f.h.finish())
}

/// The keys of `/api/` objects' inputs. Each object describes an item whose page (or, for a
/// copied attachment and an exempt case, the page it would have) reads at least what the
/// object reads, so the object's key is that page's fingerprint, with the size and checksum
/// of the files it describes and the keys of the attachments it embeds (computed once).
pub struct ApiKeys<'a> {
    site: &'a Site,
    global: u64,
    keys: &'a Keys,
    hashes: &'a SourceHashes,
    by_path: &'a HashMap<&'a str, String>,
    facts: &'a HashMap<String, FileFacts>,
    attachments: Vec<u64>,
}

impl<'a> ApiKeys<'a> {
    /// The keys of `site`'s `/api/` objects, with the facts of the output files (`facts`).
    pub fn new(
        site: &'a Site,
        global: u64,
        keys: &'a Keys,
        hashes: &'a SourceHashes,
        by_path: &'a HashMap<&'a str, String>,
        facts: &'a HashMap<String, FileFacts>,
    ) -> ApiKeys<'a> {
        use rayon::prelude::*;
        let mut k = ApiKeys {
            site,
            global,
            keys,
            hashes,
            by_path,
            facts,
            attachments: Vec::new(),
        };
        k.attachments = (0..site.attachments.len())
            .into_par_iter()
            .map(|a| k.compute(ApiObject::Attachment(a)))
            .collect();
        k
    }

    /// The key of `obj`.
    pub fn key(&self, obj: ApiObject) -> u64 {
        match obj {
            ApiObject::Attachment(a) => self.attachments[a],
            _ => self.compute(obj),
        }
    }

    fn compute(&self, obj: ApiObject) -> u64 {
        let site = self.site;
        let page = match obj {
            ApiObject::Attachment(a) => Page::Attachment(a),
            ApiObject::Document(d) => Page::Document(d),
            ApiObject::Meeting(m) => Page::Meeting(m),
            ApiObject::Paper(c) => Page::Case(c),
            ApiObject::Organization(o) => Page::Organ(o),
        };
        let mut h = DefaultHasher::new();
        std::mem::discriminant(&obj).hash(&mut h);
        let fp = fingerprint(
            site,
            page,
            self.global,
            self.keys,
            self.hashes,
            self.by_path,
        );
        fp.hash(&mut h);
        let url = crate::pages::url_of(site, page);
        self.facts
            .get(&motebok_site::urls::file_of(&url))
            .hash(&mut h);
        // A meeting's summons and minutes Files describe its PDFs.
        if let ApiObject::Meeting(m) = obj {
            for w in motebok_site::paper_files::papers_of(site, m) {
                self.facts
                    .get(&motebok_site::paper_files::path(site, m, w))
                    .hash(&mut h);
            }
        }
        let embedded: Vec<AttachmentIx> = match obj {
            ApiObject::Attachment(a) => {
                let a = &site.attachments[a];
                // A file copied as it is, not a page.
                self.facts
                    .get(&motebok_site::urls::attachment(&a.owner, &a.name))
                    .hash(&mut h);
                Vec::new()
            }
            ApiObject::Paper(c) => site.cases[c].vedlegg.iter().map(|v| v.attachment).collect(),
            ApiObject::Meeting(m) => site.meetings[m]
                .cases
                .iter()
                .flat_map(|&c| site.cases[c].vedlegg.iter().map(|v| v.attachment))
                .collect(),
            ApiObject::Document(d) => site.documents[d].attachments.clone(),
            ApiObject::Organization(_) => Vec::new(),
        };
        for a in embedded {
            self.attachments[a].hash(&mut h);
        }
        h.finish()
    }
}
