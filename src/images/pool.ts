/**
 * Concurrency for image work. sharp runs each pipeline on libuv's thread pool with one libvips
 * thread (pinned for identical bytes), so N pipelines in flight use N cores — no worker threads
 * needed. `Slots` bounds the pipelines in flight across all images; `runPool` bounds tasks (any
 * async tasks: the deploy plan reads manifest parts with it too).
 */

/** Runs async tasks with at most `limit` in flight, keeping results in input order. */
export async function runPool<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** A counting semaphore: at most `size` sharp pipelines encode at once, whichever image they belong to. */
export class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {
    this.free = Math.max(1, size);
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}
