/**
 * Writes the Pagefind index (pagefind/ in the output) from search records. Pagefind 1.6 (the npm
 * package is the extended build, with Chinese segmentation) runs as a service process; it is
 * closed after every use so a build never leaves it running.
 */
import path from "node:path";
import * as pagefind from "pagefind";
import type { Archive } from "../model/types.ts";
import { archiveRecords, type SearchRecord } from "./search-records.ts";

export const SEARCH_INDEX_DIR = "pagefind";

export interface SearchIndexSummary {
  readonly records: number;
  readonly outputPath: string;
}

// Pagefind runs one service process per Node process, and close() stops it for every index: two
// builds in one process (tests, a watcher) must take turns.
let queue: Promise<unknown> = Promise.resolve();

export function writeSearchIndexFromRecords(records: Iterable<SearchRecord>, outputDir: string): Promise<SearchIndexSummary> {
  const turn = queue.then(() => writeIndex(records, outputDir));
  queue = turn.catch(() => undefined);
  return turn;
}

async function writeIndex(records: Iterable<SearchRecord>, outputDir: string): Promise<SearchIndexSummary> {
  const outputPath = path.join(outputDir, SEARCH_INDEX_DIR);
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: "zh-cn" });
    if (!index) throw new Error(`search index: Pagefind did not start: ${errors.join("; ")}`);
    let count = 0;
    for (const record of records) {
      const added = await index.addCustomRecord({ ...record, meta: { ...record.meta }, filters: { ...record.filters }, sort: { ...record.sort } });
      if (added.errors.length) throw new Error(`search index: ${record.url}: ${added.errors.join("; ")}`);
      count++;
    }
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length) throw new Error(`search index: writing ${outputPath}: ${written.errors.join("; ")}`);
    return { records: count, outputPath };
  } finally {
    await pagefind.close();
  }
}

export function writeSearchIndex(archive: Archive, outputDir: string): Promise<SearchIndexSummary> {
  return writeSearchIndexFromRecords(archiveRecords(archive), outputDir);
}
