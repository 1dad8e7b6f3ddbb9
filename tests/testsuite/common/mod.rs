//! Test fixtures: real sites in temp dirs with their own git repositories (fixed dates and
//! identities), built by the real `motebok` binary.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub(crate) struct Site {
    pub dir: tempfile::TempDir,
    /// Seconds since the epoch of the next commit; every commit moves it a day on.
    clock: std::cell::Cell<i64>,
    pr: std::cell::Cell<u32>,
}

pub(crate) const MINIMAL_TOML: &str = r#"title = "Helsefellesskapet i Testfold"
base_url = "https://example.org/test/"
archive_contact = "arkiv@example.org"
organisation = "Helsefellesskapet i Testfold"
[accessibility]
contact = "web@example.org"
"#;

impl Site {
    /// An empty repository with `site.toml`.
    pub(crate) fn empty(site_toml: &str) -> Site {
        let dir = tempfile::tempdir().unwrap();
        let s = Site {
            dir,
            clock: std::cell::Cell::new(1_735_725_600),
            pr: std::cell::Cell::new(1),
        };
        s.git(&["init", "-q", "-b", "main"]);
        s.write("site.toml", site_toml);
        // The output lives in the repository folder, as on an editor's machine; never commit it
        // (nor the build's snapshot and staging folders beside it).
        s.write(".gitignore", "/public/\n/fresh/\n/.*.motebok-*\n");
        s
    }

    /// A small valid site: SSU with one meeting, two cases (one following up the other) and
    /// a Markdown attachment.
    pub(crate) fn minimal() -> Site {
        let s = Site::empty(MINIMAL_TOML);
        s.write(
            "content/ssu/_organ.md",
            "---\nnavn: Strategisk samarbeidsutvalg\nkortnavn: SSU\n---\nMandat.\n",
        );
        s.write(
            "content/ssu/2025-05-22/_mote.md",
            "---\ndato: 2025-05-22\ntid: \"09:00-12:00\"\nsted: SiV\n---\nVelkommen.\n",
        );
        s.write(
            "content/ssu/2025-05-22/2025.13.md",
            "---\nsaksnr: \"2025.13\"\ntittel: Godkjenning av innkalling\nsakstype: [beslutning]\nansvarlig: Christian Reissig\n---\nTekst.\n",
        );
        s.write(
            "content/ssu/2025-05-22/2025.14.md",
            "---\nsaksnr: \"2025.14\"\ntittel: Oppfølging\nsakstype: [orientering]\noppfolging_av: [\"2025.13\"]\nvedlegg:\n  - tittel: Notat\n    fil: vedlegg/notat.md\n---\nSe [notatet](vedlegg/notat.md).\n",
        );
        s.write(
            "content/ssu/2025-05-22/vedlegg/notat.md",
            "# Notat\n\nInnhold.\n",
        );
        s.merge_all("Legg inn SSU-møtet");
        s
    }

    /// The example site of this repository, in a fresh repository of its own.
    pub(crate) fn example() -> Site {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        // Its history here is all pull requests: no import mark, which would lie after the
        // fixed dates these tests build as of.
        let toml = std::fs::read_to_string(root.join("site.toml")).unwrap();
        let toml: String = toml
            .lines()
            .filter(|l| !l.starts_with("imported_until"))
            .map(|l| format!("{l}\n"))
            .collect();
        let s = Site::empty(&toml);
        copy_dir(&root.join("content"), &s.path().join("content"));
        s.merge_all("Importer eksempelnettstedet");
        s
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn write(&self, rel: &str, text: &str) {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    pub(crate) fn read_src(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap()
    }

    pub(crate) fn remove(&self, rel: &str) {
        let p = self.path().join(rel);
        if p.is_dir() {
            std::fs::remove_dir_all(p).unwrap();
        } else {
            std::fs::remove_file(p).unwrap();
        }
    }

    fn tick(&self) -> String {
        let t = self.clock.get();
        self.clock.set(t + 86_400);
        format!("@{t} +0100")
    }

    /// Runs git with a fixed identity and the next fixed date.
    pub(crate) fn git(&self, args: &[&str]) -> Output {
        self.git_as(args, "Sekretariatet", "sekretariat@example.org")
    }

    pub(crate) fn git_as(&self, args: &[&str], name: &str, email: &str) -> Output {
        self.git_full(args, (name, email), (name, email))
    }

    /// Runs git with separate author and committer identities and the next fixed date.
    pub(crate) fn git_full(
        &self,
        args: &[&str],
        author: (&str, &str),
        committer: (&str, &str),
    ) -> Output {
        let date = self.tick();
        let out = Command::new("git")
            .args(args)
            .current_dir(self.path())
            .env("GIT_AUTHOR_NAME", author.0)
            .env("GIT_AUTHOR_EMAIL", author.1)
            .env("GIT_COMMITTER_NAME", committer.0)
            .env("GIT_COMMITTER_EMAIL", committer.1)
            .env("GIT_AUTHOR_DATE", &date)
            .env("GIT_COMMITTER_DATE", &date)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", self.path())
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Commits everything on a branch and merges it into main as GitHub does for a pull
    /// request: `Merge pull request #N from sekretariat/<branch>`, merged by Kari Nordmann.
    pub(crate) fn merge_all(&self, title: &str) -> u32 {
        let n = self.pr.get();
        self.pr.set(n + 1);
        let branch = format!("pr-{n}");
        let has_head = Command::new("git")
            .args(["rev-parse", "-q", "--verify", "HEAD"])
            .current_dir(self.path())
            .output()
            .unwrap()
            .status
            .success();
        if !has_head {
            // A repository starts with an empty root commit on main.
            self.git(&[
                "commit",
                "-q",
                "--allow-empty",
                "-m",
                "Opprett repositoriet",
            ]);
        }
        self.git(&["checkout", "-q", "-b", &branch]);
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "--allow-empty", "-m", title]);
        self.git(&["checkout", "-q", "main"]);
        let msg = format!("Merge pull request #{n} from sekretariat/{branch}\n\n{title}");
        self.git_as(
            &["merge", "-q", "--no-ff", &branch, "-m", &msg],
            "Kari Nordmann",
            "kari@example.org",
        );
        n
    }

    /// A squash merge as GitHub makes it: one commit on main titled `Title (#N)`, authored by
    /// the editor and committed by GitHub itself.
    pub(crate) fn squash_all(&self, title: &str) -> u32 {
        let n = self.pr.get();
        self.pr.set(n + 1);
        self.git(&["add", "-A"]);
        let msg = format!("{title} (#{n})\n\nCo-authored-by: Ola Nordmann <ola@example.org>");
        self.git_full(
            &["commit", "-q", "-m", &msg],
            ("Sekretariatet", "sekretariat@example.org"),
            ("GitHub", "noreply@github.com"),
        );
        n
    }

    /// A commit straight onto main with the given message (a direct commit unless it carries
    /// an `Approved-by:` trailer).
    pub(crate) fn commit_direct(&self, msg: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", msg]);
    }

    /// Runs `motebok` with `--root` set to this site.
    pub(crate) fn motebok(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_motebok"));
        cmd.args(args)
            .arg("--root")
            .arg(self.path())
            .env_remove("SOURCE_DATE_EPOCH")
            .env("NO_COLOR", "1");
        cmd.output().expect("motebok runs")
    }

    pub(crate) fn out_dir(&self) -> PathBuf {
        self.path().join("public")
    }

    /// `motebok build --as-of DATE --output <site>/public`, asserting success.
    pub(crate) fn build(&self, as_of: &str) -> Output {
        let out = self.out_dir();
        let o = self.motebok(&["build", "--as-of", as_of, "--output", out.to_str().unwrap()]);
        assert!(
            o.status.success(),
            "build failed:\n{}",
            String::from_utf8_lossy(&o.stderr)
        );
        o
    }

    /// `motebok build --worktree`, asserting success.
    pub(crate) fn build_worktree(&self, as_of: &str) -> Output {
        let out = self.out_dir();
        let o = self.motebok(&[
            "build",
            "--worktree",
            "--as-of",
            as_of,
            "--output",
            out.to_str().unwrap(),
        ]);
        assert!(
            o.status.success(),
            "build failed:\n{}",
            String::from_utf8_lossy(&o.stderr)
        );
        o
    }

    pub(crate) fn try_build(&self, as_of: &str) -> Output {
        let out = self.out_dir();
        self.motebok(&["build", "--as-of", as_of, "--output", out.to_str().unwrap()])
    }

    /// A page of the output by its URL path (`ssu/sak/2025.13/`).
    pub(crate) fn page(&self, url: &str) -> String {
        let mut p = self.out_dir().join(url);
        if url.is_empty() || url.ends_with('/') {
            p = p.join("index.html");
        }
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    }

    /// Builds as of 2026-01-01 and returns a page.
    pub(crate) fn page_after_build(&self, url: &str) -> String {
        self.build("2026-01-01");
        self.page(url)
    }

    pub(crate) fn exists(&self, url: &str) -> bool {
        let mut p = self.out_dir().join(url);
        if url.ends_with('/') {
            p = p.join("index.html");
        }
        p.exists()
    }
}

pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every file under `dir` with its bytes.
pub(crate) fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if e.file_type().is_file() {
            out.insert(
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            );
        }
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// The text of the HTML between `start` and the next `end` after it.
pub(crate) fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let i = html
        .find(start)
        .unwrap_or_else(|| panic!("`{start}` not found"));
    let rest = &html[i..];
    let j = rest[start.len()..]
        .find(end)
        .map_or(rest.len(), |j| j + start.len());
    &rest[..j]
}

pub(crate) mod output_links;
pub(crate) mod preview;

// Helpers several areas share (each in a file named for what it holds).
pub(crate) mod browser;
mod fixtures;
mod full_build;
mod papers_built;
pub(crate) mod pdf;
mod tools;
pub(crate) use fixtures::move_meeting;
pub(crate) use full_build::same_as_full_build;
pub(crate) use papers_built::{build_papers, Papers};
pub(crate) use tools::{python, repo_root};
