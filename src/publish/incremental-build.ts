/**
 * Incremental, atomic publishing. Editions are immutable units:
 *
 *   fingerprint every edition folder ─▶ render only the editions whose render key changed (on
 *   every core), each into its own folder of the store ─▶ render the site-wide files (home,
 *   archive, 404, assets, sitemaps, _headers, files.json) into a folder beside them, but for the
 *   years whose archive pages and sitemap parts are unchanged (site-units.ts)
 *   ─▶ move them into the output (commit-output.ts) ─▶ remember what is published (build-state.ts).
 *
 * A render key is the hash of an edition's files, the site settings and the renderer's code, so
 * equal keys mean equal bytes, and an unchanged edition's folder in the output is never touched.
 * Nothing in the output changes before everything is rendered and validated, so a failed, killed
 * or concurrent build leaves it as it was. With `changesOnly` the output holds only what a build
 * changed, and the rest of the site is on a host that keeps its files (deploy-plan.ts).
 *
 * How long publishing one edition takes in an archive of 100,000 articles against one of 4,000,
 * with --edition, with --committed (HEAD's tree ids, no git status) and with a plain build (git
 * looks at every file): the README's Benchmarks, from the latest run.
 */
import { lstat, mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { byYear, sortIndex } from "../model/edition-index.ts";
import type { Archive, Edition } from "../model/types.ts";
import { loadSettings } from "../site/load-settings.ts";
import { checkSettings, type SiteSettings } from "../site/settings.ts";
import { ContentError, sortProblems, type Problem } from "../validate/problem.ts";
import { leftByDeadProcess, takeLock } from "./build-lock.ts";
import { readImageKeys, readState, readStamps, STATE_VERSION, writeState, writeStamps, type ListedEdition, type PublishedEdition } from "./build-state.ts";
import { SEARCH_INDEX_DIR } from "../search/bundles.ts";
import { commitMoves, finishInterruptedCommit, finishInterruptedSwap, present, swapWholeOutput } from "./commit-output.ts";
import { codeHash, committedFingerprints, findEditionFolders, fingerprintEdition, fingerprintEditions, KeptListings, notCommitted, sha256, uncommittedEditions, type EditionFingerprint } from "./fingerprint.ts";
import { describeFile, MANIFEST_FILE, partLines, siteManifestJson, type OutputFile } from "./output-manifest.ts";
import { YearFragments, yearKeys } from "./year-fragments.ts";
import { listFiles, readStoredEdition, recentEditionFile, storeDirFor } from "./edition-store.ts";
import { mergeImageManifests, type ImageManifest } from "../images/manifest.ts";
import type { EditionJob } from "./render-editions.ts";
import type { PoolResult } from "./worker-pool.ts";
import type { SearchIndexer } from "./search-bundles.ts";
import { defaults as imageDefaults, type ImageOptions } from "../images/settings.ts";
import type { PruneReport } from "../images/prune-cache.ts";
import { cardFonts } from "../images/card-fonts.ts";
// Reading, rendering and the site-wide files are imported when there is something to do: a build
// that finds nothing changed loads none of them (they are most of its start-up time).

/** Editions given in full to site-wide templates (home page, feeds); older ones only as index entries. */
export const RECENT_EDITIONS = 7;
/** Up to this many editions to publish, the search bundles they go into are opened early (a day's build). */
const PREPARED_INDEX_LIMIT = 12;

/** Options that cannot be honoured as given (`--edition` with no site to add it to, a bad `--until`): said plainly, no stack. */
export class OptionError extends Error {}

export interface PublishOptions {
  readonly contentRoot: string;
  readonly outputDir: string;
  /** Folder holding .eleventy.ts, layouts/ and assets/. */
  readonly projectRoot?: string;
  /** Build cache (store of rendered editions, generations, state); default `<projectRoot>/.cache/broadsheet`. */
  readonly cacheDir?: string;
  /** Publish only this edition (YYYY-MM-DD); every other edition stays as last published. */
  readonly edition?: string;
  /**
   * Publish only the editions dated up to this day (YYYY-MM-DD), or up to "today": the paper's
   * day at the time of the build, in its time zone. A later edition waits in the content (one
   * prepared in the evening is not published by the evening's push, but by the next morning's
   * build); one published before is taken down. Without it every edition is published, and the
   * output depends on the content alone.
   */
  readonly until?: string;
  /**
   * Take every edition as committed at HEAD, without `git status` (a look at every file): for a
   * work tree that is a clean checkout, as in CI. An edition to render whose folder differs from
   * HEAD, or one HEAD does not have, stops the build. Ignored with `edition`.
   */
  readonly committed?: boolean;
  /** Ignore the previous build and render everything. */
  readonly fresh?: boolean;
  /**
   * Write into the output only what this build changed (with the site-wide files and the whole
   * `files.json` tree's top level), taking everything else as published on the host already, as
   * the build state says: for a host that keeps its files (npm run deploy-plan), so that CI need
   * not keep the whole site between runs (7.2 GB at 100,000 articles). A state written by such a
   * build makes a build without this option render everything.
   */
  readonly changesOnly?: boolean;
  /**
   * Render only shard `index` of `count` of the editions that need rendering, into the store,
   * and publish nothing (CI: shards on separate runners, then one build merges their stores).
   */
  readonly shard?: { readonly index: number; readonly count: number };
  readonly workers?: number;
  /** Past this many URLs sitemap.xml becomes an index of parts (default 10,000; the protocol allows 50,000). */
  readonly maxSitemapUrls?: number;
  /** Image cache folder, parallelism, pixel limit (defaults in src/images/settings.ts). */
  readonly images?: Partial<ImageOptions>;
  /**
   * Once published, remove from the image cache every entry none of this output's editions uses
   * (src/images/prune-cache.ts): for a cache that serves this output alone, as in CI.
   */
  readonly pruneImageCache?: boolean;
  /** Called between the stages (tests use it to stop a build half-way). */
  readonly onStage?: (stage: string) => void | Promise<void>;
}

export interface PublishReport {
  readonly editions: number;
  readonly pages: number;
  readonly articles: number;
  /** Dates of the editions rendered by this build. */
  readonly rendered: readonly string[];
  /** Editions in the content dated after `until`, not published. */
  readonly heldBack: readonly string[];
  readonly reused: number;
  /** False when nothing changed and the published generation was kept. */
  readonly siteWideRendered: boolean;
  /** Warnings of the editions this build rendered or published anew. */
  readonly warnings: readonly Problem[];
  /** Warnings of the other published editions, reported when they were published (npm run check lists them all). */
  readonly earlierWarnings?: number;
  /** What --prune-image-cache removed. */
  readonly imageCachePruned?: PruneReport;
  /** Why --prune-image-cache removed nothing (the site was published all the same). */
  readonly imageCacheNotPruned?: string;
  /** How many search bundles the site has, and which this build indexed (none when nothing changed). */
  readonly searchBundles?: {
    readonly total: number;
    readonly indexed: readonly string[];
    /** Those indexed that took in their published editions' records while the editions were rendered. */
    readonly openedEarly: readonly string[];
  };
  /** Seconds per stage. */
  readonly timings: Readonly<Record<string, number>>;
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

/** Removes the image cache entries none of the published editions uses (as the state just written records them); refuses, and says why, while an edition's images are not on record. */
async function pruneFor(workDir: string, imageCacheDir: string): Promise<Pick<PublishReport, "imageCachePruned" | "imageCacheNotPruned">> {
  const { used, unknown } = await readImageKeys(workDir);
  if (unknown.length > 0) {
    return { imageCacheNotPruned: `--prune-image-cache: the build state does not record which images ${unknown.length} edition(s) use (${unknown.slice(0, 3).join(", ")}${unknown.length > 3 ? ", …" : ""}: published by an older version), so nothing was removed; build once with --fresh to record them` };
  }
  const { pruneImageCache } = await import("../images/prune-cache.ts");
  return { imageCachePruned: await pruneImageCache(path.resolve(imageCacheDir), used) };
}

/** `--until` as a date: "today" is the paper's day now, in its zone. The calendar is loaded only when asked for. */
async function untilDate(until: string, site: SiteSettings): Promise<string> {
  const { paperToday, parseCalendarDate } = await import("../time/paper-date.ts");
  const date = until === "today" ? paperToday(site.timeZone) : until;
  if (parseCalendarDate(date, site.timeZone) === undefined) throw new OptionError(`--until: expected a date as YYYY-MM-DD or "today", found "${date}"`);
  return date;
}

function editionsError(file: string, message: string): ContentError {
  return new ContentError([{ severity: "error", file, message }]);
}

/** Full models of the newest editions, for the home page and feeds, read from their Markdown. They were validated already. */
export async function recentEditions(published: readonly Pick<PublishedEdition, "date" | "dir">[], contentRoot: string, site: SiteSettings): Promise<Edition[]> {
  const newest = newestEditions(published);
  await stillThere(newest);
  return readEditions(newest, contentRoot, site);
}

function newestEditions<T extends { readonly date: string }>(published: readonly T[]): T[] {
  return [...published].sort((a, b) => (a.date < b.date ? 1 : -1)).slice(0, RECENT_EDITIONS);
}

/**
 * With --edition, other editions stay as published, but the home page and feeds are written from
 * the newest ones: one whose folder is gone cannot stay.
 */
async function stillThere(newest: readonly Pick<PublishedEdition, "date" | "dir">[]): Promise<void> {
  const gone = (await Promise.all(newest.map(async (edition) => ((await isDirectory(edition.dir)) ? undefined : edition)))).filter((edition) => edition !== undefined);
  if (gone.length > 0) {
    throw new ContentError(gone.map((edition) => ({ severity: "error", file: edition.dir, message: `edition ${edition.date} is published but its folder is gone; run a plain build (without --edition) to take it off the site, or restore the folder` })));
  }
}

async function readEditions(editions: readonly Pick<PublishedEdition, "dir">[], contentRoot: string, site: SiteSettings): Promise<Edition[]> {
  const [{ readEdition }, { buildModel }] = await Promise.all([import("../content/read-content.ts"), import("../model/build-model.ts")]);
  const sources = await Promise.all(editions.map((edition) => readEdition(edition.dir, [])));
  return [...buildModel({ root: contentRoot, editions: sources }, site, []).editions];
}

/**
 * The newest editions in full for the site-wide pages, with their images' manifest: each as the
 * worker that rendered it kept it (recent-cache.ts), else read from its Markdown with its images
 * planned again (`planImages`; the image cache makes that a lookup, not sharp work). Kept, a
 * publishing day's site-wide stage reads no Markdown and plans no image: the seven editions took
 * 104–113 ms to read and 119–226 ms to plan in a day at 4,000 articles.
 */
async function siteWideEditions(published: readonly Pick<PublishedEdition, "date" | "dir" | "renderKey">[], contentRoot: string, site: SiteSettings, workDir: string, planImages: (editions: Edition[]) => Promise<ImageManifest>): Promise<{ archive: Archive; images: ImageManifest }> {
  const [{ readRecentEdition }, { rememberFeedEntries }] = await Promise.all([import("./recent-cache.ts"), import("../feeds/feed-entries.ts")]);
  const newest = newestEditions(published);
  await stillThere(newest);
  const kept = await Promise.all(newest.map((edition) => readRecentEdition(recentEditionFile(workDir, edition.renderKey), edition.dir)));
  // Only editions with nothing kept are read (the reading modules are not even loaded otherwise).
  const toRead = newest.filter((_, at) => !kept[at]);
  const read = new Map((toRead.length > 0 ? await readEditions(toRead, contentRoot, site) : []).map((edition) => [edition.date, edition]));
  const editions = newest.map((edition, at) => kept[at]?.edition ?? read.get(edition.date)!);
  const archive: Archive = { site, editions };
  // The kept entries, when they match the edition article by article; else its feeds make them.
  kept.forEach((item, at) => item && rememberFeedEntries(archive, editions[at]!, item.entries));
  const planned = read.size > 0 ? [await planImages([...read.values()])] : [];
  return { archive, images: mergeImageManifests([...kept.flatMap((item) => (item ? [item.images] : [])), ...planned]) };
}

/** Every file below the site-wide folder, described for the manifest: as it was written when known, else read back. */
async function describeSiteWide(siteDir: string, written: ReadonlyMap<string, OutputFile>): Promise<OutputFile[]> {
  const names: string[] = [];
  await listFiles(siteDir, "", names);
  return Promise.all(names.filter((name) => name !== MANIFEST_FILE).sort().map(async (name) => written.get(name) ?? describeFile(name, await readFile(path.join(siteDir, name)))));
}

async function isDirectory(file: string): Promise<boolean> {
  return lstat(file).then(
    (found) => found.isDirectory(),
    () => false,
  );
}

/** Removes what killed builds left behind (their process is gone; we hold the lock). */
async function removeLeftovers(outputDir: string, workDir: string, storeRoot: string): Promise<void> {
  await finishInterruptedCommit(workDir);
  await finishInterruptedSwap(outputDir);
  // Stamps of the content hashes before they were git's blob ids (file-ids.json replaced it),
  // manifest parts kept in the cache before each unit kept its own in the output, and feed entries
  // kept before whole editions were (recent-cache.ts).
  await rm(path.join(workDir, "stamps.json"), { force: true });
  await rm(path.join(workDir, "units"), { recursive: true, force: true });
  await rm(path.join(workDir, "feed-entries"), { recursive: true, force: true });
  const dead = leftByDeadProcess;
  const prefix = `${path.basename(outputDir)}.`;
  for (const name of await readdir(path.dirname(outputDir)).catch(() => [] as string[])) {
    // An old tree is removed by its build's detached remover (`old-<build>-<remover>`) while that runs.
    const rest = name.slice(prefix.length);
    if (name.startsWith(prefix) && (dead(rest, /^(?:tmp|old)-(\d+)$/) || dead(rest, /^old-\d+-(\d+)$/))) await rm(path.join(path.dirname(outputDir), name), { recursive: true, force: true, maxRetries: 3 });
  }
  for (const name of await readdir(workDir).catch(() => [] as string[])) {
    if (dead(name, /^(?:site|trash|search|images)-(\d+)$/) || dead(name, /^trash-\d+-(\d+)$/) || dead(name, /\.json\.tmp-(\d+)$/)) await rm(path.join(workDir, name), { recursive: true, force: true });
  }
  for (const name of await readdir(storeRoot).catch(() => [] as string[])) {
    if (dead(name, /^\.scratch-(\d+)-/) || dead(name, /\.json\.tmp-(\d+)$/)) await rm(path.join(storeRoot, name), { recursive: true, force: true });
  }
}

export async function publishSite(options: PublishOptions): Promise<PublishReport> {
  const projectRoot = path.resolve(options.projectRoot ?? process.cwd());
  const outputDir = path.resolve(options.outputDir);
  const contentRoot = path.resolve(options.contentRoot);
  const cacheDir = path.resolve(options.cacheDir ?? process.env.BROADSHEET_CACHE ?? defaultCacheDir(projectRoot, outputDir));
  const workDir = workDirFor(cacheDir, outputDir);
  const storeRoot = path.join(workDir, "store");
  const searchRoot = path.join(workDir, "search");
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
  /** Settles when the rendered editions are finished (see below). */
  let editionsSettled: Promise<unknown> = Promise.resolve();
  /** The search index's thread, once started (src/publish/search-bundles.ts). */
  let indexer: SearchIndexer | undefined;
  try {
    await removeLeftovers(outputDir, workDir, storeRoot);
    const site = await loadSettings(contentRoot);
    const settingsProblems = checkSettings(site);
    if (settingsProblems.length) throw new ContentError(settingsProblems.map((message) => ({ severity: "error", file: path.join(contentRoot, "site.config.ts"), message })));
    const stamps = await readStamps(workDir);
    const until = options.until === undefined ? undefined : await untilDate(options.until, site);
    const everyFolder = findEditionFolders(contentRoot);
    const folders = until === undefined ? everyFolder : everyFolder.filter((folder) => folder.date <= until);
    const heldBack = until === undefined ? [] : everyFolder.filter((folder) => folder.date > until).map((folder) => folder.date).sort();
    if (options.edition !== undefined && until !== undefined && options.edition > until) throw new OptionError(`--edition ${options.edition}: the edition is dated after --until ${until}, so it is not published yet`);
    if (folders.length === 0 && heldBack.length > 0) throw editionsError(contentRoot, `expected an edition dated up to ${until} (--until), found only later ones: ${heldBack.join(", ")}`);
    // git looks at the content (status and tree ids) in its own processes while this one reads the
    // build state and hashes the code. Awaited below; until then a failure must not go unhandled.
    // HEAD's listing of each year is kept by its tree id (fingerprint.ts): git lists the years that changed.
    const listings = () => new KeptListings(path.join(workDir, "git-trees.json"));
    const fingerprinting = options.edition !== undefined ? undefined : options.committed ? committedFingerprints(contentRoot, folders, listings()) : fingerprintEditions(contentRoot, folders, stamps, listings());
    fingerprinting?.catch(() => undefined);
    const stored = options.fresh ? undefined : await readState(workDir);
    // After builds that wrote only their changes, the output holds no whole site to build onto.
    const state = stored?.changesOnly && !options.changesOnly ? undefined : stored;
    /** Where what the state lists as published is; undefined: on the host (changesOnly), trusted as listed. */
    const lastOutput = options.changesOnly ? undefined : outputDir;
    const baseKey = sha256(`${codeHash(projectRoot, stamps)}\n${sha256(JSON.stringify(site))}`);
    const before = new Map((state?.editions ?? []).map((edition) => [edition.date, edition]));

    // 1. What is there, and what changed.
    const byDate = new Map<string, string>();
    for (const folder of folders) {
      const other = byDate.get(folder.date);
      if (other) throw editionsError(folder.dir, `edition ${folder.date} has two folders: ${other} and ${folder.dir}; keep one`);
      byDate.set(folder.date, folder.dir);
    }
    let fingerprints: EditionFingerprint[];
    const kept: PublishedEdition[] = [];
    /** Editions this build publishes anew, with their warnings. */
    const newUnits: { date: string; warnings: readonly Problem[] }[] = [];
    if (options.edition !== undefined) {
      if (stored && !state) throw new OptionError(`--edition ${options.edition}: the last build of ${options.outputDir} wrote only its changes (--changes-only), so there is no whole site to add the edition to; add --changes-only, or run a full build first`);
      if (!state) throw new OptionError(`--edition ${options.edition}: publishing one edition adds it to a previous build of ${options.outputDir}, and there is none (run a full build first)`);
      const folder = folders.find((candidate) => candidate.date === options.edition);
      if (!folder) throw editionsError(contentRoot, `--edition: expected an edition folder named ${options.edition} under ${options.contentRoot}, found none`);
      // The edition and its published neighbours, whose 上一期 / 下一期 links point at it.
      const around = [...new Set([...state.editions.map((edition) => edition.date), folder.date])].sort();
      const at = around.indexOf(folder.date);
      const touched = [around[at - 1], folder.date, around[at + 1]].flatMap((date) => folders.filter((item) => item.date === date));
      fingerprints = touched.map((item) => fingerprintEdition(item, stamps));
      kept.push(...state.editions.filter((edition) => !touched.some((item) => item.date === edition.date)));
    } else {
      fingerprints = await fingerprinting!;
    }
    if (fingerprints.length + kept.length === 0) throw editionsError(contentRoot, "expected at least one edition folder (YYYY-MM-DD), found none");

    let jobs: EditionJob[] = [];
    /** Finished edition folders in the store, to be moved into the output. */
    const moveIn: { date: string; storeDir: string }[] = [];
    // 上一期 / 下一期 are printed on every page: an edition is rendered again when a neighbour comes or goes.
    // One day published alone links only to editions that are published.
    const dates = (options.edition !== undefined && state ? [...new Set([...state.editions.map((edition) => edition.date), options.edition])] : [...byDate.keys()]).sort();
    const position = new Map(dates.map((date, at) => [date, at]));
    // The editions the site-wide feeds list: their workers keep their feed entries for them.
    const newest = new Set(dates.slice(-RECENT_EDITIONS));
    const neighbours = (date: string) => {
      const at = position.get(date) ?? -1;
      return { earlier: at > 0 ? dates[at - 1] : undefined, later: at >= 0 ? dates[at + 1] : undefined };
    };
    // Which editions' folders are in the output: a stat each for a few (--edition: a day and its
    // neighbours), else one listing of the output (4,340 entries at 100,000 articles: 11–29 ms).
    const inOutput =
      lastOutput === undefined
        ? undefined
        : fingerprints.length <= 64
          ? new Set((await Promise.all(fingerprints.map(async (print) => ((await isDirectory(path.join(lastOutput, print.date))) ? print.date : undefined)))).filter((date) => date !== undefined))
          : new Set((await readdir(lastOutput, { withFileTypes: true }).catch(() => [])).filter((entry) => entry.isDirectory()).map((entry) => entry.name));
    for (const print of fingerprints) {
      const { earlier, later } = neighbours(print.date);
      const renderKey = sha256(`${baseKey}\n${print.contentHash}\n${earlier ?? ""} ${later ?? ""}`);
      const previous = before.get(print.date);
      if (previous && previous.renderKey === renderKey && previous.dir === print.dir && (inOutput?.has(print.date) ?? true)) {
        kept.push(previous);
        continue;
      }
      // Rendered by an earlier (killed) build, or by a shard on another runner, not published yet.
      const storeDir = storeDirFor(storeRoot, { date: print.date, renderKey });
      const stored = options.fresh ? undefined : await readStoredEdition(storeDir);
      if (stored) {
        kept.push({ date: print.date, dir: print.dir, contentHash: print.contentHash, renderKey, index: stored.index, searchHash: stored.searchHash, part: stored.part, imageKeys: stored.imageKeys, warningCount: stored.warnings.length });
        newUnits.push({ date: print.date, warnings: stored.warnings });
        moveIn.push({ date: print.date, storeDir });
      } else jobs.push({ date: print.date, dir: print.dir, contentHash: print.contentHash, renderKey, earlier, later, recentFile: newest.has(print.date) ? recentEditionFile(workDir, renderKey) : undefined });
    }
    if (options.shard) jobs = jobs.filter((_, position) => position % options.shard!.count === options.shard!.index);
    // Taken from HEAD without a look at the disk: what is rendered must be what was committed.
    if (options.committed) {
      // git status looks at every file; reading a folder costs about as much as git's look at 2–8
      // folders (0.26–0.96 ms, with and without stamps, against 0.12 ms each at 100,000 articles),
      // so git is asked when more than a quarter of the folders are to be rendered.
      const changed = await uncommittedEditions(contentRoot, jobs, stamps, jobs.length * 4 > folders.length);
      if (changed.length > 0) throw notCommitted(changed, "has changes that are not committed");
    }
    // Editions to render mean share cards to name, with fontconfig's answer (card-fonts.ts): asked
    // now, it is there when the first card is named (not asked at all when nothing changed).
    if (jobs.length > 0 && (options.images?.shareCards ?? imageDefaults.shareCards)) cardFonts().catch(() => undefined);
    // Editions to publish mean a search index to write: its thread starts while they are rendered.
    if (!options.shard && jobs.length + moveIn.length > 0) {
      const { bundlesToPrepare, startSearchIndexer } = await import("./search-bundles.ts");
      indexer = startSearchIndexer();
      // A day's build (a few editions): the bundles it will index again take in the records of
      // their published editions now, on the core the rendering leaves free, and only the new
      // records once they are known (write-index.ts).
      if (state && jobs.length + moveIn.length <= PREPARED_INDEX_LIMIT) indexer.prepare(searchRoot, bundlesToPrepare(dates, before, state.searchBundles));
    }
    await lap("fingerprint");

    // 2. Render what changed (validation included: any error stops the build here).
    const { renderEditions } = jobs.length > 0 ? await import("./worker-pool.ts") : { renderEditions: async (): Promise<PoolResult> => ({ started: [], errors: [], finished: Promise.resolve([]) }) };
    const { started, errors, finished } = await renderEditions(jobs, { site, contentRoot, projectRoot, storeRoot, workers: options.workers, images: options.images });
    // The editions' share cards may still be in the making: awaited before the manifest is
    // written, and before this build lets go of the output if it fails meanwhile.
    editionsSettled = finished.catch(() => undefined);
    if (errors.length > 0) throw new ContentError(sortProblems(errors));
    if (options.shard) {
      const rendered = await finished;
      await writeStamps(workDir, stamps);
      await lap("editions");
      const articles = rendered.reduce((sum, edition) => sum + edition.index.articleCount, 0);
      return { editions: rendered.length, pages: rendered.reduce((sum, edition) => sum + edition.index.pageCount, 0), articles, rendered: rendered.map((edition) => edition.job.date).sort(), heldBack, reused: kept.length, siteWideRendered: false, warnings: sortProblems(rendered.flatMap((edition) => edition.warnings)), timings };
    }
    const published: ListedEdition[] = [
      ...kept,
      ...started.map((edition) => ({
        date: edition.job.date,
        dir: edition.job.dir,
        contentHash: edition.job.contentHash,
        renderKey: edition.job.renderKey,
        index: edition.index,
        searchHash: edition.searchHash,
        warningCount: edition.warnings.length,
      })),
    ].sort((a, b) => (a.date < b.date ? 1 : -1));
    newUnits.push(...started.map((edition) => ({ date: edition.job.date, warnings: edition.warnings })));
    // Where each one will be once finished.
    moveIn.push(...started.map((edition) => ({ date: edition.job.date, storeDir: storeDirFor(storeRoot, edition.job) })));
    await lap("editions");

    // 3. The site-wide files, unless nothing at all changed.
    const index = sortIndex(published.map((edition) => edition.index));
    // Site-wide files also depend on the redirects kept beside the editions (npm run import).
    const { readRedirectsText } = await import("../import/redirects.ts");
    const redirects = (await readRedirectsText(contentRoot)) ?? "";
    const siteKey = sha256(`${baseKey}\n${sha256(redirects)}\n${published.map((edition) => `${edition.date} ${edition.renderKey}`).join("\n")}`);
    const fullBuild = !state || (lastOutput !== undefined && !(await isDirectory(lastOutput)));
    if (fullBuild && options.edition !== undefined) throw new OptionError(`--edition ${options.edition}: ${options.outputDir} is missing, so there is nothing to add the edition to (run a full build first)`);
    // An output of changes only must still hold the top of the files.json tree for the deploy plan.
    const unchanged = !fullBuild && state.siteKey === siteKey && moveIn.length === 0 && (lastOutput !== undefined || (await present(path.join(outputDir, MANIFEST_FILE))));
    let searchBundles: PublishReport["searchBundles"];
    if (!unchanged) {
      // Search bundles (only those whose records changed are indexed again) are indexed by
      // Pagefind, driven from the indexer's thread, while this thread plans and renders the
      // site-wide pages: neither needs the other, so the bundles are handed over first (in a day
      // at 4,000 articles they went 44–63 ms later after the planning below). The thread was
      // started with the editions' rendering when there were editions to render; else (a change
      // of code or settings alone) now.
      const [{ adoptRecords }, { startSearchBundles, startSearchIndexer }] = await Promise.all([import("../search/record-store.ts"), import("./search-bundles.ts")]);
      const keyOf = new Map(published.map((edition) => [edition.date, edition.renderKey]));
      await adoptRecords(searchRoot, moveIn.map((edition) => ({ ...edition, renderKey: keyOf.get(edition.date)! })));
      indexer ??= startSearchIndexer();
      const { finished: searching } = await startSearchBundles({ workDir, searchRoot, published, previous: fullBuild ? [] : state.searchBundles, outputDir: lastOutput }, indexer);
      // Awaited below; until then a failure must not go unhandled (and the build waits for the
      // thread before it lets go of the output: SearchIndexer.stop).
      searching.catch(() => undefined);
      const [{ renderTemplates }, { siteData }, { CACHE_RULES, headersFile, newsSitemap, robotsTxt, sitemapFiles, sitemapIsSplit }, { processImages }, { publishRedirects }, { planSiteUnits, siteUnitsAfter }, { pruneRecentEditions }] = await Promise.all([
        import("../eleventy/direct-render.ts"),
        import("../eleventy/site-data.ts"),
        import("./site-files.ts"),
        import("../images/process-images.ts"),
        import("../import/redirects.ts"),
        import("./site-units.ts"),
        import("./recent-cache.ts"),
      ]);
      // The listings of every edition's pages and parts (api/editions.json, files.json) take each
      // year this build does not touch as the bytes an earlier build kept.
      const fragments = new YearFragments(path.join(workDir, "fragments"), yearKeys(baseKey, published), !options.fresh);
      // A year's archive pages and sitemap parts stay in place while its editions do (site-units.ts).
      const units = await planSiteUnits(published, { baseKey, splitSitemap: sitemapIsSplit(index, options.maxSitemapUrls), previous: fullBuild ? [] : state.siteUnits, outputDir: lastOutput });
      const siteDir = path.join(workDir, `site-${process.pid}`);
      await rm(siteDir, { recursive: true, force: true });
      await mkdir(siteDir, { recursive: true });
      const renderSiteWide = async () => {
        // The newest editions' images are published in their own folders already; the home page and
        // feeds only need their sizes and paths.
        const { archive, images } = await siteWideEditions(published, contentRoot, site, workDir, (editions) => processImages({ site, editions }, siteDir, { log: undefined, ...options.images, publish: false }));
        const { prepareScans } = await import("../render/scan.ts");
        await prepareScans(archive);
        return renderTemplates(siteData(archive, projectRoot, { scope: "site", editionIndex: index, images, archiveYears: units.yearsToRender("archive"), editionListBytes: fragments.of("api-editions") }), siteDir, projectRoot);
      };
      /** Site-wide files described as they were written (the rest are read back for the manifest). */
      const written = new Map(
        (
          await renderSiteWide().catch(async (error: unknown) => {
            // Not before the indexer has stopped writing into this process's scratch folder.
            await searching.catch(() => undefined);
            throw error;
          })
        )?.map((file) => [file.path, file]),
      );
      const writeSiteFile = async (name: string, text: string) => {
        await writeFile(path.join(siteDir, name), text);
        written.set(name, describeFile(name, text));
      };
      await lap("site-wide pages");
      // This stage is what indexing takes beyond the site-wide pages: a build's time less it is
      // the time of everything but the search index, as before the two overlapped.
      const search = await searching;
      const { bundles, jobs: bundleJobs } = search;
      searchBundles = { total: bundles.length, indexed: bundleJobs.map((job) => job.name), openedEarly: search.openedEarly };
      await lap("search index");
      // What the editions' share cards took beyond the site-wide pages and the index.
      const finishedEditions = new Map((await finished).map((edition) => [edition.job.date, edition]));
      await lap("share cards");
      // Each with its part of the manifest; the kept ones are the very objects read from the build
      // state, so that a year none of whose editions changed is not written again.
      const keptEditions = new Set<ListedEdition>(kept);
      const complete = published.map((edition): PublishedEdition => {
        if (keptEditions.has(edition)) return edition as PublishedEdition;
        const { part, imageKeys } = finishedEditions.get(edition.date)!;
        return { ...edition, part, imageKeys };
      });
      await publishRedirects(contentRoot, siteDir, site);
      for (const [name, text] of sitemapFiles(site, index, { maxUrls: options.maxSitemapUrls, years: units.yearsToRender("sitemap") })) await writeSiteFile(name, text);
      await writeSiteFile("news-sitemap.xml", newsSitemap(site, index));
      await writeSiteFile("robots.txt", robotsTxt(site));
      await writeSiteFile("_headers", headersFile());
      const keptPaths = units.kept.flatMap((unit) => unit.paths);
      const described = await describeSiteWide(siteDir, written);
      // Each edition and bundle lists its own files (written with it); the top level lists those
      // parts, the site-wide files written now and those of the site units kept in place.
      const editionParts = [...byYear([...complete].reverse())].map(([year, editions]) => fragments.text("manifest-parts", year, () => partLines(editions.map((edition) => edition.part))));
      await writeFile(path.join(siteDir, MANIFEST_FILE), siteManifestJson(CACHE_RULES, [...described, ...units.kept.flatMap((unit) => unit.files)], [...editionParts, partLines(bundles.map((bundle) => bundle.part))]));
      const siteWide = (await readdir(siteDir)).sort();
      // What moves into the output: top-level names, but archive/'s entries one by one, so that
      // the archive years kept in place stay.
      const siteItems = (await Promise.all(siteWide.map(async (name) => (name === "archive" ? (await readdir(path.join(siteDir, name))).sort().map((entry) => `${name}/${entry}`) : [name])))).flat();
      const clash = siteWide.find((name) => name === SEARCH_INDEX_DIR || published.some((edition) => edition.date === name));
      if (clash) throw new Error(`a site-wide template wrote ${clash}/, which is reserved for ${clash === SEARCH_INDEX_DIR ? "the search index" : "an edition"}`);
      await lap("indexes");
      await options.onStage?.("before swap");

      // 4. Put it in place (see commit-output.ts).
      // A full build, and one that writes only its changes, replace the whole output.
      if (fullBuild || lastOutput === undefined) {
        const tree = `${outputDir}.tmp-${process.pid}`;
        await rm(tree, { recursive: true, force: true });
        await mkdir(tree, { recursive: true });
        for (const edition of moveIn) await rename(edition.storeDir, path.join(tree, edition.date));
        for (const name of siteWide) await rename(path.join(siteDir, name), path.join(tree, name));
        await mkdir(path.join(tree, SEARCH_INDEX_DIR));
        for (const job of bundleJobs) await rename(job.outputPath, path.join(tree, SEARCH_INDEX_DIR, job.name));
        await swapWholeOutput(outputDir, tree);
      } else {
        const published_ = new Set(published.map((edition) => edition.date));
        const moves = [
          ...moveIn.map((edition) => ({ from: edition.storeDir, to: path.join(outputDir, edition.date) })),
          ...siteItems.map((item) => ({ from: path.join(siteDir, item), to: path.join(outputDir, item) })),
          ...bundleJobs.map((job) => ({ from: job.outputPath, to: path.join(outputDir, SEARCH_INDEX_DIR, job.name) })),
        ];
        const removals = [
          ...state.editions.filter((edition) => !published_.has(edition.date)).map((edition) => path.join(outputDir, edition.date)),
          ...state.siteWide.filter((item) => !siteItems.includes(item) && !keptPaths.includes(item)).map((item) => path.join(outputDir, item)),
          ...state.searchBundles.filter((bundle) => !bundles.some((kept) => kept.name === bundle.name)).map((bundle) => path.join(outputDir, SEARCH_INDEX_DIR, bundle.name)),
        ];
        await commitMoves(workDir, moves, removals);
      }
      await writeState(workDir, { version: STATE_VERSION, siteKey, editions: complete, siteWide: [...siteItems, ...keptPaths].sort(), siteUnits: siteUnitsAfter(units, described), searchBundles: bundles, changesOnly: !fullBuild && lastOutput === undefined ? true : undefined });
      fragments.prune();
      await rm(siteDir, { recursive: true, force: true });
      await rm(search.scratch, { recursive: true, force: true });
      // Whatever is left in the store was published now or is stale.
      await rm(storeRoot, { recursive: true, force: true });
      await pruneRecentEditions(workDir, new Set(published.slice(0, RECENT_EDITIONS).map((edition) => edition.renderKey)));
    }
    await writeStamps(workDir, stamps);
    await lap("swap");
    // Published: what the image cache holds beyond this output's editions can go. A chore after
    // publishing: when it cannot be done, the build has still succeeded, and says why.
    const pruned = options.pruneImageCache ? await pruneFor(workDir, options.images?.cacheDir ?? imageDefaults.cacheDir) : {};
    if (options.pruneImageCache) await lap("image cache pruned");

    const pages = index.reduce((sum, edition) => sum + edition.pageCount, 0);
    const articles = index.reduce((sum, edition) => sum + edition.articleCount, 0);
    return {
      editions: index.length,
      pages,
      articles,
      rendered: started.map((edition) => edition.job.date).sort(),
      heldBack,
      reused: kept.length,
      siteWideRendered: !unchanged,
      searchBundles,
      warnings: sortProblems(newUnits.flatMap((unit) => unit.warnings)),
      earlierWarnings: published.filter((edition) => !newUnits.some((unit) => unit.date === edition.date)).reduce((sum, edition) => sum + edition.warningCount, 0),
      ...pruned,
      timings,
    };
  } finally {
    // Nothing of this build may still be writing when the next one can start.
    await editionsSettled;
    await indexer?.stop();
    await release();
  }
}
