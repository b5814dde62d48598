/**
 * Browser helpers shared by browser tests and scripts: a static file server for a built site on
 * loopback, and Debian's Chromium driven by playwright-core (never a downloaded browser).
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
};

export interface StaticServer {
  readonly url: string;
  /** Every connection drops, as when the train enters a tunnel (offline tests), until goOnline. */
  goOffline(): void;
  goOnline(): void;
  close(): Promise<void>;
}

/** Serves `root` like a CDN: folder URLs get index.html, unknown paths get 404.html with status 404. */
export async function serveFolder(folder: string, basePath = "/"): Promise<StaticServer> {
  const root = path.resolve(folder);
  let offline = false;
  const server = createServer(async (request, response) => {
    if (offline) return request.socket.destroy();
    const url = new URL(request.url ?? "/", "http://localhost");
    let pathname = decodeURIComponent(url.pathname);
    if (!pathname.startsWith(basePath)) pathname = "/__missing__";
    else pathname = `/${pathname.slice(basePath.length)}`;
    let file = path.join(root, path.normalize(pathname));
    if (!file.startsWith(root)) file = path.join(root, "__missing__");
    try {
      if ((await stat(file)).isDirectory()) file = path.join(file, "index.html");
      await stat(file);
      response.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
      createReadStream(file).pipe(response);
    } catch {
      response.writeHead(404, { "content-type": TYPES[".html"]! });
      createReadStream(path.join(root, "404.html")).on("error", () => response.end("not found")).pipe(response);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    goOffline: () => {
      offline = true;
      server.closeAllConnections();
    },
    goOnline: () => {
      offline = false;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  // playwright-core gives every launch a fresh, temporary profile (the --user-data-dir of a
  // hand-started Chromium).
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}
