/**
 * Renders editions on every core: this process and one worker process per other core take batches
 * of editions from a shared queue (worker-processes.ts) and write disjoint folders of the store.
 * Small jobs stay in this process, where starting workers would cost more than it saves.
 */
import type { ImageOptions } from "../images/settings.ts";
import { projectFile } from "../project-root.ts";
import type { SiteSettings } from "../site/settings.ts";
import type { Problem } from "../validate/problem.ts";
import type { WorkerSetup } from "./edition-worker.ts";
import { renderEditionBatch, startEditionBatch, type BatchResult, type EditionJob, type RenderedEdition, type StartedEdition } from "./render-editions.ts";
import { shareBatches, workerCount } from "./worker-processes.ts";

/** Below this many editions, rendering in-process is faster than starting workers (~0.7 s each). */
const IN_PROCESS_LIMIT = 12;
/** Editions per Eleventy run: large enough to amortise its start (~60 ms), small enough to balance. */
const MAX_BATCH = 25;

export interface PoolOptions extends Omit<WorkerSetup, "images"> {
  /** In this process every image option applies; worker processes get the ones that survive JSON. */
  readonly images?: Partial<ImageOptions>;
  readonly site: SiteSettings;
  readonly workers?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface PoolResult {
  /** Every edition whose pages are written. */
  readonly started: readonly StartedEdition[];
  readonly errors: readonly Problem[];
  /**
   * The same editions, in the store with their parts of the manifest. Rendered in this process
   * (a day or two), their share cards may still be in the making until then; always awaited,
   * also when the build fails meanwhile.
   */
  readonly finished: Promise<RenderedEdition[]>;
}

/** Every batch's outcome, once all have settled: the first failure, else every edition. */
async function allFinished(finishing: readonly Promise<RenderedEdition[]>[]): Promise<RenderedEdition[]> {
  const results = await Promise.allSettled(finishing);
  const failed = results.find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
  return results.flatMap((result) => (result.status === "fulfilled" ? result.value : []));
}

function batches(jobs: readonly EditionJob[], workers: number): EditionJob[][] {
  const size = Math.max(1, Math.min(MAX_BATCH, Math.ceil(jobs.length / (workers * 4))));
  const result: EditionJob[][] = [];
  for (let start = 0; start < jobs.length; start += size) result.push(jobs.slice(start, start + size));
  return result;
}

export async function renderEditions(jobs: readonly EditionJob[], options: PoolOptions): Promise<PoolResult> {
  const workers = Math.min(workerCount(options.workers), Math.ceil(jobs.length / MAX_BATCH) || 1);
  const rendered: RenderedEdition[] = [];
  const errors: Problem[] = [];
  if (jobs.length === 0) return { started: rendered, errors, finished: Promise.resolve(rendered) };
  if (jobs.length <= IN_PROCESS_LIMIT || workers <= 1) {
    // Each batch's share cards go on being made while the next batch, and then the site-wide
    // pages, are rendered: at most two batches' at a time, so that a long run in this process
    // (--workers 1) does not pile up every batch's cards.
    const started: StartedEdition[] = [];
    const finishing: Promise<RenderedEdition[]>[] = [];
    try {
      for (const batch of batches(jobs, 1)) {
        const result = await startEditionBatch(batch, options);
        started.push(...result.started);
        errors.push(...result.errors);
        const finished = result.finish();
        // Awaited through allFinished; until then a failure must not go unhandled.
        finished.catch(() => undefined);
        const before = finishing.at(-1);
        finishing.push(finished);
        if (before) await before;
        options.onProgress?.(started.length, jobs.length);
      }
    } catch (error) {
      await Promise.allSettled(finishing);
      throw error;
    }
    return { started, errors, finished: allFinished(finishing) };
  }

  const images = options.images && { cacheDir: options.images.cacheDir, parallel: options.images.parallel, pixelLimit: options.images.pixelLimit };
  const setup: WorkerSetup = { contentRoot: options.contentRoot, projectRoot: options.projectRoot, storeRoot: options.storeRoot, images };
  await shareBatches(batches(jobs, workers), {
    workers,
    script: projectFile("src", "publish", "edition-worker.ts"),
    setup,
    runHere: (batch) => renderEditionBatch(batch, options),
    onResult: (result: BatchResult) => {
      rendered.push(...result.rendered);
      errors.push(...result.errors);
      options.onProgress?.(rendered.length, jobs.length);
    },
  });
  return { started: rendered, errors, finished: Promise.resolve(rendered) };
}
