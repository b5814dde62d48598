/**
 * Writes search bundles (see bundles.ts) with Pagefind 1.6 (the npm package is the extended build,
 * with Chinese segmentation). Pagefind runs as one service process per Node process and indexes
 * two bundles at once on two cores (measured: 1.6× one at a time); it is closed after every use so
 * a build never leaves it running.
 *
 * A bundle's records go in edition by edition, oldest first. So a bundle can be opened early with
 * the records of its editions that are already published (`prepareBundles`: a publishing day does
 * it while its edition is rendered) and finished with the new ones: when the bundle is written,
 * what went in early is used if it is the start of the bundle, edition for edition and hash for
 * hash, and thrown away otherwise. Either way the bundle holds the same records in the same order,
 * so its bytes are those of a bundle indexed in one go.
 */
import { availableParallelism } from "node:os";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import * as pagefind from "pagefind";
import { BUNDLE_FILTER } from "./bundles.ts";
import type { SearchRecord } from "./search-records.ts";

export interface BundleEdition {
  readonly date: string;
  /** Hash of the edition's records (record-store.ts): equal hashes, equal records. */
  readonly searchHash: string;
  /** Read when its turn comes, so only the bundles being indexed are in memory. */
  readonly records: () => Promise<readonly SearchRecord[]>;
}

export interface BundleJob {
  readonly name: string;
  /** Folder the bundle is written to (created by Pagefind). */
  readonly outputPath: string;
  /** Oldest first. */
  readonly editions: readonly BundleEdition[];
}

/** Pagefind's own search interfaces: the search page has its own (assets/js/search.js). */
const UNUSED = /^pagefind-(component-ui|modular-ui|ui|highlight)\./;

type Index = NonNullable<Awaited<ReturnType<typeof pagefind.createIndex>>["index"]>;

/** A bundle opened early: its index, and which editions' records it holds, in order. */
interface Opened {
  readonly index: Index;
  readonly holds: readonly string[];
  readonly records: number;
}

/** Bundles opened by prepareBundles, by name; each settles undefined if it could not be opened. */
const opened = new Map<string, Promise<Opened | undefined>>();
/** Set while Pagefind's service is stopped: a bundle not opened yet is not (its service would outlive the build). */
let closing = false;

const holding = (edition: Pick<BundleEdition, "date" | "searchHash">) => `${edition.date} ${edition.searchHash}`;

// One service per process, and close() stops it for every index: two builds in one process
// (tests, a watcher) must take turns.
let queue: Promise<unknown> = Promise.resolve();

/** What writing the bundles came to: records indexed, and the bundles that were opened early. */
export interface WrittenBundles {
  readonly records: number;
  readonly openedEarly: readonly string[];
}

export function writeSearchBundles(jobs: readonly BundleJob[], parallel = availableParallelism()): Promise<WrittenBundles> {
  const turn = queue.then(() => writeBundles(jobs, parallel));
  queue = turn.catch(() => undefined);
  return turn;
}

/**
 * Opens each bundle and adds its editions' records, oldest first, while the caller goes on; the
 * next writeSearchBundles takes what matches the start of a bundle it writes. A failure (a record
 * file missing, Pagefind refusing a record) only means the bundle is indexed from the start then,
 * where the failure is reported.
 */
export function prepareBundles(bundles: readonly { readonly name: string; readonly editions: readonly BundleEdition[] }[]): void {
  for (const bundle of bundles) {
    const opening = queue.then(async (): Promise<Opened | undefined> => {
      if (closing) return undefined;
      const index = await openIndex();
      try {
        const records = await addRecords(index, bundle.name, (await Promise.all(bundle.editions.map((edition) => edition.records()))).flat());
        return { index, holds: bundle.editions.map(holding), records };
      } catch {
        if (!closing) await index.deleteIndex().catch(() => undefined);
        return undefined;
      }
    });
    opened.set(bundle.name, opening.catch(() => undefined));
  }
}

async function openIndex(): Promise<Index> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: "zh-cn" });
  if (!index) throw new Error(`search index: Pagefind did not start: ${errors.join("; ")}`);
  return index;
}

async function addRecords(index: Index, bundle: string, records: readonly SearchRecord[]): Promise<number> {
  // Every record is sent before any answer is awaited: one round trip per call, not per record.
  const answers = await Promise.all(
    records.map((record) => index.addCustomRecord({ ...record, meta: { ...record.meta }, filters: { ...record.filters, [BUNDLE_FILTER]: [bundle] }, sort: { ...record.sort } })),
  );
  const failed = answers.findIndex((answer) => answer.errors.length > 0);
  if (failed >= 0) throw new Error(`search index: ${records[failed]!.url}: ${answers[failed]!.errors.join("; ")}`);
  return records.length;
}

/** The bundle's early index when it holds the start of the bundle (how many editions), else a new index. */
async function indexFor(job: BundleJob): Promise<{ index: Index; from: number; records: number; early: boolean }> {
  const early = await opened.get(job.name);
  opened.delete(job.name);
  if (early && early.holds.length <= job.editions.length && early.holds.every((held, at) => held === holding(job.editions[at]!))) return { index: early.index, from: early.holds.length, records: early.records, early: true };
  await early?.index.deleteIndex();
  return { index: await openIndex(), from: 0, records: 0, early: false };
}

async function writeBundle(job: BundleJob): Promise<{ records: number; early: boolean }> {
  const { index, from, records, early } = await indexFor(job);
  const rest = await Promise.all(job.editions.slice(from).map((edition) => edition.records()));
  const added = await addRecords(index, job.name, rest.flat());
  const written = await index.writeFiles({ outputPath: job.outputPath });
  if (written.errors.length) throw new Error(`search index: writing ${job.outputPath}: ${written.errors.join("; ")}`);
  await index.deleteIndex();
  for (const name of await readdir(job.outputPath)) if (UNUSED.test(name)) await rm(path.join(job.outputPath, name));
  return { records: records + added, early };
}

async function writeBundles(jobs: readonly BundleJob[], parallel: number): Promise<WrittenBundles> {
  const waiting = [...jobs];
  let records = 0;
  const openedEarly: string[] = [];
  try {
    const lane = async () => {
      for (let job = waiting.shift(); job; job = waiting.shift()) {
        const written = await writeBundle(job);
        records += written.records;
        if (written.early) openedEarly.push(job.name);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, jobs.length)) }, lane));
    return { records, openedEarly: jobs.map((job) => job.name).filter((name) => openedEarly.includes(name)) };
  } finally {
    // Bundles opened early that no job took (their records or the plan changed) end with the service.
    await closeSearchIndex();
  }
}

/**
 * Stops Pagefind's service, with the bundles opened early that no bundle took (also for a build
 * that ends before its index): what they were still adding fails at once, and they are forgotten.
 */
export async function closeSearchIndex(): Promise<void> {
  closing = true;
  await pagefind.close();
  await Promise.allSettled(opened.values());
  opened.clear();
  // One opened while the service was being stopped.
  await pagefind.close();
  closing = false;
}
