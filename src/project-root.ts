/**
 * Where the project's own files are, in both ways the code runs:
 *   - from its TypeScript sources through tsx: this file is src/project-root.ts, so the root is
 *     its parent folder;
 *   - compiled by scripts/run-compiled.mjs (`npm run build`): this file is then part of a chunk in
 *     .cache/broadsheet/runtime/<key>/, where `import.meta.url` says nothing about the project, so
 *     the launcher names the root and the compiled folder in the environment (which the edition
 *     workers inherit).
 * Code that reads a file of the project (sw.js, the API schemas, its own source for a cache key)
 * or loads a module of it (layouts, the edition worker) asks here instead of `import.meta.url`.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(import.meta.url);

/** True when this code was compiled by scripts/run-compiled.mjs (its modules are .mjs chunks, not .ts sources). */
export const COMPILED = !here.endsWith(".ts");

function compiledSetting(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: compiled Broadsheet code is started by scripts/run-compiled.mjs, which sets it`);
  return path.resolve(value);
}

/** The project folder (the one holding package.json, src/ and layouts/). */
export const PROJECT_ROOT = COMPILED ? compiledSetting("BROADSHEET_PROJECT_ROOT") : path.resolve(path.dirname(here), "..");

/** The folder of compiled modules, when running compiled. */
export const COMPILED_RUNTIME = COMPILED ? compiledSetting("BROADSHEET_RUNTIME") : undefined;

/** A file of the project, e.g. projectFile("src", "offline", "sw.js"). */
export function projectFile(...parts: string[]): string {
  return path.join(PROJECT_ROOT, ...parts);
}

/**
 * The compiled counterpart of a TypeScript module of this project (layouts/home.11ty.ts →
 * <runtime>/layouts/home.11ty.mjs), or undefined when not running compiled or when the file is
 * not one of the project's modules.
 */
export function compiledModule(sourceFile: string): string | undefined {
  if (!COMPILED_RUNTIME) return undefined;
  const relative = path.relative(PROJECT_ROOT, path.resolve(sourceFile));
  if (relative.startsWith("..") || path.isAbsolute(relative) || !relative.endsWith(".ts")) return undefined;
  return path.join(COMPILED_RUNTIME, `${relative.slice(0, -".ts".length)}.mjs`);
}

let typeScriptLoader: Promise<void> | undefined;

/**
 * Lets this process import .ts files: a no-op under tsx; in compiled code registers tsx's loader
 * on first call, for what was not compiled ahead (Eleventy's .eleventy.ts, a template added while
 * the build runs).
 */
export function loadTypeScript(): Promise<void> {
  if (!COMPILED) return Promise.resolve();
  typeScriptLoader ??= import("tsx/esm/api").then(({ register }) => {
    register();
  });
  return typeScriptLoader;
}
