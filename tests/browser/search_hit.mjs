// What the search page shows for a query, in Debian's Chromium (run by tests/testsuite/attachments.rs).
// usage: node search_hit.mjs --site DIR --query WORD
// Prints [{"href": "...", "attachment": {"href": "...", "text": "..."} | null, "excerpt": "..."}]
// for the results listed, as JSON. Exit 0, or 2 on setup errors.
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { serve } from "./serve.mjs";

const argv = process.argv.slice(2);
const take = (flag) => { const i = argv.indexOf(flag); return i < 0 ? null : argv.splice(i, 2)[1]; };
const site = resolve(take("--site"));
const query = take("--query");
const profile = mkdtempSync(join(tmpdir(), "motebok-search-"));
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.MOTEBOK_CHROMIUM || "/usr/bin/chromium", headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
} catch (e) {
  console.error(`search_hit: ${e}\nKjør scripts/install-test-deps for å installere verktøyene.`);
  process.exit(2);
}
const server = await serve(site);
try {
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/sok/`);
  await page.fill("#sok-felt", query);
  await page.waitForSelector("#sok-treff li", { timeout: 20000 });
  const results = await page.evaluate(() => [...document.querySelectorAll("#sok-treff li")].map((li) => {
    const where = li.querySelector(".search-result-attachment a");
    return {
      href: li.querySelector(".search-result-title a").getAttribute("href"),
      attachment: where ? { href: where.getAttribute("href"), text: where.closest("p").textContent } : null,
      excerpt: li.querySelector("p:last-child").textContent,
    };
  }));
  console.log(JSON.stringify(results));
} finally {
  await context.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
