/**
 * Feed entries of the newest editions, kept in the build cache by render key. The worker that
 * renders an edition has made its entries already (for the edition's own feed); the site-wide
 * latest and section feeds take them from here instead of rendering the Markdown of the seven
 * newest editions again on every publishing day. Only the editions the site-wide feeds can list
 * are kept, in `feed-entries/<render key>.json` (feedEntriesFile in src/publish/edition-store.ts).
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Archive, Edition } from "../model/types.ts";
import { editionEntries, rememberFeedEntries, type FeedEntry } from "./feed-entries.ts";

/** Writes the edition's entries (made once: the edition's own feed made them already for `archive`). */
export async function keepFeedEntries(file: string, archive: Archive, edition: Edition): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(`${file}.tmp-${process.pid}`, JSON.stringify(editionEntries(archive, edition)));
  await rename(`${file}.tmp-${process.pid}`, file);
}

/** Gives `archive` the kept entries of `edition`; false when there are none (they are then made as usual). */
export async function takeFeedEntries(file: string, archive: Archive, edition: Edition): Promise<boolean> {
  let entries: FeedEntry[];
  try {
    entries = JSON.parse(await readFile(file, "utf8")) as FeedEntry[];
  } catch {
    return false;
  }
  return Array.isArray(entries) && rememberFeedEntries(archive, edition, entries);
}

/** Removes the kept entries of every edition but `renderKeys`. */
export async function pruneFeedEntries(workDir: string, renderKeys: ReadonlySet<string>): Promise<void> {
  const dir = path.join(workDir, "feed-entries");
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!renderKeys.has(name.replace(/\.json$/, ""))) await rm(path.join(dir, name), { force: true });
  }
}
