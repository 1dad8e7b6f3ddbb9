// The browser audit of a built site (run by tests/testsuite/browser_audit.rs):
//   axe      axe-core, WCAG 2.0/2.1 A and AA rules, on every HTML page: zero violations
//   html     the Nu Html Checker over every HTML file: zero errors
//   keyboard on every page the first Tab reaches a skip link, and following it moves focus
//            into <main>
//   search   (with --search WORD=URL) typing WORD into the search page's field lists a link
//            to URL with the word marked in its excerpt, and choosing a filter value narrows
//            the results to the count its option shows
//   reflow   at 320 CSS px no page scrolls sideways
//   text200  nor at 640 px with the text at 200 %
//   structure one h1, headings in order, the banner/main/contentinfo landmarks, lang="nb"
// Serves the site on 127.0.0.1 itself and drives Debian's Chromium: never a downloaded browser.
//
// usage: node audit.mjs --site DIR [--search WORD=URL] [--report FILE] [--parallel N]
// Prints a summary; writes a JSON report. Exit 0 all passed, 1 a check failed, 2 setup error.

import { serve } from "./serve.mjs";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.MOTEBOK_CHROMIUM || "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const REFLOW_WIDTH = 320;
/** The URL path axe-core is served at: a cached script the browser compiles once, not per page. */
const AXE_URL = "/__audit/axe.min.js";

function setupError(message) {
  console.error(`audit: ${message}\nKjør scripts/install-test-deps for å installere verktøyene.`);
  process.exit(2);
}

function parseArgs(argv) {
  const args = { parallel: 4 };
  for (let i = 0; i < argv.length; i += 2) {
    const [k, v] = [argv[i], argv[i + 1]];
    if (v === undefined) setupError(`${k} mangler en verdi`);
    if (k === "--site") args.site = resolve(v);
    else if (k === "--search") {
      const at = v.indexOf("=");
      args.search = { word: v.slice(0, at), url: v.slice(at + 1) };
    } else if (k === "--report") args.report = resolve(v);
    else if (k === "--parallel") args.parallel = Number(v);
    else setupError(`ukjent argument ${k}`);
  }
  if (!args.site) setupError("--site DIR mangler");
  return args;
}

async function load(name) {
  try {
    return await import(name);
  } catch {
    setupError(`fant ikke npm-pakken ${name} i tests/browser/node_modules`);
  }
}

/** Every HTML file under `root`, as URL paths (the search index is JSON only). */
async function htmlPages(root) {
  const out = [];
  async function walk(dir) {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        await walk(p);
      } else if (e.name.endsWith(".html")) {
        const rel = relative(root, p).split(sep).join("/");
        out.push("/" + rel.replace(/(^|\/)index\.html$/, "$1"));
      }
    }
  }
  await walk(root);
  return out.sort();
}

/** The Nu Html Checker over `root`'s HTML files; resolves to its error messages. */
function nuChecker(root) {
  const jar = join(HERE, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
  if (!existsSync(jar)) setupError("fant ikke vnu.jar (npm-pakken vnu-jar)");
  return new Promise((ok, fail) => {
    const java = spawn("java", ["-jar", jar, "--errors-only", "--skip-non-html", "--format", "json", root]);
    let out = "";
    java.stdout.on("data", (d) => (out += d));
    java.stderr.on("data", (d) => (out += d));
    java.on("error", () => setupError("fant ikke java (apt: default-jre-headless)"));
    java.on("close", () => {
      try {
        const json = JSON.parse(out.slice(out.indexOf("{")));
        ok(json.messages.filter((m) => m.type === "error").map((m) => ({
          page: "/" + relative(root, fileURLToPath(m.url)).split(sep).join("/"),
          line: m.lastLine,
          message: m.message,
        })));
      } catch (e) {
        fail(new Error(`Nu Html Checker: uventet svar: ${out.slice(0, 500)}`));
      }
    });
  });
}

/** axe, structure, keyboard and reflow on one page, in a tab that is reused. */
async function auditPage(page, base, path) {
  const found = { axe: [], keyboard: [], reflow: [], text200: [], structure: [] };
  try {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(base + path, { waitUntil: "load" });

    await page.addScriptTag({ url: base + AXE_URL });
    const axe = await page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
      AXE_TAGS,
    );
    for (const v of axe.violations) {
      found.axe.push({ page: path, rule: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.length, target: v.nodes[0]?.target?.join(" ") });
    }

    // Structure: one h1, no skipped heading levels, landmarks, language.
    const structure = await page.evaluate(() => {
      const problems = [];
      const hs = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")];
      const h1s = hs.filter((h) => h.tagName === "H1").length;
      if (h1s !== 1) problems.push(`${h1s} h1-overskrifter`);
      let last = 0;
      for (const h of hs) {
        const level = Number(h.tagName[1]);
        if (level > last + 1) problems.push(`h${level} «${h.textContent.trim().slice(0, 40)}» etter h${last}`);
        last = level;
      }
      for (const [sel, name] of [["body > header, [role=banner]", "banner"], ["main", "main"], ["body > footer, [role=contentinfo]", "contentinfo"]]) {
        if (document.querySelectorAll(sel).length !== 1) problems.push(`landemerket ${name} finnes ikke nøyaktig én gang`);
      }
      if (document.documentElement.lang !== "nb") problems.push(`lang="${document.documentElement.lang}"`);
      return problems;
    });
    for (const problem of structure) found.structure.push({ page: path, problem });

    // Keyboard: the first Tab stop is a skip link, and following it lands in <main>.
    await page.keyboard.press("Tab");
    const first = await page.evaluate(() => {
      const a = document.activeElement;
      const href = a?.getAttribute?.("href") || "";
      const target = href.startsWith("#") ? document.getElementById(href.slice(1)) : null;
      const style = a ? getComputedStyle(a) : null;
      return { tag: a?.tagName, text: a?.textContent?.trim(), href,
        visible: !!a && a.getBoundingClientRect().top >= 0 && a.getBoundingClientRect().height > 0,
        outlined: !!style && style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
        targetIsMain: !!target && !!target.closest("main") };
    });
    if (first.tag !== "A" || !first.targetIsMain) {
      found.keyboard.push({ page: path, problem: `første tabulatorstopp er ${first.tag} «${first.text}», ikke en hopp-lenke til <main>` });
    } else if (!first.visible || !first.outlined) {
      found.keyboard.push({ page: path, problem: "hopp-lenken er ikke synlig, eller har ingen fokusmarkering, når den har fokus" });
    } else {
      await page.keyboard.press("Enter");
      const inMain = await page.evaluate(() => !!document.activeElement?.closest("main"));
      if (!inMain) found.keyboard.push({ page: path, problem: "hopp-lenken flytter ikke fokus til hovedinnholdet" });
    }

    // Reflow: nothing wider than the 320 px viewport.
    await page.setViewportSize({ width: REFLOW_WIDTH, height: 640 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > REFLOW_WIDTH) {
      const culprit = await page.evaluate((w) => {
        const wide = [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > w + 1);
        const e = wide[wide.length - 1];
        return e ? `${e.tagName.toLowerCase()}${e.className ? "." + e.className : ""}` : "";
      }, REFLOW_WIDTH);
      found.reflow.push({ page: path, scrollWidth: width, element: culprit });
    }
    // Text at 200 % (WCAG 1.4.4) on a 640 px screen: still no sideways scrolling.
    await page.setViewportSize({ width: 2 * REFLOW_WIDTH, height: 640 });
    const zoomed = await page.evaluate(() => {
      document.documentElement.style.fontSize = "200%";
      return document.documentElement.scrollWidth;
    });
    if (zoomed > 2 * REFLOW_WIDTH) found.text200.push({ page: path, scrollWidth: zoomed });
  } catch (e) {
    found.axe.push({ page: path, rule: "page-error", help: String(e) });
  }
  return found;
}

const count = (text) => Number((/^(\d+) treff/.exec(text || "") || [])[1] ?? NaN);

/** Choosing a filter value narrows the results to as many as the option said. */
async function filterCheck(page) {
  const status = '[role="status"], [aria-live]';
  const before = count(await page.textContent(status));
  // The first filter with a value that holds some, but not all, of the results.
  const choice = await page.evaluate((total) => {
    for (const select of document.querySelectorAll("form select")) {
      for (const option of select.options) {
        const n = Number((/\((\d+)\)$/.exec(option.textContent) || [])[1]);
        if (option.value && n > 0 && n < total) return { id: select.id, value: option.value, n };
      }
    }
    return null;
  }, before);
  if (!(before > 1) || !choice) {
    return [{ page: "/sok/", problem: `ingen filterverdi med færre treff enn de ${before} (antallet står ikke i valgene)` }];
  }
  await page.focus(`#${choice.id}`);
  await page.selectOption(`#${choice.id}`, choice.value);
  try {
    await page.waitForFunction(
      ([sel, n]) => document.querySelector(sel)?.textContent.startsWith(`${n} treff`),
      [status, choice.n], { timeout: 10000 },
    );
  } catch {
    const now = await page.textContent(status);
    return [{ page: "/sok/", problem: `filteret ${choice.id}=${choice.value} skulle gi ${choice.n} treff, status: «${now}»` }];
  }
  // Results show as they come: the list is aria-busy until the last is there.
  await page.waitForFunction(() => !document.querySelector("[aria-busy=true]"), null, { timeout: 10000 })
    .catch(() => {});
  const shown = await page.locator("ol li").count();
  if (shown !== Math.min(choice.n, 30)) {
    return [{ page: "/sok/", problem: `filteret ${choice.id}=${choice.value}: ${shown} treff i listen, ${choice.n} meldt` }];
  }
  return [];
}

/** Types `word` into the search page's field by keyboard; a result must link to `url`. */
async function searchCheck(context, base, search) {
  const axeTags = AXE_TAGS;
  const page = await context.newPage();
  const problems = [];
  try {
    await page.goto(base + "/sok/", { waitUntil: "load" });
    // Reach the field by Tab, as a keyboard user would.
    let reached = false;
    for (let i = 0; i < 60 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await page.evaluate(() => {
        const a = document.activeElement;
        return a?.tagName === "INPUT" && (a.type === "search" || a.type === "text");
      });
    }
    if (!reached) {
      problems.push({ page: "/sok/", problem: "søkefeltet kan ikke nås med tabulator" });
      return problems;
    }
    const label = await page.evaluate(() => {
      const a = document.activeElement;
      return a.labels?.[0]?.textContent?.trim() || a.getAttribute("aria-label") || "";
    });
    if (!label) problems.push({ page: "/sok/", problem: "søkefeltet har ingen ledetekst" });
    await page.keyboard.type(search.word, { delay: 20 });
    await page.keyboard.press("Enter");
    const selector = `ol a[href*="${search.url}"], ul a[href*="${search.url}"]`;
    try {
      await page.waitForSelector(selector, { timeout: 20000 });
    } catch {
      problems.push({ page: "/sok/", problem: `søk etter «${search.word}» ga ingen lenke til ${search.url}` });
      return problems;
    }
    const live = await page.evaluate(() => {
      const r = document.querySelector('[role="status"], [aria-live]');
      return r ? r.textContent.trim() : null;
    });
    if (!live) problems.push({ page: "/sok/", problem: "antall treff meldes ikke i en live region" });
    // The excerpt shows where the word was found.
    const marked = await page.evaluate((url) => {
      const a = document.querySelector(`ol a[href*="${url}"]`);
      return Boolean(a?.closest("li")?.querySelector("mark")?.textContent.trim());
    }, search.url);
    if (!marked) problems.push({ page: "/sok/", problem: `treffet ${search.url} har ikke ordet uthevet med <mark> i utdraget` });
    problems.push(...await filterCheck(page));
    // The page with its results must pass axe too.
    await page.addScriptTag({ url: base + AXE_URL });
    const axe = await page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
      axeTags,
    );
    for (const v of axe.violations) problems.push({ page: "/sok/ med treff", problem: `axe: ${v.id}: ${v.help}` });
  } catch (e) {
    problems.push({ page: "/sok/", problem: String(e) });
  } finally {
    await page.close();
  }
  return problems;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(CHROMIUM)) setupError(`fant ikke Chromium på ${CHROMIUM} (apt: chromium)`);
  const { chromium } = await load("playwright-core");
  const axePath = join(HERE, "node_modules", "axe-core", "axe.min.js");
  if (!existsSync(axePath)) setupError("fant ikke npm-pakken axe-core");
  const axeSource = readFileSync(axePath, "utf8");

  const started = Date.now();
  const html = nuChecker(args.site); // runs beside the browser
  const pages = await htmlPages(args.site);
  const server = await serve(args.site, { [AXE_URL]: axeSource });
  const base = `http://127.0.0.1:${server.address().port}`;
  const profile = mkdtempSync(join(tmpdir(), "motebok-audit-"));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS,
    });
  } catch (e) {
    setupError(`kunne ikke starte Chromium: ${e.message}`);
  }

  const report = { site: args.site, pages: pages.length, checks: {} };
  const results = [];
  try {
    let next = 0;
    const worker = async () => {
      const page = await context.newPage();
      while (next < pages.length) {
        const path = pages[next++];
        results.push(await auditPage(page, base, path));
      }
      await page.close();
    };
    await Promise.all(Array.from({ length: Math.max(1, args.parallel) }, worker));
    const search = args.search ? await searchCheck(context, base, args.search) : null;

    const all = (k) => results.flatMap((r) => r[k]);
    report.checks.axe = { failures: all("axe"), violations: all("axe").reduce((n, v) => n + (v.nodes || 1), 0) };
    report.checks.keyboard = { failures: all("keyboard") };
    report.checks.reflow = { failures: all("reflow") };
    report.checks.text200 = { failures: all("text200") };
    report.checks.structure = { failures: all("structure") };
    if (search) report.checks.search = { failures: search };
  } finally {
    await context.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
  const errors = await html;
  report.checks.html = { failures: errors, errors: errors.length };
  report.seconds = Math.round((Date.now() - started) / 100) / 10;

  let failed = false;
  for (const [name, check] of Object.entries(report.checks)) {
    check.passed = check.failures.length === 0;
    failed ||= !check.passed;
    console.log(`${check.passed ? "ok  " : "FEIL"} ${name}: ${check.failures.length} funn`);
    for (const f of check.failures.slice(0, 15)) console.log("     " + JSON.stringify(f));
  }
  console.log(`${pages.length} sider kontrollert på ${report.seconds} s`);
  if (args.report) writeFileSync(args.report, JSON.stringify(report, null, 2));
  process.exit(failed ? 1 : 0);
}

await main();
