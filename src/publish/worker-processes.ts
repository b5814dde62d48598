/**
 * Work shared out on every core: this process and one worker process per other core take
 * batches from one queue. Used by the build (worker-pool.ts renders editions) and by the check
 * (src/proofread/incremental-check.ts reads editions). A worker is a module of this project that
 * calls `serveBatches`; it is started with tsx loaded, or compiled (scripts/run-compiled.mjs)
 * with plain Node, and gets its setup as JSON in BROADSHEET_WORKER.
 */
import { fork, type ChildProcess } from "node:child_process";
import { availableParallelism } from "node:os";
import { compiledModule } from "../project-root.ts";

type WorkerRequest<Batch> = { readonly kind: "batch"; readonly batch: Batch };
type WorkerReply<Result> = { readonly kind: "ready" } | { readonly kind: "done"; readonly result: Result } | { readonly kind: "failed"; readonly message: string };

/** Processes to use: as asked, else BROADSHEET_WORKERS, else one per core. */
export function workerCount(requested?: number): number {
  const fromEnv = Number(process.env.BROADSHEET_WORKERS);
  return Math.max(1, requested ?? (Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : availableParallelism()));
}

export interface ShareOptions<Batch, Result> {
  /** Processes in all, this one included (when it takes batches). */
  readonly workers: number;
  /** The worker module's TypeScript source (its compiled counterpart is used when running compiled). */
  readonly script: string;
  /** Given to each worker as JSON. */
  readonly setup: unknown;
  /**
   * What this process does with a batch: it has everything loaded already, which saves starting
   * one more worker. Without it, `workers` worker processes take every batch.
   */
  readonly runHere?: (batch: Batch) => Promise<Result>;
  /** Called with each batch's result as it comes, from this process or a worker. */
  readonly onResult: (result: Result) => void;
}

/** Runs every batch once, on `workers` processes; rejects on the first failure, with every worker stopped. */
export async function shareBatches<Batch, Result>(batches: readonly Batch[], options: ShareOptions<Batch, Result>): Promise<void> {
  const queue = [...batches];
  const children: ChildProcess[] = [];
  const compiled = compiledModule(options.script);
  const runWorker = () =>
    new Promise<void>((resolve, reject) => {
      const child = fork(compiled ?? options.script, [], {
        execArgv: compiled ? [] : ["--import", import.meta.resolve("tsx")],
        env: { ...process.env, BROADSHEET_WORKER: JSON.stringify(options.setup) },
        serialization: "advanced",
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      });
      children.push(child);
      const sendNext = () => {
        if (queue.length === 0) {
          child.disconnect();
          resolve();
          return;
        }
        child.send({ kind: "batch", batch: queue.shift()! } satisfies WorkerRequest<Batch>);
      };
      child.on("message", (message: WorkerReply<Result>) => {
        if (message.kind === "ready") return sendNext();
        if (message.kind === "failed") return reject(new Error(`worker ${options.script} failed: ${message.message}`));
        options.onResult(message.result);
        sendNext();
      });
      child.on("exit", (code, signal) => {
        if (code !== 0 && code !== null) reject(new Error(`worker ${options.script} exited with code ${code}`));
        else if (signal) reject(new Error(`worker ${options.script} was killed (${signal})`));
      });
      child.on("error", reject);
    });
  const here = options.runHere;
  const runHere = async () => {
    if (here) while (queue.length > 0) options.onResult(await here(queue.shift()!));
  };
  try {
    await Promise.all([runHere(), ...Array.from({ length: Math.max(0, here ? options.workers - 1 : options.workers) }, runWorker)]);
  } finally {
    // After a failure, this process takes no further batch.
    queue.length = 0;
    for (const child of children) if (child.exitCode === null && child.connected) child.kill();
  }
}

/** The worker's side: its setup, and then every batch the parent sends answered with `handle`'s result. */
export function serveBatches<Setup, Batch, Result>(script: string, handle: (setup: Setup, batch: Batch) => Promise<Result>): void {
  const setup = JSON.parse(process.env.BROADSHEET_WORKER ?? "null") as Setup | null;
  if (!setup || !process.send) throw new Error(`${script} is started by the build or the check, not by hand`);
  process.on("message", async (request: WorkerRequest<Batch>) => {
    try {
      const result = await handle(setup, request.batch);
      process.send!({ kind: "done", result } satisfies WorkerReply<Result>);
    } catch (error) {
      process.send!({ kind: "failed", message: (error as Error).stack ?? String(error) } satisfies WorkerReply<Result>);
    }
  });
  process.send({ kind: "ready" } satisfies WorkerReply<Result>);
}
