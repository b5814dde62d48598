/**
 * The search index step of publishing (see src/search/bundles.ts for the bundles): which bundles
 * of the published editions must be indexed again — those whose records or indexer changed, or
 * that are missing from the output — indexing them into a scratch folder on a thread of its own
 * (src/search/index-worker.ts says why), and writing each new bundle's part of the manifest into
 * it (`pagefind/<bundle>/files.json`). The publisher moves the new bundles into `pagefind/`.
 */
import { lstat, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { bundleKey, bundleUnit, indexerVersion, planBundles } from "../search/bundles.ts";
import type { BundleEditionRef, IndexThreadData, IndexThreadJob, IndexThreadMessage, IndexThreadReply } from "../search/index-worker.ts";
import { compiledModule, projectFile } from "../project-root.ts";
import type { ListedEdition, PublishedBundle } from "./build-state.ts";
import { describeFolder } from "./edition-store.ts";
import { manifestPart, MANIFEST_FILE } from "./output-manifest.ts";

export interface SearchBundlesResult {
  /** Every bundle of the site, newest first. */
  readonly bundles: readonly PublishedBundle[];
  /** The bundles indexed by this build, each in its folder under `scratch`. */
  readonly jobs: readonly (IndexThreadJob & { readonly key: string })[];
  readonly scratch: string;
  /** Those of them that were opened early, with the records of their editions published before (SearchIndexer.prepare). */
  readonly openedEarly: readonly string[];
}

export interface SearchBundlesOptions {
  readonly workDir: string;
  /** Where the bundles of the last build are; undefined: on the host, as the build state lists them (an output of changes only). */
  readonly outputDir: string | undefined;
  /** Folder of the per-edition search records (src/search/record-store.ts). */
  readonly searchRoot: string;
  readonly published: readonly ListedEdition[];
  /** The bundles in the output now (none for a build that replaces the whole output). */
  readonly previous: readonly PublishedBundle[];
}

/**
 * Plans the bundles and starts indexing those that changed on the indexer's thread
 * (startSearchIndexer); resolves once the work is handed over, with `finished`, which
 * settles when every bundle is written with its part of the manifest. The caller renders meanwhile.
 */
export async function startSearchBundles(options: SearchBundlesOptions, indexer: SearchIndexer): Promise<{ readonly finished: Promise<SearchBundlesResult> }> {
  const { workDir, outputDir, searchRoot, published } = options;
  const scratch = path.join(workDir, `search-${process.pid}`);
  await rm(scratch, { recursive: true, force: true });
  const byDate = new Map(published.map((edition) => [edition.date, edition]));
  const before = new Map(options.previous.map((bundle) => [bundle.name, bundle]));
  const version = await indexerVersion();
  const planned = await Promise.all(
    planBundles(byDate.keys()).map(async ({ name, dates }) => {
      const editions = dates.map((date) => byDate.get(date)!);
      const key = bundleKey(name, editions, version);
      const previous = before.get(name);
      const inOutput = previous?.key === key && (outputDir === undefined || (await lstat(path.join(outputDir, bundleUnit(name))).then((found) => found.isDirectory(), () => false)));
      return { name, key, editions, kept: inOutput ? previous : undefined };
    }),
  );
  // Oldest first, the order in which a bundle takes its editions' records (write-index.ts).
  const jobs = planned.filter((bundle) => !bundle.kept).map(({ name, key, editions }) => ({ name, key, outputPath: path.join(scratch, name), editions: editions.map(bundleEditionRef).reverse() }));
  const indexing = indexer.index({ searchRoot, published: published.map(({ date, renderKey }) => ({ date, renderKey })), jobs });
  // Awaited by `finished`; until then a failure must not go unhandled.
  indexing.catch(() => undefined);
  const finished = (async () => {
    const { openedEarly } = await indexing;
    const bundles: PublishedBundle[] = planned.flatMap((bundle) => (bundle.kept ? [bundle.kept] : []));
    for (const job of jobs) {
      const { text, part } = manifestPart(`${bundleUnit(job.name)}/`, await describeFolder(job.outputPath, `${bundleUnit(job.name)}/`));
      await writeFile(path.join(job.outputPath, MANIFEST_FILE), text);
      bundles.push({ name: job.name, key: job.key, part });
    }
    bundles.sort((a, b) => (a.name < b.name ? 1 : -1));
    return { bundles, jobs, scratch, openedEarly };
  })();
  return { finished };
}

/** What the index thread needs of an edition in a bundle: the same fields for a bundle opened early and for its job, which are matched on them. */
const bundleEditionRef = ({ date, renderKey, searchHash }: ListedEdition): BundleEditionRef => ({ date, renderKey, searchHash });

/**
 * The bundles a build will surely index again, with the editions of each that were published
 * before, oldest first, up to the first that was not: a bundle holding an edition not published
 * before (a new day), or one the last build did not have (a month or a year just over). At most
 * two, which Pagefind indexes at once. An edition rendered again (the day before a new one is, for
 * its 下一期 link) most often keeps its records; if not, its bundle is indexed from the start after
 * all. A bundle whose editions were all published is left: rendered again, they most often keep
 * their records, and the bundle is not indexed at all.
 */
export function bundlesToPrepare(dates: Iterable<string>, before: ReadonlyMap<string, ListedEdition>, previous: readonly PublishedBundle[]): { name: string; editions: BundleEditionRef[] }[] {
  const had = new Set(previous.map((bundle) => bundle.name));
  const prepared: { name: string; editions: BundleEditionRef[] }[] = [];
  for (const bundle of planBundles(dates)) {
    if (prepared.length === 2) break;
    if (had.has(bundle.name) && bundle.dates.every((date) => before.has(date))) continue;
    const editions: BundleEditionRef[] = [];
    for (const date of [...bundle.dates].reverse()) {
      const published = before.get(date);
      if (!published) break;
      editions.push(bundleEditionRef(published));
    }
    if (editions.length > 0) prepared.push({ name: bundle.name, editions });
  }
  return prepared;
}

/** The thread that writes search bundles (src/search/index-worker.ts), for one build. */
export interface SearchIndexer {
  /** Opens bundles early with the records of their editions published before (see bundlesToPrepare). */
  prepare(searchRoot: string, bundles: readonly { readonly name: string; readonly editions: readonly BundleEditionRef[] }[]): void;
  /** Hands it the build's bundles; settles when they are written (the thread, and Pagefind with it, ends after: see stop). */
  index(data: IndexThreadData): Promise<{ readonly openedEarly: readonly string[] }>;
  /**
   * Ends the thread if it was not given work (a build that stopped before its search index), else
   * waits for it to end: nothing of a build may still be running when it lets go of the output.
   */
  stop(): Promise<void>;
}

/**
 * Starts the thread before the bundles are known, so that its start (a second JavaScript
 * environment loading its modules, 0.1–0.15 s on a busy machine) goes on while the editions are
 * rendered. It waits for its work without keeping this process alive.
 */
export function startSearchIndexer(): SearchIndexer {
  const source = projectFile("src", "search", "index-worker.ts");
  const compiled = compiledModule(source);
  // From the TypeScript sources, the thread registers tsx's loader before it imports the entry
  // (Node 20 does not apply `--import tsx` to a thread's own imports).
  const entry = compiled
    ? pathToFileURL(compiled)
    : `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then(({ register }) => { register(); return import(${JSON.stringify(pathToFileURL(source).href)}); });`;
  const worker = new Worker(entry, { execArgv: [], eval: !compiled });
  worker.unref();
  let failure: Error | undefined;
  worker.on("error", (error) => (failure ??= error));
  const ended = new Promise<number>((resolve) => worker.once("exit", resolve));
  // The thread answers once its bundles are written; it ends after that, with Pagefind's service.
  const replied = new Promise<IndexThreadReply | undefined>((resolve) => {
    worker.once("message", resolve);
    ended.then(() => resolve(undefined));
  });
  const send = (message: IndexThreadMessage) => worker.postMessage(message);
  let given = false;
  let prepared = false;
  return {
    prepare(searchRoot, bundles) {
      if (bundles.length === 0) return;
      prepared = true;
      send({ kind: "prepare", searchRoot, bundles });
    },
    async index(data) {
      given = true;
      worker.ref();
      send({ kind: "index", ...data });
      const reply = await replied;
      if (reply?.ok) return { openedEarly: reply.openedEarly };
      if (reply) throw new Error(reply.message);
      throw failure ?? new Error(`search index: the indexing thread stopped (exit code ${await ended}) before it was done`);
    },
    async stop() {
      if (given) await ended;
      else if (prepared) {
        // Pagefind's service, started for the bundles opened early, is stopped and awaited by the thread.
        given = true;
        worker.ref();
        send({ kind: "stop" });
        await ended;
      } else await worker.terminate();
    },
  };
}
