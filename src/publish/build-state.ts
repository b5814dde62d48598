/**
 * What the last successful build of one output folder published, kept under the build cache:
 * per edition its content hash, render key, store folder, index entry and manifest part. The
 * next build compares content hashes with it to find what changed. Written only after a
 * successful swap.
 *
 * The editions are kept three files per year, named by their content, and `state.json` names them:
 *   - `editions-<year>-<hash>.json`: each edition's keys and light index entry (date, lead, counts);
 *   - `pages-<year>-<hash>.json`: each edition's pages and its part of the manifest;
 *   - `articles-<year>-<hash>.json`: each page's articles.
 * Every build reads every year's editions file (2.5 MB at 100,000 articles). The other two are read
 * when something asks for a page or a part of that year: publishing a day reads its own year's.
 * The site-wide files that list every edition's pages or parts take the years a day does not touch
 * from year-fragments.ts. Publishing a day rewrites its year's files only.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { byYear, type ArticleIndexEntry, type EditionIndexEntry, type PageIndexEntry } from "../model/edition-index.ts";
import { UsedStamps, type FileStamp } from "./fingerprint.ts";
import type { ManifestPart, OutputFile } from "./output-manifest.ts";

export const STATE_VERSION = 11;

export interface PublishedEdition {
  readonly date: string;
  readonly dir: string;
  readonly contentHash: string;
  readonly renderKey: string;
  readonly index: EditionIndexEntry;
  readonly searchHash: string;
  /** Its own manifest, `<date>/files.json`, as the top-level manifest lists it. */
  readonly part: ManifestPart;
  /**
   * The image cache entries its files come from (the first 10 hex digits of each key), for
   * `--prune-image-cache`; kept with its part. Missing where an older version wrote the state.
   */
  readonly imageKeys?: readonly string[];
  /** Its warnings were reported when it was built. */
  readonly warningCount: number;
}

/** A published edition as the site-wide stage sees it: all but its part of the manifest, listed last (a day's share cards are made meanwhile). */
export type ListedEdition = Omit<PublishedEdition, "part" | "imageKeys">;

/** A search bundle in the output (`pagefind/<name>/`, see src/search/bundles.ts). */
export interface PublishedBundle {
  readonly name: string;
  readonly key: string;
  /** Its own manifest, `pagefind/<name>/files.json`. */
  readonly part: ManifestPart;
}

/**
 * Site-wide files that depend on one year's editions only (its archive pages, its sitemap parts),
 * published together and left in place while the year's editions are unchanged.
 */
export interface SiteUnit {
  /** "archive/2015", "sitemap/2015". */
  readonly name: string;
  readonly key: string;
  /** What it is in the output: site paths of files or folders. */
  readonly paths: readonly string[];
  /** Its files, as the top-level manifest lists them. */
  readonly files: readonly OutputFile[];
}

export interface BuildState {
  readonly version: number;
  /** Key of the site-wide files: changes when any edition, the settings or the code change. */
  readonly siteKey: string;
  readonly editions: readonly PublishedEdition[];
  /**
   * Site paths of the site-wide files and folders in the output (everything but editions and
   * pagefind/): top-level names, but archive/'s entries one by one, as site units are kept in it.
   */
  readonly siteWide: readonly string[];
  readonly siteUnits: readonly SiteUnit[];
  readonly searchBundles: readonly PublishedBundle[];
  /** The output holds only what the build that wrote this state changed; the rest is on the host (PublishOptions.changesOnly). */
  readonly changesOnly?: boolean;
}

/**
 * Read whole and at once: the build waits for its state before anything else, and fs/promises'
 * readFile took 60–128 ms for the 6 MB of a 100,000-article archive's years that readFileSync
 * reads in 25–47 ms.
 */
export function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

/** Written beside and renamed into place: a reader sees the old file or the new one, never part of one. */
export async function writeTextAtomically(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}`;
  await writeFile(temp, text);
  await rename(temp, file);
}

function writeJsonAtomically(file: string, value: unknown): Promise<void> {
  return writeTextAtomically(file, JSON.stringify(value));
}

/** A year's files (see above). */
interface YearFiles {
  readonly editions: string;
  /** Absent in a year last written by state version 10, whose editions file holds its pages and parts. */
  readonly pages?: string;
  readonly articles: string;
}

/** State versions whose files this one reads: 10 kept pages and parts in the editions file (each year moves to three files when it next changes). */
const READABLE_VERSIONS = new Set([10, STATE_VERSION]);

/** state.json: the build state less its editions, which are in the year files it names. */
interface StateFile extends Omit<BuildState, "editions"> {
  readonly years: Readonly<Record<string, YearFiles>>;
}

/** Date → each page's articles, in page order. */
type YearArticles = Record<string, (readonly ArticleIndexEntry[])[]>;
/** Date → its pages (without their articles), its part of the manifest and its images' cache keys. */
type YearPages = Record<string, { readonly pages: readonly PageIndexEntry[]; readonly part: ManifestPart; readonly images?: readonly string[] }>;

/** The year files read by this process, by work folder: a year whose editions are the same objects is not written again. */
const yearsRead = new Map<string, Map<string, { readonly files: YearFiles; readonly editions: readonly PublishedEdition[] }>>();

/**
 * Reads a year's file when first asked for (synchronously: it is rarely more than the year being
 * published), and hands what it read to `prepare` once.
 */
function lazyYearFile<T>(file: string, prepare?: (loaded: T) => void): () => T {
  let loaded: T | undefined;
  return () => {
    if (loaded === undefined) {
      try {
        loaded = JSON.parse(readFileSync(file, "utf8")) as T;
      } catch (error) {
        throw spoiledFile(file, `cannot be read: ${error instanceof Error ? error.message : String(error)}`);
      }
      prepare?.(loaded);
    }
    return loaded;
  };
}

const spoiledFile = (file: string, why: string) => new Error(`the build state's ${path.basename(file)} ${why} (run the build with --fresh)`);

/**
 * Gives a year's editions their `part`, their index entries their `pages` and those pages their
 * `articles`, each read from the year's files when first asked for. The getters are on prototypes
 * shared by the year's objects, not defined on each (13 ms for the 17,000 pages of 100,000 articles
 * against 65 ms), so they are inherited, not own properties: a stored entry spread or stringified
 * leaves them out (writeState writes them from the getters).
 */
function attachLazyParts(editions: readonly PublishedEdition[], files: { readonly pages?: string; readonly articles: string }): void {
  const articlesOf = lazyYearFile<YearArticles>(files.articles);
  /** Each page's edition date and position. */
  const where = new WeakMap<object, readonly [string, number]>();
  const storedPage = {
    get articles(): readonly ArticleIndexEntry[] {
      const [date, at] = where.get(this)!;
      const list = articlesOf()[date]?.[at];
      if (!list) throw spoiledFile(files.articles, `has no articles for page ${at + 1} of ${date}`);
      return list;
    },
  };
  const withArticles = (date: string, pages: readonly PageIndexEntry[]) =>
    pages.forEach((page, at) => {
      where.set(page, [date, at]);
      Object.setPrototypeOf(page, storedPage);
    });
  if (files.pages === undefined) {
    // State version 10: pages and parts are in the editions file, and pages were not counted.
    for (const edition of editions) {
      (edition.index as { pageCount: number }).pageCount ??= edition.index.pages.length;
      withArticles(edition.date, edition.index.pages);
    }
    return;
  }
  const pagesFile = files.pages;
  // Read whole when one edition's pages or part are asked for; every page of the year then gets its articles getter.
  const pagesOf = lazyYearFile<YearPages>(pagesFile, (year) => {
    for (const [date, stored] of Object.entries(year)) withArticles(date, stored.pages);
  });
  const stored = (date: string) => {
    const found = pagesOf()[date];
    if (!found) throw spoiledFile(pagesFile, `has nothing for ${date}`);
    return found;
  };
  const dateOf = new WeakMap<object, string>();
  const storedEntry = {
    get pages(): readonly PageIndexEntry[] {
      return stored(dateOf.get(this)!).pages;
    },
  };
  const storedEdition = {
    get part(): ManifestPart {
      return stored(dateOf.get(this)!).part;
    },
    get imageKeys(): readonly string[] | undefined {
      return stored(dateOf.get(this)!).images;
    },
  };
  for (const edition of editions) {
    dateOf.set(edition, edition.date);
    dateOf.set(edition.index, edition.date);
    Object.setPrototypeOf(edition, storedEdition);
    Object.setPrototypeOf(edition.index, storedEntry);
  }
}

export async function readState(workDir: string): Promise<BuildState | undefined> {
  const state = readJson<StateFile>(path.join(workDir, "state.json"));
  if (state === undefined || !READABLE_VERSIONS.has(state.version)) return undefined;
  const years = new Map<string, { files: YearFiles; editions: PublishedEdition[] }>();
  for (const [year, files] of Object.entries(state.years)) {
    const editions = readJson<PublishedEdition[]>(path.join(workDir, files.editions));
    const pages = files.pages === undefined ? undefined : path.join(workDir, files.pages);
    if (!editions || (pages !== undefined && !existsSync(pages)) || !existsSync(path.join(workDir, files.articles))) return undefined;
    attachLazyParts(editions, { pages, articles: path.join(workDir, files.articles) });
    years.set(year, { files, editions });
  }
  yearsRead.set(workDir, years);
  const { years: _files, ...rest } = state;
  return { ...rest, version: STATE_VERSION, editions: [...years.values()].flatMap((year) => year.editions) };
}

/**
 * What `--prune-image-cache` keeps: the image cache keys every published edition's files come from,
 * read straight from the year files (not through readState's lazy parts, which give every page a
 * getter first), and the dates of editions a state written by an older version has no record for.
 */
export async function readImageKeys(workDir: string): Promise<{ readonly used: ReadonlySet<string>; readonly unknown: readonly string[] }> {
  const state = readJson<StateFile>(path.join(workDir, "state.json"));
  if (!state) throw new Error(`the build state in ${workDir} cannot be read`);
  const used = new Set<string>();
  const unknown: string[] = [];
  await Promise.all(
    Object.values(state.years).map(async (files) => {
      if (files.pages === undefined) {
        // State version 10: no record of images.
        const editions = JSON.parse(await readFile(path.join(workDir, files.editions), "utf8")) as { date: string }[];
        unknown.push(...editions.map((edition) => edition.date));
        return;
      }
      const year = JSON.parse(await readFile(path.join(workDir, files.pages), "utf8")) as YearPages;
      for (const [date, { images }] of Object.entries(year)) {
        if (images === undefined) unknown.push(date);
        else for (const key of images) used.add(key);
      }
    }),
  );
  return { used, unknown: unknown.sort() };
}

/** `value`'s own properties but those `left` (a lazy getter is inherited, so never read here). */
function ownPropertiesBut<T extends object>(value: T, ...left: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.keys(value).filter((key) => !left.includes(key)).map((key) => [key, value[key as keyof T]]));
}

/** An edition as its year's editions file keeps it: no part or images (kept in the pages file), and an index entry without pages. */
function lightEdition(edition: PublishedEdition): Record<string, unknown> {
  return { ...ownPropertiesBut(edition, "part", "imageKeys"), index: ownPropertiesBut(edition.index, "pages") };
}

/**
 * JSON with every character past ASCII escaped (\uXXXX). Every build reads every year's editions
 * (a few CJK words each: dates, leads, page names), and a file with any of them was decoded into a
 * two-byte string: measured on the 17 years of a 100,000-article archive, 48 ms to read and decode
 * as UTF-8 against 25 ms for the same data as ASCII.
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

async function writeNamedByContent(workDir: string, prefix: string, text: string): Promise<string> {
  const file = `${prefix}-${createHash("sha256").update(text).digest("hex").slice(0, 16)}.json`;
  await writeFile(path.join(workDir, `${file}.tmp-${process.pid}`), text);
  await rename(path.join(workDir, `${file}.tmp-${process.pid}`), path.join(workDir, file));
  return file;
}

export async function writeState(workDir: string, state: BuildState): Promise<void> {
  const known = yearsRead.get(workDir);
  const years: Record<string, YearFiles> = {};
  for (const [year, editions] of [...byYear(state.editions)].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const read = known?.get(year);
    if (read && read.editions.length === editions.length && read.editions.every((edition, at) => edition === editions[at])) {
      years[year] = read.files;
      continue;
    }
    const pages: Record<string, { pages: Omit<PageIndexEntry, "articles">[]; part: ManifestPart; images?: readonly string[] }> = {};
    const articles: YearArticles = {};
    for (const edition of editions) {
      pages[edition.date] = { pages: edition.index.pages.map((page) => ownPropertiesBut(page, "articles") as Omit<PageIndexEntry, "articles">), part: edition.part, images: edition.imageKeys };
      articles[edition.date] = edition.index.pages.map((page) => page.articles);
    }
    years[year] = {
      editions: await writeNamedByContent(workDir, `editions-${year}`, asciiJson(editions.map(lightEdition))),
      pages: await writeNamedByContent(workDir, `pages-${year}`, asciiJson(pages)),
      articles: await writeNamedByContent(workDir, `articles-${year}`, JSON.stringify(articles)),
    };
  }
  const { editions: _editions, ...rest } = state;
  // state.json last: it names only year files that are complete.
  await writeJsonAtomically(path.join(workDir, "state.json"), { ...rest, years } satisfies StateFile);
  const wanted = new Set(Object.values(years).flatMap((files) => [files.editions, files.pages, files.articles]));
  for (const name of await readdir(workDir)) if (/^(?:editions|pages|articles)-\d{4}-[0-9a-f]{16}\.json$/.test(name) && !wanted.has(name)) await rm(path.join(workDir, name), { force: true });
  yearsRead.delete(workDir);
}

export async function readStamps(workDir: string): Promise<UsedStamps> {
  const entries = readJson<[string, FileStamp][]>(path.join(workDir, "file-ids.json"));
  return new UsedStamps(new Map(entries ?? []));
}

/** Only the stamps this build used (see UsedStamps). */
export function writeStamps(workDir: string, stamps: UsedStamps): Promise<void> {
  return writeJsonAtomically(path.join(workDir, "file-ids.json"), [...stamps.entries()]);
}
