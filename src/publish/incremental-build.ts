/**
 * Incremental, atomic publishing. Editions are immutable units:
 *
 *   fingerprint every edition folder ─▶ render only editions whose render key changed (both cores)
 *     each into its own store folder  ─▶ a new generation: one symlink per edition + the
 *     site-wide files (home, archive, 404, assets, sitemaps, _headers, files.json)
 *     ─▶ swap the output symlink to it (one rename) ─▶ forget what no generation uses.
 *
 * A render key is the hash of an edition's files, the site settings and the renderer's code, so
 * equal keys mean equal bytes. The output folder is a symlink to the current generation: a failed,
 * killed or concurrent build never touches it, and publishing one edition costs the same in an
 * archive of 4,000 articles or 100,000. (Deploy tools must follow symlinks: `tar --dereference`,
 * `cp -rL`, actions/upload-pages-artifact do.)
 */
import { lstat, mkdir, readdir, rename, rm, stat, symlink, writeFile, readFile } from "node:fs/promises";
import path from "node:path";
import { readEdition } from "../content/read-content.ts";
import { renderTemplates } from "../eleventy/direct-render.ts";
import { siteData } from "../eleventy/site-data.ts";
import { loadSettings } from "../load-archive.ts";
import { sortIndex, type EditionIndexEntry } from "../model/edition-index.ts";
import { buildModel } from "../model/build-model.ts";
import type { Edition } from "../model/types.ts";
import { checkSettings, type SiteSettings } from "../site/settings.ts";
import { ContentError, sortProblems, type Problem } from "../validate/problem.ts";
import { isAlive, takeLock } from "./atomic-output.ts";
import { readState, readStamps, writeState, writeStamps, type BuildState, type PublishedEdition } from "./build-state.ts";
import { codeHash, findEditionFolders, fingerprintEdition, sha256, type EditionFingerprint } from "./fingerprint.ts";
import { describeFile, MANIFEST_FILE, manifestJson, type OutputFile } from "./output-manifest.ts";
import { describeFolder, readStoredEdition, storeDirFor, type EditionJob } from "./render-editions.ts";
import { headersFile, newsSitemap, robotsTxt, sitemapFiles } from "./site-files.ts";
import { renderEditions } from "./worker-pool.ts";

/** Editions given in full to site-wide templates (home page, feeds); older ones only as index entries. */
export const RECENT_EDITIONS = 7;

export interface PublishOptions {
  readonly contentRoot: string;
  readonly outputDir: string;
  /** Folder holding .eleventy.ts, layouts/ and assets/. */
  readonly projectRoot?: string;
  /** Build cache (store of rendered editions, generations, state); default `<projectRoot>/.cache/broadsheet`. */
  readonly cacheDir?: string;
  /** Publish only this edition (YYYY-MM-DD); every other edition stays as last published. */
  readonly edition?: string;
  /** Ignore the previous build and render everything. */
  readonly fresh?: boolean;
  /**
   * Render only shard `index` of `count` of the editions that need rendering, into the store,
   * and publish nothing (CI: shards on separate runners, then one build merges their stores).
   */
  readonly shard?: { readonly index: number; readonly count: number };
  readonly workers?: number;
  /** Called between the stages (tests use it to stop a build half-way). */
  readonly onStage?: (stage: string) => void | Promise<void>;
}

export interface PublishReport {
  readonly editions: number;
  readonly pages: number;
  readonly articles: number;
  /** Dates of the editions rendered by this build. */
  readonly rendered: readonly string[];
  readonly reused: number;
  /** False when nothing changed and the published generation was kept. */
  readonly siteWideRendered: boolean;
  readonly warnings: readonly Problem[];
  /** Seconds per stage. */
  readonly timings: Readonly<Record<string, number>>;
  readonly generationDir: string;
}

/**
 * `.cache/broadsheet` for an output inside the project (CI caches `.cache/`); beside the output
 * otherwise, so builds into temporary folders leave nothing behind in the project.
 */
export function defaultCacheDir(projectRoot: string, outputDir: string): string {
  const inside = !path.relative(projectRoot, outputDir).startsWith("..");
  return inside ? path.join(projectRoot, ".cache", "broadsheet") : `${outputDir}.cache`;
}

export function workDirFor(cacheDir: string, outputDir: string): string {
  const target = path.resolve(outputDir);
  return path.join(cacheDir, "outputs", `${path.basename(target)}-${sha256(target).slice(0, 12)}`);
}

function editionsError(file: string, message: string): ContentError {
  return new ContentError([{ severity: "error", file, message }]);
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** Full models of the newest editions, for the home page and feeds. They were validated already. */
async function recentEditions(published: readonly PublishedEdition[], contentRoot: string, site: SiteSettings): Promise<Edition[]> {
  const newest = [...published].sort((a, b) => (a.date < b.date ? 1 : -1)).slice(0, RECENT_EDITIONS);
  const sources = await Promise.all(newest.map((edition) => readEdition(edition.dir, [])));
  return [...buildModel({ root: contentRoot, editions: sources }, site, []).editions];
}

async function renderSiteWide(editions: readonly Edition[], index: readonly EditionIndexEntry[], site: SiteSettings, outputDir: string, projectRoot: string): Promise<void> {
  await renderTemplates(siteData({ site, editions }, projectRoot, { scope: "site", editionIndex: index }), outputDir, projectRoot);
}

/** Site-wide files of a generation (everything but the edition symlinks). */
async function describeSiteWide(genDir: string): Promise<OutputFile[]> {
  const files: OutputFile[] = [];
  for (const entry of (await readdir(genDir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.isSymbolicLink() || entry.name === MANIFEST_FILE) continue;
    const full = path.join(genDir, entry.name);
    if (entry.isDirectory()) files.push(...(await describeFolder(full, `${entry.name}/`)));
    else files.push(describeFile(entry.name, await readFile(full)));
  }
  return files;
}

/** Points `outputDir` at `genDir` with one rename (a symlink replaces a symlink atomically). */
async function pointOutputAt(outputDir: string, genDir: string): Promise<void> {
  const temp = `${outputDir}.tmp-${process.pid}`;
  await rm(temp, { force: true, recursive: true });
  await symlink(path.relative(path.dirname(outputDir), genDir), temp, "dir");
  const current = await lstat(outputDir).catch(() => undefined);
  if (current && !current.isSymbolicLink()) {
    // An output folder from an older kind of build: moved aside once, in two renames.
    const old = `${outputDir}.old-${process.pid}`;
    await rename(outputDir, old);
    await rename(temp, outputDir);
    await rm(old, { recursive: true, force: true });
  } else {
    await rename(temp, outputDir);
  }
}

/** Removes what killed builds left beside the output (their process is gone; we hold the lock). */
async function removeLeftovers(outputDir: string): Promise<void> {
  const prefix = `${path.basename(outputDir)}.`;
  for (const name of await readdir(path.dirname(outputDir)).catch(() => [] as string[])) {
    const match = /^(?:tmp|old)-(\d+)$/.exec(name.slice(prefix.length));
    if (name.startsWith(prefix) && match && !isAlive(Number(match[1]))) await rm(path.join(path.dirname(outputDir), name), { recursive: true, force: true });
  }
}

/** Deletes generations and store folders that neither the current nor the previous build uses. */
async function collectGarbage(workDir: string, state: BuildState): Promise<void> {
  const keepGenerations = new Set([state.generation, state.previous?.generation]);
  const keepStores = new Set([...state.editions.map((edition) => edition.store), ...(state.previous?.stores ?? [])].flatMap((name) => [name, `${name}.json`]));
  for (const [folder, keep] of [
    ["generations", keepGenerations],
    ["store", keepStores],
  ] as const) {
    for (const name of await readdir(path.join(workDir, folder)).catch(() => [] as string[])) {
      if (!keep.has(name)) await rm(path.join(workDir, folder, name), { recursive: true, force: true });
    }
  }
}

export async function publishSite(options: PublishOptions): Promise<PublishReport> {
  const projectRoot = path.resolve(options.projectRoot ?? process.cwd());
  const outputDir = path.resolve(options.outputDir);
  const contentRoot = path.resolve(options.contentRoot);
  const cacheDir = path.resolve(options.cacheDir ?? process.env.BROADSHEET_CACHE ?? defaultCacheDir(projectRoot, outputDir));
  const workDir = workDirFor(cacheDir, outputDir);
  const storeRoot = path.join(workDir, "store");
  const timings: Record<string, number> = {};
  let clock = performance.now();
  const lap = async (stage: string) => {
    const now = performance.now();
    timings[stage] = (now - clock) / 1000;
    clock = now;
    await options.onStage?.(stage);
  };

  await mkdir(path.dirname(outputDir), { recursive: true });
  const release = await takeLock(`${outputDir}.lock`);
  try {
    await removeLeftovers(outputDir);
    const site = await loadSettings(contentRoot);
    const settingsProblems = checkSettings(site);
    if (settingsProblems.length) throw new ContentError(settingsProblems.map((message) => ({ severity: "error", file: path.join(contentRoot, "site.config.ts"), message })));
    const stamps = await readStamps(workDir);
    const state = options.fresh ? undefined : await readState(workDir);
    const baseKey = sha256(`${codeHash(projectRoot, stamps)}\n${sha256(JSON.stringify(site))}`);
    const before = new Map((state?.editions ?? []).map((edition) => [edition.date, edition]));

    // 1. What is there, and what changed.
    const folders = findEditionFolders(contentRoot);
    const byDate = new Map<string, string>();
    for (const folder of folders) {
      const other = byDate.get(folder.date);
      if (other) throw editionsError(folder.dir, `edition ${folder.date} has two folders: ${other} and ${folder.dir}; keep one`);
      byDate.set(folder.date, folder.dir);
    }
    let fingerprints: EditionFingerprint[];
    const kept: PublishedEdition[] = [];
    if (options.edition !== undefined) {
      if (!state) throw new Error(`--edition ${options.edition}: publishing one edition adds it to a previous build of ${options.outputDir}, and there is none (run a full build first)`);
      const folder = folders.find((candidate) => candidate.date === options.edition);
      if (!folder) throw editionsError(contentRoot, `--edition: expected an edition folder named ${options.edition} under ${options.contentRoot}, found none`);
      fingerprints = [fingerprintEdition(folder, stamps)];
      kept.push(...state.editions.filter((edition) => edition.date !== options.edition));
    } else {
      fingerprints = folders.map((folder) => fingerprintEdition(folder, stamps));
    }
    if (fingerprints.length + kept.length === 0) throw editionsError(contentRoot, "expected at least one edition folder (YYYY-MM-DD), found none");

    let jobs: EditionJob[] = [];
    for (const print of fingerprints) {
      const renderKey = sha256(`${baseKey}\n${print.contentHash}`);
      const previous = before.get(print.date);
      if (previous && previous.renderKey === renderKey && previous.dir === print.dir && (await exists(path.join(storeRoot, previous.store)))) {
        kept.push(previous);
        continue;
      }
      // Rendered by an earlier build, or by a shard on another runner, and not published yet.
      const storeDir = storeDirFor(storeRoot, { date: print.date, renderKey });
      const stored = options.fresh ? undefined : await readStoredEdition(storeDir);
      if (stored) kept.push({ date: print.date, dir: print.dir, contentHash: print.contentHash, renderKey, store: path.basename(storeDir), ...stored });
      else jobs.push({ date: print.date, dir: print.dir, contentHash: print.contentHash, renderKey });
    }
    if (options.shard) jobs = jobs.filter((_, position) => position % options.shard!.count === options.shard!.index);
    await lap("fingerprint");

    // 2. Render what changed (validation included: any error stops the build here).
    const { rendered, errors } = await renderEditions(jobs, { site, contentRoot, projectRoot, storeRoot, workers: options.workers });
    if (errors.length > 0) throw new ContentError(sortProblems(errors));
    if (options.shard) {
      await writeStamps(workDir, stamps);
      await lap("editions");
      const articles = rendered.reduce((sum, edition) => sum + edition.index.pages.reduce((n, page) => n + page.articles.length, 0), 0);
      return { editions: rendered.length, pages: rendered.reduce((sum, edition) => sum + edition.index.pages.length, 0), articles, rendered: rendered.map((edition) => edition.job.date).sort(), reused: kept.length, siteWideRendered: false, warnings: sortProblems(rendered.flatMap((edition) => edition.warnings)), timings, generationDir: "" };
    }
    const published: PublishedEdition[] = [
      ...kept,
      ...rendered.map((edition) => ({
        date: edition.job.date,
        dir: edition.job.dir,
        contentHash: edition.job.contentHash,
        renderKey: edition.job.renderKey,
        store: path.basename(edition.storeDir),
        index: edition.index,
        files: edition.files,
        warnings: edition.warnings,
      })),
    ].sort((a, b) => (a.date < b.date ? 1 : -1));
    await lap("editions");

    // 3. A new generation, unless nothing at all changed.
    const index = sortIndex(published.map((edition) => edition.index));
    const siteKey = sha256(`${baseKey}\n${published.map((edition) => `${edition.date} ${edition.renderKey}`).join("\n")}`);
    const currentGeneration = state ? path.join(workDir, "generations", state.generation) : undefined;
    let genDir: string;
    let siteWideRendered = false;
    let nextState: BuildState;
    if (state && currentGeneration && state.siteKey === siteKey && jobs.length === 0 && (await exists(currentGeneration))) {
      genDir = currentGeneration;
      nextState = state;
      const pointsAt = await stat(outputDir).then((s) => s.ino, () => undefined);
      if (pointsAt !== (await stat(genDir)).ino) await pointOutputAt(outputDir, genDir);
    } else {
      siteWideRendered = true;
      const generation = `g-${Date.now().toString(36)}-${process.pid}`;
      genDir = path.join(workDir, "generations", generation);
      await rm(genDir, { recursive: true, force: true });
      await mkdir(genDir, { recursive: true });
      for (const edition of published) await symlink(path.relative(genDir, path.join(storeRoot, edition.store)), path.join(genDir, edition.date), "dir");
      await renderSiteWide(await recentEditions(published, contentRoot, site), index, site, genDir, projectRoot);
      await lap("site-wide pages");
      for (const [name, text] of sitemapFiles(site, index)) await writeFile(path.join(genDir, name), text);
      await writeFile(path.join(genDir, "news-sitemap.xml"), newsSitemap(site, index));
      await writeFile(path.join(genDir, "robots.txt"), robotsTxt(site));
      const topLevel = (await readdir(genDir, { withFileTypes: true })).map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory() || entry.isSymbolicLink() }));
      await writeFile(path.join(genDir, "_headers"), headersFile(topLevel));
      const files = [...(await describeSiteWide(genDir)), ...published.flatMap((edition) => edition.files)];
      await writeFile(path.join(genDir, MANIFEST_FILE), manifestJson(files));
      await lap("indexes");
      await options.onStage?.("before swap");
      await pointOutputAt(outputDir, genDir);
      nextState = {
        version: 1,
        siteKey,
        generation,
        editions: published,
        previous: state ? { generation: state.generation, stores: state.editions.map((edition) => edition.store) } : undefined,
      };
      await writeState(workDir, nextState);
      await collectGarbage(workDir, nextState);
    }
    await writeStamps(workDir, stamps);
    await lap("swap");

    const pages = index.reduce((sum, edition) => sum + edition.pages.length, 0);
    const articles = index.reduce((sum, edition) => sum + edition.pages.reduce((n, page) => n + page.articles.length, 0), 0);
    return {
      editions: index.length,
      pages,
      articles,
      rendered: rendered.map((edition) => edition.job.date).sort(),
      reused: kept.length,
      siteWideRendered,
      warnings: sortProblems(published.flatMap((edition) => edition.warnings)),
      timings,
      generationDir: genDir,
    };
  } finally {
    await release();
  }
}
