/**
 * A worker process of the build: renders the batches of editions its parent sends, one at a time,
 * and answers with what it wrote. Started by src/publish/worker-pool.ts: with tsx loaded, or
 * compiled (scripts/run-compiled.mjs) with plain Node.
 */
import { loadSettings } from "../load-archive.ts";
import { renderEditionBatch, type BatchResult, type EditionJob } from "./render-editions.ts";

export interface WorkerSetup {
  readonly contentRoot: string;
  readonly projectRoot: string;
  readonly storeRoot: string;
  /** Only what survives JSON: the image cache folder, parallelism and pixel limit. */
  readonly images?: { readonly cacheDir?: string; readonly parallel?: number; readonly pixelLimit?: number };
}

export type WorkerRequest = { readonly kind: "batch"; readonly id: number; readonly jobs: readonly EditionJob[] };
export type WorkerReply =
  | { readonly kind: "done"; readonly id: number; readonly result: BatchResult }
  | { readonly kind: "failed"; readonly id: number; readonly message: string };

const setup = JSON.parse(process.env.BROADSHEET_WORKER ?? "null") as WorkerSetup | null;
if (!setup || !process.send) throw new Error("edition-worker.ts is started by the build, not by hand");
const site = await loadSettings(setup.contentRoot);

process.on("message", async (request: WorkerRequest) => {
  try {
    const result = await renderEditionBatch(request.jobs, { site, ...setup });
    process.send!({ kind: "done", id: request.id, result } satisfies WorkerReply);
  } catch (error) {
    process.send!({ kind: "failed", id: request.id, message: (error as Error).stack ?? String(error) } satisfies WorkerReply);
  }
});
process.send({ kind: "ready" });
