/**
 * Site units: the site-wide files that depend on one year's editions alone — the year's archive
 * pages (`archive/<year>/`) and, once sitemap.xml is an index, its sitemap parts
 * (`sitemap-<year>.xml`, …). A unit is rendered when its year's editions (or the code, or the
 * settings) change; otherwise its files stay in the output as they are and the top-level manifest
 * lists them from the build state. So a day's build writes its own year's archive pages and
 * sitemap parts, not ten years of them.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { byYear } from "../model/edition-index.ts";
import type { ListedEdition, SiteUnit } from "./build-state.ts";
import { sha256 } from "./fingerprint.ts";
import type { OutputFile } from "./output-manifest.ts";
import { sitemapYearOf } from "./site-files.ts";

export interface WantedUnit {
  readonly name: string;
  readonly year: string;
  readonly key: string;
}

export interface UnitPlan {
  /** Published and unchanged: left in place. */
  readonly kept: readonly SiteUnit[];
  readonly toRender: readonly WantedUnit[];
  /** Years whose units of a kind ("archive", "sitemap") this build renders. */
  yearsToRender(kind: "archive" | "sitemap"): Set<string>;
}

/**
 * Which units the site has and which of them this build renders. A unit's key is the hash of
 * `baseKey` (code and settings) and its year's editions' dates and content hashes; a unit is kept
 * when the last build published it with the same key and its files are still in the output.
 */
export async function planSiteUnits(published: readonly ListedEdition[], options: { baseKey: string; splitSitemap: boolean; previous: readonly SiteUnit[]; outputDir: string | undefined }): Promise<UnitPlan> {
  const wanted = [...byYear(published)].flatMap(([year, editions]) => {
    const lines = editions.map((edition) => `${edition.date} ${edition.contentHash}`).sort();
    const key = sha256(`${options.baseKey}\n${lines.join("\n")}`);
    return [{ name: `archive/${year}`, year, key }, ...(options.splitSitemap ? [{ name: `sitemap/${year}`, year, key }] : [])];
  });
  const previous = new Map(options.previous.map((unit) => [unit.name, unit]));
  // What the output holds (a unit whose files were removed by hand is written again); without an
  // output to look at (an output of changes only), the units are on the host as last published.
  const { outputDir } = options;
  const present =
    outputDir === undefined
      ? undefined
      : new Set([
          ...(await readdir(outputDir).catch(() => [] as string[])),
          ...(await readdir(path.join(outputDir, "archive")).catch(() => [] as string[])).map((name) => `archive/${name}`),
        ]);
  const kept = wanted.flatMap((unit) => {
    const last = previous.get(unit.name);
    return last?.key === unit.key && last.paths.every((item) => present?.has(item) ?? true) ? [last] : [];
  });
  const keptNames = new Set(kept.map((unit) => unit.name));
  const toRender = wanted.filter((unit) => !keptNames.has(unit.name));
  return { kept, toRender, yearsToRender: (kind) => new Set(toRender.filter((unit) => unit.name.startsWith(`${kind}/`)).map((unit) => unit.year)) };
}

/** Every unit of the site after this build: those kept and those just rendered, with their files among `written`. */
export function siteUnitsAfter(plan: UnitPlan, written: readonly OutputFile[]): SiteUnit[] {
  const rendered = plan.toRender.map(({ name, year, key }) => {
    const archive = name.startsWith("archive/");
    const files = written.filter((file) => (archive ? file.path.startsWith(`archive/${year}/`) : sitemapYearOf(file.path) === year));
    return { name, key, paths: archive ? [`archive/${year}`] : files.map((file) => file.path), files };
  });
  return [...plan.kept, ...rendered].sort((a, b) => (a.name < b.name ? -1 : 1));
}
