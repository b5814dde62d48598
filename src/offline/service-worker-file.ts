/**
 * The service worker is published at the site root (`sw.js`, not content-hashed: its URL must stay
 * the same for browsers to find updates), so its scope covers every edition.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { GeneratedFile } from "../readers/generated-file.ts";

export const SERVICE_WORKER_PATH = "sw.js";
/** Prefix of the Cache Storage name of a saved edition; sw.js and save-edition.js agree on it. */
export const EDITION_CACHE_PREFIX = "broadsheet-edition-";

const source = path.join(path.dirname(fileURLToPath(import.meta.url)), "sw.js");

export function serviceWorkerFile(): GeneratedFile {
  return { path: SERVICE_WORKER_PATH, contents: readFileSync(source, "utf8") };
}
