// @ts-check
/**
 * The modules scripts/run-compiled.mjs compiles, as entry points. Also read by
 * test/compiled-build.test.ts, which bundles the build's and the check's to see which sources
 * each loads: the keys of what they keep cover those (RENDERER_CODE in
 * src/publish/fingerprint.ts, CHECK_CODE in src/proofread/incremental-check.ts).
 */
import { readdirSync } from "node:fs";
import path from "node:path";

/** `npm run build`: the build, the worker processes and thread it starts, and every template. @param {string} dir the project folder */
export function buildEntryPoints(dir) {
  const layouts = readdirSync(path.join(dir, "layouts")).filter((name) => name.endsWith(".11ty.ts")).sort();
  return ["scripts/build.ts", "src/publish/edition-worker.ts", "src/search/index-worker.ts", ...layouts.map((name) => `layouts/${name}`)].map((file) => path.join(dir, file));
}

/** `npm run check` and its worker processes. @param {string} dir the project folder */
export function checkEntryPoints(dir) {
  return ["scripts/check.ts", "src/proofread/check-worker.ts"].map((file) => path.join(dir, file));
}

/** Every entry: the build's and the check's. @param {string} dir the project folder */
export function entryPoints(dir) {
  return [...buildEntryPoints(dir), ...checkEntryPoints(dir)];
}
