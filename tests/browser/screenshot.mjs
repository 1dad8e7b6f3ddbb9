// Screenshots of pages of a built site at 320 and 1280 CSS px, for a person to look at.
// Each page is cut in tiles a screen high (name-WIDTH-N.png).
// usage: node screenshot.mjs --site DIR --out DIR [--print] [--query WORD] url-path...
// With --query, the search page (sok/) is shown with the results for WORD.
// With --print, also a PDF of each page as printed (A4). Uses Debian's Chromium.
import { chromium } from "playwright-core";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { serve } from "./serve.mjs";

const argv = process.argv.slice(2);
const take = (flag) => { const i = argv.indexOf(flag); return i < 0 ? null : argv.splice(i, 2)[1]; };
const site = resolve(take("--site"));
const out = resolve(take("--out"));
const print = argv.includes("--print") ? argv.splice(argv.indexOf("--print"), 1) && true : false;
mkdirSync(out, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), "motebok-shot-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium", headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const server = await serve(site);
const base = `http://127.0.0.1:${server.address().port}/`;
const page = await context.newPage();
const query = take("--query");
for (const path of argv) {
  const name = path.replace(/\/$/, "").replace(/[^a-z0-9.-]+/gi, "_") || "forside";
  for (const width of [320, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(base + path);
    if (query && path === "sok/") {
      await page.fill("#sok-felt", query);
      await page.waitForSelector("#sok-treff li");
    }
    // Tiles a screen high, so each can be looked at in full size.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    const tile = width === 320 ? 700 : 1000;
    for (let y = 0, n = 1; y < height; y += tile, n++) {
      const clip = { x: 0, y, width, height: Math.min(tile, height - y) };
      await page.screenshot({ path: join(out, `${name}-${width}-${n}.png`), clip, fullPage: true });
    }
  }
  if (print) await page.pdf({ path: join(out, `${name}.pdf`), format: "A4", printBackground: true });
}
await context.close();
server.close();
rmSync(profile, { recursive: true, force: true });
