#!/usr/bin/env bash
# Times the history walk (motebok_git::trail::read_history) on the benchmark corpus, next to
# `git log --first-parent --name-only` on the same repository (whole tree, and `-- content/`).
#
# Columns: all commits in the corpus, first-parent commits walked, paths with trails at the tip,
# trail entries, then median seconds of the walk and of the two git log runs.
#
#   bench/history_walk.sh [SIZE ...]        sizes: small medium large (default: medium large)
#
# Environment: CORPUS_DIR (default /tmp) holds corpus-SIZE, generated once if missing with
# GEN_CORPUS (default ../shared/bench/gen_corpus.py beside the repository); RUNS (default 5);
# CARGO_TARGET_DIR as usual. Uses hyperfine when it is installed (apt-get install hyperfine),
# else (or with NO_HYPERFINE=1) a loop timed with `date +%s%N`; either way it reports the median
# of RUNS runs, each a fresh process that opens the repository and walks the whole first-parent
# history.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus_dir="${CORPUS_DIR:-/tmp}"
runs="${RUNS:-5}"
gen="${GEN_CORPUS:-}"
if [[ -z "$gen" ]]; then
  for candidate in "$root/../shared/bench/gen_corpus.py" "$root/shared/bench/gen_corpus.py"; do
    if [[ -f "$candidate" ]]; then gen="$candidate"; break; fi
  done
fi
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(medium large)

target="${CARGO_TARGET_DIR:-$root/target}"
echo "building the history_walk example (release) ..." >&2
(cd "$root" && cargo build --quiet --release -p motebok-git --example history_walk)
walk="$target/release/examples/history_walk"

# Median of RUNS wall-clock runs of a command, in seconds.
median_of() {
  if [[ -z "${NO_HYPERFINE:-}" ]] && command -v hyperfine >/dev/null 2>&1; then
    local json
    json="$(mktemp)"
    hyperfine --style none --warmup 1 --runs "$runs" --export-json "$json" "$1" >/dev/null 2>&1
    python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$json"
    rm -f "$json"
  else
    local times=() start end
    bash -c "$1" >/dev/null 2>&1 # warm-up
    for _ in $(seq "$runs"); do
      start=$(date +%s%N)
      bash -c "$1" >/dev/null 2>&1
      end=$(date +%s%N)
      times+=($((end - start)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.3f\n", a[int((NR+1)/2)]/1e9}'
  fi
}

timer="loop of $runs runs (date +%s%N)"
[[ -z "${NO_HYPERFINE:-}" ]] && command -v hyperfine >/dev/null 2>&1 && timer="hyperfine, $runs runs after 1 warm-up"
echo "timer: $timer; median wall-clock seconds" >&2

printf '%-7s %8s %8s %8s %9s %9s %11s %13s\n' size commits fp-walk paths entries walk_s git_log_s git_log_cont_s
for size in "${sizes[@]}"; do
  corpus="$corpus_dir/corpus-$size"
  if [[ ! -d "$corpus/.git" ]]; then
    [[ -n "$gen" ]] || { echo "gen_corpus.py not found: set GEN_CORPUS" >&2; exit 1; }
    echo "generating $corpus ..." >&2
    python3 "$gen" "$corpus" --size "$size" >&2
  fi
  info="$("$walk" "$corpus")"
  walked=$(sed -n 's/^commits walked: *//p' <<<"$info")
  paths=$(sed -n 's/^paths with trails: *//p' <<<"$info")
  entries=$(sed -n 's/^trail entries: *\([0-9]*\).*/\1/p' <<<"$info")
  all=$(git -C "$corpus" rev-list --count --all)
  t_walk=$(median_of "'$walk' '$corpus'")
  t_git=$(median_of "git -C '$corpus' log --first-parent --name-only main")
  t_git_content=$(median_of "git -C '$corpus' log --first-parent --name-only main -- content/")
  printf '%-7s %8s %8s %8s %9s %9s %11s %13s\n' "$size" "$all" "$walked" "$paths" "$entries" "$t_walk" "$t_git" "$t_git_content"
done
