/**
 * Writes search bundles (see bundles.ts) with Pagefind 1.6 (the npm package is the extended build,
 * with Chinese segmentation). Pagefind runs as one service process per Node process and indexes
 * two bundles at once on two cores (measured: 1.6× one at a time); it is closed after every use so
 * a build never leaves it running.
 */
import { availableParallelism } from "node:os";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import * as pagefind from "pagefind";
import { BUNDLE_FILTER } from "./bundles.ts";
import type { SearchRecord } from "./search-records.ts";

export interface BundleJob {
  readonly name: string;
  /** Folder the bundle is written to (created by Pagefind). */
  readonly outputPath: string;
  /** Read when the bundle's turn comes, so only the bundles being indexed are in memory. */
  readonly records: () => Promise<readonly SearchRecord[]>;
}

/** Pagefind's own search interfaces: the search page has its own (assets/js/search.js). */
const UNUSED = /^pagefind-(component-ui|modular-ui|ui|highlight)\./;

// One service per process, and close() stops it for every index: two builds in one process
// (tests, a watcher) must take turns.
let queue: Promise<unknown> = Promise.resolve();

export function writeSearchBundles(jobs: readonly BundleJob[], parallel = availableParallelism()): Promise<number> {
  const turn = queue.then(() => writeBundles(jobs, parallel));
  queue = turn.catch(() => undefined);
  return turn;
}

async function writeBundle(job: BundleJob): Promise<number> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: "zh-cn" });
  if (!index) throw new Error(`search index: Pagefind did not start: ${errors.join("; ")}`);
  const records = await job.records();
  // Every record is sent before any answer is awaited: one round trip per bundle, not per record.
  const answers = await Promise.all(
    records.map((record) => index.addCustomRecord({ ...record, meta: { ...record.meta }, filters: { ...record.filters, [BUNDLE_FILTER]: [job.name] }, sort: { ...record.sort } })),
  );
  const failed = answers.findIndex((answer) => answer.errors.length > 0);
  if (failed >= 0) throw new Error(`search index: ${records[failed]!.url}: ${answers[failed]!.errors.join("; ")}`);
  const written = await index.writeFiles({ outputPath: job.outputPath });
  if (written.errors.length) throw new Error(`search index: writing ${job.outputPath}: ${written.errors.join("; ")}`);
  await index.deleteIndex();
  for (const name of await readdir(job.outputPath)) if (UNUSED.test(name)) await rm(path.join(job.outputPath, name));
  return records.length;
}

async function writeBundles(jobs: readonly BundleJob[], parallel: number): Promise<number> {
  if (jobs.length === 0) return 0;
  const waiting = [...jobs];
  let total = 0;
  try {
    const lane = async () => {
      for (let job = waiting.shift(); job; job = waiting.shift()) total += await writeBundle(job);
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, jobs.length)) }, lane));
    return total;
  } finally {
    await pagefind.close();
  }
}
