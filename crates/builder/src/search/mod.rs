//! Search at `/sok/`: a Pagefind index built in process with the `pagefind` crate, written as
//! `OutFile`s under `pagefind/` so it lands with the rest of the build, atomically.
//!
//! Only published pages are indexed: a page must be `listed` (not a tombstone, not a draft) and
//! carry [`SearchMeta`] (content pages; exempt items have no page at all). Each page becomes a
//! custom record (text, meta, filters) rather than HTML for Pagefind to parse again.

mod text;

use crate::pages::Rendered;
use crate::write::OutFile;
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use rayon::prelude::*;
use std::collections::BTreeMap;

pub use text::main_text;

/// Where the index lands in the output.
pub const BUNDLE_DIR: &str = "pagefind";

/// Filter names as the search page's script knows them.
pub const FILTER_ORGAN: &str = "organ";
pub const FILTER_YEAR: &str = "aar";
pub const FILTER_TYPE: &str = "type";

/// What search needs to know of a content page beyond its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchMeta {
    pub title: String,
    /// Document type: `Sak`, `Møte`, `Vedlegg`, `Organ`, or a document's `doktype`.
    pub kind: String,
    /// The body's short name (`SSU`), when the page belongs to one.
    pub organ: Option<String>,
    pub year: Option<i32>,
    /// A short line shown under the result's title.
    pub detail: String,
}

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("kunne ikke starte søkeindekseringen: {0}")]
    Runtime(#[source] std::io::Error),
    #[error("Pagefind avviste innstillingene: {0}")]
    Config(String),
    #[error("kunne ikke indeksere {url} for søket: {message}")]
    Record { url: String, message: String },
    #[error("kunne ikke bygge søkeindeksen: {0}")]
    Build(String),
}

/// One record for the index.
#[derive(Debug, Clone)]
pub struct Record {
    url: String,
    text: String,
    meta: BTreeMap<String, String>,
    filters: BTreeMap<String, Vec<String>>,
}

/// The record of a page, or `None` when the page must not be searchable.
pub fn record(page: &Rendered) -> Option<Record> {
    let meta = page.search.as_ref().filter(|_| page.listed)?;
    let mut filters = BTreeMap::new();
    filters.insert(FILTER_TYPE.to_string(), vec![meta.kind.clone()]);
    if let Some(o) = &meta.organ {
        filters.insert(FILTER_ORGAN.to_string(), vec![o.clone()]);
    }
    if let Some(y) = meta.year {
        filters.insert(FILTER_YEAR.to_string(), vec![y.to_string()]);
    }
    let mut m = BTreeMap::new();
    m.insert("title".to_string(), meta.title.clone());
    m.insert("detail".to_string(), meta.detail.clone());
    Some(Record {
        url: page.url.clone(),
        // Pagefind shows excerpts of the text as HTML, as it does for pages it parses itself.
        text: escape_text(&main_text(&page.html)),
        meta: m,
        filters,
    })
}

fn escape_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Builds the index of `pages` in `language` (`nb`, `nn`, `no` get Norwegian stemming).
pub fn index(pages: &[Rendered], language: &str) -> Result<Vec<OutFile>, SearchError> {
    // Extracting text is the part that scales with the site: done in parallel, up front.
    let mut t = crate::build::Timer::new();
    let records: Vec<Record> = pages.par_iter().filter_map(record).collect();
    t.lap("search text");
    index_records(records, language)
}

/// Builds the index of `records` in `language`.
pub fn index_records(records: Vec<Record>, language: &str) -> Result<Vec<OutFile>, SearchError> {
    let mut t = crate::build::Timer::new();
    // Pagefind builds its index with tokio tasks: give them every core.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(std::thread::available_parallelism().map_or(2, |n| n.get()))
        .enable_time()
        .build()
        .map_err(SearchError::Runtime)?;
    let out = runtime.block_on(build(records, language));
    t.lap("search index");
    out
}

async fn build(records: Vec<Record>, language: &str) -> Result<Vec<OutFile>, SearchError> {
    let options = PagefindServiceConfig::builder()
        .force_language(language.to_string())
        .build();
    let mut index =
        PagefindIndex::new(Some(options)).map_err(|e| SearchError::Config(e.to_string()))?;
    let mut t = crate::build::Timer::new();
    // Pagefind's index takes records one at a time (`&mut self`); each is a cheap hand-over.
    for r in records {
        index
            .add_custom_record(
                r.url.clone(),
                r.text,
                language.to_string(),
                Some(r.meta),
                Some(r.filters),
                None,
            )
            .await
            .map_err(|e| SearchError::Record {
                url: r.url,
                message: e.to_string(),
            })?;
    }
    t.lap("search add");
    let files = index
        .get_files()
        .await
        .map_err(|e| SearchError::Build(e.to_string()))?;
    t.lap("search files");
    Ok(files
        .into_iter()
        .map(|f| OutFile {
            path: format!(
                "{BUNDLE_DIR}/{}",
                f.filename.to_string_lossy().replace('\\', "/")
            ),
            bytes: f.contents,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn page(url: &str, listed: bool, body: &str) -> Rendered {
        Rendered {
            url: url.into(),
            html: format!("<html><body><main><h1>{body}</h1></main></body></html>"),
            listed,
            lastmod: None,
            search: Some(SearchMeta {
                title: body.into(),
                kind: "Sak".into(),
                organ: Some("SSU".into()),
                year: Some(2025),
                detail: String::new(),
            }),
        }
    }

    /// Every index file, decompressed where it is gzip.
    fn unpacked(files: &[OutFile]) -> String {
        let mut all = String::new();
        for f in files {
            let mut s = Vec::new();
            if flate2::read::GzDecoder::new(&f.bytes[..])
                .read_to_end(&mut s)
                .is_ok()
            {
                all.push_str(&String::from_utf8_lossy(&s));
            }
        }
        all
    }

    #[test]
    fn indexes_listed_pages_only_with_filters() {
        let pages = [
            page("ssu/sak/2025.19/", true, "Kjernejournal for kommunene"),
            page("ssu/sak/2023.01/", false, "Avpublisert hemmelighet"),
        ];
        let files = index(&pages, "nb").unwrap();
        let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        for want in ["pagefind/pagefind.js", "pagefind/pagefind-entry.json"] {
            assert!(names.contains(&want), "{names:?}");
        }
        assert!(names.contains(&"pagefind/wasm.nb.pagefind"), "{names:?}");
        let all = unpacked(&files);
        assert!(all.contains("Kjernejournal"));
        assert!(!all.contains("hemmelighet"));
        assert!(all.contains("SSU") && all.contains("2025"));
    }
}
