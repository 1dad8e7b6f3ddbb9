// Real-world-like PDFs for the PDF text comparison (bench/pdf_text/README.md): Chromium prints
// Norwegian meeting papers (the seed texts) as Word or PowerPoint would export them: a letter,
// slides in two columns, an agenda with a table; tagged, with language and title.
// usage: node bench/pdf_text/make_pdfs.mjs SEEDS_DIR OUT_DIR
// (playwright-core from tests/browser, installed by scripts/install-test-deps)
import { createRequire } from "node:module";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const { chromium } = createRequire(new URL("../../tests/browser/package.json", import.meta.url))("playwright-core");

const [seeds, out] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
const seed = (n) => readFileSync(join(seeds, n), "utf8");
const paras = (t) => t.split(/\n\s*\n/).map((p) => `<p>${esc(p.trim())}</p>`).join("\n");
const docs = {
  brev: `<h1>Innspill til Nasjonal helse- og sykehusplan</h1>${paras(seed("003_2dfbd276702793d9.txt"))}`,
  lysark: `<style>main{columns:2;column-gap:3em}</style><h1>Helsefellesskapet i Vestfold</h1><main>${paras(seed("002_fc6869eca77d0cf5.txt"))}</main>`,
  innkalling: `<h1>Innkalling SSU</h1><table border=1><tr><th>Sak</th><th>Tittel</th><th>Ansvarlig</th></tr>${
    seed("001_a3429b95e61ded70.txt").split("\n").filter((l) => /^Sak 2025/.test(l)).map((l) => {
      const [nr, ...t] = l.replace(/^Sak /, "").split(":");
      return `<tr><td>${nr}</td><td>${esc(t.join(":").trim())}</td><td>Sekretariatet, Sykehuset i Vestfold</td></tr>`;
    }).join("")}</table>${paras(seed("001_a3429b95e61ded70.txt"))}`,
  historikk: `<h1>Helsesamarbeid i Vestfold</h1>${paras(seed("000_19a11b5391fd62f6.txt"))}`,
  // The annual report as a failed recognition left it (seed 004: "fgringer", "mgter").
  ocr: paras(seed("004_ebe440273142a8ea.txt")),
};
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage();
for (const [name, body] of Object.entries(docs)) {
  const title = body.match(/<h1>([^<]*)<\/h1>/)?.[1] ?? "Årsmelding 2025 (skannet)";
  await page.setContent(`<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:"DejaVu Sans",sans-serif;font-size:11pt}</style></head><body>${body}</body></html>`);
  writeFileSync(join(out, `${name}.pdf`), await page.pdf({ format: "A4", tagged: true, margin: { top: "2cm", bottom: "2cm", left: "2cm", right: "2cm" } }));
}
// A scan: a picture of the letter's first page, and no text.
await page.setContent(`<!doctype html><html lang="nb"><body>${docs.brev}</body></html>`);
const shot = (await page.screenshot({ type: "png" })).toString("base64");
await page.setContent(`<!doctype html><html><body style="margin:0"><img alt="" style="width:100%" src="data:image/png;base64,${shot}"></body></html>`);
writeFileSync(join(out, "skannet.pdf"), await page.pdf({ format: "A4" }));
await browser.close();
