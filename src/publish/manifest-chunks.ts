/**
 * `files.json` lists every file of the site, so it is rewritten whenever anything is published.
 * To keep that cheap however large the archive, each published unit (an edition folder, a search
 * bundle) keeps its part of the manifest as plain text, serialised once when it was rendered, in
 * a file of the build cache (read back without parsing); the build state holds only hashes and
 * index entries. Writing the manifest is
 * then sorting a few hundred blocks and joining their text — the same bytes as serialising every
 * file (manifestJson), because a unit's paths all start with its folder and no other path does.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { OutputFile } from "./output-manifest.ts";

const byPath = (a: OutputFile, b: OutputFile) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

export function manifestLines(files: readonly OutputFile[]): string {
  return [...files].sort(byPath).map((file) => JSON.stringify(file)).join(",\n");
}

/** The file holding a unit's manifest lines (one JSON object per file, sorted by path, joined by ",\n"). */
export function unitFile(workDir: string, unit: string, key: string): string {
  return path.join(workDir, "units", `${unit.replaceAll("/", "_")}-${key.slice(0, 20)}.lines`);
}

/** Writes a unit's manifest lines and returns them. */
export async function writeUnit(file: string, files: readonly OutputFile[]): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  const lines = manifestLines(files);
  await writeFile(`${file}.tmp-${process.pid}`, lines);
  await rename(`${file}.tmp-${process.pid}`, file);
  return lines;
}

export function readUnit(file: string): Promise<string> {
  return readFile(file, "utf8");
}

/** A block of the manifest: one file of its own, or a unit's folder (`prefix` ends with "/"). */
export interface ManifestBlock {
  readonly prefix: string;
  readonly lines: string;
}

/** The manifest from blocks: sorted by prefix, which sorts their paths as manifestJson does. */
export function joinManifest(blocks: readonly ManifestBlock[]): string {
  const sorted = blocks.filter((block) => block.lines !== "").sort((a, b) => (a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : 0));
  return `{"files":[\n${sorted.map((block) => block.lines).join(",\n")}\n]}\n`;
}

/** Removes the unit files no published unit names (older keys, removed editions). */
export async function pruneUnits(workDir: string, keep: readonly string[]): Promise<void> {
  const wanted = new Set(keep.map((file) => path.basename(file)));
  const folder = path.join(workDir, "units");
  for (const name of await readdir(folder).catch(() => [] as string[])) if (!wanted.has(name)) await rm(path.join(folder, name), { force: true });
}
