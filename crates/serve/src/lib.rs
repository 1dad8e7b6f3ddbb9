//! `motebok serve`: a live preview of the working tree on 127.0.0.1.
//!
//! The site is built into memory (never to disk), served by a small HTTP server, and rebuilt
//! when a file under `content/`, `themes/` or `site.toml` changes. Pages carry a tiny script
//! that long-polls the server and reloads when a new build is ready; a failed build shows its
//! errors in the page as well as in the terminal.
//!
//! It sits above the builder: each rebuild is a run of the builder's one pipeline
//! (`motebok_builder::pipeline`) over the previous run's state, its changes from the file
//! watcher, written into memory (`motebok_builder::write::Memory`). Nothing in the builder
//! knows it.

mod http;
mod request;
mod session;
mod state;

pub use session::{Changes, Inputs};
pub use state::{Snapshot, State};

use motebok_builder::build::{read_config, DateSource, Timer};
use motebok_builder::pipeline::{self, Given};
use motebok_builder::write::{Files, Memory};
use motebok_builder::BuildError;
use motebok_site::theme::Theme;
use motebok_site::words::count;
use std::collections::HashMap;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What `serve` was asked for.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site's working tree.
    pub root: PathBuf,
    /// 0 picks a free port.
    pub port: u16,
    /// "Now" for the windows, asked once at the top of each rebuild.
    pub today: DateSource,
}

/// What one rebuild did.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    /// Pages rendered again.
    pub rendered: usize,
    /// Output files added, changed or removed.
    pub changed: usize,
    /// Output files in all.
    pub files: usize,
    /// Feeds and calendars made again, and how many there are (the rest were kept by key).
    pub feeds: (usize, usize),
}

/// The live preview's build: inputs and output kept between rebuilds, so an edit costs what
/// it touches (plus a resolve of the whole site and a fingerprint per page).
pub struct Session {
    root: PathBuf,
    today: DateSource,
    inputs: Inputs,
    /// The files of the last successful build, by output path.
    files: Arc<Files>,
    /// The files as examined and what the last build rendered, for the next to take over.
    state: pipeline::State,
    /// The theme and its compiled templates.
    env: Option<(Theme, minijinja::Environment<'static>)>,
    /// A rebuild failed while reading: the inputs may be behind, read everything next time.
    stale: bool,
    /// The path of `base_url` as last read from site.toml.
    base_path: String,
}

impl Session {
    /// A session with nothing read yet: the first rebuild reads everything.
    pub fn new(root: &Path, today: impl Into<DateSource>) -> Session {
        // The watcher reports paths under the folder it watches: one spelling for both.
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        Session {
            inputs: Inputs::new(&root),
            root,
            today: today.into(),
            files: Default::default(),
            state: Default::default(),
            env: None,
            stale: true,
            base_path: "/".into(),
        }
    }

    /// The path of the site's `base_url` (`/helsefellesskap/`) as of the last rebuild.
    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    /// The files of the last successful build, by output path.
    pub fn files(&self) -> &Arc<HashMap<String, Arc<[u8]>>> {
        &self.files
    }

    /// Rebuilds after `changes`; on errors the last good output is kept.
    pub fn rebuild(&mut self, changes: &Changes) -> Result<Stats, BuildError> {
        self.rebuild_then(changes, |_, _| {})
    }

    /// [`Session::rebuild`], handing the pages to `early` before the meeting papers the
    /// changes touched are typeset (a summons of 40 pages takes typst a few hundred
    /// milliseconds the edited page need not wait for): until the second pass finishes, a
    /// changed paper is its previous file and a new one is not linked yet.
    pub fn rebuild_then(
        &mut self,
        changes: &Changes,
        early: impl FnOnce(&Session, &Stats),
    ) -> Result<Stats, BuildError> {
        let mut t = Timer::new();
        let all = Changes::all();
        let changes = if self.stale { &all } else { changes };
        // Until the changes are read, a failure (site.toml half-saved, a read error) would
        // lose them: the next rebuild then reads everything.
        self.stale = true;
        let cfg = read_config(&self.root)?;
        self.base_path = cfg.base_path();
        // One date for the whole rebuild, decided before anything is read.
        let today = self.today.today();
        self.inputs.update(changes, &cfg)?;
        self.stale = false;
        t.lap("load");
        // The working tree's theme, its changes marked as drafts; its links are content errors.
        let (theme, theme_problems) =
            motebok_builder::worktree_theme(&self.root, &cfg.theme, &cfg.branch)?;
        // Compiling the templates is the costly part: only when the theme changed.
        if self.env.as_ref().is_none_or(|(t, _)| *t != theme) {
            let env = theme.environment()?;
            self.env = Some((theme, env));
        }
        let Some((theme, env)) = &self.env else {
            unreachable!("set above")
        };
        // The files the watcher saw change, examined below over the previous run's: kept up
        // to date even when the site has errors, so the next save costs what it touches.
        let changes = self.inputs.take_changes();
        let mut problems: Vec<_> = self.inputs.links.values().cloned().collect();
        problems.extend(theme_problems);
        let (no_trails, no_departures) = Default::default();
        let branch = self.inputs.branch.as_ref();
        let given = Given {
            cfg: &cfg,
            theme,
            today,
            trails: branch.map_or(&no_trails, |b| &b.trails),
            drafts: &self.inputs.drafts,
            problems: &problems,
            // The stubs at old URLs a production build shows.
            departures: branch.map_or(&no_departures, |b| &b.departures),
            // A preview's papers live in memory: the repository's cache stays the builds'.
            paper_cache: None,
        };
        let site = self.state.check(&changes, &given);
        t.lap("check");
        let site = site?;
        let files = &self.inputs.files;
        let binaries = |p: &str| files.get(p).map(|e| e.bytes.to_vec());
        // Twice over the same site when papers wait: first the pages, then the papers (and
        // the meeting pages that show their sizes). On errors the last good output and its
        // render state stay as they were.
        let pass = |state: &mut pipeline::State,
                    old: &Arc<Files>,
                    changes: pipeline::Changes,
                    outputs: pipeline::Outputs| {
            let out = Memory::over(old.clone());
            let io = pipeline::Io {
                env,
                binaries: &binaries,
                // A preview reads the working tree: every body is in memory.
                bodies: &motebok_builder::store::Store::in_memory(),
                out: &out,
                progress: &motebok_builder::progress::Silent,
                outputs,
            };
            let written = state.render(&site, changes, &given, &io)?;
            let (files, changed) = out.finish();
            Ok::<_, BuildError>((written, Arc::new(files), changed))
        };
        let first = pass(
            &mut self.state,
            &self.files,
            changes,
            pipeline::Outputs::PreviewPapersLater,
        );
        t.lap("render");
        let (written, files, changed) = first?;
        self.files = files;
        let mut stats = Stats {
            rendered: written.rendered,
            changed,
            files: self.files.len(),
            feeds: written.feeds_made,
        };
        if written.papers_waiting > 0 {
            early(self, &stats);
            let (more, files, changed) = pass(
                &mut self.state,
                &self.files,
                pipeline::Changes::default(),
                pipeline::Outputs::Preview,
            )?;
            t.lap("papers");
            self.files = files;
            stats = Stats {
                rendered: stats.rendered + more.rendered,
                changed: stats.changed + changed,
                files: self.files.len(),
                feeds: (stats.feeds.0 + more.feeds_made.0, more.feeds_made.1),
            };
        }
        // Freeing a whole site takes a while: not while the editor waits for the page.
        rayon::spawn(move || drop(site));
        Ok(stats)
    }
}

/// A running preview server. Dropping it does not stop the threads; `run` blocks.
pub struct Server {
    /// The address it listens on (the port chosen when 0 was asked).
    pub addr: std::net::SocketAddr,
    /// What it serves, shared with the rebuilding thread.
    pub state: Arc<State>,
    listener: TcpListener,
    session: Session,
    /// Watching from before the first build, so that a save made as soon as the address is
    /// printed (or during that build) is not missed.
    watcher: notify::RecommendedWatcher,
    seen: mpsc::Receiver<Seen>,
}

impl Server {
    /// Binds 127.0.0.1:port and makes the first build.
    pub fn bind(opts: &ServeOptions) -> std::io::Result<Server> {
        let listener = TcpListener::bind(("127.0.0.1", opts.port))?;
        let addr = listener.local_addr()?;
        let state = Arc::new(State::default());
        let (tx, seen) = mpsc::channel::<Seen>();
        let watcher = watch(&opts.root, tx).map_err(std::io::Error::other)?;
        let mut session = Session::new(&opts.root, opts.today.clone());
        guarded_rebuild(&state, &mut session, &Changes::all());
        Ok(Server {
            addr,
            state,
            listener,
            session,
            watcher,
            seen,
        })
    }

    /// Serves requests and rebuilds on changes until the process ends.
    pub fn run(self) -> std::io::Result<()> {
        let (mut watcher, rx) = (self.watcher, self.seen);
        let state = self.state.clone();
        let mut session = self.session;
        std::thread::spawn(move || {
            let _keep = &mut watcher;
            while let Ok(first) = rx.recv() {
                let mut changes = Changes::default();
                first.add_to(&mut changes);
                // Editors save in bursts (temp file, rename) within a few milliseconds: wait
                // for the burst to end. A write read half-done is rebuilt again on its next event.
                while let Ok(more) = rx.recv_timeout(Duration::from_millis(10)) {
                    more.add_to(&mut changes);
                }
                guarded_rebuild(&state, &mut session, &changes);
            }
        });
        http::serve(self.listener, self.state)
    }
}

/// `rebuild`, but a bug that panics on some file is shown as an error instead of ending the
/// rebuilds (the server would go on serving the old pages, never updated). What the session
/// kept may be half-updated: it starts afresh and reads everything at the next save.
fn guarded_rebuild(state: &State, session: &mut Session, changes: &Changes) {
    let run = std::panic::AssertUnwindSafe(|| rebuild(state, session, changes));
    if std::panic::catch_unwind(run).is_err() {
        *session = Session::new(&session.root, session.today.clone());
        state.publish_error(
            "Intern feil i motebok under byggingen (se terminalen). Forhåndsvisningen prøver igjen når en fil lagres.".into(),
        );
    }
}

/// Rebuilds and publishes the result (files or errors) to every waiting browser.
pub fn rebuild(state: &State, session: &mut Session, changes: &Changes) {
    let started = Instant::now();
    let early = |s: &Session, stats: &Stats| {
        state.publish_files(s.files().clone(), stats.changed, s.base_path());
    };
    match session.rebuild_then(changes, early) {
        Ok(stats) => {
            state.publish_files(session.files().clone(), stats.changed, session.base_path());
            eprintln!(
                "Bygget på nytt: {} laget, {} av {} endret ({} ms).",
                count(stats.rendered, "side", "sider"),
                stats.changed,
                count(stats.files, "fil", "filer"),
                started.elapsed().as_millis()
            );
        }
        Err(e) => {
            let text = match &e {
                BuildError::Content(ds) => ds
                    .iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join("\n"),
                other => other.to_string(),
            };
            eprintln!("{text}\nForhåndsvisningen viser feilene til de er rettet.");
            state.publish_error(text);
        }
    }
}

/// What the watcher passes on: changed paths, or that it lost track and all must be read.
enum Seen {
    Paths(Vec<PathBuf>),
    Rescan,
}

impl Seen {
    fn add_to(self, changes: &mut Changes) {
        match self {
            Seen::Paths(p) => changes.paths.extend(p),
            Seen::Rescan => changes.rescan = true,
        }
    }
}

fn watch(root: &Path, tx: mpsc::Sender<Seen>) -> notify::Result<notify::RecommendedWatcher> {
    use notify::{RecursiveMode, Watcher};
    let mut w = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let ev = match res {
            Ok(ev) if ev.need_rescan() => return drop(tx.send(Seen::Rescan)),
            Ok(ev) => ev,
            // An error may mean lost events: read everything again.
            Err(_) => return drop(tx.send(Seen::Rescan)),
        };
        if matches!(ev.kind, notify::EventKind::Access(_)) {
            return;
        }
        let relevant: Vec<PathBuf> = ev
            .paths
            .into_iter()
            .filter(|p| {
                let s = p.to_string_lossy();
                !s.contains("/.git/")
                    && !s.contains("/public/")
                    && !s.ends_with('~')
                    && !s.contains("/.#")
            })
            .collect();
        if !relevant.is_empty() {
            let _ = tx.send(Seen::Paths(relevant));
        }
    })?;
    for p in ["content", "themes"] {
        let dir = root.join(p);
        if dir.is_dir() {
            w.watch(&dir, RecursiveMode::Recursive)?;
        }
    }
    w.watch(&root.join("site.toml"), RecursiveMode::NonRecursive)?;
    Ok(w)
}
