/**
 * Imports a template of layouts/: its compiled module when the build runs compiled
 * (scripts/run-compiled.mjs), so it shares the build's modules instead of loading a second copy
 * of the renderer through tsx; else the .ts file itself.
 */
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { compiledModule, loadTypeScript } from "../project-root.ts";

export async function importTemplate(file: string): Promise<Record<string, unknown>> {
  const compiled = compiledModule(file);
  if (compiled && existsSync(compiled)) return (await import(pathToFileURL(compiled).href)) as Record<string, unknown>;
  // Not compiled ahead (a template of another project folder, or one added during this build).
  await loadTypeScript();
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
}
