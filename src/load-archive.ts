/**
 * Read → validate → model: everything before rendering, shared by `build`, `check`, the live
 * preview and the tests. Nothing is written; every problem is returned together.
 */
import path from "node:path";
import { readContent, type ContentSource } from "./content/read-content.ts";
import { layoutProblems } from "./layout/check-layout.ts";
import { buildModel } from "./model/build-model.ts";
import type { Archive } from "./model/types.ts";
import { loadSettings, SETTINGS_FILE } from "./site/load-settings.ts";
import { checkSettings, type SiteSettings } from "./site/settings.ts";
import { hasErrors, sortProblems, type Problem } from "./validate/problem.ts";

// Loading the settings needs none of the reading machinery: it lives in its own module.
export { loadSettings, SETTINGS_FILE };


export interface LoadedArchive {
  readonly archive: Archive;
  /** Errors and warnings, errors first. */
  readonly problems: readonly Problem[];
  /** The sources the model was built from (for the proofreader). */
  readonly content: ContentSource;
}

/** What is wrong with the settings, as problems of site.config.ts. */
export function settingsProblems(contentRoot: string, site: SiteSettings): Problem[] {
  const file = path.relative(process.cwd(), path.resolve(contentRoot, SETTINGS_FILE));
  return checkSettings(site).map((message) => ({ severity: "error" as const, file, message }));
}

export async function loadArchive(contentRoot: string, settings?: SiteSettings): Promise<LoadedArchive> {
  const site = settings ?? (await loadSettings(contentRoot));
  const problems = settingsProblems(contentRoot, site);
  const content = await readContent(path.resolve(contentRoot), problems);
  const archive = buildModel(content, site, problems);
  // Overflow is only worth reporting on a complete, valid edition.
  if (!hasErrors(problems)) problems.push(...layoutProblems(archive));
  return { archive, problems: sortProblems(problems), content };
}
