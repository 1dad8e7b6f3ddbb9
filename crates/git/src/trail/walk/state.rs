//! The fold's state, and what a walk leaves behind to be continued ([`WalkState`]).

use super::super::renames::PathChange;
use super::super::{Departed, DirectCommit, History, TrailOptions};
use chrono::{DateTime, FixedOffset};
use git2::Oid;
use motebok_domain::trail::{Change, FileTrail, TrailEntry, Trails};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::HashMap;
use std::sync::Arc;

/// A commit or tree id as its 20 raw bytes: cheaper to store and read back than hex.
pub(super) type RawId = [u8; 20];

pub(super) fn raw(id: Oid) -> RawId {
    // git2 0.20 knows only SHA-1 ids.
    id.as_bytes().try_into().expect("a git id has 20 bytes")
}

pub(super) fn oid(raw: &RawId) -> Oid {
    Oid::from_bytes(raw).expect("a git id has 20 bytes")
}

/// The trails being built: one per file lifetime, found by current path. A deleted path keeps
/// its entry in `by_path`: a file added back continues its trail.
///
/// Trails are shared with the [`History`] made from the state; appending to one copies it only
/// while a history still holds it (copy on write), so the state can be kept and continued.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct State {
    by_path: HashMap<String, usize>,
    trails: Vec<Arc<FileTrail>>,
}

impl State {
    fn trail(&mut self, path: String) -> &mut FileTrail {
        let next = self.trails.len();
        let idx = *self.by_path.entry(path).or_insert(next);
        if idx == next {
            self.trails.push(Arc::default());
        }
        Arc::make_mut(&mut self.trails[idx])
    }

    pub(super) fn apply(&mut self, change: PathChange, template: &TrailEntry) {
        let entry = |change: Change| TrailEntry {
            change,
            ..template.clone()
        };
        match change {
            PathChange::Added(path) => self.trail(path).entries.push(entry(Change::Added)),
            PathChange::Modified(path) => self.trail(path).entries.push(entry(Change::Modified)),
            PathChange::Deleted(path) => {
                if let Some(&idx) = self.by_path.get(&path) {
                    Arc::make_mut(&mut self.trails[idx])
                        .entries
                        .push(entry(Change::Deleted));
                }
            }
            PathChange::Renamed { from, to } => {
                let idx = match self.by_path.remove(&from) {
                    Some(idx) => idx,
                    None => {
                        self.trails.push(Arc::default());
                        self.trails.len() - 1
                    }
                };
                self.by_path.insert(to, idx);
                Arc::make_mut(&mut self.trails[idx])
                    .entries
                    .push(entry(Change::Renamed { from }));
            }
        }
    }

    /// The trails of the paths that exist at the tip (shared, not copied).
    pub(super) fn trails(&self) -> Trails {
        let mut out = Trails::with_capacity(self.by_path.len());
        for (path, &idx) in &self.by_path {
            let trail = &self.trails[idx];
            match trail.entries.last() {
                None
                | Some(TrailEntry {
                    change: Change::Deleted,
                    ..
                }) => {}
                Some(_) => {
                    out.insert(path.clone(), Arc::clone(trail));
                }
            }
        }
        out
    }

    /// The paths that were on the branch and are not at the tip, sorted: each deleted path,
    /// and each path a file was moved away from that no file has now. A file moved and then
    /// deleted left its old paths with its deletion.
    pub(super) fn departed(&self) -> Vec<Departed> {
        let deleted =
            |t: &FileTrail| matches!(t.entries.last(), Some(e) if e.change == Change::Deleted);
        let live = |p: &str| {
            self.by_path
                .get(p)
                .is_some_and(|&i| !deleted(&self.trails[i]))
        };
        let mut out: HashMap<&str, Departed> = HashMap::new();
        for (path, &idx) in &self.by_path {
            let trail = &self.trails[idx];
            let last = trail.entries.len().saturating_sub(1);
            let gone = deleted(trail);
            if gone {
                out.insert(path, departure(path, trail, None, last));
            }
            for (i, e) in trail.entries.iter().enumerate() {
                if let Change::Renamed { from } = &e.change {
                    if live(from) {
                        continue;
                    }
                    let d = match gone {
                        true => departure(from, trail, None, last),
                        false => departure(from, trail, Some(path), i),
                    };
                    // A path left twice (moved away, a new file there deleted): the later.
                    let later = out.get(from.as_str()).is_none_or(|o| {
                        o.trail.entries[o.left].time <= d.trail.entries[d.left].time
                    });
                    if later {
                        out.insert(from, d);
                    }
                }
            }
        }
        let mut v: Vec<Departed> = out.into_values().collect();
        v.sort_by(|a, b| a.path.cmp(&b.path));
        v
    }
}

fn departure(path: &str, trail: &Arc<FileTrail>, now: Option<&String>, left: usize) -> Departed {
    Departed {
        path: path.to_string(),
        trail: Arc::clone(trail),
        now: now.cloned(),
        left,
    }
}

/// How a [`State`] is stored: the facts of each commit once, each trail entry as the number
/// of its commit and its change. A commit touches many files (the large corpus: 20,302
/// entries from 1,774 commits), and writing its id, subject and names once per file made the
/// state four times larger and slower to write and read.
#[derive(Serialize, Deserialize)]
struct Stored<M, F, C> {
    by_path: M,
    commits: Vec<F>,
    trails: Vec<Vec<(u32, C)>>,
}

/// The facts an entry shares with every other entry of its commit, borrowed to be written.
#[derive(Serialize)]
struct FactsRef<'a> {
    commit: &'a str,
    time: &'a DateTime<FixedOffset>,
    subject: &'a str,
    approvers: &'a [String],
    pull_request: Option<u32>,
    authors: &'a [String],
    direct: bool,
    imported: bool,
}

/// [`FactsRef`], read back.
#[derive(Deserialize)]
struct Facts {
    commit: String,
    time: DateTime<FixedOffset>,
    subject: String,
    approvers: Vec<String>,
    pull_request: Option<u32>,
    authors: Vec<String>,
    direct: bool,
    imported: bool,
}

impl Facts {
    fn entry(&self, change: Change) -> TrailEntry {
        TrailEntry {
            commit: self.commit.clone(),
            time: self.time,
            subject: self.subject.clone(),
            approvers: self.approvers.clone(),
            pull_request: self.pull_request,
            authors: self.authors.clone(),
            change,
            direct: self.direct,
            imported: self.imported,
        }
    }
}

impl Serialize for State {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut numbers: HashMap<&str, u32> = HashMap::new();
        let mut commits = Vec::new();
        let mut trails = Vec::with_capacity(self.trails.len());
        for trail in &self.trails {
            let mut entries = Vec::with_capacity(trail.entries.len());
            for e in &trail.entries {
                let n = *numbers.entry(&e.commit).or_insert_with(|| {
                    commits.push(FactsRef {
                        commit: &e.commit,
                        time: &e.time,
                        subject: &e.subject,
                        approvers: &e.approvers,
                        pull_request: e.pull_request,
                        authors: &e.authors,
                        direct: e.direct,
                        imported: e.imported,
                    });
                    (commits.len() - 1) as u32
                });
                entries.push((n, &e.change));
            }
            trails.push(entries);
        }
        Stored {
            by_path: &self.by_path,
            commits,
            trails,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for State {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let stored = Stored::<HashMap<String, usize>, Facts, Change>::deserialize(d)?;
        let mut trails = Vec::with_capacity(stored.trails.len());
        for entries in stored.trails {
            let entries = entries
                .into_iter()
                .map(|(n, change)| match stored.commits.get(n as usize) {
                    Some(facts) => Ok(facts.entry(change)),
                    None => Err(D::Error::custom("a trail entry names no stored commit")),
                })
                .collect::<Result<Vec<_>, _>>()?;
            trails.push(Arc::new(FileTrail { entries }));
        }
        if stored.by_path.values().any(|&i| i >= trails.len()) {
            return Err(D::Error::custom("a path names no stored trail"));
        }
        Ok(State {
            by_path: stored.by_path,
            trails,
        })
    }
}

/// Everything needed to continue a walk later ([`super::read_history_from`]): where it
/// stopped, the trails so far (of deleted paths too), the direct commits, the commits already
/// accounted for by merges, and the options it was made with. Serde makes it storable between
/// processes (a binary format such as postcard suits it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WalkState {
    pub(super) options: TrailOptions,
    /// The commit the import mark named, when it names one.
    pub(super) import_mark: Option<RawId>,
    /// The branch tip walked to, and its tree.
    pub(super) tip: RawId,
    pub(super) tree: RawId,
    /// The tree at the prefix folder at the tip, if there is one: what the next commit is
    /// compared with.
    pub(super) prefix_tree: Option<RawId>,
    pub(super) state: State,
    pub(super) direct_commits: Vec<DirectCommit>,
    /// `MergedCommits::known`: the first-parent chain and every commit its merges brought in
    /// (sorted, so that equal states are equal).
    pub(super) known: Vec<RawId>,
    /// First-parent commits folded in, over all the walks this state continues.
    pub(super) commits: usize,
}

impl WalkState {
    /// The branch tip the walk reached.
    pub fn tip(&self) -> crate::Oid {
        self.tip_id().into()
    }

    pub(crate) fn tip_id(&self) -> Oid {
        oid(&self.tip)
    }

    /// The options the walk was made with.
    pub fn options(&self) -> &TrailOptions {
        &self.options
    }

    /// First-parent commits folded in, from the root to [`WalkState::tip`].
    pub fn commits(&self) -> usize {
        self.commits
    }

    /// The history at the tip; `commits_walked` is what the last walk did.
    pub(super) fn history(&self, commits_walked: usize) -> History {
        History {
            head: self.tip_id().to_string(),
            tree: oid(&self.tree).into(),
            trails: self.state.trails(),
            departed: self.state.departed(),
            direct_commits: self.direct_commits.clone(),
            commits_walked,
        }
    }
}
