//! `motebok serve`: a live preview of the working tree on 127.0.0.1.
//!
//! The site is built into memory (never to disk), served by a small HTTP server, and rebuilt
//! when a file under `content/`, `themes/` or `site.toml` changes. Pages carry a tiny script
//! that long-polls the server and reloads when a new build is ready; a failed build shows its
//! errors in the page as well as in the terminal.

mod http;
mod state;

pub use state::{Snapshot, State};

use crate::build::{self, BuildError, Options};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What `serve` was asked for.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    /// 0 picks a free port.
    pub port: u16,
    pub as_of: Option<chrono::NaiveDate>,
}

/// Builds the working tree into memory: the preview's files by URL path, or the errors.
/// Pages whose inputs did not change are taken over from `cache`.
pub fn build_in_memory(
    root: &Path,
    as_of: Option<chrono::NaiveDate>,
    cache: &crate::pages::PageCache,
    branch: Option<&std::sync::Mutex<Option<crate::load::BranchState>>>,
    parsed: Option<&build::FileCache>,
) -> Result<Vec<crate::write::OutFile>, BuildError> {
    let opts = Options {
        root: root.to_path_buf(),
        output: root.join("public"),
        as_of,
        worktree: true,
    };
    let mut t = build::Timer::new();
    let cfg = build::read_config(root)?;
    let loaded = crate::load::load_worktree_cached(root, cfg, build::today(as_of)?, branch)?;
    t.lap("load");
    let site = build::resolve_site_cached(&loaded, parsed)?;
    t.lap("parse+resolve");
    let (_, files) = build::render_preview(&opts, &loaded, &site, cache)?;
    t.lap("render");
    Ok(files)
}

/// A running preview server. Dropping it does not stop the threads; `run` blocks.
pub struct Server {
    pub addr: std::net::SocketAddr,
    pub state: Arc<State>,
    listener: TcpListener,
}

impl Server {
    /// Binds 127.0.0.1:port and makes the first build.
    pub fn bind(opts: &ServeOptions) -> std::io::Result<Server> {
        let listener = TcpListener::bind(("127.0.0.1", opts.port))?;
        let addr = listener.local_addr()?;
        let state = Arc::new(State::default());
        rebuild(&state, &opts.root, opts.as_of);
        Ok(Server {
            addr,
            state,
            listener,
        })
    }

    /// Serves requests and rebuilds on changes until the process ends.
    pub fn run(self, opts: ServeOptions) -> std::io::Result<()> {
        let (tx, rx) = mpsc::channel::<()>();
        let mut watcher = watch(&opts.root, tx).map_err(std::io::Error::other)?;
        let state = self.state.clone();
        let root = opts.root.clone();
        std::thread::spawn(move || {
            let _keep = &mut watcher;
            while rx.recv().is_ok() {
                // Editors save in bursts (temp file, rename): wait for the burst to end.
                while rx.recv_timeout(Duration::from_millis(30)).is_ok() {}
                rebuild(&state, &root, opts.as_of);
            }
        });
        http::serve(self.listener, self.state)
    }
}

/// Rebuilds and publishes the result (files or errors) to every waiting browser.
pub fn rebuild(state: &State, root: &Path, as_of: Option<chrono::NaiveDate>) {
    let started = Instant::now();
    match build_in_memory(
        root,
        as_of,
        &state.pages,
        Some(&state.branch),
        Some(&state.files),
    ) {
        Ok(files) => {
            let n = files.len();
            let changed = state.publish_files(files);
            let rendered = state
                .pages
                .rendered
                .load(std::sync::atomic::Ordering::Relaxed);
            eprintln!(
                "Bygget på nytt: {rendered} sider laget, {changed} av {n} filer endret ({} ms).",
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

fn watch(root: &Path, tx: mpsc::Sender<()>) -> notify::Result<notify::RecommendedWatcher> {
    use notify::{RecursiveMode, Watcher};
    let mut w = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(ev) = res {
            let relevant = ev.paths.iter().any(|p| {
                let s = p.to_string_lossy();
                !s.contains("/.git/")
                    && !s.contains("/public/")
                    && !s.ends_with('~')
                    && !s.contains("/.#")
            });
            if relevant && !matches!(ev.kind, notify::EventKind::Access(_)) {
                let _ = tx.send(());
            }
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
