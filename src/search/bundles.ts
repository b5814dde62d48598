/**
 * The search index is split into bundles by date, so publishing a day re-indexes one week, not the
 * archive: Pagefind has no incremental mode, and took 4.5 s for 996 articles (one bundle at a time).
 *
 *   - the newest month is cut in weeks of the month: days 1–7, 8–14, 15–21, 22–28 and 29–31, each
 *     a bundle named by its first day (`2026-11-22`), so publishing a day re-indexes five editions;
 *   - every older month of the newest year is one bundle (`2026-10`), indexed once when it is over;
 *   - every older year is one bundle (`2025`), indexed once when the year is over.
 *
 * A ten-year archive is thus at most 25 bundles. The browser loads the newest as its primary index
 * and merges the others (Pagefind's mergeIndex); every record carries a `bundle` filter, so the
 * search page can ask each bundle for its date-ordered results and list them newest first
 * (assets/js/search-index.js). A pure function of the edition dates: the search page and the
 * build agree on the bundles without talking to each other.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { projectFile } from "../project-root.ts";

/** Folder of the bundles in the output; each bundle is `pagefind/<name>/`. */
export const SEARCH_INDEX_DIR = "pagefind";
/** A bundle's folder in the site (`pagefind/2026-11-22`). */
export const bundleUnit = (name: string): string => `${SEARCH_INDEX_DIR}/${name}`;
/** The filter each record carries naming its bundle. */
export const BUNDLE_FILTER = "bundle";

export interface SearchBundle {
  /** `YYYY` (a past year), `YYYY-MM` (a past month of the newest year) or `YYYY-MM-DD` (a week of the newest month, by its first day). */
  readonly name: string;
  /** Dates of its editions, newest first. */
  readonly dates: readonly string[];
}

export function bundleName(date: string, newest: string): string {
  if (date.slice(0, 4) < newest.slice(0, 4)) return date.slice(0, 4);
  if (date.slice(0, 7) < newest.slice(0, 7)) return date.slice(0, 7);
  const firstDay = Math.floor((Number(date.slice(8, 10)) - 1) / 7) * 7 + 1;
  return `${date.slice(0, 8)}${String(firstDay).padStart(2, "0")}`;
}

/** Bundles of the given edition dates, newest first. */
export function planBundles(dates: Iterable<string>): SearchBundle[] {
  const sorted = [...new Set(dates)].sort().reverse();
  const newest = sorted[0] ?? "";
  const bundles = new Map<string, string[]>();
  for (const date of sorted) {
    const name = bundleName(date, newest);
    const list = bundles.get(name);
    if (list) list.push(date);
    else bundles.set(name, [date]);
  }
  return [...bundles].map(([name, list]) => ({ name, dates: list }));
}

/**
 * Changes when an edition of the bundle comes or goes, when its search records change, or when
 * the indexer does: a new template or stylesheet re-renders every page but re-indexes nothing.
 */
export function bundleKey(name: string, editions: readonly { readonly date: string; readonly searchHash: string }[], indexer: string): string {
  const lines = [...editions].sort((a, b) => (a.date < b.date ? -1 : 1)).map((edition) => `${edition.date} ${edition.searchHash}`);
  return createHash("sha256").update(`${indexer}\n${name}\n${lines.join("\n")}`).digest("hex");
}

/** Pagefind's version and the code that writes bundles. */
export async function indexerVersion(): Promise<string> {
  // pagefind/package.json is not among the package's exports: found beside its entry point.
  const entry = fileURLToPath(import.meta.resolve("pagefind"));
  const packageFile = path.join(entry.slice(0, entry.lastIndexOf(`${path.sep}node_modules${path.sep}pagefind${path.sep}`)), "node_modules", "pagefind", "package.json");
  const pagefind = JSON.parse(await readFile(packageFile, "utf8")) as { version: string };
  // Read from the project, not beside this module: a compiled build (scripts/run-compiled.mjs)
  // must compute the same key as a tsx build, or it would re-index every bundle.
  const code = await Promise.all(["write-index.ts", "bundles.ts"].map((file) => readFile(projectFile("src", "search", file), "utf8")));
  return createHash("sha256").update(`pagefind ${pagefind.version}\n${code.join("\n")}`).digest("hex");
}
