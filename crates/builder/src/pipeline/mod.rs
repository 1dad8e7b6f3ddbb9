//! The one render pipeline: a build, a rebuild, the live preview and `check --against` go
//! through the same phases, each a function of its input and the previous run's state:
//! examine the changed files over the previous ones ([`files`]), resolve the site, and render
//! over what the previous run rendered ([`render`]). A full build is a run from the empty
//! state.

pub(crate) mod render;

pub(crate) use render::{render, Context, Outputs, PageEntry, RenderState, Written};

use crate::build_error::BuildError;
use crate::write::{Files, Memory};
use motebok_domain::Site;
use std::sync::Arc;

/// What a run in memory made.
pub(crate) struct InMemory {
    /// Every output file by path.
    pub files: Files,
    /// Files added, changed or gone since `old`.
    pub changed: usize,
    pub written: Written,
    /// What the next run takes over.
    pub state: RenderState,
}

impl InMemory {
    /// Every page's HTML by URL.
    pub(crate) fn pages(&self) -> std::collections::BTreeMap<&str, &str> {
        self.state
            .pages
            .keys()
            .filter_map(|url| {
                let html = self.files.get(&crate::urls::file_of(url))?;
                Some((url.as_str(), std::str::from_utf8(html).ok()?))
            })
            .collect()
    }
}

/// Renders `site` into memory over the files `old` of the run that left `previous`.
pub(crate) fn render_in_memory(
    site: &Site,
    cx: &Context,
    old: Arc<Files>,
    previous: RenderState,
) -> Result<InMemory, BuildError> {
    let out = Memory::over(old);
    let (written, state) = render(site, cx, &out, &crate::progress::Silent, previous)?;
    let (files, changed) = out.finish();
    Ok(InMemory {
        files,
        changed,
        written,
        state,
    })
}
