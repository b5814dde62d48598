/**
 * Search records kept between builds, one file per edition and render key, so the site-wide
 * search index can be written from every published edition while only changed editions are
 * rendered. (Pagefind has no incremental mode: the index itself is rewritten from these records.)
 * A rendered edition leaves its records beside its folder in the store (so shards carry them to
 * the merge), and publishing adopts them into the records folder.
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Archive } from "../model/types.ts";
import { archiveRecords, type SearchRecord } from "./search-records.ts";

export interface Keyed {
  readonly date: string;
  readonly renderKey: string;
}

function recordFile(searchRoot: string, edition: Keyed): string {
  return path.join(searchRoot, `${edition.date}-${edition.renderKey.slice(0, 24)}.json`);
}

/**
 * Writes the records of one rendered edition (its archive holds just that edition) beside its
 * store folder, and returns their hash.
 */
export async function writeEditionRecords(storeDir: string, archive: Archive): Promise<string> {
  const text = JSON.stringify(archiveRecords(archive));
  await writeFile(`${storeDir}.search.json.tmp-${process.pid}`, text);
  await rename(`${storeDir}.search.json.tmp-${process.pid}`, `${storeDir}.search.json`);
  return createHash("sha256").update(text).digest("hex");
}

/** Moves the records of editions about to be published from the store into the records folder. */
export async function adoptRecords(searchRoot: string, editions: readonly (Keyed & { readonly storeDir: string })[]): Promise<void> {
  await mkdir(searchRoot, { recursive: true });
  for (const edition of editions) {
    const target = recordFile(searchRoot, edition);
    // A build killed after this step left them adopted already.
    await rename(`${edition.storeDir}.search.json`, target).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT" || !(await stat(target).catch(() => undefined))) throw error;
    });
  }
}

/** Removes the record files of editions no longer published (or published with another key). */
export async function pruneRecords(searchRoot: string, published: readonly Keyed[]): Promise<void> {
  const wanted = new Set(published.map((edition) => path.basename(recordFile(searchRoot, edition))));
  for (const name of await readdir(searchRoot).catch(() => [] as string[])) {
    if (!wanted.has(name)) await rm(path.join(searchRoot, name), { force: true });
  }
}

/** The records of one published edition. */
export async function readEditionRecords(searchRoot: string, edition: Keyed): Promise<SearchRecord[]> {
  const text = await readFile(recordFile(searchRoot, edition), "utf8").catch(() => {
    throw new Error(`search index: the records of edition ${edition.date} are missing from ${searchRoot}; run the build with --fresh`);
  });
  return JSON.parse(text) as SearchRecord[];
}
