//! The hand-written tree comparison against libgit2's on every first-parent commit of a
//! generated history: a seeded random sequence of the changes a content repository sees
//! (files added, edited, deleted, moved, made executable or symlinks; folders removed; a file
//! and a folder trading a name; merges of branches; changes outside `content/`), with names
//! chosen to test git's entry order (`a`, `a-b`, `a.md`, `a0`, `a/`) and a prefix look-alike
//! (`contentx/`). Set `MOTEBOK_TRAIL_REPO` to compare on a real repository instead.

use super::*;

const MODE_FILE: i32 = 0o100644;
const MODE_EXEC: i32 = 0o100755;
const MODE_LINK: i32 = 0o120000;

/// Names for folders and files alike, so that a file and a folder come to share a name.
const NAMES: &[&str] = &[
    "a",
    "a-b",
    "a.md",
    "a0",
    "b",
    "ssu",
    "2025-05-22",
    "vedlegg",
    "sak 1.md",
    "æøå.md",
    "Ø",
    "z",
];

/// Folders beside `content/`: the walk must not see them.
const OUTSIDE: &[&str] = &[
    "site.toml",
    "themes/t/base.html",
    "contentx/a",
    "content.md",
];

/// splitmix64: a small, seeded, portable generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A tree as paths from the root to (blob, mode).
type Entries = BTreeMap<String, (Oid, i32)>;

/// What kinds of change the history holds, to be sure it tests them.
#[derive(Default, Debug)]
struct Counts {
    commits: usize,
    merges: usize,
    file_to_dir: usize,
    mode_changes: usize,
    type_changes: usize,
    moves: usize,
    folders_removed: usize,
    content_gone: usize,
}

struct Gen<'r> {
    repo: &'r Repository,
    rng: Rng,
    seq: u32,
    counts: Counts,
}

impl<'r> Gen<'r> {
    fn blob(&mut self) -> Oid {
        // Few distinct texts, so equal blobs turn up under different paths.
        let n = self.rng.below(40);
        self.repo
            .blob(format!("---\ntittel: Tekst {n}\n---\nInnhold {n}.\n").as_bytes())
            .unwrap()
    }

    fn content_path(&mut self) -> String {
        let mut p = String::from("content");
        for _ in 0..=self.rng.below(4) {
            p.push('/');
            let name = *self.rng.pick(NAMES);
            p.push_str(name);
        }
        p
    }

    /// Puts a file at `path`, removing a file where a folder of it must be, and the folder
    /// where it must go.
    fn put(&mut self, e: &mut Entries, path: String, blob: Oid, mode: i32) {
        let below = format!("{path}/");
        let before = e.len();
        e.retain(|p, _| !below.starts_with(&format!("{p}/")) && !p.starts_with(&below));
        if e.len() != before {
            self.counts.file_to_dir += 1;
        }
        e.insert(path, (blob, mode));
    }

    fn content_files(e: &Entries) -> Vec<String> {
        e.keys()
            .filter(|p| p.starts_with("content/"))
            .cloned()
            .collect()
    }

    /// One random change.
    fn change(&mut self, e: &mut Entries) {
        let files = Self::content_files(e);
        let existing = |rng: &mut Rng| -> Option<String> {
            (!files.is_empty()).then(|| rng.pick(&files).clone())
        };
        match self.rng.below(100) {
            0..=29 => {
                let (p, b) = (self.content_path(), self.blob());
                self.put(e, p, b, MODE_FILE);
            }
            30..=49 => {
                if let Some(p) = existing(&mut self.rng) {
                    let b = self.blob();
                    e.get_mut(&p).unwrap().0 = b;
                }
            }
            50..=61 => {
                if let Some(p) = existing(&mut self.rng) {
                    e.remove(&p);
                }
            }
            62..=69 => {
                if let Some(p) = existing(&mut self.rng) {
                    let (b, m) = e.remove(&p).unwrap();
                    let to = self.content_path();
                    self.put(e, to, b, m);
                    self.counts.moves += 1;
                }
            }
            70..=74 => {
                if let Some(p) = existing(&mut self.rng) {
                    if let Some((dir, _)) = p.rsplit_once('/') {
                        let below = format!("{dir}/");
                        e.retain(|q, _| !q.starts_with(&below));
                        self.counts.folders_removed += 1;
                    }
                }
            }
            75..=81 => {
                if let Some(p) = existing(&mut self.rng) {
                    let m = &mut e.get_mut(&p).unwrap().1;
                    *m = if *m == MODE_EXEC {
                        MODE_FILE
                    } else {
                        MODE_EXEC
                    };
                    self.counts.mode_changes += 1;
                }
            }
            82..=86 => {
                let p = self.content_path();
                let target = self.repo.blob(b"../a.md").unwrap();
                self.put(e, p, target, MODE_LINK);
            }
            87..=90 => {
                // A file becomes a symlink under the same name, or back.
                if let Some(p) = existing(&mut self.rng) {
                    let m = &mut e.get_mut(&p).unwrap().1;
                    *m = if *m == MODE_LINK {
                        MODE_FILE
                    } else {
                        MODE_LINK
                    };
                    self.counts.type_changes += 1;
                }
            }
            91 => {
                e.retain(|p, _| !p.starts_with("content/"));
                self.counts.content_gone += 1;
            }
            _ => {
                let p = self.rng.pick(OUTSIDE).to_string();
                let b = self.blob();
                self.put(e, p, b, MODE_FILE);
            }
        }
    }

    fn commit(&mut self, parents: &[Oid], e: &Entries) -> Oid {
        self.seq += 1;
        let tree = self.repo.find_tree(build_tree(self.repo, e)).unwrap();
        let who = sig(&ALICE, T0 + i64::from(self.seq) * 3600, 60);
        let parents: Vec<git2::Commit<'_>> = parents
            .iter()
            .map(|id| self.repo.find_commit(*id).unwrap())
            .collect();
        let refs: Vec<&git2::Commit<'_>> = parents.iter().collect();
        self.counts.commits += 1;
        self.repo
            .commit(
                None,
                &who,
                &who,
                &format!("Endring {}", self.seq),
                &tree,
                &refs,
            )
            .unwrap()
    }

    /// A commit of 0 to 3 changes (0: a commit that changes nothing).
    fn step(&mut self, parent: Option<Oid>, e: &mut Entries) -> Oid {
        for _ in 0..self.rng.below(4) {
            self.change(e);
        }
        let parents: Vec<Oid> = parent.into_iter().collect();
        self.commit(&parents, e)
    }
}

/// Writes the tree of `entries`, folders from the paths' `/`.
fn build_tree(repo: &Repository, entries: &Entries) -> Oid {
    let mut tb = repo.treebuilder(None).unwrap();
    let mut dirs: BTreeMap<&str, Entries> = BTreeMap::new();
    for (path, &(id, mode)) in entries {
        match path.split_once('/') {
            Some((dir, rest)) => {
                dirs.entry(dir)
                    .or_default()
                    .insert(rest.to_owned(), (id, mode));
            }
            None => {
                tb.insert(path, id, mode).unwrap();
            }
        }
    }
    for (name, sub) in dirs {
        tb.insert(name, build_tree(repo, &sub), 0o040000).unwrap();
    }
    tb.write().unwrap()
}

/// A history on `main` of about `steps` first-parent commits, every tenth or so a merge of a
/// branch of one to three commits (its tree the branch's, as a merge without conflicts).
fn generate(repo: &Repository, seed: u64, steps: usize) -> Counts {
    let mut g = Gen {
        repo,
        rng: Rng(seed),
        seq: 0,
        counts: Counts::default(),
    };
    let mut main = Entries::new();
    let mut tip = g.step(None, &mut main);
    for _ in 0..steps {
        if g.rng.below(10) == 0 {
            let mut branch = main.clone();
            let mut b = tip;
            for _ in 0..=g.rng.below(3) {
                b = g.step(Some(b), &mut branch);
            }
            main = branch;
            tip = g.commit(&[tip, b], &main);
            g.counts.merges += 1;
        } else {
            tip = g.step(Some(tip), &mut main);
        }
    }
    repo.reference("refs/heads/main", tip, true, "generated")
        .unwrap();
    g.counts
}

/// Every first-parent commit's change below `content/`, ours and libgit2's: the same files with
/// the same blob ids on either side.
#[test]
fn treediff_agrees_with_libgit2_on_a_generated_history() {
    let generated = tempfile::tempdir().unwrap();
    let path = match std::env::var("MOTEBOK_TRAIL_REPO") {
        Ok(p) => std::path::PathBuf::from(p),
        Err(_) => {
            let repo = Repository::init_bare(generated.path()).unwrap();
            let counts = generate(&repo, 14, 600);
            // The history must hold every kind of change it is meant to test.
            let Counts {
                merges,
                file_to_dir,
                mode_changes,
                type_changes,
                moves,
                folders_removed,
                content_gone,
                ..
            } = counts;
            for (what, n) in [
                ("merges", merges),
                ("file/folder swaps", file_to_dir),
                ("mode changes", mode_changes),
                ("type changes", type_changes),
                ("moves", moves),
                ("folders removed", folders_removed),
                ("content/ removed", content_gone),
            ] {
                assert!(n >= 3, "only {n} {what} in {counts:?}");
            }
            generated.path().to_owned()
        }
    };
    let repo = Repository::open(path).unwrap();
    let mut id = repo.refname_to_id("refs/heads/main").unwrap();
    let (mut checked, mut changed) = (0, 0);
    let zero = |id: Oid| if id.is_zero() { None } else { Some(id) };
    loop {
        let c = repo.find_commit(id).unwrap();
        let new = c.tree().unwrap();
        let old = c.parent(0).ok().map(|p| p.tree().unwrap());
        let po = old
            .as_ref()
            .and_then(|t| treediff::prefix_tree(&repo, t, "content/").unwrap());
        let pn = treediff::prefix_tree(&repo, &new, "content/").unwrap();
        let ch = treediff::diff(&repo, po.as_ref(), pn.as_ref(), "content/").unwrap();
        let mut mine: Vec<(String, Option<Oid>, Option<Oid>)> = ch
            .files
            .into_iter()
            .map(|f| (f.path, f.old, f.new))
            .collect();
        mine.sort();
        let mut opts = git2::DiffOptions::new();
        // A file that becomes a symlink is one change, as in ours.
        opts.pathspec("content/").include_typechange(true);
        let d = repo
            .diff_tree_to_tree(old.as_ref(), Some(&new), Some(&mut opts))
            .unwrap();
        let mut theirs: Vec<(String, Option<Oid>, Option<Oid>)> = d
            .deltas()
            .map(|d| {
                let p = d.new_file().path().or(d.old_file().path()).unwrap();
                (
                    p.to_string_lossy().into_owned(),
                    zero(d.old_file().id()),
                    zero(d.new_file().id()),
                )
            })
            .collect();
        theirs.sort();
        assert_eq!(mine, theirs, "commit {id}");
        checked += 1;
        changed += usize::from(!mine.is_empty());
        match c.parent_id(0) {
            Ok(p) => id = p,
            Err(_) => break,
        }
    }
    assert!(
        changed > checked / 2,
        "{changed} of {checked} commits change content/"
    );
    eprintln!("checked {checked} commits, {changed} with changes below content/");
}
