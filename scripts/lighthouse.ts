/**
 * `npm run lighthouse`: the quality budget every reader feels. Builds the sample (or takes
 * --site), serves it on loopback with gzip like a CDN, and runs Lighthouse 12.2.3 in its default
 * mobile settings (emulated phone, throttled network and CPU) on the front page, a page and an
 * article in Debian's Chromium. Fails (exit 1) below Accessibility 100, Best Practices 100,
 * SEO 100, Performance 95, or when the front page's HTML + CSS + JS exceed 60 KB gzip-compressed.
 *
 *   CHROME_PATH=/usr/bin/chromium npm run lighthouse
 *   npm run lighthouse -- --content /tmp/x     # another content folder
 */
import { createReadStream } from "node:fs";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createGzip, gzipSync } from "node:zlib";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { chromium } from "playwright-core";
import { IMMUTABLE, isImmutable, SHORT_LIVED } from "../src/publish/site-files.ts";

const MINIMUM = { accessibility: 100, "best-practices": 100, seo: 100, performance: 95 } as const;
const FRONT_PAGE_BUDGET = 60 * 1024;

const { values } = parseArgs({ options: { content: { type: "string", default: "content" }, runs: { type: "string", default: "1" } } });

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/atom+xml",
  ".jpg": "image/jpeg",
  ".png": "image/png",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".svg": "image/svg+xml",
};

/** A CDN in miniature: index.html for folders, 404.html for misses, gzip for text, and the Cache-Control Netlify or Cloudflare Pages send with the site's _headers. */
async function serve(root: string) {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    let file = path.join(root, path.normalize(decodeURIComponent(url.pathname)));
    let status = 200;
    try {
      if ((await stat(file)).isDirectory()) file = path.join(file, "index.html");
      await stat(file);
    } catch {
      file = path.join(root, "404.html");
      status = 404;
    }
    const type = TYPES[path.extname(file)] ?? "application/octet-stream";
    const headers: Record<string, string> = { "content-type": type };
    headers["cache-control"] = isImmutable(path.relative(root, file).split(path.sep).join("/")) ? IMMUTABLE : SHORT_LIVED;
    const compress = /text|json|xml|javascript/.test(type) && /gzip/.test(String(request.headers["accept-encoding"]));
    if (compress) headers["content-encoding"] = "gzip";
    response.writeHead(status, headers);
    const stream = createReadStream(file);
    (compress ? stream.pipe(createGzip()) : stream).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** gzip size of the front page's HTML and every stylesheet and script it loads (images apart). */
async function frontPageWeight(site: string): Promise<{ total: number; parts: [string, number][] }> {
  const htmlText = await readFile(path.join(site, "index.html"), "utf8");
  const references = [...htmlText.matchAll(/<(?:link rel="stylesheet"|script[^>]*) (?:href|src)="([^"]+)"/g)].map((match) => match[1]!);
  const parts: [string, number][] = [["index.html", gzipSync(htmlText).length]];
  for (const reference of references) parts.push([reference, gzipSync(await readFile(path.join(site, reference))).length]);
  return { total: parts.reduce((sum, [, bytes]) => sum + bytes, 0), parts };
}

/**
 * Closes Chromium as a user would (the DevTools protocol's Browser.close), so that it removes what
 * it keeps in /tmp: chrome-launcher's kill() is a SIGKILL, and even a SIGTERM left a
 * /tmp/org.chromium.Chromium.* folder behind each run. Then kill(), which kills it if it has not
 * gone in 5 s and removes the profile chrome-launcher made for it.
 */
async function closeBrowser(browser: chromeLauncher.LaunchedChrome): Promise<void> {
  const exited = new Promise<void>((resolve) => {
    if (browser.process.exitCode !== null || browser.process.signalCode !== null) resolve();
    else browser.process.once("exit", () => resolve());
  });
  try {
    const connection = await chromium.connectOverCDP(`http://127.0.0.1:${browser.port}`);
    await (await connection.newBrowserCDPSession()).send("Browser.close").catch(() => undefined);
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  } catch {
    // Not reachable: killed below.
  }
  browser.kill();
}

const work = await mkdtemp(path.join(os.tmpdir(), "broadsheet-lighthouse-"));
const site = path.join(work, "site");
const server = await serve(site);
// Canonical and feed URLs point at the server being measured, as they would in production.
process.env.BROADSHEET_SITE_URL = `http://127.0.0.1:${server.port}/`;
const { buildSite } = await import("../src/build-site.ts");
const { archive } = await buildSite({ contentRoot: String(values.content), outputDir: site });
const edition = archive.editions[0]!;
const page = edition.pages[1] ?? edition.pages[0]!;
const article = page.articles[0]!;
const targets: [string, string][] = [
  ["front page", ""],
  ["page", page.path],
  ["article", article.path],
];

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const failures: string[] = [];
try {
  // One discarded run: the first navigation of a fresh browser pays for its own start-up.
  await lighthouse(`http://127.0.0.1:${server.port}/`, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance"] });
  for (const [label, sitePath] of targets) {
    const url = `http://127.0.0.1:${server.port}/${sitePath}`;
    const runs = Math.max(1, Number(values.runs));
    const scores: Record<string, number[]> = {};
    for (let run = 0; run < runs; run++) {
      const result = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: Object.keys(MINIMUM) });
      const lhr = result!.lhr;
      for (const [key, category] of Object.entries(lhr.categories)) (scores[key] ??= []).push(Math.round((category.score ?? 0) * 100));
      const failing = Object.values(lhr.audits).filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== "informative" && audit.scoreDisplayMode !== "manual" && audit.scoreDisplayMode !== "notApplicable" && audit.scoreDisplayMode !== "metricSavings");
      if (run === 0 && failing.length) console.log(`  ${label}: audits below 1: ${failing.map((audit) => `${audit.id} (${audit.score})`).join(", ")}`);
      if (run === 0 && process.env.LIGHTHOUSE_DETAILS) {
        for (const audit of failing) {
          const items = ((audit.details as { items?: unknown[] } | undefined)?.items ?? []).slice(0, 5);
          console.log(`    ${audit.id}: ${JSON.stringify(items).slice(0, 1500)}`);
        }
      }
    }
    const line = Object.entries(MINIMUM).map(([key, minimum]) => {
      // The median of the runs: Performance moves with the machine's load.
      const list = [...(scores[key] ?? [0])].sort((a, b) => a - b);
      const score = list[Math.floor(list.length / 2)]!;
      if (score < minimum) failures.push(`${label}: ${key} ${score} < ${minimum}`);
      return `${key} ${score}`;
    });
    console.log(`${label.padEnd(10)} /${sitePath}  ${line.join("  ")}`);
  }
  const weight = await frontPageWeight(site);
  console.log(`front page HTML+CSS+JS gzip: ${(weight.total / 1024).toFixed(1)} KiB (${weight.parts.map(([name, bytes]) => `${name} ${(bytes / 1024).toFixed(1)}`).join(", ")}); budget 60 KiB`);
  if (weight.total > FRONT_PAGE_BUDGET) failures.push(`front page weighs ${weight.total} bytes compressed, budget ${FRONT_PAGE_BUDGET}`);
} finally {
  await closeBrowser(chrome);
  await server.close();
  await rm(work, { recursive: true, force: true });
}
if (failures.length) {
  console.error(`Quality budget failed:\n  ${failures.join("\n  ")}`);
  process.exitCode = 1;
} else {
  console.log("Quality budget met.");
}
