// The check's worker process (src/proofread/check-worker.ts) finds in an edition what the check's
// own process finds: the check takes either's findings as kept.
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { checkBatch, type EditionCheck, type EditionToCheck } from "../../src/proofread/check-edition.ts";
import { shareBatches } from "../../src/publish/worker-processes.ts";
import { loadSettings } from "../../src/site/load-settings.ts";
import { generateArchive } from "../../scripts/generate-archive.ts";
import { TEMP_REMOVAL } from "../helpers.ts";

test("the check's workers find what the check's own process finds", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "check-worker-"));
  const content = path.join(dir, "content");
  try {
    await generateArchive({ out: content, editions: 4, pages: 2, articles: 5, seed: 11, start: "2022-03-07" });
    const editions: EditionToCheck[] = (await readdir(path.join(content, "2022"))).sort().map((name, at) => ({ dir: path.join(content, "2022", name), key: `key-${at}` }));
    assert.is(editions.length, 4);
    // A half-width comma: a proofreading finding, with a fix.
    const article = path.join(editions[1]!.dir, (await readdir(editions[1]!.dir)).filter((name) => name.endsWith(".md")).sort()[0]!);
    await writeFile(article, (await readFile(article, "utf8")).replace(/(\n[^\n]*?)，/, "$1,"));
    const here = await checkBatch(content, await loadSettings(content), editions);
    for (const part of ["findings", "layout"] as const) assert.ok(here.some((edition) => edition[part].length > 0), `the editions have ${part} to compare`);
    assert.ok(here.every((edition) => edition.texts.packed.length > 0), "and texts");
    // No batch is taken by this process: two workers check an edition at a time.
    const fromWorkers: EditionCheck[] = [];
    await shareBatches(
      editions.map((edition) => [edition]),
      { workers: 2, script: path.resolve("src/proofread/check-worker.ts"), setup: { contentRoot: content }, onResult: (batch: EditionCheck[]) => fromWorkers.push(...batch) },
    );
    fromWorkers.sort((a, b) => (a.key < b.key ? -1 : 1));
    assert.equal(fromWorkers, here);
  } finally {
    await rm(dir, TEMP_REMOVAL);
  }
});

test("a worker that fails rejects the whole run, naming the worker", async () => {
  // Content that is not there: the worker cannot load the paper's settings.
  const failing = shareBatches([[{ dir: "/nonexistent/2022-03-07", key: "k" }]], { workers: 1, script: path.resolve("src/proofread/check-worker.ts"), setup: { contentRoot: "/nonexistent" }, onResult: () => undefined });
  try {
    await failing;
    assert.unreachable("should have failed");
  } catch (error) {
    assert.instance(error, Error);
    assert.match((error as Error).message, /check-worker\.ts failed: .*site\.config/s);
  }
});

test.run();
