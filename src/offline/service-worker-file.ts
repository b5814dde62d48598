/**
 * The service worker is published at the site root (`sw.js`, not content-hashed: its URL must stay
 * the same for browsers to find updates), so its scope covers every edition.
 */
import { readFileSync } from "node:fs";
import { projectFile } from "../project-root.ts";
import type { GeneratedFile } from "../readers/generated-file.ts";

export const SERVICE_WORKER_PATH = "sw.js";
// A saved edition lives in the Cache Storage cache "broadsheet-edition-YYYY-MM-DD": sw.js and
// assets/js/save-edition.js both use that name.

const source = projectFile("src", "offline", "sw.js");

export function serviceWorkerFile(): GeneratedFile {
  return { path: SERVICE_WORKER_PATH, contents: readFileSync(source, "utf8") };
}
