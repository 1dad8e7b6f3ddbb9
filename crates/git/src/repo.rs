//! A repository and what the builder reads from it: branch tips, trees, blobs, the index, a
//! tree diff. Thin handles over libgit2's, so that no other crate names git2 (the builder's
//! API would otherwise carry it); each does what the builder did with git2 directly, no more.

use std::fmt;
use std::path::Path;

/// An error from git, with libgit2's message.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct Error(#[from] git2::Error);

impl Error {
    /// An error with `message` alone: a failure found outside git2 (a blob that does not
    /// hold what the snapshot says), reported as git's own are.
    pub fn from_message(message: &str) -> Error {
        Error(git2::Error::from_str(message))
    }

    /// libgit2's message alone, without its class and code.
    pub fn message(&self) -> &str {
        self.0.message()
    }

    /// A new error with the same message alone (no class or code): one error repeated where
    /// it cannot be moved.
    pub fn message_only(&self) -> Error {
        Error(git2::Error::from_str(self.0.message()))
    }

    /// Whether git found no such object, reference or merge base.
    pub fn is_not_found(&self) -> bool {
        self.0.code() == git2::ErrorCode::NotFound
    }
}

/// A git object id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Oid(git2::Oid);

impl Oid {
    /// The id written in hex (full or abbreviated, as git2 parses it).
    pub fn from_hex(hex: &str) -> Result<Oid, Error> {
        Ok(Oid(git2::Oid::from_str(hex)?))
    }

    /// The id of 20 raw bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Oid, Error> {
        Ok(Oid(git2::Oid::from_bytes(bytes)?))
    }

    /// Its raw bytes.
    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }

    /// Whether it is the all-zero id (no object: the absent side of a diff).
    pub fn is_zero(&self) -> bool {
        self.0.is_zero()
    }
}

impl From<git2::Oid> for Oid {
    fn from(id: git2::Oid) -> Self {
        Oid(id)
    }
}

impl fmt::Display for Oid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Full hex, as git2 writes it (the snapshot stores a tree id so).
        fmt::Display::fmt(&self.0, f)
    }
}

/// What a tree entry points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A folder.
    Tree,
    /// A file or a symbolic link (see [`Entry::mode`]).
    Blob,
    /// A submodule's commit, or what git cannot tell.
    Other,
}

/// An open repository.
pub struct Repo(git2::Repository);

impl Repo {
    /// Opens the repository whose top (or git folder) is `path`.
    pub fn open(path: impl AsRef<Path>) -> Result<Repo, Error> {
        Ok(Repo(git2::Repository::open(path)?))
    }

    pub(crate) fn raw(&self) -> &git2::Repository {
        &self.0
    }

    /// Its git folder (`.git/`).
    pub fn git_dir(&self) -> &Path {
        self.0.path()
    }

    /// Its working tree, unless it is bare.
    pub fn workdir(&self) -> Option<&Path> {
        self.0.workdir()
    }

    /// The tip of the publishing branch (`refs/heads/<branch>`, else `origin`'s), if any.
    pub fn branch_tip(&self, branch: &str) -> Option<Oid> {
        branch_ref(&self.0, branch).ok()?.target().map(Oid)
    }

    /// The tree at the tip of the publishing branch (as [`Repo::branch_tip`] finds it).
    pub fn branch_tree(&self, branch: &str) -> Option<Tree<'_>> {
        let reference = branch_ref(&self.0, branch).ok()?;
        reference.peel_to_tree().ok().map(Tree)
    }

    /// The trees at the tips of every local branch, then every remote-tracking one (what
    /// does not peel to a tree is left out).
    pub fn branch_trees(&self) -> Vec<Tree<'_>> {
        let mut out = Vec::new();
        for glob in ["refs/heads/*", "refs/remotes/*"] {
            let Ok(refs) = self.0.references_glob(glob) else {
                continue;
            };
            out.extend(
                refs.flatten()
                    .filter_map(|r| r.peel_to_tree().ok())
                    .map(Tree),
            );
        }
        out
    }

    /// The commit `HEAD` names.
    pub fn head_commit(&self) -> Result<Oid, Error> {
        Ok(Oid(self.0.head()?.peel_to_commit()?.id()))
    }

    /// The tree of commit `id`.
    pub fn commit_tree(&self, id: Oid) -> Result<Tree<'_>, Error> {
        Ok(Tree(self.0.find_commit(id.0)?.tree()?))
    }

    /// The tree of the first parent of commit `id`.
    pub fn first_parent_tree(&self, id: Oid) -> Result<Tree<'_>, Error> {
        Ok(Tree(self.0.find_commit(id.0)?.parent(0)?.tree()?))
    }

    /// The best common ancestor of two commits, `None` when their histories are unrelated.
    pub fn merge_base(&self, a: Oid, b: Oid) -> Result<Option<Oid>, Error> {
        match self.0.merge_base(a.0, b.0) {
            Ok(id) => Ok(Some(Oid(id))),
            Err(e) if e.code() == git2::ErrorCode::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// The tree `id`.
    pub fn tree(&self, id: Oid) -> Result<Tree<'_>, Error> {
        Ok(Tree(self.0.find_tree(id.0)?))
    }

    /// The blob `id`.
    pub fn blob(&self, id: Oid) -> Result<Blob<'_>, Error> {
        Ok(Blob(self.0.find_blob(id.0)?))
    }

    /// The object store, to ask which objects it holds.
    pub fn objects(&self) -> Result<Objects<'_>, Error> {
        Ok(Objects(self.0.odb()?))
    }

    /// The file mode the index (stage 0) gives `path`, if it tracks it.
    pub fn index_mode(&self, path: &str) -> Option<u32> {
        let index = self.0.index().ok()?;
        Some(index.get_path(Path::new(path), 0)?.mode)
    }

    /// The files added, changed or deleted between two trees below `pathspec`, in git's order.
    pub fn diff_trees(
        &self,
        old: &Tree<'_>,
        new: &Tree<'_>,
        pathspec: &str,
    ) -> Result<Vec<Delta>, Error> {
        let mut o = git2::DiffOptions::new();
        o.pathspec(pathspec).skip_binary_check(true);
        let diff = self
            .0
            .diff_tree_to_tree(Some(&old.0), Some(&new.0), Some(&mut o))?;
        let side = |f: git2::DiffFile<'_>| Side {
            path: f.path_bytes().map(<[u8]>::to_vec),
            id: Oid(f.id()),
            mode: u32::from(f.mode()),
        };
        Ok(diff
            .deltas()
            .map(|d| Delta {
                old: side(d.old_file()),
                new: side(d.new_file()),
            })
            .collect())
    }
}

/// One side of a changed file in [`Repo::diff_trees`].
#[derive(Debug, Clone)]
pub struct Side {
    /// Its path as git stores it, if git gives one.
    pub path: Option<Vec<u8>>,
    /// Its blob, zero on the absent side.
    pub id: Oid,
    /// Its git file mode (`0o100644`, `0o100755`, `0o120000` for a link, ...).
    pub mode: u32,
}

/// A changed file in [`Repo::diff_trees`]: before and after.
#[derive(Debug, Clone)]
pub struct Delta {
    /// The file before.
    pub old: Side,
    /// The file after.
    pub new: Side,
}

/// A tree (folder) of the repository.
#[derive(Clone)]
pub struct Tree<'r>(git2::Tree<'r>);

impl<'r> Tree<'r> {
    /// Its id.
    pub fn id(&self) -> Oid {
        Oid(self.0.id())
    }

    /// The entry named `name` directly in it.
    pub fn get_name(&self, name: &str) -> Option<Entry<'_>> {
        self.0.get_name(name).map(Entry::owned)
    }

    /// The entry at `path` (`/`-separated) below it.
    pub fn get_path(&self, path: &str) -> Option<Entry<'static>> {
        self.0.get_path(Path::new(path)).ok().map(Entry::owned)
    }

    /// Its entries, in git's order.
    pub fn iter(&self) -> impl Iterator<Item = Entry<'_>> {
        self.0.iter().map(Entry::owned)
    }

    /// Visits every entry below it, parents first, with the folder it is in (`a/b/`, empty at
    /// the top); `visit` returning `false` stops the walk (which then reports an error).
    pub fn walk(&self, mut visit: impl FnMut(&str, &Entry<'_>) -> bool) -> Result<(), Error> {
        self.0.walk(git2::TreeWalkMode::PreOrder, |dir, e| {
            if visit(dir, &Entry::lent(e)) {
                git2::TreeWalkResult::Ok
            } else {
                git2::TreeWalkResult::Abort
            }
        })?;
        Ok(())
    }
}

/// An entry of a [`Tree`]: its own, or lent for one call of [`Tree::walk`] (not copied).
pub struct Entry<'t>(Inner<'t>);

enum Inner<'t> {
    Owned(git2::TreeEntry<'t>),
    Lent(&'t git2::TreeEntry<'t>),
}

impl<'t> Entry<'t> {
    fn owned(e: git2::TreeEntry<'t>) -> Self {
        Entry(Inner::Owned(e))
    }

    fn lent(e: &'t git2::TreeEntry<'t>) -> Self {
        Entry(Inner::Lent(e))
    }

    fn raw(&self) -> &git2::TreeEntry<'t> {
        match &self.0 {
            Inner::Owned(e) => e,
            Inner::Lent(e) => e,
        }
    }

    /// Its name as git stores it (not always UTF-8, not always NFC).
    pub fn name_bytes(&self) -> &[u8] {
        self.raw().name_bytes()
    }

    /// Its name, if it is UTF-8.
    pub fn name(&self) -> Option<&str> {
        self.raw().name()
    }

    /// The object it points at.
    pub fn id(&self) -> Oid {
        Oid(self.raw().id())
    }

    /// Its git file mode (`0o040000` folder, `0o100644` file, `0o120000` link, ...).
    pub fn mode(&self) -> i32 {
        self.raw().filemode()
    }

    /// What it points at.
    pub fn kind(&self) -> Kind {
        match self.raw().kind() {
            Some(git2::ObjectType::Tree) => Kind::Tree,
            Some(git2::ObjectType::Blob) => Kind::Blob,
            _ => Kind::Other,
        }
    }
}

/// A blob (a file's bytes) of the repository.
pub struct Blob<'r>(git2::Blob<'r>);

impl Blob<'_> {
    /// Its bytes.
    pub fn content(&self) -> &[u8] {
        self.0.content()
    }

    /// Its size in bytes.
    pub fn size(&self) -> usize {
        self.0.size()
    }
}

/// The object store of a repository.
pub struct Objects<'r>(git2::Odb<'r>);

impl Objects<'_> {
    /// Whether it holds the object `id`.
    pub fn contains(&self, id: Oid) -> bool {
        self.0.exists(id.0)
    }
}

/// The publishing branch: `refs/heads/<branch>`, else `refs/remotes/origin/<branch>` (a CI
/// checkout of a pull request often has the branch only as `origin/<branch>`).
pub(crate) fn branch_ref<'r>(
    repo: &'r git2::Repository,
    branch: &str,
) -> Result<git2::Reference<'r>, git2::Error> {
    repo.find_reference(&format!("refs/heads/{branch}"))
        .or_else(|_| repo.find_reference(&format!("refs/remotes/origin/{branch}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_oid_reads_and_writes_as_git_hex() {
        let hex = "0123456789abcdef0123456789abcdef01234567";
        let id = Oid::from_hex(hex).unwrap();
        assert_eq!(id.to_string(), hex);
        assert_eq!(Oid::from_bytes(id.as_bytes()).unwrap(), id);
        assert!(!id.is_zero());
        assert!(Oid::from_bytes(&[0; 20]).unwrap().is_zero());
        let e = Oid::from_hex("not hex").unwrap_err();
        assert_eq!(
            e.to_string(),
            git2::Oid::from_str("not hex").unwrap_err().to_string()
        );
    }
}
