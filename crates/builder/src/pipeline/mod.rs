//! The one pipeline: a build, a rebuild, the live preview and `check --against` go through
//! the same phases, each a function of its input and the previous run's state ([`State`]):
//!
//! 1. the changed files ([`Changes`]: from the git tree diff, the file watcher, or every file)
//!    examined over the previous ones ([`files::update`]);
//! 2. the site resolved from them ([`resolve_examined`]);
//! 3. the site rendered over what the previous run rendered ([`render()`]).
//!
//! [`check`] is the first two, [`render_checked`] the third: between them the caller prepares
//! its output (a folder, a patch of the previous output, memory). A full build is a run from
//! the empty state ([`State::default`]); a rebuild starts from the snapshot's, the live
//! preview (`motebok-serve`) from its previous run's, through [`State::check`] and
//! [`State::render`].

pub(crate) mod files;
pub(crate) mod render;

pub use files::Changes;
pub(crate) use render::{render, Context, PageEntry, RenderState};
pub use render::{Outputs, Written};

use crate::build_error::BuildError;
use crate::examined::Examined;
use crate::progress::Progress;
use crate::timer::Timer;
use crate::write::{Files, Memory, Output};
use motebok_domain::{resolve, Inputs, Site, Trails};
use motebok_parser::{Diagnostic, RawFile};
use motebok_render::Departures;
use motebok_site::config::SiteConfig;
use motebok_site::theme::Theme;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};

/// What a run leaves for the next: every file under `content/` as examined, by path, and what
/// was rendered. The empty state (the default) is where a full build starts.
#[derive(Default)]
pub struct State {
    pub(crate) files: BTreeMap<String, Examined>,
    pub(crate) rendered: RenderState,
}

impl State {
    /// Phases 1 and 2 over this state ([`check`]): the files brought up to date with
    /// `changes` whatever the outcome, and the site resolved from them.
    pub fn check(&mut self, changes: &Changes, given: &Given) -> Result<Site, BuildError> {
        check(changes, &mut self.files, given)
    }

    /// Phase 3 over this state ([`render_checked`]): `site`, which [`State::check`] made,
    /// rendered over what the previous run rendered. The render state becomes this run's only
    /// when it succeeds; on errors the previous one stays for the next run.
    pub fn render(
        &mut self,
        site: &Site,
        changes: Changes,
        given: &Given,
        io: &Io,
    ) -> Result<Written, BuildError> {
        let previous = self.rendered.clone();
        let (written, rendered) = render_checked(site, &self.files, changes, previous, given, io)?;
        self.rendered = rendered;
        Ok(written)
    }
}

/// Everything a run reads besides the files, read once by the caller.
pub struct Given<'a> {
    /// `site.toml`, as committed (or in the working tree, for previews).
    pub cfg: &'a SiteConfig,
    /// The theme: the default one with the site's overrides laid over it.
    pub theme: &'a Theme,
    /// The build date, resolved once by the command.
    pub today: chrono::NaiveDate,
    /// The approval trail of each file.
    pub trails: &'a Trails,
    /// Paths not approved on the branch (previews).
    pub drafts: &'a HashSet<String>,
    /// Problems found while loading (links, unapproved commits, the theme), reported with
    /// the rest.
    pub problems: &'a [Diagnostic],
    /// The files that left the publishing branch: their URLs stay (`gone`).
    pub departures: &'a Departures,
    /// Where typeset papers are kept across builds: the repository's for production builds
    /// and rebuilds, none for previews (their papers live in memory).
    pub paper_cache: Option<&'a crate::papers::cache::PaperCache>,
}

impl<'a> Given<'a> {
    /// What `loaded` says besides its files.
    pub(crate) fn of(loaded: &'a crate::loaded::Loaded) -> Given<'a> {
        Given {
            cfg: &loaded.cfg,
            theme: &loaded.theme,
            today: loaded.today,
            trails: &loaded.trails,
            drafts: &loaded.drafts,
            problems: &loaded.problems,
            departures: &loaded.departures,
            paper_cache: loaded.paper_cache.as_ref(),
        }
    }
}

/// Where a run reads the bytes it does not hold, and where it writes.
pub struct Io<'a> {
    /// The theme's templates, compiled.
    pub env: &'a minijinja::Environment<'static>,
    /// The bytes of a source file that did not change (the changed ones are in [`Changes`]).
    pub binaries: &'a dyn Fn(&str) -> Option<Vec<u8>>,
    /// Where the bodies are read from.
    pub bodies: &'a crate::store::Store,
    /// Where the files go: a folder, a patch of the previous output, or memory.
    pub out: &'a dyn Output,
    /// Told the phases and steps as they go.
    pub progress: &'a dyn Progress,
    /// Everything a production build publishes, or what a preview shows.
    pub outputs: Outputs,
}

/// Phases 1 and 2: `changes` examined over the previous run's `files` (updated in place: they
/// are the working tree's or the branch's whatever the outcome), and the site resolved from
/// them, or every content error at once. The caller prepares its output only then: a failed
/// check leaves it untouched (and a rebuild reads the previous render state meanwhile).
pub(crate) fn check(
    changes: &Changes,
    files: &mut BTreeMap<String, Examined>,
    given: &Given,
) -> Result<Site, BuildError> {
    let mut t = Timer::new();
    files::update(files, changes);
    t.lap("parse+privacy");
    resolve_examined(files, given)
}

/// The pipeline's second phase: resolves files already examined, with the trail, drafts and
/// date `given`.
pub(crate) fn resolve_examined(
    examined: &BTreeMap<String, Examined>,
    loaded: &Given,
) -> Result<Site, BuildError> {
    let mut t = Timer::new();
    let mut errors: Vec<Diagnostic> = Vec::new();
    let mut unparsed = HashSet::new();
    // Cloning the parsed files is cheap (bodies are shared) and keeps `examined` whole for the
    // next build.
    let raw: Vec<RawFile> = examined
        .par_iter()
        .filter_map(|(_, e)| e.parsed.as_ref().ok().cloned())
        .collect();
    for e in examined.values() {
        errors.extend(e.privacy.iter().cloned());
        if let Err(d) = &e.parsed {
            unparsed.insert(e.path.clone());
            errors.extend(d.iter().cloned());
        }
    }
    errors.extend(loaded.problems.iter().cloned());
    // The trail is published with every page: its names and subjects are checked too.
    errors.extend(motebok_domain::privacy::check_trails(loaded.trails));
    let resolved = resolve(Inputs {
        files: raw,
        trails: loaded.trails,
        drafts: loaded.drafts,
        today: loaded.today,
        window_months: loaded.cfg.window_months,
        unparsed: &unparsed,
    });
    t.lap("resolve");
    match resolved {
        Ok(mut site) if errors.is_empty() => {
            loaded.departures.apply(&mut site, loaded.cfg.window_months);
            crate::attachments::settle(&mut site, |p| examined.get(p)?.file.as_ref());
            if loaded.cfg.accessibility.strict {
                let strict = crate::attachments::strict_errors(&site.warnings);
                if !strict.is_empty() {
                    return Err(BuildError::Content(strict));
                }
            }
            Ok(site)
        }
        Ok(_) => Err(BuildError::Content(sorted(errors))),
        Err(mut more) => {
            errors.append(&mut more);
            Err(BuildError::Content(sorted(errors)))
        }
    }
}

fn sorted(mut v: Vec<Diagnostic>) -> Vec<Diagnostic> {
    v.sort();
    v.dedup();
    v
}

/// Phase 3: renders the site `check` made over what the previous run rendered: what was
/// written, and the render state for the next run.
pub(crate) fn render_checked(
    site: &Site,
    files: &BTreeMap<String, Examined>,
    changes: Changes,
    previous: RenderState,
    given: &Given,
    io: &Io,
) -> Result<(Written, RenderState), BuildError> {
    // Of the changed files only attachments copied as they are still matter; the Markdown
    // lives on parsed in `site`.
    let copied: HashSet<&str> = site
        .attachments
        .iter()
        .filter(|a| !a.is_markdown())
        .map(|a| a.src.path.as_str())
        .collect();
    let changed: HashMap<String, Vec<u8>> = changes
        .added
        .into_iter()
        .filter(|f| copied.contains(f.path.as_str()))
        .map(|f| (f.path, f.bytes))
        .collect();
    let binaries = |p: &str| changed.get(p).cloned().or_else(|| (io.binaries)(p));
    let hashes = crate::examined::source_hashes(files.values());
    let cx = Context {
        cfg: given.cfg,
        theme: given.theme,
        env: io.env,
        today: given.today,
        hashes: &hashes,
        binaries: &binaries,
        bodies: io.bodies,
        outputs: io.outputs,
        paper_cache: given.paper_cache,
    };
    render(site, &cx, io.out, io.progress, previous)
}

/// What a run in memory from the empty state made.
pub(crate) struct InMemory {
    /// Every output file by path.
    pub files: Files,
    /// What was rendered (the pages by URL).
    pub state: RenderState,
}

impl InMemory {
    /// Every page's HTML by URL.
    pub(crate) fn pages(&self) -> std::collections::BTreeMap<&str, &str> {
        self.state
            .pages
            .keys()
            .filter_map(|url| {
                let html = self.files.get(&motebok_site::urls::file_of(url))?;
                Some((url.as_str(), std::str::from_utf8(html).ok()?))
            })
            .collect()
    }
}

/// Renders `site` into memory from the empty state (`check --against`, tests).
pub(crate) fn render_in_memory(site: &Site, cx: &Context) -> Result<InMemory, BuildError> {
    let out = Memory::over(Default::default());
    let (_, state) = render(site, cx, &out, &crate::progress::Silent, Default::default())?;
    Ok(InMemory {
        files: out.finish().0,
        state,
    })
}
