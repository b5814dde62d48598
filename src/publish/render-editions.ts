/**
 * Renders a batch of editions, each from its own folder only: read → validate → model → images
 * (sharp, through the content-hash cache) → per-edition templates with only these editions' data
 * → search records (kept beside the store, for the site-wide index). Each edition's files are
 * moved to their own immutable folder in the store, named by the edition's render key.
 * Runs in the build process or in a worker process (src/publish/edition-worker.ts).
 */
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { readEdition } from "../content/read-content.ts";
import { renderTemplates } from "../eleventy/direct-render.ts";
import { siteData } from "../eleventy/site-data.ts";
import { editionIndexEntry, sortIndex, type EditionIndexEntry } from "../model/edition-index.ts";
import { chineseDate, chineseWeekday, parseCalendarDate } from "../time/paper-date.ts";
import { buildModel } from "../model/build-model.ts";
import type { ImageManifest } from "../images/manifest.ts";
import { processImages } from "../images/process-images.ts";
import { imageKeysOf } from "../images/prune-cache.ts";
import type { ImageOptions } from "../images/settings.ts";
import type { Archive, Edition } from "../model/types.ts";
import { writeEditionRecords } from "../search/record-store.ts";
import type { SiteSettings } from "../site/settings.ts";
import { ContentError, hasErrors, type Problem } from "../validate/problem.ts";
import { layoutProblems } from "../layout/check-layout.ts";
import { prepareScans } from "../render/scan.ts";
import { listFiles, storeDirFor, type StoredEdition } from "./edition-store.ts";
import { keepRecentEdition } from "./recent-cache.ts";
import { describeFile, manifestPart, MANIFEST_FILE, mediaType, type ManifestPart, type OutputFile } from "./output-manifest.ts";

export interface EditionJob {
  readonly date: string;
  readonly dir: string;
  readonly contentHash: string;
  readonly renderKey: string;
  /** Dates of the editions before and after (上一期 / 下一期 link to them; part of the render key). */
  readonly earlier?: string;
  readonly later?: string;
  /** Where to keep what the site-wide pages take of it (src/publish/recent-cache.ts), when it is among the newest editions. */
  readonly recentFile?: string;
}

/** Light entries for an edition's neighbours: enough for a link with its date. */
function neighbourEntries(jobs: readonly EditionJob[], editions: readonly Edition[], site: SiteSettings): EditionIndexEntry[] {
  const entries = new Map(editions.map((edition) => [edition.date, editionIndexEntry(edition)]));
  for (const job of jobs) {
    for (const date of [job.earlier, job.later]) {
      const day = date === undefined || entries.has(date) ? undefined : parseCalendarDate(date, site.timeZone);
      if (day && date) entries.set(date, { date, dateTime: "", dateText: chineseDate(day), weekday: chineseWeekday(day), path: `${date}/`, articleCount: 0, pageCount: 0, pages: [] });
    }
  }
  return sortIndex([...entries.values()]);
}

/** An edition whose pages are written: what the site-wide pages need of it. */
export interface StartedEdition {
  readonly job: EditionJob;
  readonly index: EditionIndexEntry;
  readonly searchHash: string;
  readonly warnings: readonly Problem[];
}

export interface RenderedEdition extends StartedEdition {
  /** Absolute path of the finished edition folder in the store (holds `YYYY-MM-DD/…`'s content). */
  readonly storeDir: string;
  /** The edition's own manifest, `YYYY-MM-DD/files.json` (see output-manifest.ts). */
  readonly part: ManifestPart;
  /** The image cache entries its files come from (src/images/prune-cache.ts). */
  readonly imageKeys: readonly string[];
}

/** A batch's images: paths and sizes now, share cards when `cardsReady` settles. */
type BatchImages = Awaited<ReturnType<typeof processImages>>;

export interface BatchResult {
  readonly rendered: readonly RenderedEdition[];
  /** Errors of editions that could not be built; nothing of theirs is kept. */
  readonly errors: readonly Problem[];
}

/** A batch whose pages are written while its share cards may still be in the making. */
export interface StartedBatch {
  readonly started: readonly StartedEdition[];
  readonly errors: readonly Problem[];
  /**
   * Waits for the share cards, lists each edition's files into its part of the manifest and
   * moves the edition into the store. Called once, also when the build fails meanwhile: it
   * removes the batch's scratch folder.
   */
  finish(): Promise<RenderedEdition[]>;
}

async function renderWithTemplates(archive: Archive, outputDir: string, projectRoot: string, images: ImageManifest, editionIndex: readonly EditionIndexEntry[]): Promise<OutputFile[] | undefined> {
  return renderTemplates(siteData(archive, projectRoot, { scope: "edition", images, editionIndex }), outputDir, projectRoot);
}

export interface BatchOptions {
  readonly site: SiteSettings;
  readonly projectRoot: string;
  /** Folder holding one finished folder per rendered edition. */
  readonly storeRoot: string;
  readonly contentRoot: string;
  /** Image cache folder, parallelism, pixel limit (defaults in src/images/settings.ts). */
  readonly images?: Partial<ImageOptions>;
}

/** Renders a batch and finishes it: the edition folders are in the store when it returns. */
export async function renderEditionBatch(jobs: readonly EditionJob[], options: BatchOptions): Promise<BatchResult> {
  const batch = await startEditionBatch(jobs, options);
  return { rendered: await batch.finish(), errors: batch.errors };
}

/**
 * Renders a batch's pages, search records and feed entries; its share cards go on being made on
 * libvips's threads until `finish()`, so a build publishing one day renders the site-wide pages
 * meanwhile.
 */
export async function startEditionBatch(jobs: readonly EditionJob[], options: BatchOptions): Promise<StartedBatch> {
  const errors: Problem[] = [];
  const built: { job: EditionJob; edition: Edition; warnings: Problem[] }[] = [];
  for (const job of jobs) {
    const problems: Problem[] = [];
    const source = await readEdition(job.dir, problems);
    const archive = buildModel({ root: options.contentRoot, editions: [source] }, options.site, problems);
    // Overflow is only worth reporting on a complete, valid edition (as in load-archive.ts).
    if (!hasErrors(problems)) problems.push(...layoutProblems(archive));
    const edition = archive.editions[0];
    if (hasErrors(problems) || !edition) errors.push(...problems.filter((problem) => problem.severity === "error"));
    else built.push({ job, edition, warnings: problems });
  }
  if (errors.length > 0 || built.length === 0) return { started: [], errors, finish: async () => [] };

  await mkdir(options.storeRoot, { recursive: true });
  const scratch = path.join(options.storeRoot, `.scratch-${process.pid}-${built[0]!.job.renderKey.slice(0, 12)}`);
  await rm(scratch, { recursive: true, force: true });
  const editions = built.map((item) => item.edition);
  let images: BatchImages | undefined;
  let written: OutputFile[] | undefined;
  const started: StartedEdition[] = [];
  try {
    await prepareScans({ site: options.site, editions });
    // Images first: the views need their sizes, and a bad image stops the edition before any page.
    try {
      // Share cards are made (on libvips's threads) while the pages are rendered, and after.
      images = await processImages({ site: options.site, editions }, scratch, { log: undefined, ...options.images, cardsInBackground: true });
    } catch (error) {
      if (error instanceof ContentError) {
        await rm(scratch, { recursive: true, force: true });
        // Nothing was started: no card is in the making.
        return { started: [], errors: error.problems.filter((problem) => problem.severity === "error"), finish: async () => [] };
      }
      throw error;
    }
    const archive: Archive = { site: options.site, editions };
    written = await renderWithTemplates(archive, scratch, options.projectRoot, images, neighbourEntries(built.map((item) => item.job), editions, options.site));
    // Per-edition output must live in the edition's folder: only that folder is published and reused.
    const dates = new Set(built.map((item) => item.job.date));
    const stray = (written?.map((file) => file.path) ?? (await readdir(scratch).catch(() => [] as string[]))).find((file) => !dates.has(file.split("/")[0]!));
    if (stray) {
      throw new Error(`a per-edition template wrote ${stray}, outside the folder YYYY-MM-DD/ of its edition; per-edition templates (those paginating over editions, pages or articles) must write under it — see src/eleventy/template-scope.ts`);
    }
    const { thumbnails } = images;
    for (const { job, edition, warnings } of built) {
      const entry = editionIndexEntry(edition);
      // The archive pages (site-wide) show each front page in small: remember where its thumbnail is.
      const index = { ...entry, pages: entry.pages.map((page) => ({ ...page, thumbnail: thumbnails.get(page.path) })) };
      // Beside the edition's folder in the store, whose name is known before the folder is there.
      const searchHash = await writeEditionRecords(storeDirFor(options.storeRoot, job), { site: options.site, editions: [edition] });
      if (job.recentFile) await keepRecentEdition(job.recentFile, job.dir, archive, edition, images);
      started.push({ job, index, searchHash, warnings });
    }
  } catch (error) {
    // Not before the cards have stopped writing into the scratch folder.
    await images?.cardsReady.catch(() => undefined);
    await rm(scratch, { recursive: true, force: true });
    throw error;
  }
  // Read before the closure below, which would not see that `images` is set by now.
  const batch = { scratch, written, images };
  return { started, errors, finish: () => finishEditions(started, batch, options.storeRoot) };
}

/**
 * Waits for a batch's share cards, then lists each edition's files into its part of the manifest
 * and moves the edition into the store, its description written last. Removes the batch's scratch
 * folder in any case.
 */
async function finishEditions(started: readonly StartedEdition[], batch: { scratch: string; written: OutputFile[] | undefined; images: BatchImages }, storeRoot: string): Promise<RenderedEdition[]> {
  const { scratch, written, images } = batch;
  try {
    await images.cardsReady;
    const rendered: RenderedEdition[] = [];
    for (const edition of started) {
      const { job } = edition;
      const from = path.join(scratch, job.date);
      const prefix = `${job.date}/`;
      // Pages written directly were described as they were written, share cards and thumbnails by
      // the image stage; everything else (Eleventy's output, photos, scans) is read back.
      const described = new Map((written ?? []).filter((file) => file.path.startsWith(prefix)).map((file) => [file.path, file]));
      // What is in the folder: known when the pages were written directly (the image stage and
      // the renderer are all that write there); listed when Eleventy wrote them.
      const names: string[] = [];
      if (written) names.push(...new Set([...described.keys(), ...images.published.filter((name) => name.startsWith(prefix))]));
      else await listFiles(from, prefix, names);
      if (names.includes(`${prefix}${MANIFEST_FILE}`)) throw new Error(`a per-edition template wrote ${prefix}${MANIFEST_FILE}, which is reserved for the edition's part of the manifest`);
      const known = (name: string): OutputFile | undefined => {
        const hashed = images.hashes?.get(name);
        return described.get(name) ?? (hashed && { path: name, sha256: hashed.sha256, size: hashed.size, type: mediaType(name) });
      };
      const files = await Promise.all(names.sort().map(async (name) => known(name) ?? describeFile(name, await readFile(path.join(scratch, name)))));
      const { text, part } = manifestPart(prefix, files);
      await writeFile(path.join(from, MANIFEST_FILE), text);
      const storeDir = storeDirFor(storeRoot, job);
      // The same key means the same bytes: a folder left by an earlier build is as good.
      if (!(await stat(storeDir).catch(() => undefined))) await rename(from, storeDir);
      const imageKeys = imageKeysOf(names);
      const stored: StoredEdition = { index: edition.index, searchHash: edition.searchHash, part, imageKeys, warnings: edition.warnings };
      // The description last: a folder without one is never reused.
      await writeFile(`${storeDir}.json.tmp-${process.pid}`, JSON.stringify(stored));
      await rename(`${storeDir}.json.tmp-${process.pid}`, `${storeDir}.json`);
      rendered.push({ ...edition, storeDir, part, imageKeys });
    }
    return rendered;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
