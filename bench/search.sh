#!/usr/bin/env bash
# motebok's search against Pagefind on the same pages of the example site, in one run (issue
# 19). Not part of the test suite.
#
#   bench/search.sh [--runs N] [--latency MS] [--site DIR]
#
# Builds the example site (or takes a built --site DIR), copies it for Pagefind with exactly
# the text motebok indexes marked (`data-pagefind-body` on the `<main>` of every page in
# motebok's index, `data-pagefind-ignore` on the approval trail and on what the templates
# mark `search:off`), indexes the copy with Pagefind 1.6.0 (npm, into bench/.work/node, as
# bench.py does), then runs bench/search_compare.mjs over bench/search_queries.txt in Debian's
# Chromium: time to the first result shown, per query, and the top results of both for
# judging. Writes bench/.work/search/results-<latency>ms.json.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$root/bench/.work/search"
runs=5 latency=0 site=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --latency) latency="$2"; shift 2 ;;
    --site) site="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/search.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

node_dir="$root/bench/.work/node"
pagefind="$(ls "$node_dir"/node_modules/@pagefind/*/bin/pagefind_extended 2>/dev/null | head -1 || true)"
if [[ -z "$pagefind" ]] || ! "$pagefind" --version | grep -q 1.6.0; then
  mkdir -p "$node_dir"
  npm install --no-audit --no-fund --prefix "$node_dir" pagefind@1.6.0 >&2
  pagefind="$(ls "$node_dir"/node_modules/@pagefind/*/bin/pagefind_extended | head -1)"
fi

rm -rf "$work" && mkdir -p "$work"
if [[ -z "$site" ]]; then
  (cd "$root" && cargo run --quiet -- build --worktree --output "$work/motebok" >&2)
else
  cp -r "$site" "$work/motebok"
fi
cp -r "$work/motebok" "$work/pagefind"
python3 - "$work/pagefind" <<'PY'
import json, pathlib, sys
site = pathlib.Path(sys.argv[1])
urls = {json.loads(f.read_text())[0]["url"] for f in (site / "sok/indeks/d").glob("*.json")}
marked = 0
for url in urls:
    page = site / url / "index.html"
    html = page.read_text()
    html = html.replace("<main ", "<main data-pagefind-body ", 1)
    html = html.replace('<section class="trail"', '<section data-pagefind-ignore="all" class="trail"')
    html = html.replace("<!--search:off-->", '<div data-pagefind-ignore="all">').replace("<!--search:on-->", "</div>")
    page.write_text(html)
    marked += 1
print(f"bench: {marked} pages marked for Pagefind", file=sys.stderr)
PY
"$pagefind" --site "$work/pagefind" --force-language no >&2
mkdir -p "$work/pagefind/__bench"
cp "$root/bench/pagefind.html" "$work/pagefind/__bench/pagefind.html"
node "$root/bench/search_compare.mjs" --motebok "$work/motebok" --pagefind "$work/pagefind" \
  --queries "$root/bench/search_queries.txt" --runs "$runs" --latency "$latency" \
  --out "$root/bench/.work/search-results-${latency}ms.json"
