/**
 * The manifest of every published file (`files.json`): site path, SHA-256, size and media type,
 * sorted by path. A deploy compares it with the previous one and uploads only what changed.
 */
import { createHash } from "node:crypto";
import path from "node:path/posix";

export const MANIFEST_FILE = "files.json";

export interface OutputFile {
  /** Site path, forward slashes, no leading slash: "2020-06-05/01/index.html". */
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
  readonly type: string;
}

export interface OutputManifest {
  readonly files: readonly OutputFile[];
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
  return { path: sitePath, sha256: createHash("sha256").update(buffer).digest("hex"), size: buffer.length, type: mediaType(sitePath) };
}

/** One file per line keeps a 100,000-file manifest diffable and cheap to write. */
export function manifestJson(files: readonly OutputFile[]): string {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return `{"files":[\n${sorted.map((file) => JSON.stringify(file)).join(",\n")}\n]}\n`;
}
