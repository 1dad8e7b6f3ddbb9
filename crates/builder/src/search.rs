//! The builder's side of search: what a page tells the index ([`SearchMeta`]), the record the
//! index keeps of a published page, and the index written into the build's output. The index
//! itself is the crate `motebok_search`, which knows nothing of pages.

pub use motebok_render::{AttachmentText, SearchMeta};

use motebok_render::Rendered;
use motebok_search::{AttachmentPart, OutputError};
pub use motebok_search::{IndexState, Record, SearchError, BUNDLE_DIR};
use motebok_site::urls::iri;

/// The record of a page, or `None` when the page must not be searchable.
pub fn record(page: &Rendered) -> Option<Record> {
    let meta = page.search.as_ref().filter(|_| page.listed)?;
    let mut text = motebok_search::main_text(&page.html);
    let mut attachments = Vec::new();
    for a in &meta.attachments {
        text.push_str("\n\n");
        attachments.push(AttachmentPart {
            from: text.encode_utf16().count(),
            title: a.title.clone(),
            href: iri(&a.url).into_owned(),
        });
        text.push_str(&a.text);
    }
    Some(Record {
        url: page.url.clone(),
        href: iri(&page.url).into_owned(),
        title: meta.title.clone(),
        detail: meta.detail.clone(),
        kind: meta.kind.clone(),
        organ: meta.organ.clone(),
        year: meta.year,
        text,
        attachments,
    })
}

/// Brings the index `old` up to date in `out`: the pages in `removed` leave it, `added` come
/// in (`nb`, `nn`, `no` get Norwegian stemming). From `IndexState::default()`, a full build.
pub fn update_index(
    old: IndexState,
    removed: &std::collections::HashSet<String>,
    added: Vec<Record>,
    language: &str,
    out: &dyn crate::write::Output,
) -> Result<IndexState, SearchError> {
    let mut t = crate::timer::Timer::new();
    let mut lap = |what: &str| t.lap(what);
    motebok_search::update_index(old, removed, added, language, &IntoOutput(out), &mut lap)
}

/// The build's output as the index writes into it.
struct IntoOutput<'a>(&'a dyn crate::write::Output);

impl motebok_search::Output for IntoOutput<'_> {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), OutputError> {
        Ok(self.0.put(path, bytes)?)
    }
    fn keep(&self, path: &str) -> bool {
        self.0.keep(path)
    }
    fn old_bytes(&self, path: &str) -> Option<Vec<u8>> {
        self.0.old_bytes(path)
    }
}
