// The search page, over motebok's own static index (sok/indeks/, described in
// crates/builder/src/search/mod.rs). Only what a query needs is fetched: meta.json at start,
// docs.json and one term shard per word at the first search, then the fragments of the
// results shown, the first few first, each shown as soon as it and those above it are there.
// A word is found whole (or, while typed, as the start of a longer word), as a part of
// compounds (the shard's `term~` entry, made by the builder), or, when the site does not have
// it, with one typo; results are ranked in that order, then by BM25.
// Keyboard and screen reader first: a labelled field, plain selects for the filters, a polite
// live region for the count, and the results as an ordered list of links. Without JavaScript
// (or where it fails) the form stays hidden, a note says so, and the lists of bodies and years
// remain. Index text is only ever set as textContent.
import { words, term, shardKey, shardOf } from "./words.js";
import { oneEdit, MIN_TYPO_CHARS } from "./typos.js";

const FORMAT = 1;
const MAX = 30;
const EXCERPT_WORDS = 30;
// A word typed as the start of a longer word counts for less than the word itself.
const PREFIX_FACTOR = 0.5;
// Beyond this many shards, a prefix is too short to expand (wait for the next letter).
const MAX_PREFIX_SHARDS = 8;
// How a word was found, best first: whole (or as a prefix), as a part of a compound, with a
// typo. A result is as good as its worst word; the tier ranks before the score.
const WHOLE = 0;
const PART = 1;
const TYPO = 2;
const TIER_NAMES = ["ord", "del", "skrivefeil"];
// The entry of a term as a part of compounds (crates/builder/src/search/compounds.rs).
const PART_MARK = "~";
// Fragments fetched before the rest, so that the first results show at once.
const FIRST = 5;

const form = document.getElementById("sok-skjema");
const field = document.getElementById("sok-felt");
const status = document.getElementById("sok-status");
const list = document.getElementById("sok-treff");
const selects = [...form.querySelectorAll("select[data-filter]")];
const base = new URL(form.dataset.root + "sok/indeks/", document.baseURI);

const say = (text) => { status.textContent = text; };

const cache = new Map();
function fetchJson(path) {
  if (!cache.has(path)) {
    cache.set(path, fetch(new URL(path, base)).then((r) => {
      if (!r.ok) throw new Error(`${path}: ${r.status}`);
      return r.json();
    }));
  }
  return cache.get(path);
}

let meta;
let shards; // the keys of meta.shards, as a Set

/** The query's words and terms; the last is also a prefix while it is being typed. */
function parse(query) {
  const found = words(query, meta.maxTermChars);
  const typing = found.length > 0 && found[found.length - 1].end === query.length;
  const seen = new Map();
  found.forEach((w, i) => {
    const t = term(w.word, meta.stemmer);
    const prefix = typing && i === found.length - 1;
    const had = seen.get(t);
    seen.set(t, { prefix: (had?.prefix || false) || prefix, letters: Math.max(had?.letters || 0, [...w.word].length) });
  });
  return [...seen].map(([t, { prefix, letters }]) => ({
    term: t, prefix: prefix && [...t].length >= 2, typo: letters >= MIN_TYPO_CHARS, typos: new Set(),
  }));
}

/** The shards a query term needs: its own and, while typing, those of longer terms. */
function shardsFor(q) {
  const own = shardOf(q.term, shards, meta.maxShardChars);
  const keys = own ? [own] : [];
  if (q.prefix) {
    const hex = shardKey(q.term, Infinity);
    const longer = meta.shards.filter((k) => k.length > hex.length && k.startsWith(hex));
    if (longer.length <= MAX_PREFIX_SHARDS) keys.push(...longer);
  }
  return keys;
}

/** The shards where a typo of `q` may be found: those sharing its first two characters (a
 * typo there is not forgiven), narrowed to three where there are too many. */
function typoShards(q) {
  for (const n of [2, 3]) {
    const hex = shardKey(q.term, n);
    const keys = meta.shards.filter((k) => k.startsWith(hex) || hex.startsWith(k) && k.length >= 4);
    if (keys.length <= MAX_PREFIX_SHARDS) return keys;
  }
  return [shardOf(q.term, shards, meta.maxShardChars)].filter(Boolean);
}

/** Adds the BM25 scores of one term's postings to `out` (doc → {score, tier}), keeping the
 * best tier of each document and the best score within it. `df`: the documents the idf is
 * taken over (default: the term's own). */
function add(out, postings, factor, tier, docs, df = postings.length / 2) {
  const idf = Math.log(1 + (meta.docs - df + 0.5) / (df + 0.5));
  let doc = 0;
  for (let i = 0; i < postings.length; i += 2) {
    doc += postings[i];
    const tf = postings[i + 1];
    const norm = 1 - meta.b + meta.b * docs.length[doc] / meta.averageLength;
    const score = factor * idf * tf * (meta.k1 + 1) / (tf + meta.k1 * norm);
    const had = out.get(doc);
    if (!had || tier < had.tier || (tier === had.tier && score > had.score)) out.set(doc, { score, tier });
  }
}

/** The documents matching one query term: whole (or, typing, as a prefix), as a part of
 * compounds, or, when the site has no such word, with one typo. */
async function scores(q, docs) {
  const out = new Map();
  let found = false;
  // Longer words the typed one begins take the idf of the word itself where the site has it,
  // else that of all of them together: a rare longer word ("2026.36" for "2026") must not
  // outweigh the word itself.
  const longer = [];
  for (const shard of await Promise.all(shardsFor(q).map((k) => fetchJson(`t/${k}.json`)))) {
    for (const [t, postings] of Object.entries(shard)) {
      if (t === q.term + PART_MARK) {
        add(out, postings, 1, PART, docs);
        found = true;
        continue;
      }
      if (t.endsWith(PART_MARK)) continue;
      const exact = t === q.term;
      if (exact) add(out, postings, 1, WHOLE, docs);
      else if (!(q.prefix && t.startsWith(q.term))) continue;
      longer.push([exact, postings]);
      found = true;
    }
  }
  if (longer.some(([exact]) => !exact)) {
    const own = longer.find(([exact]) => exact);
    const all = new Set();
    for (const [, postings] of own ? [own] : longer) {
      let doc = 0;
      for (let i = 0; i < postings.length; i += 2) all.add(doc += postings[i]);
    }
    for (const [exact, postings] of longer) {
      if (!exact) add(out, postings, PREFIX_FACTOR, WHOLE, docs, all.size);
    }
  }
  if (found || !q.typo) return out;
  for (const shard of await Promise.all(typoShards(q).map((k) => fetchJson(`t/${k}.json`)))) {
    for (const [t, postings] of Object.entries(shard)) {
      if (t.endsWith(PART_MARK) || !oneEdit(q.term, t)) continue;
      q.typos.add(t);
      add(out, postings, 1, TYPO, docs);
    }
  }
  return out;
}

function chosenFilters() {
  const chosen = {};
  for (const select of selects) {
    if (select.value) chosen[select.dataset.filter] = meta.filters[select.dataset.filter].values.indexOf(select.value);
  }
  return chosen;
}

const passes = (docs, d, chosen, except) =>
  Object.entries(chosen).every(([f, v]) => f === except || docs[f][d] === v);

/** Option labels: values with their counts among the matches under the other filters. */
function showCounts(docs, matched, chosen) {
  for (const select of selects) {
    const f = select.dataset.filter;
    const counts = matched ? new Array(meta.filters[f].values.length).fill(0) : meta.filters[f].counts;
    if (matched) {
      for (const d of matched) {
        const v = docs[f][d];
        if (v >= 0 && passes(docs, d, chosen, f)) counts[v]++;
      }
    }
    for (const option of select.options) {
      const i = meta.filters[f].values.indexOf(option.value);
      if (i >= 0) option.textContent = `${option.value} (${counts[i]})`;
    }
  }
}

function fillFilters() {
  for (const select of selects) {
    const f = meta.filters[select.dataset.filter];
    const values = [...f.values];
    values.sort((a, b) => select.dataset.filter === "aar" ? b.localeCompare(a) : a.localeCompare(b, "nb"));
    for (const value of values) select.append(new Option(value, value));
  }
  showCounts(null, null, {});
}

/** The text around the densest run of hits, with hits marked. */
function excerpt(text, q) {
  const all = words(text, meta.maxTermChars);
  const hit = all.map((w) => {
    const s = term(w.word, meta.stemmer);
    return q.some((t) => s === t.term || (t.prefix && s.startsWith(t.term))
      || (s.length > t.term.length && s.includes(t.term)) || t.typos.has(s));
  });
  let best = 0;
  let bestHits = -1;
  let inWindow = 0;
  for (let i = 0; i < all.length; i++) {
    if (hit[i]) inWindow++;
    if (i >= EXCERPT_WORDS && hit[i - EXCERPT_WORDS]) inWindow--;
    const start = Math.max(0, i - EXCERPT_WORDS + 1);
    if (inWindow > bestHits) { bestHits = inWindow; best = start; }
  }
  // Begin a few words before the first hit of that run, for context.
  const first = hit.indexOf(true, best);
  if (first >= 0) best = Math.max(0, first - 5);
  const p = document.createElement("p");
  // Where the hits shown begin, for the attachment they may be in.
  p.dataset.at = first >= 0 ? all[first].start : -1;
  if (!all.length) return p;
  const last = Math.min(all.length, best + EXCERPT_WORDS) - 1;
  let at = all[best].start;
  if (best > 0) p.append("… ");
  for (let i = best; i <= last; i++) {
    if (!hit[i]) continue;
    p.append(text.slice(at, all[i].start));
    const mark = document.createElement("mark");
    mark.textContent = text.slice(all[i].start, all[i].end);
    p.append(mark);
    at = all[i].end;
  }
  p.append(text.slice(at, all[last].end));
  if (last < all.length - 1) p.append(" …");
  return p;
}

function resultItem(doc, q, tier) {
  const li = document.createElement("li");
  li.dataset.treff = TIER_NAMES[tier];
  const link = document.createElement("a");
  link.href = form.dataset.root + doc.url;
  link.textContent = doc.title || doc.url;
  const heading = document.createElement("p");
  heading.className = "search-result-title";
  heading.append(link);
  const detail = document.createElement("p");
  detail.className = "meta";
  detail.textContent = [doc.type, doc.detail].filter(Boolean).join(" · ");
  const shown = excerpt(doc.text, q);
  li.append(heading, detail);
  // A hit in the text of an attachment (a PDF searched with its case) says so, and links it.
  const at = Number(shown.dataset.at);
  const part = (doc.vedlegg || []).filter((v) => at >= 0 && v.fra <= at).pop();
  if (part) {
    const where = document.createElement("p");
    where.className = "search-result-attachment";
    const to = document.createElement("a");
    to.href = form.dataset.root + part.url;
    to.textContent = part.tittel;
    where.append("Treff i vedlegget ", to);
    li.append(where);
  }
  delete shown.dataset.at;
  li.append(shown);
  return li;
}

/** Documents matching every term of `q` and the filters, best first. */
async function find(q, chosen, docs) {
  let matched;
  let ranked;
  const tiers = new Map();
  if (q.length) {
    const per = await Promise.all(q.map((t) => scores(t, docs)));
    per.sort((a, b) => a.size - b.size);
    for (const [d, first] of per[0]) {
      let hit = { score: first.score, tier: first.tier };
      for (const m of per.slice(1)) {
        const v = m.get(d);
        if (v === undefined) { hit = null; break; }
        hit.score += v.score;
        hit.tier = Math.max(hit.tier, v.tier);
      }
      if (hit) tiers.set(d, hit);
    }
    matched = [...tiers.keys()];
    ranked = matched.filter((d) => passes(docs, d, chosen)).sort((a, b) =>
      tiers.get(a).tier - tiers.get(b).tier || tiers.get(b).score - tiers.get(a).score || a - b);
  } else {
    // Filters only: newest first.
    matched = docs.length.map((_, d) => d);
    const years = meta.filters.aar.values;
    const year = (d) => docs.aar[d] >= 0 ? years[docs.aar[d]] : "";
    ranked = matched.filter((d) => passes(docs, d, chosen)).sort((a, b) => year(b).localeCompare(year(a)) || a - b);
  }
  return { matched, ranked, tier: (d) => tiers.get(d)?.tier ?? WHOLE };
}

async function fragmentDoc(d) {
  const fragment = await fetchJson(`d/${Math.floor(d / meta.fragmentDocs)}.json`);
  return fragment[d % meta.fragmentDocs];
}

let run = 0;

/** Shows the results `top` in order, each as soon as its fragment and those of the results
 * above it have come, fetching the first few before the rest; the old results stay until the
 * first new one is there, when `first()` is called. `current()` is false once a newer search
 * has started. */
async function show(top, q, tier, current, first) {
  const items = new Array(top.length);
  let next = 0;
  const flush = () => {
    if (!current()) return;
    if (next === 0 && items[0]) {
      list.replaceChildren();
      first();
    }
    while (next < top.length && items[next]) list.append(items[next++]);
  };
  const load = (i) => fragmentDoc(top[i]).then((doc) => { items[i] = resultItem(doc, q, tier(top[i])); flush(); });
  if (!top.length) {
    list.replaceChildren();
    first();
  }
  await Promise.all(top.slice(0, FIRST).map((_, i) => load(i)));
  await Promise.all(top.slice(FIRST).map((_, i) => load(FIRST + i)));
}

async function search() {
  const query = field.value.trim();
  const chosen = chosenFilters();
  const mine = ++run;
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const select of selects) if (select.value) params.set(select.dataset.filter, select.value);
  history.replaceState(null, "", params.size ? "?" + params : location.pathname);
  const q = parse(query);
  if (!q.length && !Object.keys(chosen).length) {
    list.replaceChildren();
    showCounts(null, null, {});
    say("");
    return;
  }
  try {
    const docs = await fetchJson("docs.json");
    const { matched, ranked, tier } = await find(q, chosen, docs);
    if (mine !== run) return; // a newer search has started
    showCounts(docs, matched, chosen);
    const n = ranked.length;
    // Only typos found: say so, as the reader may not see the word was misspelt.
    const similar = n > 0 && tier(ranked[0]) === TYPO;
    const what = !query ? "" : similar ? ` på ord som ligner «${query}»` : ` for «${query}»`;
    // The count is told with the first result; the list is busy until the last is there.
    list.setAttribute("aria-busy", "true");
    await show(ranked.slice(0, MAX), q, tier, () => mine === run, () => say(n === 0 ? `Ingen treff${what}.`
      : `${n} treff${what}${n > MAX ? `, viser de ${MAX} beste` : ""}.`));
    if (mine === run) list.removeAttribute("aria-busy");
  } catch (e) {
    if (mine === run) list.removeAttribute("aria-busy");
    if (mine === run) say("Søket feilet. Prøv igjen, eller bruk listene over organer og år under.");
  }
}

let timer;
function soon() {
  clearTimeout(timer);
  timer = setTimeout(search, 200);
}

try {
  meta = await fetchJson("meta.json");
  if (meta.format !== FORMAT) throw new Error(`søkeindeks i format ${meta.format}`);
  shards = new Set(meta.shards);
  fillFilters();
  const params = new URLSearchParams(location.search);
  field.value = params.get("q") || "";
  for (const select of selects) select.value = params.get(select.dataset.filter) || "";
  form.hidden = false;
  document.getElementById("sok-uten-js").hidden = true;
  form.addEventListener("submit", (e) => { e.preventDefault(); clearTimeout(timer); search(); });
  field.addEventListener("input", soon);
  for (const select of selects) select.addEventListener("change", search);
  if (field.value || selects.some((s) => s.value)) search();
} catch (e) {
  say("Søket kunne ikke lastes. Bruk listene over organer og år under.");
}
