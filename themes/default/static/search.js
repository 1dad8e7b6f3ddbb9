// The search page, over motebok's own static index (sok/indeks/, described in
// crates/builder/src/search/mod.rs). Only what a query needs is fetched: meta.json at start,
// docs.json and one term shard per word at the first search, then the fragments of the
// results shown.
// Keyboard and screen reader first: a labelled field, plain selects for the filters, a polite
// live region for the count, and the results as an ordered list of links. Without JavaScript
// (or where it fails) the form stays hidden, a note says so, and the lists of bodies and years
// remain. Index text is only ever set as textContent.
import { words, term, shardKey, shardOf } from "./words.js";

const FORMAT = 1;
const MAX = 30;
const EXCERPT_WORDS = 30;
// A word typed as the start of a longer word counts for less than the word itself.
const PREFIX_FACTOR = 0.5;
// Beyond this many shards, a prefix is too short to expand (wait for the next letter).
const MAX_PREFIX_SHARDS = 8;

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
    seen.set(t, (seen.get(t) || false) || prefix);
  });
  return [...seen].map(([t, prefix]) => ({ term: t, prefix: prefix && [...t].length >= 2 }));
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

/** BM25 scores of the documents matching one query term (exactly or, typing, as a prefix). */
async function scores(q, docs) {
  const out = new Map();
  const n = meta.docs;
  for (const shard of await Promise.all(shardsFor(q).map((k) => fetchJson(`t/${k}.json`)))) {
    for (const [t, postings] of Object.entries(shard)) {
      const exact = t === q.term;
      if (!exact && !(q.prefix && t.startsWith(q.term))) continue;
      const df = postings.length / 2;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      const factor = exact ? 1 : PREFIX_FACTOR;
      let doc = 0;
      for (let i = 0; i < postings.length; i += 2) {
        doc += postings[i];
        const tf = postings[i + 1];
        const norm = 1 - meta.b + meta.b * docs.length[doc] / meta.averageLength;
        const s = factor * idf * tf * (meta.k1 + 1) / (tf + meta.k1 * norm);
        if (s > (out.get(doc) || 0)) out.set(doc, s);
      }
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
  const hit = all.map((w) => q.some((t) => w.word.startsWith(t.term)
    && (t.prefix ? term(w.word, meta.stemmer).startsWith(t.term) : term(w.word, meta.stemmer) === t.term)));
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

function resultItem(doc, q) {
  const li = document.createElement("li");
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
  if (q.length) {
    const per = await Promise.all(q.map((t) => scores(t, docs)));
    per.sort((a, b) => a.size - b.size);
    const total = new Map();
    for (const [d, s] of per[0]) {
      let sum = s;
      for (const m of per.slice(1)) {
        const v = m.get(d);
        if (v === undefined) { sum = null; break; }
        sum += v;
      }
      if (sum !== null) total.set(d, sum);
    }
    matched = [...total.keys()];
    ranked = matched.filter((d) => passes(docs, d, chosen)).sort((a, b) => total.get(b) - total.get(a) || a - b);
  } else {
    // Filters only: newest first.
    matched = docs.length.map((_, d) => d);
    const years = meta.filters.aar.values;
    const year = (d) => docs.aar[d] >= 0 ? years[docs.aar[d]] : "";
    ranked = matched.filter((d) => passes(docs, d, chosen)).sort((a, b) => year(b).localeCompare(year(a)) || a - b);
  }
  return { matched, ranked };
}

async function fragmentDoc(d) {
  const fragment = await fetchJson(`d/${Math.floor(d / meta.fragmentDocs)}.json`);
  return fragment[d % meta.fragmentDocs];
}

let run = 0;

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
    const { matched, ranked } = await find(q, chosen, docs);
    const shown = await Promise.all(ranked.slice(0, MAX).map(fragmentDoc));
    if (mine !== run) return; // a newer search has started
    showCounts(docs, matched, chosen);
    list.replaceChildren(...shown.map((doc) => resultItem(doc, q)));
    const n = ranked.length;
    const what = query ? ` for «${query}»` : "";
    say(n === 0 ? `Ingen treff${what}.`
      : `${n} treff${what}${n > MAX ? `, viser de ${MAX} beste` : ""}.`);
  } catch (e) {
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
