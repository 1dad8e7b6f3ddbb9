// The search page in a real browser (run by tests/testsuite/search_browser.rs), over a built site:
//   --expect QUERY=URL:HOW   searching QUERY lists a link to URL found as HOW (`ord`: the
//                            word itself, `del`: a part of a compound, `skrivefeil`: with one
//                            typo), with a <mark> in its excerpt; where every result is a
//                            typo, the count says the words only resemble the query
//   --absent QUERY=URL       searching QUERY lists no link to URL
// For every query the results come best kind first (words, then parts, then typos). And
// (--progressive QUERY) the first results show while the fragments of the later ones are
// still held back by the test: results appear as they come, not all at once.
// Serves the site on 127.0.0.1 itself and drives Debian's Chromium, as audit.mjs.
//
// usage: node search.mjs --site DIR [--expect Q=URL:HOW]... [--absent Q=URL]...
//                        [--progressive Q] [--report FILE]
// Exit 0 all passed, 1 a check failed, 2 setup error.

import { serve } from "./serve.mjs";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const CHROMIUM = process.env.MOTEBOK_CHROMIUM || "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const TIERS = ["ord", "del", "skrivefeil"];

function setupError(message) {
  console.error(`search: ${message}\nKjør scripts/install-test-deps for å installere verktøyene.`);
  process.exit(2);
}

function parseArgs(argv) {
  const args = { expect: [], absent: [], progressive: [] };
  for (let i = 0; i < argv.length; i += 2) {
    const [k, v] = [argv[i], argv[i + 1]];
    if (v === undefined) setupError(`${k} mangler en verdi`);
    const at = v.indexOf("=");
    if (k === "--site") args.site = resolve(v);
    else if (k === "--report") args.report = resolve(v);
    else if (k === "--expect") {
      const rest = v.slice(at + 1);
      const colon = rest.lastIndexOf(":");
      args.expect.push({ query: v.slice(0, at), url: rest.slice(0, colon), how: rest.slice(colon + 1) });
    } else if (k === "--absent") args.absent.push({ query: v.slice(0, at), url: v.slice(at + 1) });
    else if (k === "--progressive") args.progressive.push(v);
    else setupError(`ukjent argument ${k}`);
  }
  if (!args.site) setupError("--site DIR mangler");
  return args;
}

/** Searches `query` on a fresh search page; the results once the count is told. */
async function search(context, base, query) {
  const page = await context.newPage();
  try {
    await page.goto(base + "/sok/", { waitUntil: "load" });
    await page.waitForSelector("#sok-felt:visible", { timeout: 10000 });
    await page.focus("#sok-felt");
    await page.keyboard.type(query);
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => /treff/i.test(document.getElementById("sok-status").textContent)
      && !document.getElementById("sok-treff").hasAttribute("aria-busy"), null, { timeout: 20000 });
    const found = await page.evaluate(() => [...document.querySelectorAll("#sok-treff > li")].map((li) => ({
      href: li.querySelector("a")?.getAttribute("href") || "",
      how: li.dataset.treff,
      marked: Boolean(li.querySelector("mark")?.textContent.trim()),
    })));
    found.status = await page.textContent("#sok-status");
    return found;
  } finally {
    await page.close();
  }
}

/** With every fragment after the first few held back, some results must already show. */
async function progressive(context, base, query) {
  const page = await context.newPage();
  const held = [];
  let seen = 0;
  try {
    await page.route("**/sok/indeks/d/*.json", (route) => {
      if (seen++ < 3) return route.continue();
      held.push(route);
    });
    await page.goto(base + "/sok/", { waitUntil: "load" });
    await page.waitForSelector("#sok-felt:visible", { timeout: 10000 });
    await page.focus("#sok-felt");
    await page.keyboard.type(query);
    await page.keyboard.press("Enter");
    try {
      await page.waitForSelector("#sok-treff > li", { timeout: 10000 });
    } catch {
      return [{ query, problem: "ingen treff vises før alle utdragene er hentet" }];
    }
    if (!held.length) return [{ query, problem: "for få treff til å prøve visning etter hvert" }];
    const shown = await page.locator("#sok-treff > li").count();
    for (const r of held.splice(0)) await r.continue();
    return shown > 0 ? [] : [{ query, problem: "ingen treff vist" }];
  } finally {
    for (const r of held) await r.continue().catch(() => {});
    await page.close();
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(CHROMIUM)) setupError(`fant ikke Chromium på ${CHROMIUM} (apt: chromium)`);
  let chromium;
  try {
    ({ chromium } = await import("playwright-core"));
  } catch {
    setupError("fant ikke npm-pakken playwright-core i tests/browser/node_modules");
  }
  const server = await serve(args.site);
  const base = `http://127.0.0.1:${server.address().port}`;
  const profile = mkdtempSync(join(tmpdir(), "motebok-search-"));
  const failures = [];
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS,
    });
  } catch (e) {
    setupError(`kunne ikke starte Chromium: ${e.message}`);
  }
  const results = {};
  try {
    const queries = new Set([...args.expect, ...args.absent].map((c) => c.query));
    for (const query of queries) {
      const found = await search(context, base, query);
      results[query] = found;
      const order = found.map((r) => TIERS.indexOf(r.how));
      if (order.some((t) => t < 0)) failures.push({ query, problem: "et treff sier ikke hvordan det ble funnet" });
      if (order.some((t, i) => i > 0 && t < order[i - 1])) {
        failures.push({ query, problem: `treffene kommer ikke i rekkefølgen ord, del, skrivefeil: ${found.map((r) => r.how)}` });
      }
    }
    for (const c of args.expect) {
      const r = results[c.query].find((x) => x.href.endsWith(c.url));
      if (!r) failures.push({ query: c.query, problem: `ingen lenke til ${c.url}` });
      else if (r.how !== c.how) failures.push({ query: c.query, problem: `${c.url} funnet som «${r.how}», ikke «${c.how}»` });
      else if (!r.marked) failures.push({ query: c.query, problem: `${c.url} har ikke treffet uthevet med <mark>` });
      // Found only with a typo: the count says the words are similar, not the ones typed.
      const typos = results[c.query].every((x) => x.how === "skrivefeil");
      if (typos && !results[c.query].status.includes("ligner")) {
        failures.push({ query: c.query, problem: `bare skrivefeil, men statusen sier ikke det: «${results[c.query].status}»` });
      }
    }
    for (const c of args.absent) {
      if (results[c.query].some((x) => x.href.endsWith(c.url))) {
        failures.push({ query: c.query, problem: `${c.url} skulle ikke vært funnet` });
      }
    }
    for (const q of args.progressive) failures.push(...await progressive(context, base, q));
  } finally {
    await context.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
  for (const f of failures) console.log("FEIL " + JSON.stringify(f));
  console.log(`${failures.length} feil i søkesiden`);
  if (args.report) writeFileSync(args.report, JSON.stringify({ failures, results }, null, 2));
  process.exit(failures.length ? 1 : 0);
}

await main();
