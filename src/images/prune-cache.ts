/**
 * The image cache keeps every image it ever derived: a headline edited, a photo replaced, a change
 * in how cards are drawn each leave the old entry behind, and CI saves the whole cache after every
 * run. This removes the entries no published edition uses. What each edition uses is in the build
 * state (its images' keys, as their published names carry them: cache.ts's nameKey),
 * so the editions need not be read back. It is run by the build that just published, under its
 * lock (`--prune-image-cache`), and only for a cache that serves that one output: another output's
 * images would be removed with the rest.
 */
import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { NAME_KEY_DIGITS, nameKey } from "./cache.ts";
import { runPool } from "./pool.ts";

/** Where a published image's name carries its cache key (process-images.ts names them so). */
const KEYED_IMAGE = new RegExp(`/(?:cards|images|scans)/[^/]+\\.([0-9a-f]{${NAME_KEY_DIGITS}})\\.(?:jpg|webp|avif|png)$`);

/** The cache keys (as names carry them: nameKey) of the derived images among an edition's files. */
export function imageKeysOf(paths: Iterable<string>): string[] {
  const keys = new Set<string>();
  for (const file of paths) {
    const key = KEYED_IMAGE.exec(file)?.[1];
    if (key) keys.add(key);
  }
  return [...keys].sort();
}

/** A folder a build left half-written (cache.ts writes `<key>.tmp-<pid>-<random>`) this long ago is removed too. */
const LEFTOVER_AFTER_MS = 24 * 60 * 60 * 1000;
/** An entry's folder is named by its key, 64 hex digits (by length alone: a pattern test of 100,000 names took 40 ms more). */
const ENTRY_NAME_LENGTH = 64;
const HALF_WRITTEN = /\.tmp-\d+-[0-9a-f]+$/;

export interface PruneReport {
  readonly kept: number;
  readonly removed: number;
  readonly removedBytes: number;
}

async function folderBytes(folder: string): Promise<number> {
  let bytes = 0;
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (entry.isFile()) bytes += (await stat(path.join(folder, entry.name))).size;
  }
  return bytes;
}

/** Folders listed or removed at once: the work is system calls on libuv's threads, not CPU here. */
const IN_FLIGHT = 16;

/** Removes every entry of `cacheDir` whose nameKey is not in `used`, and folders half-written long ago. */
export async function pruneImageCache(cacheDir: string, used: ReadonlySet<string>, now = Date.now()): Promise<PruneReport> {
  const shards = (await readdir(cacheDir).catch(() => [] as string[])).filter((name) => /^[0-9a-f]{2}$/.test(name));
  const listed = await runPool(shards, IN_FLIGHT, async (shard) => ({ shard, names: await readdir(path.join(cacheDir, shard)) }));
  let kept = 0;
  const unused: string[] = [];
  const halfWritten: string[] = [];
  // A path is made only for what may go: made for each of 106,000 entries (with its name taken
  // back out of it), the listing took 1.0 s instead of 0.2 s.
  for (const { shard, names } of listed) {
    for (const name of names) {
      if (name.length === ENTRY_NAME_LENGTH) {
        if (used.has(nameKey(name))) kept++;
        else unused.push(path.join(cacheDir, shard, name));
      } else if (HALF_WRITTEN.test(name)) halfWritten.push(path.join(cacheDir, shard, name));
    }
  }
  // A half-written folder is left to the build writing it, unless that was long ago.
  const abandoned = (await runPool(halfWritten, IN_FLIGHT, async (folder) => (now - (await stat(folder)).mtimeMs > LEFTOVER_AFTER_MS ? [folder] : []))).flat();
  const sizes = await runPool([...unused, ...abandoned], IN_FLIGHT, async (folder) => {
    const bytes = await folderBytes(folder);
    await rm(folder, { recursive: true, force: true });
    return bytes;
  });
  return { kept, removed: sizes.length, removedBytes: sizes.reduce((sum, bytes) => sum + bytes, 0) };
}
