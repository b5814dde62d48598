/**
 * What the site-wide pages take of each of the newest editions, kept in the build cache by render
 * key: the edition's model, its part of the images' manifest and its feed entries. The worker that
 * renders an edition has all three at hand; the site-wide stage (the home page, the latest and
 * section feeds, the search page's lists) takes them from here instead of reading the Markdown of
 * the seven newest editions and planning their images again on every publishing day. Only the
 * editions the site-wide feeds can list are kept, in `recent/<render key>.json` (recentEditionFile
 * in edition-store.ts).
 *
 * The render key hashes the edition's files, the settings and the code, so a kept file is that
 * edition as published. It names files by absolute path (photos, scans), so it is taken only for
 * the folder it was made from.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Archive, Edition } from "../model/types.ts";
import { editionEntries, type FeedEntry } from "../feeds/feed-entries.ts";
import { editionImagesJson, type ImageManifest, type ImageManifestJson } from "../images/manifest.ts";
import { recentEditionsDir } from "./edition-store.ts";

export interface KeptRecentEdition {
  /** The edition's folder when it was rendered. */
  readonly dir: string;
  readonly edition: Edition;
  readonly images: ImageManifestJson;
  readonly entries: readonly FeedEntry[];
}

/** Writes what the site-wide pages need of `edition` (its entries made once: its own feed made them already for `archive`). */
export async function keepRecentEdition(file: string, dir: string, archive: Archive, edition: Edition, images: ImageManifest): Promise<void> {
  const kept: KeptRecentEdition = { dir, edition, images: editionImagesJson(images, edition), entries: editionEntries(archive, edition) };
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(`${file}.tmp-${process.pid}`, JSON.stringify(kept));
  await rename(`${file}.tmp-${process.pid}`, file);
}

/** The kept edition, or undefined when there is none for this folder (it is then read from its Markdown). */
export async function readRecentEdition(file: string, dir: string): Promise<KeptRecentEdition | undefined> {
  let kept: KeptRecentEdition;
  try {
    kept = JSON.parse(await readFile(file, "utf8")) as KeptRecentEdition;
  } catch {
    return undefined;
  }
  const whole = kept !== null && typeof kept === "object" && Array.isArray(kept.edition?.pages) && Array.isArray(kept.entries) && Array.isArray(kept.images?.photos);
  return whole && kept.dir === dir ? kept : undefined;
}

/** Removes the kept editions but `renderKeys`. */
export async function pruneRecentEditions(workDir: string, renderKeys: ReadonlySet<string>): Promise<void> {
  const dir = recentEditionsDir(workDir);
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!renderKeys.has(name.replace(/\.json$/, ""))) await rm(path.join(dir, name), { force: true });
  }
}
