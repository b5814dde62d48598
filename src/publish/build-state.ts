/**
 * What the last successful build of one output folder published, kept under the build cache:
 * per edition its content hash, render key, store folder, index entry and files. The next build
 * compares content hashes with it to find what changed. Written only after a successful swap.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { EditionIndexEntry } from "../model/edition-index.ts";
import type { FileStamp, StampCache } from "./fingerprint.ts";
import type { ManifestPart } from "./output-manifest.ts";

export const STATE_VERSION = 7;

export interface PublishedEdition {
  readonly date: string;
  readonly dir: string;
  readonly contentHash: string;
  readonly renderKey: string;
  readonly index: EditionIndexEntry;
  readonly searchHash: string;
  /** Its own manifest, `<date>/files.json`, as the top-level manifest lists it. */
  readonly part: ManifestPart;
  /** Its warnings were reported when it was built. */
  readonly warningCount: number;
}

/** A search bundle in the output (`pagefind/<name>/`, see src/search/bundles.ts). */
export interface PublishedBundle {
  readonly name: string;
  readonly key: string;
  /** Its own manifest, `pagefind/<name>/files.json`. */
  readonly part: ManifestPart;
}

export interface BuildState {
  readonly version: number;
  /** Key of the site-wide files: changes when any edition, the settings or the code change. */
  readonly siteKey: string;
  readonly editions: readonly PublishedEdition[];
  /** Top-level names of the site-wide files and folders in the output (everything but editions and pagefind/). */
  readonly siteWide: readonly string[];
  readonly searchBundles: readonly PublishedBundle[];
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

async function writeJsonAtomically(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}`;
  await writeFile(temp, JSON.stringify(value));
  await rename(temp, file);
}

export async function readState(workDir: string): Promise<BuildState | undefined> {
  const state = await readJson<BuildState>(path.join(workDir, "state.json"));
  return state?.version === STATE_VERSION ? state : undefined;
}

export function writeState(workDir: string, state: BuildState): Promise<void> {
  return writeJsonAtomically(path.join(workDir, "state.json"), state);
}

export async function readStamps(workDir: string): Promise<StampCache> {
  const entries = await readJson<[string, FileStamp][]>(path.join(workDir, "file-ids.json"));
  return new Map(entries ?? []);
}

export function writeStamps(workDir: string, stamps: StampCache): Promise<void> {
  return writeJsonAtomically(path.join(workDir, "file-ids.json"), [...stamps]);
}
