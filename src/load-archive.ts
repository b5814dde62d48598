/**
 * Read → validate → model: everything before rendering, shared by `build`, `check`, the live
 * preview and the tests. Nothing is written; every problem is returned together.
 */
import { access } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { readContent, type ContentSource } from "./content/read-content.ts";
import { layoutProblems } from "./layout/check-layout.ts";
import { buildModel } from "./model/build-model.ts";
import type { Archive } from "./model/types.ts";
import { checkSettings, type SiteSettings } from "./site/settings.ts";
import { hasErrors, sortProblems, type Problem } from "./validate/problem.ts";

export const SETTINGS_FILE = "site.config.ts";

export interface LoadedArchive {
  readonly archive: Archive;
  /** Errors and warnings, errors first. */
  readonly problems: readonly Problem[];
  /** The sources the model was built from (for the proofreader). */
  readonly content: ContentSource;
}

/** Loads `<contentRoot>/site.config.ts`. */
export async function loadSettings(contentRoot: string): Promise<SiteSettings> {
  const file = path.resolve(contentRoot, SETTINGS_FILE);
  try {
    await access(file);
  } catch {
    throw new Error(`${path.relative(process.cwd(), file)}: expected the paper's settings file, found none`);
  }
  const module = (await import(pathToFileURL(file).href)) as { default?: SiteSettings };
  if (!module.default) throw new Error(`${SETTINGS_FILE}: expected \`export default { … } satisfies SiteSettings\``);
  return module.default;
}

export async function loadArchive(contentRoot: string, settings?: SiteSettings): Promise<LoadedArchive> {
  const site = settings ?? (await loadSettings(contentRoot));
  const problems: Problem[] = checkSettings(site).map((message) => ({
    severity: "error" as const,
    file: path.relative(process.cwd(), path.resolve(contentRoot, SETTINGS_FILE)),
    message,
  }));
  const content = await readContent(path.resolve(contentRoot), problems);
  const archive = buildModel(content, site, problems);
  // Overflow is only worth reporting on a complete, valid edition.
  if (!hasErrors(problems)) problems.push(...layoutProblems(archive));
  return { archive, problems: sortProblems(problems), content };
}
