/**
 * The store: one finished folder per rendered edition (`<date>-<render key>`), described by a
 * JSON file beside it, waiting to be moved into the output. A light module: a build with nothing
 * to render loads none of the rendering code.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { EditionIndexEntry } from "../model/edition-index.ts";
import type { Problem } from "../validate/problem.ts";
import { describeFile, type ManifestPart, type OutputFile } from "./output-manifest.ts";

export function storeDirFor(storeRoot: string, job: { readonly date: string; readonly renderKey: string }): string {
  return path.join(storeRoot, `${job.date}-${job.renderKey.slice(0, 20)}`);
}

/** Where what the site-wide pages take of the newest editions is kept (see recent-cache.ts). */
export function recentEditionsDir(workDir: string): string {
  return path.join(workDir, "recent");
}

export function recentEditionFile(workDir: string, renderKey: string): string {
  return path.join(recentEditionsDir(workDir), `${renderKey}.json`);
}

/** What a store folder holds, written beside it (`<folder>.json`): a build that finds both reuses them. */
export interface StoredEdition {
  readonly index: EditionIndexEntry;
  /** sha256 of the edition's search records: a search bundle is indexed again only when one of its editions' changes. */
  readonly searchHash: string;
  /** Its own manifest, `<date>/files.json`, as the top-level manifest lists it. */
  readonly part: ManifestPart;
  /** The image cache entries its files come from (src/images/prune-cache.ts). */
  readonly imageKeys?: readonly string[];
  readonly warnings: readonly Problem[];
}

export async function readStoredEdition(storeDir: string): Promise<StoredEdition | undefined> {
  try {
    const stored = JSON.parse(await readFile(`${storeDir}.json`, "utf8")) as StoredEdition;
    await stat(storeDir);
    return stored;
  } catch {
    return undefined;
  }
}

export async function listFiles(dir: string, prefix: string, found: string[]): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await listFiles(full, `${prefix}${entry.name}/`, found);
    else found.push(`${prefix}${entry.name}`);
  }
}

/** Every file below `dir` as site paths under `sitePrefix`, with hash, size and type. */
export async function describeFolder(dir: string, sitePrefix: string): Promise<OutputFile[]> {
  const names: string[] = [];
  await listFiles(dir, "", names);
  names.sort();
  return Promise.all(names.map(async (name) => describeFile(`${sitePrefix}${name}`, await readFile(path.join(dir, name)))));
}

