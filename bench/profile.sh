#!/usr/bin/env bash
# A quick profile of one cold `motebok build` (the "where the time goes" of docs/performance.md).
#
#   bench/profile.sh [SIZE]      (default: small; run bench/run.sh once first for the corpus)
#
# Uses `perf record` when hardware counters work here (`perf stat -e instructions true`), else
# valgrind's callgrind (apt-get install valgrind), and prints the top functions by inclusive and
# by exclusive cost. Also prints motebok's own phase timings (MOTEBOK_TIMINGS=1). The release
# binary has symbols but no debug info, so functions are named but not lines; inlined functions
# count towards their callers. Writes bench/.work/profile-SIZE.*.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size="${1:-small}"
work="$root/bench/.work"
target="${CARGO_TARGET_DIR:-$root/target}"
motebok="$target/release/motebok"
corpus="$work/corpora/corpus-$size-all"
out="/dev/shm/motebok-profile-$$"
[[ -x "$motebok" ]] || { echo "no $motebok: cargo build --release" >&2; exit 2; }
[[ -d "$corpus/.git" ]] || { echo "no $corpus: run bench/run.sh --sizes $size first" >&2; exit 2; }
trap 'rm -rf "$out" "$out".*' EXIT
build=("$motebok" build --root "$corpus" --output "$out" --as-of 2026-11-16)

echo "== motebok's phases (MOTEBOK_TIMINGS=1), $size corpus, output on tmpfs"
MOTEBOK_TIMINGS=1 "${build[@]}" 2>&1 | sed 's/^/  /'
rm -rf "$out"

if perf stat -e instructions true 2>&1 | grep -q '[0-9] *instructions'; then
  echo "== perf record (cycles)"
  perf record -q -g -o "$work/profile-$size.perf" -- "${build[@]}" 2>/dev/null
  perf report -i "$work/profile-$size.perf" --no-children --stdio --percent-limit 1.5 2>/dev/null | grep -v '^$' | head -60
  exit 0
fi

command -v valgrind >/dev/null || { apt-get update -qq && apt-get install -y -qq valgrind; }
echo "== callgrind (perf has no hardware counters on this machine), $size corpus"
cg="$work/profile-$size.callgrind"
valgrind --tool=callgrind --callgrind-out-file="$cg" "${build[@]}" 2>"$cg.log" || { tail "$cg.log"; exit 1; }
plumbing='rayon|std::|core::ops|pthread|thread_start|libc-start|libc_start|below main|lang_start|ld-linux|PROGRAM TOTALS|^-|^Ir|^$|^ *$'
echo "-- top functions, inclusive (all threads; rayon/std plumbing left out; % of the whole program)"
{ callgrind_annotate --inclusive=yes "$cg" 2>/dev/null || true; } | sed -n '/file:function/,$p' | grep -Ev "$plumbing" | head -40 || true
echo "-- top functions, exclusive"
{ callgrind_annotate "$cg" 2>/dev/null || true; } | sed -n '/file:function/,$p' | grep -Ev '^-|^Ir|file:function|^ *$' | head -30 || true
