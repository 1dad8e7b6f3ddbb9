#!/usr/bin/env bash
# The motebok benchmark (issue 7): motebok against `hugo --enableGitInfo && pagefind` on the
# generated corpora of shared/bench/gen_corpus.py. Not part of the test suite.
#
#   bench/run.sh [--sizes small,medium,large] [--pairs 5] [--edits 10] [--quick]
#                [--only build,window,nochange,onecommit,timings,history,serve,papers] [--no-disk] [--no-build]
#                [--chromium-sample 20] [--baseline OTHER_MOTEBOK_BINARY]
#   bench/run.sh --report bench/.work/results-DATE.json     (print a saved report again)
#
# It builds the release binary and the history_walk example (skip with --no-build; if the
# build fails it goes on with the binaries already in the target dir), then runs bench/bench.py,
# which installs Hugo 0.168.0 and Pagefind into bench/.work/ (once), generates the corpora
# there (once), times everything and prints a Markdown table per size, also written to
# bench/.work/results-<date>.md (every single run in results-<date>.json).
# --quick: 2 pairs, 3 serve edits, no on-disk builds. See bench/README.md and
# docs/performance.md.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build=1
args=()
for a in "$@"; do
  case "$a" in
    --no-build) build=0 ;;
    --report|--report=*) build=0; args+=("$a") ;;
    -h|--help) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) args+=("$a") ;;
  esac
done

py=""
for c in python3.11 python3; do
  if command -v "$c" >/dev/null 2>&1 && "$c" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
    py="$c"; break
  fi
done
[[ -n "$py" ]] || { echo "bench: Python 3.11 is needed" >&2; exit 2; }

if [[ $build == 1 ]]; then
  echo "bench: cargo build --release (and the history_walk example) ..." >&2
  if ! (cd "$root" && cargo build --quiet --release && cargo build --quiet --release -p motebok-git --example history_walk); then
    echo "bench: the release build failed; going on with the binaries already built" >&2
  fi
fi

exec "$py" "$root/bench/bench.py" "${args[@]+"${args[@]}"}"
