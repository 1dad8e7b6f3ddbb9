//! The resolved site made into what a build publishes, without I/O: the page list and each
//! page rendered through the theme's templates (`pages`, tombstones by shape in `skeleton`),
//! what each page is made from (`deps`: fingerprints and `/api/` keys), the URLs that stay
//! (`gone`, `moved_files`, over the plain data of what left the branch, `departures`), the
//! accessibility findings as JSON, and the meeting papers' content as `motebok_papers::Paper`
//! models (`papers`).
//!
//! Pure: no file system, no git, no clock. The builder hands it the site, the views (bodies
//! through `motebok_site::views::Bodies`), the compiled templates, the files' bytes and the
//! binary's id, and writes, keeps and typesets what comes back.

mod accessibility;
mod departures;
pub mod deps;
mod error;
mod gone;
mod moved_files;
mod pages;
pub mod papers;
mod search_meta;
mod skeleton;
#[cfg(any(test, feature = "testkit"))]
pub mod testkit;

pub use departures::{Departures, Old};
pub use error::RenderError;
pub use pages::{
    api_index, copied_files, linked_data, open_data, pages, site_maps, static_files, url_of, Page,
    Rendered, Renderer,
};
pub use search_meta::{AttachmentText, SearchMeta};
