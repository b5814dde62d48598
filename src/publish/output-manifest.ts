/**
 * The manifest of every published file (`files.json`): site path, SHA-256, size and media type,
 * sorted by path. A deploy compares it with the previous one and uploads only what changed.
 *
 * It is a tree, so that publishing one day does not rewrite a list of every file of a ten-year
 * archive (60 MB at 100,000 articles): each edition folder and each search bundle keeps its own
 * `files.json` (its files, written once with the unit), and the top-level `files.json` lists the
 * site-wide files and, under `parts`, each unit's `files.json` with its hash. A deploy reads the
 * top level and opens only the parts whose hash changed (readSiteManifest flattens the tree).
 */
import { hash } from "node:crypto";
import { readFile } from "node:fs/promises";
import nodePath from "node:path";
import path from "node:path/posix";

export const MANIFEST_FILE = "files.json";

export interface OutputFile {
  /** Site path, forward slashes, no leading slash: "2020-06-05/01/index.html". */
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
  readonly type: string;
}

/** A unit's own manifest (`<folder>/files.json`) as the top level lists it. */
export interface ManifestPart extends OutputFile {
  /** How many files the part lists. */
  readonly files: number;
}

export interface OutputManifest {
  /**
   * Only in the top-level manifest: which Cache-Control rules a deploy to storage gives these files
   * (CACHE_RULES in site-files.ts); their media types are in the files' entries.
   */
  readonly cacheRules?: string;
  readonly files: readonly OutputFile[];
  /** Only in the top-level manifest. */
  readonly parts?: readonly ManifestPart[];
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".pdf": "application/pdf",
  ".wasm": "application/wasm",
  ".woff2": "font/woff2",
  ".ico": "image/x-icon",
};

export function mediaType(sitePath: string): string {
  if (path.basename(sitePath) === "_headers") return "text/plain; charset=utf-8";
  return TYPES[path.extname(sitePath).toLowerCase()] ?? "application/octet-stream";
}

export function describeFile(sitePath: string, bytes: Buffer | string): OutputFile {
  const buffer = typeof bytes === "string" ? Buffer.from(bytes) : bytes;
  return { path: sitePath, sha256: hash("sha256", buffer, "hex"), size: buffer.length, type: mediaType(sitePath) };
}

/** One file per line keeps a 100,000-file manifest diffable and cheap to write. */
const byPath = (a: OutputFile, b: OutputFile) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

export function manifestJson(files: readonly OutputFile[]): string {
  const sorted = [...files].sort(byPath);
  return `{"files":[\n${sorted.map((file) => JSON.stringify(file)).join(",\n")}\n]}\n`;
}

/** A unit's part: its manifest text (every file of its folder but the part itself) and how the top level lists it. */
export function manifestPart(folder: string, files: readonly OutputFile[]): { readonly text: string; readonly part: ManifestPart } {
  const text = manifestJson(files);
  return { text, part: { ...describeFile(`${folder}${MANIFEST_FILE}`, text), files: files.length } };
}

/** Parts as the top-level manifest lists them: sorted by path, one per line. */
export function partLines(parts: readonly ManifestPart[]): string {
  return [...parts]
    .sort(byPath)
    .map((part) => JSON.stringify(part))
    .join(",\n");
}

/**
 * The top-level manifest: the cache rules' id, site-wide files, then the units' parts, each sorted
 * by path. The parts come as `partLines` of groups given in path order (a year's editions, kept as
 * text between builds by year-fragments.ts, then the search bundles).
 */
export function siteManifestJson(cacheRules: string, files: readonly OutputFile[], partGroups: readonly string[]): string {
  return `{"cacheRules":${JSON.stringify(cacheRules)},${manifestJson(files).slice(1, -2)},"parts":[\n${partGroups.filter((group) => group !== "").join(",\n")}\n]}\n`;
}

/**
 * The files a part lists, once its bytes are what the top level says (hash, size, file count); else
 * what is wrong with them. Bytes with the right hash are parsed as JSON (which throws if they are not).
 */
export function checkPart(part: ManifestPart, bytes: Buffer): { readonly files: readonly OutputFile[] } | { readonly problem: string } {
  const found = describeFile(part.path, bytes);
  if (found.sha256 !== part.sha256 || found.size !== part.size) return { problem: `its bytes do not match the hash in ${MANIFEST_FILE}` };
  const listed = (JSON.parse(bytes.toString("utf8")) as OutputManifest).files;
  if (listed.length !== part.files) return { problem: `lists ${listed.length} file(s), ${MANIFEST_FILE} says ${part.files}` };
  return { files: listed };
}

/**
 * Every file of a published site, from its manifest tree: the top-level files, each part and the
 * files it lists. A part whose bytes do not match the hash the top level gives is an error.
 */
export async function readSiteManifest(siteDir: string): Promise<OutputFile[]> {
  const top = JSON.parse(await readFile(nodePath.join(siteDir, MANIFEST_FILE), "utf8")) as OutputManifest;
  const files: OutputFile[] = [...top.files];
  for (const part of top.parts ?? []) {
    const checked = checkPart(part, await readFile(nodePath.join(siteDir, part.path)));
    if ("problem" in checked) throw new Error(`${part.path}: ${checked.problem}`);
    const { files: _count, ...described } = part;
    files.push(described, ...checked.files);
  }
  return files.sort(byPath);
}
