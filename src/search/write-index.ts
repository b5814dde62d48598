/**
 * Writes search bundles (see bundles.ts) with Pagefind 1.6 (the npm package is the extended build,
 * with Chinese segmentation). Loaded only on a build's index thread (index-worker.ts), so each
 * build has its own Pagefind service process, which indexes two bundles at once on two cores
 * (measured: 1.6× one at a time); it is closed when the bundles are written, so a build never
 * leaves it running.
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
}

/** Bundles opened by prepareBundles, by name; each settles undefined if it could not be opened. */
const opened = new Map<string, Promise<Opened | undefined>>();
/** Set while Pagefind's service is stopped: a bundle not opened yet is not (its service would outlive the build). */
let closing = false;

const holding = (edition: Pick<BundleEdition, "date" | "searchHash">) => `${edition.date} ${edition.searchHash}`;

/**
 * Opens each bundle and adds its editions' records, oldest first, while the caller goes on;
 * writeSearchBundles takes what matches the start of a bundle it writes. A failure (a record
 * file missing, Pagefind refusing a record) only means the bundle is indexed from the start then,
 * where the failure is reported.
 */
export function prepareBundles(bundles: readonly { readonly name: string; readonly editions: readonly BundleEdition[] }[]): void {
  for (const bundle of bundles) {
    const opening = (async (): Promise<Opened | undefined> => {
      if (closing) return undefined;
      const index = await openIndex();
      try {
        await addRecords(index, bundle.name, (await Promise.all(bundle.editions.map((edition) => edition.records()))).flat());
        return { index, holds: bundle.editions.map(holding) };
      } catch {
        if (!closing) await index.deleteIndex().catch(() => undefined);
        return undefined;
      }
    })();
    opened.set(bundle.name, opening.catch(() => undefined));
  }
}

async function openIndex(): Promise<Index> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: "zh-cn" });
  if (!index) throw new Error(`search index: Pagefind did not start: ${errors.join("; ")}`);
  return index;
}

async function addRecords(index: Index, bundle: string, records: readonly SearchRecord[]): Promise<void> {
  // Every record is sent before any answer is awaited: one round trip per call, not per record.
  const answers = await Promise.all(
    records.map((record) => index.addCustomRecord({ ...record, meta: { ...record.meta }, filters: { ...record.filters, [BUNDLE_FILTER]: [bundle] }, sort: { ...record.sort } })),
  );
  const failed = answers.findIndex((answer) => answer.errors.length > 0);
  if (failed >= 0) throw new Error(`search index: ${records[failed]!.url}: ${answers[failed]!.errors.join("; ")}`);
}

/** The bundle's early index when it holds the start of the bundle (`from`: how many editions), else a new index. */
async function indexFor(job: BundleJob): Promise<{ index: Index; from: number }> {
  const early = await opened.get(job.name);
  opened.delete(job.name);
  if (early && early.holds.length <= job.editions.length && early.holds.every((held, at) => held === holding(job.editions[at]!))) return { index: early.index, from: early.holds.length };
  await early?.index.deleteIndex();
  return { index: await openIndex(), from: 0 };
}

/** Writes the bundle; true when it was finished from the index opened early. */
async function writeBundle(job: BundleJob): Promise<boolean> {
  const { index, from } = await indexFor(job);
  const rest = await Promise.all(job.editions.slice(from).map((edition) => edition.records()));
  await addRecords(index, job.name, rest.flat());
  const written = await index.writeFiles({ outputPath: job.outputPath });
  if (written.errors.length) throw new Error(`search index: writing ${job.outputPath}: ${written.errors.join("; ")}`);
  await index.deleteIndex();
  for (const name of await readdir(job.outputPath)) if (UNUSED.test(name)) await rm(path.join(job.outputPath, name));
  return from > 0;
}

/** Writes the bundles, two at a time on two cores; resolves with those finished from an index opened early, in `jobs`' order. */
export async function writeSearchBundles(jobs: readonly BundleJob[], parallel = availableParallelism()): Promise<string[]> {
  const waiting = [...jobs];
  const openedEarly = new Set<string>();
  try {
    const lane = async () => {
      for (let job = waiting.shift(); job; job = waiting.shift()) if (await writeBundle(job)) openedEarly.add(job.name);
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, jobs.length)) }, lane));
    return jobs.map((job) => job.name).filter((name) => openedEarly.has(name));
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
