/**
 * A worker process of the build: renders the batches of editions its parent sends, one at a time,
 * and answers with what it wrote. Started by src/publish/worker-pool.ts (worker-processes.ts).
 */
import { loadSettings } from "../load-archive.ts";
import type { SiteSettings } from "../site/settings.ts";
import { renderEditionBatch, type BatchResult, type EditionJob } from "./render-editions.ts";
import { optimiseOnlyHotCode } from "./v8-tiering.ts";
import { serveBatches } from "./worker-processes.ts";

export interface WorkerSetup {
  readonly contentRoot: string;
  readonly projectRoot: string;
  readonly storeRoot: string;
  /** Only what survives JSON: the image cache folder, parallelism and pixel limit. */
  readonly images?: { readonly cacheDir?: string; readonly parallel?: number; readonly pixelLimit?: number };
}

optimiseOnlyHotCode();

let site: Promise<SiteSettings> | undefined;
serveBatches<WorkerSetup, readonly EditionJob[], BatchResult>("src/publish/edition-worker.ts", async (setup, jobs) => renderEditionBatch(jobs, { site: await (site ??= loadSettings(setup.contentRoot)), ...setup }));
