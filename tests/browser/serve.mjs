// A tiny static file server for the browser audit and screenshots (127.0.0.1, free port).
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".mjs": "text/javascript", ".json": "application/json", ".wasm": "application/wasm",
  ".xml": "application/xml", ".svg": "image/svg+xml", ".png": "image/png",
};

/** The path of the site's base URL, read from the canonical link of its front page
 * (`/helsefellesskap/`), or `/`. */
export function basePath(root) {
  try {
    const m = readFileSync(join(root, "index.html"), "utf8").match(/<link rel="canonical" href="([^"]+)"/);
    return m ? new URL(m[1]).pathname : "/";
  } catch {
    return "/";
  }
}

/** A static server for `root` on a free port of 127.0.0.1; `extra` maps URL paths to scripts.
 * The site is served at `/` and also under its base path, as its host serves it: the 404 page
 * links its stylesheet there, since a host serves it at any depth. */
export function serve(root, extra = {}) {
  const base = basePath(root);
  const server = createServer(async (req, res) => {
    try {
      let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      if (base !== "/" && path.startsWith(base)) path = "/" + path.slice(base.length);
      if (extra[path] !== undefined) {
        res.writeHead(200, { "content-type": "text/javascript", "cache-control": "max-age=3600" });
        res.end(extra[path]);
        return;
      }
      let file = resolve(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) throw new Error("outside");
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    }
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

