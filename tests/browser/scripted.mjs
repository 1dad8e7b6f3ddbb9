// Does a file run script when a reader opens it? (run by tests/testsuite/security_files.rs)
//
// Serves ROOT on 127.0.0.1 and opens each PATH in Debian's Chromium as a reader would: it
// waits for the load event and two animation frames (an SVG <set> or <animate> applies on
// the first), then clicks every link (a `javascript:` href runs only when followed) and lets
// the queued navigations run. Script "ran" when the page opened a dialog (every vector of
// tests/browser/fixtures/scripted calls alert) or fetched /__ran.
//
// Files are served with the type their extension names (html, htm, xhtml, xht, svg, xml);
// any other file is served without a Content-Type, as a host that does not know the extension
// does, so the browser sniffs its bytes: that is how a `.pdf` that is really HTML runs.
//
// usage: node scripted.mjs --root DIR PATH...
// Prints {"PATH": {"ran": bool, "dialogs": [..], "error": ".."}} as JSON. Exit 0, or 2 on setup
// errors.

import { createServer } from "node:http";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join, resolve, sep } from "node:path";

const CHROMIUM = process.env.MOTEBOK_CHROMIUM || "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
const TYPES = {
  ".html": "text/html; charset=utf-8", ".htm": "text/html; charset=utf-8",
  ".xhtml": "application/xhtml+xml", ".xht": "application/xhtml+xml",
  ".svg": "image/svg+xml", ".xml": "application/xml", ".css": "text/css",
  ".js": "text/javascript", ".png": "image/png",
};

function setupError(message) {
  console.error(`scripted: ${message}\nKjør scripts/install-test-deps for å installere verktøyene.`);
  process.exit(2);
}

function serve(root, hits) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (path === "/__ran") {
      hits.push(req.headers.referer || "?");
      res.writeHead(204);
      res.end();
      return;
    }
    try {
      let file = resolve(join(root, path));
      if (!file.startsWith(root + sep)) throw new Error("outside");
      if (path.endsWith("/")) file = join(file, "index.html");
      const body = await readFile(file);
      const type = TYPES[extname(file).toLowerCase()];
      res.writeHead(200, type ? { "content-type": type } : {});
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    }
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

/** Lets the page run two animation frames and the tasks queued before them. */
async function settle(page) {
  await page.evaluate(
    () => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(ok, 0)))),
  ).catch(() => {});
}

async function open(context, base, path, hits) {
  const page = await context.newPage();
  const dialogs = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  const before = hits.length;
  const out = { ran: false, dialogs };
  try {
    await page.goto(base + path, { waitUntil: "load" });
    await settle(page);
    for (const link of await page.$$("a")) {
      await link.click({ force: true, noWaitAfter: true, timeout: 2000 }).catch(() => {});
      await settle(page);
    }
    await page.waitForLoadState("load").catch(() => {});
    await settle(page);
  } catch (e) {
    out.error = e.message;
  }
  out.ran = dialogs.length > 0 || hits.length > before;
  await page.close().catch(() => {});
  return out;
}

async function main() {
  const argv = process.argv.slice(2);
  if (argv[0] !== "--root" || !argv[1]) setupError("usage: node scripted.mjs --root DIR PATH...");
  const root = resolve(argv[1]);
  const paths = argv.slice(2);
  if (!existsSync(CHROMIUM)) setupError(`fant ikke Chromium på ${CHROMIUM} (apt: chromium)`);
  let chromium;
  try {
    ({ chromium } = await import("playwright-core"));
  } catch {
    setupError("fant ikke npm-pakken playwright-core i tests/browser/node_modules");
  }
  const hits = [];
  const server = await serve(root, hits);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const profile = mkdtempSync(join(tmpdir(), "motebok-scripted-"));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS,
    });
  } catch (e) {
    setupError(`kunne ikke starte Chromium: ${e.message}`);
  }
  const report = {};
  try {
    for (const path of paths) report[path] = await open(context, base, path.replace(/^\//, ""), hits);
  } finally {
    await context.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
  console.log(JSON.stringify(report, null, 1));
}

main();
