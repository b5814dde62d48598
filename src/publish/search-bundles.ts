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
import type { IndexThreadData, IndexThreadJob, IndexThreadReply } from "../search/index-worker.ts";
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
  const jobs = planned.filter((bundle) => !bundle.kept).map(({ name, key, editions }) => ({ name, key, outputPath: path.join(scratch, name), editions: editions.map(({ date, renderKey }) => ({ date, renderKey })) }));
  const indexing = indexer.index({ searchRoot, published: published.map(({ date, renderKey }) => ({ date, renderKey })), jobs });
  // Awaited by `finished`; until then a failure must not go unhandled.
  indexing.catch(() => undefined);
  const finished = (async () => {
    await indexing;
    const bundles: PublishedBundle[] = planned.flatMap((bundle) => (bundle.kept ? [bundle.kept] : []));
    for (const job of jobs) {
      const { text, part } = manifestPart(`${bundleUnit(job.name)}/`, await describeFolder(job.outputPath, `${bundleUnit(job.name)}/`));
      await writeFile(path.join(job.outputPath, MANIFEST_FILE), text);
      bundles.push({ name: job.name, key: job.key, part });
    }
    bundles.sort((a, b) => (a.name < b.name ? 1 : -1));
    return { bundles, jobs, scratch };
  })();
  return { finished };
}

/** The thread that writes search bundles (src/search/index-worker.ts), for one build. */
export interface SearchIndexer {
  /** Hands it the build's bundles; settles when they are written and the thread (and Pagefind with it) has ended. */
  index(data: IndexThreadData): Promise<void>;
  /**
   * Ends the thread if it was not given work (a build that stopped before its search index), else
   * waits for it to end: nothing of a failed build may still be writing when it lets go of the output.
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
  let reply: IndexThreadReply | undefined;
  let failure: Error | undefined;
  worker.on("message", (message: IndexThreadReply) => (reply = message));
  worker.on("error", (error) => (failure ??= error));
  const ended = new Promise<number>((resolve) => worker.once("exit", resolve));
  let given = false;
  return {
    async index(data) {
      given = true;
      worker.ref();
      worker.postMessage(data);
      const code = await ended;
      if (!reply?.ok) throw failure ?? new Error(reply?.message ?? `search index: the indexing thread stopped (exit code ${code}) before it was done`);
    },
    async stop() {
      if (given) await ended;
      else await worker.terminate();
    },
  };
}
