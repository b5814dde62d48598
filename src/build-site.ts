/**
 * The whole build, in pipeline order (details in src/publish/incremental-build.ts):
 *   fingerprint edition folders → for each changed edition, on every core (this process and
 *   worker processes): read + validate + model → images (sharp, cached) → per-edition templates
 *   and search records, into its own store folder → site-wide templates (home, archive, 404,
 *   assets; feeds and other indexes that paginate over anything but editions/pages/articles) →
 *   search index, redirects, sitemaps, robots.txt, _headers, files.json → move into the output.
 * Content errors stop the build before the output is touched.
 *
 * Which templates are per-edition and which site-wide is decided by the list a template
 * paginates over: see src/eleventy/template-scope.ts. Templates that use nothing from Eleventy
 * are called directly, the others through Eleventy: see src/eleventy/direct-render.ts.
 */
import type { Archive } from "./model/types.ts";
import { loadSettings } from "./load-archive.ts";
import { findEditionFolders } from "./publish/fingerprint.ts";
import { publishSite, recentEditions, RECENT_EDITIONS, type PublishOptions, type PublishReport } from "./publish/incremental-build.ts";
import type { Problem } from "./validate/problem.ts";

export type BuildOptions = PublishOptions;

export interface BuildResult {
  readonly report: PublishReport;
  /** The newest editions in full (at most RECENT_EDITIONS), not the whole archive: builds never hold it all. */
  readonly archive: Archive;
  /** Warnings of every published edition (errors stop the build with a ContentError). */
  readonly problems: readonly Problem[];
}

/** Publishes, then loads the newest editions for callers that inspect them (tests, tools). */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const report = await publishSite(options);
  const site = await loadSettings(options.contentRoot);
  const newest = findEditionFolders(options.contentRoot)
    .reverse()
    .slice(0, RECENT_EDITIONS)
    .map((folder) => ({ date: folder.date, dir: folder.dir }));
  const editions = await recentEditions(newest, options.contentRoot, site);
  return { report, archive: { site, editions }, problems: report.warnings };
}
