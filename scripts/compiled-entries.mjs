// @ts-check
/**
 * The modules scripts/run-compiled.mjs compiles, as entry points. Also read by
 * test/compiled-build.test.ts, which bundles the build's to see which sources the build loads
 * (the render key leaves out the others: RENDERER_CODE in src/publish/fingerprint.ts).
 */
import { readdirSync } from "node:fs";
import path from "node:path";

/** `npm run build`: the build, the worker processes and thread it starts, and every template. @param {string} dir the project folder */
export function buildEntryPoints(dir) {
  const layouts = readdirSync(path.join(dir, "layouts")).filter((name) => name.endsWith(".11ty.ts")).sort();
  return ["scripts/build.ts", "src/publish/edition-worker.ts", "src/search/index-worker.ts", ...layouts.map((name) => `layouts/${name}`)].map((file) => path.join(dir, file));
}

/** Every entry: the build's, and `npm run check` with its worker processes. @param {string} dir the project folder */
export function entryPoints(dir) {
  return [...buildEntryPoints(dir), ...["scripts/check.ts", "src/proofread/check-worker.ts"].map((file) => path.join(dir, file))];
}
