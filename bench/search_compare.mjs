// motebok's search page against Pagefind's JS API on the same pages, in headless Chromium
// (run by bench/search.sh, which builds both). For each query and engine, in a fresh browser
// context (cold HTTP cache) with the engine loaded (motebok: meta.json read and the form shown;
// Pagefind: `pagefind.init()` done), it times from submitting the query to the first result in
// the list (title and excerpt in the DOM) and to the last of the first 30, and records the
// top results. Engines alternate, the median of --runs is reported.
//
// usage: node bench/search_compare.mjs --motebok DIR --pagefind DIR --queries FILE
//                                      [--runs N] [--latency MS] [--out FILE]
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const BROWSER = join(HERE, "..", "tests", "browser");
const { serve } = await import(pathToFileURL(join(BROWSER, "serve.mjs")).href);
const { chromium } = await import(pathToFileURL(join(BROWSER, "node_modules", "playwright-core", "index.mjs")).href);
const CHROMIUM = process.env.MOTEBOK_CHROMIUM || "/usr/bin/chromium";

const args = { runs: 5, latency: 0 };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) args[argv[i].replace(/^--/, "")] = argv[i + 1];
const queries = readFileSync(resolve(args.queries), "utf8").split("\n")
  .map((l) => l.replace(/#.*/, "").trim()).filter(Boolean);
const runs = Number(args.runs);
const latency = Number(args.latency);

/** A fresh context and page on `url`, with `latency` ms added to every request. */
async function open(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (latency) {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false, latency, downloadThroughput: -1, uploadThroughput: -1,
    });
  }
  await page.goto(url, { waitUntil: "load" });
  return { context, page };
}

async function motebok(browser, base, query) {
  const { context, page } = await open(browser, base + "/sok/");
  try {
    await page.waitForSelector("#sok-felt:visible");
    return await page.evaluate((q) => new Promise((done) => {
      const list = document.getElementById("sok-treff");
      const status = document.getElementById("sok-status");
      let first = null;
      const t0 = performance.now();
      new MutationObserver(() => {
        if (first === null && list.querySelector("li")) first = performance.now() - t0;
      }).observe(list, { childList: true });
      const check = () => {
        if (!/treff/i.test(status.textContent) || list.hasAttribute("aria-busy")) return;
        const items = [...list.querySelectorAll(":scope > li")];
        done({
          first, all: performance.now() - t0, count: Number((/^(\d+)/.exec(status.textContent) || [0, 0])[1]),
          top: items.slice(0, 10).map((li) => ({
            url: new URL(li.querySelector("a").href).pathname, how: li.dataset.treff || "",
          })),
        });
      };
      new MutationObserver(check).observe(status, { childList: true, characterData: true, subtree: true });
      new MutationObserver(check).observe(list, { attributes: true, attributeFilter: ["aria-busy"] });
      document.getElementById("sok-felt").value = q;
      document.getElementById("sok-skjema").requestSubmit();
    }), query);
  } finally {
    await context.close();
  }
}

async function pagefind(browser, base, query) {
  const { context, page } = await open(browser, base + "/__bench/pagefind.html");
  try {
    await page.waitForFunction(() => window.benchReady === true);
    return await page.evaluate((q) => window.benchRun(q), query);
  } finally {
    await context.close();
  }
}

const median = (v) => {
  const s = v.filter((x) => x !== null).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : null;
};

async function main() {
  const servers = [await serve(resolve(args.motebok)), await serve(resolve(args.pagefind))];
  const bases = servers.map((s) => `http://127.0.0.1:${s.address().port}`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  const out = [];
  try {
    // One warm-up of each, outside the figures (the browser's own first-use costs).
    await motebok(browser, bases[0], queries[0]);
    await pagefind(browser, bases[1], queries[0]);
    for (const query of queries) {
      const m = [];
      const p = [];
      for (let r = 0; r < runs; r++) {
        m.push(await motebok(browser, bases[0], query));
        p.push(await pagefind(browser, bases[1], query));
      }
      const row = {
        query,
        motebok: { first: median(m.map((x) => x.first)), all: median(m.map((x) => x.all)), count: m[0].count, top: m[0].top },
        pagefind: { first: median(p.map((x) => x.first)), all: median(p.map((x) => x.all)), count: p[0].count, top: p[0].top },
      };
      out.push(row);
      const f = (x) => (x === null ? "–" : x.toFixed(0));
      console.log(`${query.padEnd(28)} motebok ${f(row.motebok.first).padStart(4)} ms (${row.motebok.count})  `
        + `pagefind ${f(row.pagefind.first).padStart(4)} ms (${row.pagefind.count})`);
    }
  } finally {
    await browser.close();
    for (const s of servers) s.close();
  }
  const med = (k) => median(out.map((r) => r[k].first));
  console.log(`median time to first result: motebok ${med("motebok")?.toFixed(0)} ms, pagefind ${med("pagefind")?.toFixed(0)} ms`
    + (latency ? ` (${latency} ms latency a request)` : ""));
  if (args.out) writeFileSync(resolve(args.out), JSON.stringify({ latency, runs, rows: out }, null, 2));
}

await main();
