// The search page: a small interface over Pagefind's own API (pagefind/pagefind.js).
// Keyboard and screen reader first: a labelled field, plain selects for the filters, a polite
// live region for the count, and the results as an ordered list of links. Without JavaScript
// (or where it fails) the form stays hidden, a note says so, and the lists of bodies and years
// remain.
const form = document.getElementById("sok-skjema");
const field = document.getElementById("sok-felt");
const status = document.getElementById("sok-status");
const list = document.getElementById("sok-treff");
const selects = [...form.querySelectorAll("select[data-filter]")];
const MAX = 30;

const say = (text) => { status.textContent = text; };

async function load() {
  const url = new URL(form.dataset.root + "pagefind/pagefind.js", document.baseURI);
  const pagefind = await import(url.href);
  await pagefind.options({ excerptLength: 24 });
  await pagefind.init();
  return pagefind;
}

function fillFilters(available) {
  for (const select of selects) {
    const values = Object.entries(available[select.dataset.filter] || {});
    values.sort(([a], [b]) => select.dataset.filter === "aar" ? b.localeCompare(a) : a.localeCompare(b, "nb"));
    for (const [value, count] of values) {
      const option = new Option(`${value} (${count})`, value);
      select.append(option);
    }
  }
}

function chosenFilters() {
  const filters = {};
  for (const select of selects) {
    if (select.value) filters[select.dataset.filter] = select.value;
  }
  return filters;
}

function resultItem(data) {
  const li = document.createElement("li");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  const heading = document.createElement("p");
  heading.className = "search-result-title";
  heading.append(link);
  const detail = document.createElement("p");
  detail.className = "meta";
  const type = data.filters && data.filters.type ? data.filters.type[0] + " · " : "";
  detail.textContent = type + (data.meta.detail || "");
  const excerpt = document.createElement("p");
  // Pagefind's excerpt is escaped text with <mark> around the hits.
  excerpt.innerHTML = data.excerpt;
  li.append(heading, detail, excerpt);
  return li;
}

let pagefind;
let run = 0;

async function search() {
  const query = field.value.trim();
  const filters = chosenFilters();
  const mine = ++run;
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const [k, v] of Object.entries(filters)) params.set(k, v);
  history.replaceState(null, "", params.size ? "?" + params : location.pathname);
  if (!query && !Object.keys(filters).length) {
    list.replaceChildren();
    say("");
    return;
  }
  const found = await pagefind.search(query || null, { filters });
  const shown = found.results.slice(0, MAX);
  const data = await Promise.all(shown.map((r) => r.data()));
  if (mine !== run) return; // a newer search has started
  list.replaceChildren(...data.map(resultItem));
  const n = found.results.length;
  const what = query ? ` for «${query}»` : "";
  say(n === 0 ? `Ingen treff${what}.`
    : `${n} treff${what}${n > MAX ? `, viser de ${MAX} beste` : ""}.`);
}

let timer;
function soon() {
  clearTimeout(timer);
  timer = setTimeout(search, 250);
}

try {
  pagefind = await load();
  fillFilters(await pagefind.filters());
  const params = new URLSearchParams(location.search);
  field.value = params.get("q") || "";
  for (const select of selects) select.value = params.get(select.dataset.filter) || "";
  form.hidden = false;
  document.getElementById("sok-uten-js").hidden = true;
  form.addEventListener("submit", (e) => { e.preventDefault(); clearTimeout(timer); search(); });
  field.addEventListener("input", soon);
  for (const select of selects) select.addEventListener("change", search);
  if (field.value || Object.keys(chosenFilters()).length) search();
} catch (e) {
  say("Søket kunne ikke lastes. Bruk listene over organer og år under.");
}
