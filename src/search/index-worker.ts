/**
 * The thread that writes search bundles, started by src/publish/search-bundles.ts: with tsx
 * loaded, or compiled (scripts/run-compiled.mjs) with plain Node.
 *
 * Why a thread: Pagefind answers over a pipe, and each answer waits for the event loop of the
 * thread that asked. On the build's main thread, which renders the site-wide pages meanwhile
 * (synchronous work between short yields), a day's records reached Pagefind only once those
 * pages were done (measured on a day published to 100,000 articles: Pagefind's index was opened
 * 30 ms after the site-wide stage ended, and its week took 0.3 s after that). Here nothing else
 * holds up its messages, so the week is indexed while the pages are rendered.
 */
import childProcess, { type ChildProcess } from "node:child_process";
import { parentPort } from "node:worker_threads";
import { pruneRecords, readEditionRecords, type Keyed } from "./record-store.ts";
import { closeSearchIndex, prepareBundles, writeSearchBundles } from "./write-index.ts";

// Pagefind's service is a child process it stops without waiting for its exit, and does not let
// keep its thread alive. On the main thread that was harmless (the process went on and reaped
// it); a thread that ended first would leave it unreaped: a zombie until the build's process
// ends, its CPU time unaccounted for. So the processes started on this thread are remembered
// (this thread's own child_process module is patched; the main thread's is not) and awaited
// before the thread ends.
const children: ChildProcess[] = [];
const spawn = childProcess.spawn;
childProcess.spawn = ((...args: Parameters<typeof spawn>) => {
  const child = spawn(...args);
  children.push(child);
  return child;
}) as typeof spawn;

function childrenEnded(): Promise<unknown> {
  return Promise.all(
    children.map((child) =>
      child.exitCode !== null || child.signalCode !== null
        ? undefined
        : new Promise((resolve) => {
            child.once("exit", resolve);
            child.ref();
          }),
    ),
  );
}

/** An edition whose records a bundle holds. */
export interface BundleEditionRef extends Keyed {
  readonly searchHash: string;
}

export interface IndexThreadJob {
  readonly name: string;
  /** Folder the bundle is written to. */
  readonly outputPath: string;
  /** Editions whose records it holds, oldest first. */
  readonly editions: readonly BundleEditionRef[];
}

export interface IndexThreadData {
  /** Folder of the per-edition search records (record-store.ts). */
  readonly searchRoot: string;
  /** Every published edition: the records of any other are removed. */
  readonly published: readonly Keyed[];
  readonly jobs: readonly IndexThreadJob[];
}

/**
 * What the build sends: at most one `prepare` (bundles it expects to index again, each with the
 * editions published before, oldest first, as write-index.ts's prepareBundles takes them), then
 * either the work (`index`) or, for a build that ends before its index, `stop`.
 */
export type IndexThreadMessage =
  | { readonly kind: "prepare"; readonly searchRoot: string; readonly bundles: readonly { readonly name: string; readonly editions: readonly BundleEditionRef[] }[] }
  | ({ readonly kind: "index" } & IndexThreadData)
  | { readonly kind: "stop" };

/** `openedEarly`: the bundles written from what the `prepare` message opened. */
export type IndexThreadReply = { readonly ok: true; readonly openedEarly: readonly string[] } | { readonly ok: false; readonly message: string };

const withRecords = (searchRoot: string, editions: readonly BundleEditionRef[]) => editions.map((edition) => ({ date: edition.date, searchHash: edition.searchHash, records: () => readEditionRecords(searchRoot, edition) }));

if (!parentPort) throw new Error("index-worker.ts is started by the build, not by hand");
const port = parentPort;
// Started before there is work (see startSearchIndexer): perhaps bundles to open early, then one
// message of work and one answer (or a stop), then the thread ends.
port.on("message", async (message: IndexThreadMessage) => {
  if (message.kind === "prepare") {
    prepareBundles(message.bundles.map((bundle) => ({ name: bundle.name, editions: withRecords(message.searchRoot, bundle.editions) })));
    return;
  }
  port.removeAllListeners("message");
  if (message.kind === "stop") {
    await closeSearchIndex();
  } else {
    const { searchRoot, published, jobs } = message;
    let written = false;
    try {
      const openedEarly = await writeSearchBundles(jobs.map((job) => ({ name: job.name, outputPath: job.outputPath, editions: withRecords(searchRoot, job.editions) })));
      port.postMessage({ ok: true, openedEarly } satisfies IndexThreadReply);
      written = true;
    } catch (error) {
      port.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) } satisfies IndexThreadReply);
    }
    // Housekeeping once the build has its bundles (at 100,000 articles it lists 4,300 files): the
    // build waits for this thread's end before it lets go of the output (SearchIndexer.stop), and
    // a record file left behind is removed by the next build.
    if (written) await pruneRecords(searchRoot, published).catch(() => undefined);
  }
  await childrenEnded();
  port.close();
});
