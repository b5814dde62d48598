/**
 * The live preview (`npm start`). Content is read and modelled once; afterwards a saved file
 * re-reads only its edition folder, re-renders only that edition's pages (written to the preview
 * folder at once) and marks site-wide pages for rendering on their next request. Browsers hear
 * about it over server-sent events: a reload, or the content errors to show over the page, which
 * stays at its last good version until the file is fixed.
 */
import { watch, type FSWatcher } from "node:fs";
import { mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import path from "node:path";
import { EDITION_FOLDER } from "../content/edition-folder.ts";
import { findEditionFolders, readEdition, type EditionSource } from "../content/read-content.ts";
import { siteData, type SiteData } from "../eleventy/site-data.ts";
import { loadArchive } from "../load-archive.ts";
import { buildModel } from "../model/build-model.ts";
import { projectFile } from "../project-root.ts";
import type { Archive } from "../model/types.ts";
import type { SiteSettings } from "../site/settings.ts";
import { formatProblem, sortProblems, type Problem } from "../validate/problem.ts";
import { loadLayouts, renderedText, siteRoutes, type Route } from "../eleventy/site-routes.ts";

export interface PreviewOptions {
  readonly contentRoot: string;
  readonly projectRoot: string;
  readonly settings: SiteSettings;
  /** Where rebuilt pages are written (a cache of the preview, never the published site). */
  readonly outputDir: string;
  readonly port: number;
  readonly host?: string;
  /** Terminal output; the tests and the benchmark pass their own. */
  readonly log?: (line: string) => void;
}

export interface RebuildReport {
  readonly edition: string;
  readonly ok: boolean;
  readonly written: number;
  readonly milliseconds: number;
}

const HERE = projectFile("src", "preview");
const CLIENT_FILES: Record<string, [string, string]> = {
  "/__preview/client.js": ["client.js", "text/javascript; charset=utf-8"],
  "/__preview/client.css": ["client.css", "text/css; charset=utf-8"],
};
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".json": "application/json", ".xml": "application/xml", ".svg": "image/svg+xml", ".png": "image/png",
  ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp", ".avif": "image/avif", ".gif": "image/gif", ".txt": "text/plain; charset=utf-8",
};
const INJECTED = `<link rel="stylesheet" href="/__preview/client.css">\n<script src="/__preview/client.js" defer></script>\n`;

export class PreviewServer {
  private layouts: Awaited<ReturnType<typeof loadLayouts>> = [];
  private archive!: Archive;
  private site!: SiteData;
  private readonly routes = new Map<string, Route>();
  /** Output files by edition (undefined: site-wide), to replace one edition's outputs without a scan. */
  private readonly filesOf = new Map<string | undefined, string[]>();
  private readonly rendered = new Map<string, string>();
  /** Problems by edition folder (display path), plus "" for the rest. */
  private readonly problems = new Map<string, Problem[]>();
  private readonly sources = new Map<string, EditionSource>();
  private readonly clients = new Set<ServerResponse>();
  private readonly watchers = new Map<string, FSWatcher>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private queue: Promise<unknown> = Promise.resolve();
  private server?: Server;
  /** Called after every rebuild (the benchmark and the tests listen). */
  onRebuild?: (report: RebuildReport) => void;

  constructor(readonly options: PreviewOptions) {}

  private log(line: string): void {
    (this.options.log ?? console.log)(line);
  }

  get url(): string {
    const address = this.server?.address();
    const port = typeof address === "object" && address ? address.port : this.options.port;
    return `http://${this.options.host ?? "localhost"}:${port}/`;
  }

  allProblems(): Problem[] {
    return sortProblems([...this.problems.values()].flat());
  }

  async start(): Promise<void> {
    const started = performance.now();
    this.layouts = await loadLayouts(this.options.projectRoot);
    const { archive, problems, content } = await loadArchive(this.options.contentRoot, this.options.settings);
    for (const source of content.editions) this.sources.set(source.date, source);
    for (const problem of problems) {
      const folder = content.editions.find((source) => problem.file === source.folder || problem.file.startsWith(`${source.folder}/`))?.folder ?? "";
      this.problems.set(folder, [...(this.problems.get(folder) ?? []), problem]);
    }
    this.setArchive(archive, true);
    await rm(this.options.outputDir, { recursive: true, force: true });
    await this.watchTree(path.resolve(this.options.contentRoot));
    this.watchAssets();
    this.server = createServer((request, response) => void this.handle(request, response).catch((error: Error) => this.fail(response, error)));
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(this.options.port, this.options.host ?? "127.0.0.1", resolve);
    });
    const articles = archive.editions.reduce((sum, edition) => sum + edition.pages.reduce((n, page) => n + page.articles.length, 0), 0);
    this.log(`Preview of ${archive.editions.length} edition(s), ${articles} article(s) at ${this.url} (ready in ${Math.round(performance.now() - started)} ms); watching ${this.options.contentRoot}/`);
    this.log("Saved content and assets/ are picked up by themselves; restart after changing site.config.ts, layouts/ or src/.");
    this.reportProblems();
  }

  async close(): Promise<void> {
    for (const watcher of this.watchers.values()) watcher.close();
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const client of this.clients) client.end();
    const closed = new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    // close() waits for every open connection; a browser's EventSource reconnecting on a kept-alive
    // socket would hold it open for ever (seen as a test hanging in close()): cut them all now.
    this.server?.closeAllConnections?.();
    await closed;
  }

  private setArchive(archive: Archive, everything: boolean, edition?: string): void {
    this.archive = archive;
    this.site = siteData(archive, this.options.projectRoot);
    if (everything) {
      this.routes.clear();
      this.filesOf.clear();
      this.rendered.clear();
      this.index(siteRoutes(this.layouts, this.site));
      return;
    }
    // One edition changed: its own outputs and every site-wide one are replaced; the other
    // editions' outputs stay as they are.
    for (const key of [edition, undefined]) {
      for (const file of this.filesOf.get(key) ?? []) {
        this.routes.delete(file);
        this.rendered.delete(file);
      }
      this.filesOf.delete(key);
    }
    this.index(siteRoutes(this.layouts, this.site, (date) => date === edition || date === undefined));
  }

  private index(routes: readonly Route[]): void {
    for (const route of routes) {
      this.routes.set(route.file, route);
      const files = this.filesOf.get(route.edition);
      if (files) files.push(route.file);
      else this.filesOf.set(route.edition, [route.file]);
    }
  }

  /** Re-reads one edition folder and re-renders its pages; on content errors keeps the last good version. */
  rebuild(dir: string): Promise<RebuildReport> {
    const run = this.queue.then(() => this.rebuildNow(dir));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async rebuildNow(dir: string): Promise<RebuildReport> {
    const started = performance.now();
    const date = path.basename(dir);
    const problems: Problem[] = [];
    const exists = await stat(dir).then((info) => info.isDirectory(), () => false);
    let source: EditionSource | undefined;
    let built: Archive["editions"][number] | undefined;
    if (exists) {
      source = await readEdition(dir, problems);
      built = buildModel({ root: this.options.contentRoot, editions: [source] }, this.options.settings, problems).editions[0];
    }
    const folder = source?.folder ?? path.relative(process.cwd(), dir).split(path.sep).join("/");
    const sorted = sortProblems(problems);
    if (sorted.length) this.problems.set(folder, sorted);
    else this.problems.delete(folder);
    if (sorted.some((problem) => problem.severity === "error")) {
      this.reportProblems(folder);
      this.broadcastState();
      const report = { edition: date, ok: false, written: 0, milliseconds: performance.now() - started };
      this.onRebuild?.(report);
      return report;
    }
    const before = this.archive.editions.some((edition) => edition.date === date);
    const editions = this.archive.editions.filter((edition) => edition.date !== date);
    if (built) editions.push(built);
    editions.sort((a, b) => (a.date < b.date ? 1 : -1));
    if (source) this.sources.set(date, source);
    else this.sources.delete(date);
    // An edition added or removed changes the neighbours and calendars of others: start afresh.
    this.setArchive(Object.freeze({ site: this.archive.site, editions: Object.freeze(editions) }), before !== Boolean(built), date);
    const files = this.filesOf.get(date) ?? [];
    await Promise.all(files.map((file) => this.write(file, this.renderRoute(this.routes.get(file)!))));
    const written = files.length;
    const milliseconds = performance.now() - started;
    this.log(`✓ ${folder} rebuilt: ${written} page(s) written in ${Math.round(milliseconds)} ms${this.allProblems().some((p) => p.severity === "error") ? " (other files still have errors)" : ""}`);
    this.broadcast("reload", { edition: date });
    this.broadcastState();
    const report = { edition: date, ok: true, written, milliseconds };
    this.onRebuild?.(report);
    return report;
  }

  private renderRoute(route: Route): string {
    let text = this.rendered.get(route.file);
    if (text === undefined) {
      text = renderedText(route);
      this.rendered.set(route.file, text);
    }
    return text;
  }

  private async write(file: string, text: string): Promise<void> {
    const target = path.join(this.options.outputDir, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text);
  }

  private reportProblems(folder?: string): void {
    const list = folder === undefined ? this.allProblems() : this.problems.get(folder) ?? [];
    const errors = list.filter((problem) => problem.severity === "error");
    for (const problem of list) this.log(formatProblem(problem));
    if (errors.length) this.log(`✗ ${errors.length} content error(s): the preview shows the last good version until the file is fixed`);
  }

  // --- watching -------------------------------------------------------------------------------

  private schedule(dir: string): void {
    clearTimeout(this.timers.get(dir));
    // Editors save in several steps (write, rename); wait for the burst to end.
    this.timers.set(dir, setTimeout(() => {
      this.timers.delete(dir);
      void this.rebuild(dir);
    }, 20));
  }

  private watchDir(dir: string, onChange: (name: string | null) => void): void {
    if (this.watchers.has(dir)) return;
    try {
      const watcher = watch(dir, (_event, name) => onChange(name));
      watcher.on("error", () => {
        watcher.close();
        this.watchers.delete(dir);
      });
      this.watchers.set(dir, watcher);
    } catch {
      // A folder removed between listing and watching: its parent's watcher notices.
    }
  }

  private async watchTree(root: string): Promise<void> {
    const editions: string[] = [];
    await findEditionFolders(root, editions);
    const parents = new Set<string>([root]);
    for (const dir of editions) {
      for (let parent = path.dirname(dir); parent.startsWith(root) && !parents.has(parent); parent = path.dirname(parent)) parents.add(parent);
      this.watchDir(dir, () => this.schedule(dir));
    }
    for (const parent of parents) {
      this.watchDir(parent, (name) => {
        if (!name) return;
        const full = path.join(parent, name);
        if (EDITION_FOLDER.test(name)) {
          this.watchDir(full, () => this.schedule(full));
          this.schedule(full);
        } else if (!name.startsWith(".") && !name.startsWith("_")) {
          void stat(full).then((info) => (info.isDirectory() ? this.watchTree(full) : undefined), () => undefined);
        }
      });
    }
  }

  private watchAssets(): void {
    for (const folder of ["css", "js"]) {
      this.watchDir(path.join(this.options.projectRoot, "assets", folder), () => {
        clearTimeout(this.timers.get("assets"));
        this.timers.set("assets", setTimeout(() => {
          this.setArchive(this.archive, true);
          this.log("✓ assets changed: every page re-renders on its next request");
          this.broadcast("reload", { assets: true });
        }, 20));
      });
    }
  }

  // --- serving ------------------------------------------------------------------------------

  private broadcast(event: string, data: unknown): void {
    const message = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const client of this.clients) client.write(message);
  }

  private broadcastState(): void {
    this.broadcast("state", { problems: this.allProblems().filter((problem) => problem.severity === "error") });
  }

  private fail(response: ServerResponse, error: Error): void {
    this.log(`preview: could not render ${error.message}`);
    if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
    response.end(`The preview could not render this page: ${error.message}\n`);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? "/", "http://preview").pathname);
    } catch {
      response.writeHead(400).end();
      return;
    }
    if (pathname.split("/").includes("..") || pathname.includes("\0")) {
      response.writeHead(400).end();
      return;
    }
    if (pathname === "/__preview/events") {
      response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
      response.write(`event: state\ndata: ${JSON.stringify({ problems: this.allProblems().filter((problem) => problem.severity === "error") })}\n\n`);
      this.clients.add(response);
      request.on("close", () => this.clients.delete(response));
      return;
    }
    const client = CLIENT_FILES[pathname];
    if (client) {
      response.writeHead(200, { "content-type": client[1], "cache-control": "no-store" });
      response.end(await readFile(path.join(HERE, client[0])));
      return;
    }
    const image = /^\/(\d{4}-\d{2}-\d{2})\/images\/([^/]+)$/.exec(pathname);
    if (image) {
      const source = this.sources.get(image[1]!);
      if (source?.files.has(image[2]!)) {
        response.writeHead(200, { "content-type": TYPES[path.extname(image[2]!).toLowerCase()] ?? "application/octet-stream" });
        response.end(await readFile(path.join(source.dir, image[2]!)));
        return;
      }
    }
    const key = pathname.slice(1);
    const route = this.routes.get(key.endsWith("/") || key === "" ? `${key}index.html` : key);
    if (!route && this.routes.has(`${key}/index.html`)) {
      response.writeHead(301, { location: `${pathname}/` }).end();
      return;
    }
    if (this.archive.editions.length === 0) {
      // Nothing could be built (every edition has errors): a bare page that still shows them.
      response.writeHead(503, { "content-type": TYPES[".html"]!, "cache-control": "no-store" });
      response.end(`<!doctype html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>Preview: content errors</title>\n${INJECTED}</head>\n<body>\n<p>Nothing can be shown until the content errors are fixed.</p>\n</body>\n</html>\n`);
      return;
    }
    const notFound = this.routes.get("404.html");
    const chosen = route ?? notFound;
    if (!chosen) {
      response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found (and no 404 page: the content has errors)\n");
      return;
    }
    const type = TYPES[path.extname(chosen.file).toLowerCase()] ?? "application/octet-stream";
    let body = this.renderRoute(chosen);
    if (type.startsWith("text/html")) body = body.replace("</head>", `${INJECTED}</head>`);
    response.writeHead(route ? 200 : 404, { "content-type": type, "cache-control": "no-store" });
    response.end(body);
  }
}
