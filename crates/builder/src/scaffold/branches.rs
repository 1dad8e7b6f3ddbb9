//! Case numbers in git trees: those on other branches, which `motebok new sak` must not take,
//! and those `check --against` compares between a pull request and its target branch.

use motebok_domain::CaseNumber;
use motebok_parser::frontmatter::{split, Value};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// A case file as a tree holds it: `content/<organ>/<meeting>/<name>.md`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeCase {
    /// The body's id.
    pub organ: String,
    /// Repository path.
    pub path: String,
    /// The number in the file name, if it is one.
    pub stem: Option<CaseNumber>,
    /// `saksnr` as written, with the line of its key and the column of its value.
    pub saksnr: Option<(CaseNumber, u32, u32)>,
    /// `tittel` as written.
    pub title: Option<String>,
}

impl TreeCase {
    /// The number the site knows the case by: `saksnr`, else the file name's.
    pub fn number(&self) -> Option<CaseNumber> {
        self.saksnr.map(|s| s.0).or(self.stem)
    }

    /// Every number the file claims (a draft's name and `saksnr` may disagree).
    pub fn numbers(&self) -> impl Iterator<Item = CaseNumber> {
        self.stem.into_iter().chain(self.saksnr.map(|s| s.0))
    }
}

/// Case files are small; a larger blob is not read for its front matter (its name still counts).
const MAX_READ: usize = 1 << 20;

/// The case files under `content/` in `tree`; `organ` narrows the walk to one body and `year`
/// to its meeting folders of that year.
pub fn cases_in_tree(
    repo: &motebok_git::Repo,
    tree: &motebok_git::Tree,
    organ: Option<&str>,
    year: Option<i32>,
) -> Vec<TreeCase> {
    CaseReader::new(repo).cases(tree, organ, year)
}

/// Reads the cases of several trees of one repository; a meeting folder the trees share (the
/// same tree id at the same path) is read once.
pub struct CaseReader<'r> {
    repo: &'r motebok_git::Repo,
    meetings: HashMap<(motebok_git::Oid, String), Vec<TreeCase>>,
}

impl<'r> CaseReader<'r> {
    /// A reader with an empty cache of meeting folders.
    pub fn new(repo: &'r motebok_git::Repo) -> Self {
        CaseReader {
            repo,
            meetings: HashMap::new(),
        }
    }

    /// As [`cases_in_tree`].
    pub fn cases(
        &mut self,
        tree: &motebok_git::Tree,
        organ: Option<&str>,
        year: Option<i32>,
    ) -> Vec<TreeCase> {
        let mut out = Vec::new();
        let Some(content) = subtree(self.repo, tree, "content") else {
            return out;
        };
        let prefix = year.map(|y| format!("{y}-"));
        for body in content.iter() {
            let Some(name) = body.name() else { continue };
            if organ.is_some_and(|o| o != name) || name.starts_with(['.', '_']) {
                continue;
            }
            let Some(otree) = subtree(self.repo, &content, name) else {
                continue;
            };
            for meeting in otree.iter() {
                let Some(mname) = meeting.name() else {
                    continue;
                };
                let wrong_year = prefix
                    .as_ref()
                    .is_some_and(|p| !mname.starts_with(p.as_str()));
                if wrong_year || meeting.kind() != motebok_git::Kind::Tree {
                    continue;
                }
                let key = (meeting.id(), format!("content/{name}/{mname}"));
                let cases = self
                    .meetings
                    .entry(key)
                    .or_insert_with_key(|(id, dir)| meeting_cases(self.repo, name, dir, *id));
                out.extend(cases.iter().cloned());
            }
        }
        out
    }
}

/// The case files of one meeting folder `dir`, whose tree is `id`.
fn meeting_cases(
    repo: &motebok_git::Repo,
    organ: &str,
    dir: &str,
    id: motebok_git::Oid,
) -> Vec<TreeCase> {
    let mut out = Vec::new();
    let Ok(mtree) = repo.tree(id) else {
        return out;
    };
    for file in mtree.iter() {
        let Some(fname) = file.name() else { continue };
        let Some(stem) = fname.strip_suffix(".md") else {
            continue;
        };
        if fname.starts_with(['.', '_']) || file.kind() != motebok_git::Kind::Blob {
            continue;
        }
        let text = repo
            .blob(file.id())
            .ok()
            .filter(|b| b.size() <= MAX_READ)
            .and_then(|b| String::from_utf8(b.content().to_vec()).ok());
        let (saksnr, title) = text.as_deref().map(front_matter).unwrap_or((None, None));
        out.push(TreeCase {
            organ: organ.to_string(),
            path: format!("{dir}/{fname}"),
            stem: CaseNumber::parse(stem),
            saksnr,
            title,
        });
    }
    out
}

type Saksnr = Option<(CaseNumber, u32, u32)>;

fn front_matter(text: &str) -> (Saksnr, Option<String>) {
    let Ok(fm) = split("", text) else {
        return (None, None);
    };
    let saksnr = fm.get("saksnr").and_then(|f| {
        let n = match &f.value {
            Value::Str(s) => CaseNumber::parse(s.trim()),
            // `2025.10` unquoted is a float: what was written is in the raw text.
            _ => CaseNumber::parse(f.raw.trim_matches(|c| c == '"' || c == '\'')),
        };
        n.map(|n| (n, f.line, f.value_col))
    });
    let title = fm.get("tittel").and_then(|f| match &f.value {
        Value::Str(s) => Some(s.trim().to_string()),
        _ => None,
    });
    (saksnr, title)
}

fn subtree<'r>(
    repo: &'r motebok_git::Repo,
    tree: &motebok_git::Tree,
    name: &str,
) -> Option<motebok_git::Tree<'r>> {
    let e = tree.get_name(name)?;
    if e.kind() != motebok_git::Kind::Tree {
        return None;
    }
    repo.tree(e.id()).ok()
}

/// The numbers of one body's meetings in `year` on every local and remote-tracking branch of
/// the repository at `root`: a colleague's branch not yet merged has taken them too. Empty
/// when `root` is not a git repository.
pub fn numbers_on_branches(root: &Path, organ: &str, year: i32) -> Vec<CaseNumber> {
    let Ok(repo) = motebok_git::Repo::open(root) else {
        return Vec::new();
    };
    let mut seen = HashSet::new();
    let mut reader = CaseReader::new(&repo);
    let mut out = Vec::new();
    for tree in repo.branch_trees() {
        // Branches mostly share the body's folder: each version is read once.
        let body = tree.get_path(&format!("content/{organ}")).map(|e| e.id());
        if !body.is_some_and(|id| seen.insert(id)) {
            continue;
        }
        for c in reader.cases(&tree, Some(organ), Some(year)) {
            out.extend(c.numbers());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cases_with_number_title_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let repo = git2::Repository::init(dir.path()).unwrap();
        let mut index = repo.index().unwrap();
        let mut add = |path: &str, text: &str| {
            let id = repo.blob(text.as_bytes()).unwrap();
            let mut e = git2::IndexEntry {
                ctime: git2::IndexTime::new(0, 0),
                mtime: git2::IndexTime::new(0, 0),
                dev: 0,
                ino: 0,
                mode: 0o100644,
                uid: 0,
                gid: 0,
                file_size: text.len() as u32,
                id,
                flags: 0,
                flags_extended: 0,
                path: path.as_bytes().to_vec(),
            };
            e.flags = path.len() as u16;
            index.add(&e).unwrap();
        };
        add("content/ssu/_organ.md", "---\nnavn: S\n---\n");
        add(
            "content/ssu/2025-05-22/_mote.md",
            "---\ndato: 2025-05-22\n---\n",
        );
        add(
            "content/ssu/2025-05-22/2025.16.md",
            "---\ntittel: Budsjett\nsaksnr: 2025.10\n---\n",
        );
        add(
            "content/ssu/2024-11-01/2024.30.md",
            "---\nsaksnr: \"2024.30\"\n---\n",
        );
        add(
            "content/pm/2025-01-01/2025.01.md",
            "---\nsaksnr: \"2025.01\"\n---\n",
        );
        let tree = index.write_tree().unwrap();
        let repo = motebok_git::Repo::open(dir.path()).unwrap();
        let tree = repo.tree(tree.into()).unwrap();

        let got = cases_in_tree(&repo, &tree, Some("ssu"), Some(2025));
        assert_eq!(got.len(), 1, "{got:?}");
        let c = &got[0];
        assert_eq!(c.path, "content/ssu/2025-05-22/2025.16.md");
        assert_eq!(c.title.as_deref(), Some("Budsjett"));
        let n = |s| CaseNumber::parse(s).unwrap();
        assert_eq!(c.saksnr, Some((n("2025.10"), 3, 9)));
        assert_eq!(c.number(), Some(n("2025.10")));
        assert_eq!(
            c.numbers().collect::<Vec<_>>(),
            vec![n("2025.16"), n("2025.10")]
        );
        assert_eq!(cases_in_tree(&repo, &tree, None, None).len(), 3);
    }
}
