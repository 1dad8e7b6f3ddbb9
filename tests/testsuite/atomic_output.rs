//! The output is the old site or the new one, byte for byte, whatever happens to a build: a
//! kill at any rename, link, unlink or mkdir (strace's fault injection makes the kills
//! exact), a full disk, an exchange the file system refuses. Leftovers of earlier runs are
//! cleaned up, an output edited by hand is repaired by a full build, and a cache that cannot
//! be saved says so.
//!
//! Needs `strace` (scripts/install-test-deps installs it).

use crate::common::*;
use std::collections::BTreeMap;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

type Tree = BTreeMap<PathBuf, Vec<u8>>;

const AS_OF: &str = "2026-01-01";

/// A site built twice into `base/public` (so a spare and a snapshot lie beside it), then
/// given one more commit: the next build goes from `old` to `new`.
struct Fixture {
    site: Site,
    work: tempfile::TempDir,
    old: Tree,
    new: Tree,
}

fn edit(site: &Site, from: &str, to: &str, title: &str) {
    let case = "content/ssu/2025-05-22/2025.13.md";
    site.write(case, &site.read_src(case).replace(from, to));
    site.merge_all(title);
}

fn build_into(site: &Site, out: &Path, as_of: &str) -> Output {
    let o = site.motebok(&["build", "--as-of", as_of, "--output", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    o
}

/// `full`: the snapshot is removed, so the build is a full one rather than a rebuild.
fn fixture(full: bool) -> Fixture {
    let site = Site::minimal();
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("base/public");
    build_into(&site, &out, AS_OF);
    edit(&site, "Tekst.", "Første endring.", "Endre 2025.13");
    build_into(&site, &out, AS_OF);
    edit(
        &site,
        "Første endring.",
        "Andre endring.",
        "Endre 2025.13 igjen",
    );
    if full {
        for e in std::fs::read_dir(work.path().join("base")).unwrap() {
            let p = e.unwrap().path();
            if p.to_string_lossy().contains(".motebok-cache") {
                std::fs::remove_file(p).unwrap();
            }
        }
    }
    let old = snapshot(&out);
    let fresh = work.path().join("ref/public");
    build_into(&site, &fresh, AS_OF);
    let new = snapshot(&fresh);
    assert_ne!(old, new);
    Fixture {
        site,
        work,
        old,
        new,
    }
}

impl Fixture {
    /// A copy of the base (output, spare and snapshot; hard links kept) to build into.
    fn trial(&self, name: &str) -> PathBuf {
        let dir = self.work.path().join(name);
        let _ = std::fs::remove_dir_all(&dir);
        let o = Command::new("cp")
            .arg("-a")
            .arg(self.work.path().join("base"))
            .arg(&dir)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        dir.join("public")
    }

    /// `motebok build` into `out` under strace with the given options.
    fn traced(&self, out: &Path, strace_args: &[&str]) -> Output {
        Command::new("strace")
            .args(["-f", "-qq", "-o", "/dev/null"])
            .args(strace_args)
            .arg(env!("CARGO_BIN_EXE_motebok"))
            .args(["build", "--as-of", AS_OF, "--output"])
            .arg(out)
            .arg("--root")
            .arg(self.site.path())
            .env_remove("SOURCE_DATE_EPOCH")
            .env("NO_COLOR", "1")
            .output()
            .expect("strace runs: scripts/install-test-deps installs it")
    }

    /// The output at `out` is the old site or the new one.
    fn old_or_new(&self, out: &Path, what: &str, o: &Output) -> Seen {
        let got = snapshot(out);
        if got == self.old {
            return Seen::Old;
        }
        if got == self.new {
            return Seen::New;
        }
        let odd: Vec<String> = got
            .iter()
            .filter(|(p, b)| self.old.get(*p) != Some(b) && self.new.get(*p) != Some(b))
            .map(|(p, _)| p.display().to_string())
            .chain(
                self.old
                    .keys()
                    .filter(|p| !got.contains_key(*p))
                    .map(|p| format!("missing {}", p.display())),
            )
            .take(8)
            .collect();
        panic!(
            "{what}: the output is neither the old site nor the new one ({} files; {odd:?}); \
             status {:?}\n{}",
            got.len(),
            o.status,
            stderr(o)
        );
    }

    /// After whatever happened at `out`, a plain build gives the new site and leaves nothing
    /// beside the output but the lock, the spare and the snapshot.
    fn next_build_is_clean(&self, out: &Path, what: &str) {
        build_into(&self.site, out, AS_OF);
        assert!(snapshot(out) == self.new, "{what}: the next build differs");
        self.nothing_left(out, what);
    }

    /// Nothing beside the output but the lock, the spare and the snapshot.
    fn nothing_left(&self, out: &Path, what: &str) {
        let beside = beside(out);
        assert!(
            beside.iter().all(|n| [
                ".public.motebok-lock",
                ".public.motebok-spare",
                ".public.motebok-cache",
                ".public.motebok-cache-pages",
                ".public.motebok-cache-search",
            ]
            .contains(&n.as_str())),
            "{what}: left beside the output: {beside:?}"
        );
    }
}

#[derive(Debug, PartialEq, Clone, Copy)]
enum Seen {
    Old,
    New,
    /// Only with the two-rename fallback: killed between the renames, the output is missing
    /// and the old one waits beside it for the next build to put it back.
    Aside,
}

/// The names beside `out` (in its folder) that belong to motebok.
fn beside(out: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public.motebok"))
        .collect();
    v.sort();
    v
}

fn killed(o: &Output) -> bool {
    o.status.signal() == Some(9) || o.status.code() == Some(137)
}

/// Kills the build at the 1st, 2nd, … call (in any thread) of one of `syscalls` until a
/// build runs through; every time the output must be the old site or the new one, and the
/// next build must repair everything. `fallback`: the exchange is refused (by `extra`, more
/// strace options). Returns what was seen.
fn kill_everywhere(
    fx: &Fixture,
    syscalls: &str,
    extra: &[&str],
    fallback: bool,
    what: &str,
) -> Vec<Seen> {
    let mut seen = Vec::new();
    for n in 1.. {
        assert!(n < 300, "{what}: still killed at call {n} of {syscalls}");
        let out = fx.trial("trial");
        let trace = format!("trace={syscalls},renameat2");
        let inject = format!("inject={syscalls}:signal=KILL:when={n}");
        let mut args = vec!["-e", &trace, "-e", &inject];
        args.extend_from_slice(extra);
        // strace counts calls per thread, and the snapshot is saved (with renames of its
        // own) on another thread meanwhile: with the fallback, count only the renames of the
        // spare folder (into the output, then the old output into its place), so the first
        // kill lands between the two renames whatever the threads do.
        let spare = out
            .parent()
            .unwrap()
            .join(".public.motebok-spare")
            .to_string_lossy()
            .into_owned();
        if fallback {
            args.extend_from_slice(&["-P", &spare]);
        }
        let o = fx.traced(&out, &args);
        let what = format!("{what}, killed at call {n} of {syscalls}");
        let aside = beside(&out)
            .into_iter()
            .find(|n| n.starts_with(".public.motebok-old-"));
        match aside {
            Some(a) if fallback && !out.exists() => {
                let a = out.parent().unwrap().join(a);
                assert!(snapshot(&a) == fx.old, "{what}: the output moved aside");
                seen.push(Seen::Aside);
            }
            _ => seen.push(fx.old_or_new(&out, &what, &o)),
        }
        if !killed(&o) {
            assert!(o.status.success(), "{what}: {}", stderr(&o));
            fx.nothing_left(&out, &what);
            break;
        }
        fx.next_build_is_clean(&out, &what);
    }
    eprintln!("{what}: {syscalls}: {} runs", seen.len());
    seen
}

const RENAMES: &str = "rename,renameat,renameat2";
const LINKS: &str = "link,linkat,unlink,unlinkat,mkdir,mkdirat,rmdir";

/// Kills at every rename, then at every link, unlink and mkdir.
fn kills(fx: &Fixture, what: &str) {
    let seen = kill_everywhere(fx, RENAMES, &[], false, what);
    assert!(
        seen.contains(&Seen::Old) && seen.contains(&Seen::New),
        "{what}: kills before and after the swap: {seen:?}"
    );
    kill_everywhere(fx, LINKS, &[], false, what);
}

/// Where the file system refuses to exchange two folders (EINVAL), two renames are used, and
/// a build killed between them is repaired by the next one.
fn kills_without_exchange(fx: &Fixture, what: &str) {
    let refuse = ["-e", "inject=renameat2:error=EINVAL"];
    let seen = kill_everywhere(fx, "rename,renameat", &refuse, true, what);
    assert!(
        seen.contains(&Seen::Aside) && seen.contains(&Seen::New),
        "{what}: {seen:?}"
    );
}

/// A full disk when the manifest is written, or at any write: exit 2 and the old output,
/// byte for byte.
fn full_disk(fx: &Fixture, what: &str) {
    let out = fx.trial("manifest");
    let dir = out.parent().unwrap();
    let (live, spare) = (
        out.join(".motebok/manifest.json"),
        dir.join(".public.motebok-spare/.motebok/manifest.json"),
    );
    let o = fx.traced(
        &out,
        &[
            "-P",
            live.to_str().unwrap(),
            "-P",
            spare.to_str().unwrap(),
            "-e",
            "trace=write",
            "-e",
            "inject=write:error=ENOSPC",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{what}: {}", stderr(&o));
    assert!(stderr(&o).contains("manifest.json"), "{}", stderr(&o));
    assert!(
        snapshot(&out) == fx.old,
        "{what}: a full disk at the manifest changed the output"
    );
    fx.next_build_is_clean(&out, what);

    // Any write: the n-th in each thread fails.
    for n in [2, 3, 5, 8, 13, 21] {
        let out = fx.trial("write");
        let inject = format!("inject=write:error=ENOSPC:when={n}");
        let o = fx.traced(&out, &["-e", "trace=write", "-e", &inject]);
        let what = format!("{what}, write {n} failed");
        let seen = fx.old_or_new(&out, &what, &o);
        match o.status.code() {
            Some(2) => assert_eq!(seen, Seen::Old, "{what}: {}", stderr(&o)),
            Some(0) => assert_eq!(seen, Seen::New, "{what}: {}", stderr(&o)),
            // The message itself could not be printed (stderr fails too): the output is
            // still one or the other (checked above).
            _ => {}
        }
        fx.next_build_is_clean(&out, &what);
    }
}

#[test]
fn a_rebuild_killed_anywhere_or_out_of_space_leaves_the_old_site_or_the_new_one() {
    let fx = fixture(false);
    let out = fx.trial("probe");
    let o = build_into(&fx.site, &out, AS_OF);
    assert!(
        stderr(&o).contains("Oppdaterte"),
        "a rebuild: {}",
        stderr(&o)
    );
    kills(&fx, "rebuild");
    kills_without_exchange(&fx, "rebuild");
    full_disk(&fx, "rebuild");
    cache_out_of_space(&fx);
}

#[test]
fn a_full_build_killed_anywhere_or_out_of_space_leaves_the_old_site_or_the_new_one() {
    let fx = fixture(true);
    let out = fx.trial("probe");
    let o = build_into(&fx.site, &out, AS_OF);
    assert!(
        stderr(&o).contains("Bygget"),
        "a full build: {}",
        stderr(&o)
    );
    kills(&fx, "full build");
    kills_without_exchange(&fx, "full build");
    full_disk(&fx, "full build");
}

/// The snapshot for the next build cannot be saved: the build says so, the output is the new
/// one, and no temporary file is left on the full disk.
fn cache_out_of_space(fx: &Fixture) {
    let out = fx.trial("cache");
    let cache = out.parent().unwrap().join(".public.motebok-cache-pages");
    let o = fx.traced(
        &out,
        &[
            "-P",
            cache.to_str().unwrap(),
            "-e",
            "trace=rename,renameat,renameat2",
            "-e",
            "inject=rename,renameat,renameat2:error=ENOSPC",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(snapshot(&out) == fx.new, "the output is the new one");
    let e = stderr(&o);
    assert!(
        e.contains("advarsel") && e.contains("neste bygg blir et fullt bygg"),
        "the failure is reported: {e}"
    );
    assert_eq!(
        beside(&out),
        [".public.motebok-lock", ".public.motebok-spare"],
        "no snapshot and no temporary file"
    );
}

/// A file of the output changed by hand, and one added: a full build gives what a build
/// into an empty folder gives.
#[test]
fn a_full_build_repairs_an_output_edited_by_hand() {
    let site = Site::minimal();
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("public");
    build_into(&site, &out, AS_OF);
    edit(&site, "Tekst.", "Endret.", "Endre");
    build_into(&site, &out, AS_OF);
    // A full build on another day: compare with one into an empty folder.
    let next = "2026-01-02";
    let fresh = work.path().join("fresh/public");
    build_into(&site, &fresh, next);
    let want = snapshot(&fresh);
    // A file whose bytes the new build keeps, edited in place (through every hard link).
    let kept = snapshot(&out)
        .into_iter()
        .find(|(p, b)| want.get(p) == Some(b) && p.extension().is_some_and(|e| e == "css"))
        .map(|(p, _)| p)
        .expect("a style sheet both builds write alike");
    {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(out.join(&kept))
            .unwrap();
        f.write_all(b"\nbody { display: none }\n").unwrap();
    }
    std::fs::write(out.join("lagt-til.html"), "lagt til for hånd").unwrap();
    let o = build_into(&site, &out, next);
    assert!(
        stderr(&o).contains("Bygget"),
        "a full build: {}",
        stderr(&o)
    );
    let got = snapshot(&out);
    assert!(
        got.get(&kept) == want.get(&kept),
        "{} keeps the edit made by hand:\n{}",
        kept.display(),
        stderr(&o)
    );
    assert!(!out.join("lagt-til.html").exists(), "a file added by hand");
    assert!(
        got == want,
        "the output equals a build into an empty folder"
    );
}

/// Folders and files left by killed builds (of this version or an older one) are removed
/// by the next build; one named after a process id that the build's own reuses does no harm.
#[test]
fn leftovers_of_killed_builds_are_removed() {
    let site = Site::minimal();
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("public");
    build_into(&site, &out, AS_OF);
    edit(&site, "Tekst.", "Endret.", "Endre");
    let leftovers = [
        ".public.motebok-Ab12Cd",
        ".public.motebok-stage-x1y2z3",
        ".public.motebok-old-1",
    ];
    for l in leftovers {
        std::fs::create_dir_all(work.path().join(l).join("ssu")).unwrap();
        std::fs::write(work.path().join(l).join("ssu/index.html"), "rest").unwrap();
    }
    std::fs::write(work.path().join(".public.motebok-cache.tmp-123"), "rest").unwrap();
    // Older versions named the old output after the process id: leave one for every id the
    // build may get next, so that one of them is its own.
    let last: u32 = std::fs::read_to_string("/proc/sys/kernel/ns_last_pid")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0);
    for pid in last + 1..last + 400 {
        let d = work.path().join(format!(".public.motebok-old-{pid}"));
        std::fs::create_dir(&d).unwrap();
        std::fs::write(d.join("index.html"), "rest").unwrap();
    }
    let o = build_into(&site, &out, AS_OF);
    assert!(
        site.page_at(&out, "ssu/sak/2025.13/").contains("Endret."),
        "{}",
        stderr(&o)
    );
    let left: Vec<String> = beside(&out)
        .into_iter()
        .filter(|n| !n.ends_with("-lock") && !n.ends_with("-spare") && !n.contains("-cache"))
        .collect();
    assert!(
        left.is_empty(),
        "left beside the output: {:?}",
        &left[..left.len().min(5)]
    );
    assert!(!beside(&out).iter().any(|n| n.contains(".tmp")));
}

trait PageAt {
    fn page_at(&self, out: &Path, url: &str) -> String;
}

impl PageAt for Site {
    fn page_at(&self, out: &Path, url: &str) -> String {
        std::fs::read_to_string(out.join(url).join("index.html")).unwrap()
    }
}
