//! What each page is made from, so a rebuild renders only the pages whose inputs changed.
//!
//! A page's fingerprint hashes everything its view reads: the source files behind it (their
//! bytes and trails), the items it links to (their titles, dates and publication state) and
//! the site-wide inputs every page shares (configuration, theme, date, the list of bodies in
//! the navigation). Equal fingerprints mean equal pages; the list errs on the side of more.

use crate::pages::Page;
use motebok_domain::*;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

/// Content hashes of the source files, by repository path.
pub type SourceHashes = HashMap<String, u64>;

pub fn source_hashes(files: &[crate::source::SourceFile]) -> SourceHashes {
    use rayon::prelude::*;
    files
        .par_iter()
        .map(|f| {
            let mut h = DefaultHasher::new();
            f.bytes.hash(&mut h);
            (f.path.clone(), h.finish())
        })
        .collect()
}

struct Fp<'a> {
    h: DefaultHasher,
    hashes: &'a SourceHashes,
}

impl Fp<'_> {
    fn src(&mut self, s: &Source) {
        s.path.hash(&mut self.h);
        self.hashes.get(&s.path).hash(&mut self.h);
        s.draft.hash(&mut self.h);
        if let Some(t) = &s.trail {
            t.entries.len().hash(&mut self.h);
            for e in &t.entries {
                e.commit.hash(&mut self.h);
            }
        }
    }
    fn publication(&mut self, p: &Publication) {
        format!("{p:?}").hash(&mut self.h);
    }
    fn case(&mut self, site: &Site, c: CaseIx) {
        let c = &site.cases[c];
        self.src(&c.src);
        self.publication(&c.publication);
        self.meeting(site, c.meeting);
    }
    fn meeting(&mut self, site: &Site, m: MeetingIx) {
        let m = &site.meetings[m];
        self.src(&m.src);
        self.publication(&m.publication);
    }
    fn attachment(&mut self, site: &Site, a: AttachmentIx) {
        let a = &site.attachments[a];
        self.src(&a.src);
        self.publication(&a.publication);
    }
    fn document(&mut self, site: &Site, d: DocumentIx) {
        let d = &site.documents[d];
        self.src(&d.src);
        self.publication(&d.publication);
    }
    /// Relative links in a body resolve to whatever is at their target: hash the targets.
    fn links(&mut self, body: &Body, src: &str, by_path: &HashMap<&str, String>) {
        let dir = src.rsplit_once('/').map_or("", |(d, _)| d);
        for l in &body.links {
            l.hash(&mut self.h);
            let target = format!("{dir}/{}", l.split('#').next().unwrap_or(""));
            by_path.get(target.as_str()).hash(&mut self.h);
            self.hashes.get(&target).hash(&mut self.h);
        }
    }
}

/// Everything every page shares: navigation, configuration, theme, binary and date.
pub fn global_key(site: &Site, config_and_theme: &str) -> u64 {
    let mut h = DefaultHasher::new();
    config_and_theme.hash(&mut h);
    env!("CARGO_PKG_VERSION").hash(&mut h);
    site.today.hash(&mut h);
    for o in &site.organs {
        (&o.id, &o.kortnavn, &o.navn).hash(&mut h);
    }
    h.finish()
}

/// The fingerprint of `page`, or `None` for pages that read the whole site (front page,
/// lists, search): those are always rendered, and there are only a handful.
pub fn fingerprint(
    site: &Site,
    page: Page,
    global: u64,
    hashes: &SourceHashes,
    by_path: &HashMap<&str, String>,
) -> Option<u64> {
    let mut f = Fp {
        h: DefaultHasher::new(),
        hashes,
    };
    global.hash(&mut f.h);
    format!("{page:?}").hash(&mut f.h);
    match page {
        Page::Front
        | Page::Documents
        | Page::Search
        | Page::Publishing
        | Page::Accessibility
        | Page::NotFound => return None,
        Page::Organ(oi) => {
            let o = &site.organs[oi];
            f.src(&o.src);
            f.links(&o.body, &o.src.path, by_path);
            for &m in &o.meetings {
                f.meeting(site, m);
                for &c in &site.meetings[m].cases {
                    f.case(site, c);
                }
            }
        }
        Page::Meeting(mi) => {
            let m = &site.meetings[mi];
            f.src(&site.organs[m.organ].src);
            f.meeting(site, mi);
            f.links(&m.body, &m.src.path, by_path);
            for &c in m.cases.iter().chain(&m.minutes_approved_by) {
                f.case(site, c);
                for v in &site.cases[c].vedlegg {
                    f.attachment(site, v.attachment);
                }
                f.links(&site.cases[c].body, &site.cases[c].src.path, by_path);
            }
        }
        Page::Case(ci) => {
            let c = &site.cases[ci];
            f.src(&site.organs[c.organ].src);
            f.case(site, ci);
            f.links(&c.body, &c.src.path, by_path);
            for x in site
                .thread(ci)
                .into_iter()
                .chain(c.follows_up.iter().copied())
                .chain(c.followed_by.iter().copied())
            {
                f.case(site, x);
                f.src(&site.organs[site.cases[x].organ].src);
            }
            for v in &c.vedlegg {
                f.attachment(site, v.attachment);
            }
            for &m in &c.approves_minutes {
                f.meeting(site, m);
                f.src(&site.organs[site.meetings[m].organ].src);
            }
            for &d in &c.adopted {
                f.document(site, d);
            }
        }
        Page::Document(di) => {
            let d = &site.documents[di];
            f.document(site, di);
            f.links(&d.body, &d.src.path, by_path);
            if let Some(c) = d.vedtatt_i {
                f.case(site, c);
                f.src(&site.organs[site.cases[c].organ].src);
            }
            for &a in &d.attachments {
                f.attachment(site, a);
            }
        }
        Page::Attachment(ai) => {
            let a = &site.attachments[ai];
            f.attachment(site, ai);
            if let Some((_, body)) = &a.page {
                f.links(body, &a.src.path, by_path);
            }
            for &c in &a.used_by_cases {
                f.case(site, c);
                f.src(&site.organs[site.cases[c].organ].src);
            }
            for &d in &a.used_by_documents {
                f.document(site, d);
            }
        }
    }
    Some(f.h.finish())
}
