// A tiny static file server for the browser audit and screenshots (127.0.0.1, free port).
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".mjs": "text/javascript", ".json": "application/json", ".wasm": "application/wasm",
  ".xml": "application/xml", ".svg": "image/svg+xml", ".png": "image/png",
};

/** A static server for `root` on a free port of 127.0.0.1; `extra` maps URL paths to scripts. */
export function serve(root, extra = {}) {
  const server = createServer(async (req, res) => {
    try {
      let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
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

