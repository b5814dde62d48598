/**
 * What the last successful build of one output folder published, kept under the build cache:
 * per edition its content hash, render key, store folder, index entry and manifest part. The
 * next build compares content hashes with it to find what changed. Written only after a
 * successful swap.
 *
 * The editions are kept two files per year, named by their content: `editions-<year>-<hash>.json`
 * (every edition less its pages' articles) and `articles-<year>-<hash>.json` (the articles, read
 * only when asked for), and `state.json` names them. Publishing a day rewrites its year's files
 * only, not the index entries of a ten-year archive (15 MB at 100,000 articles), and reads the
 * articles of its year only.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { byYear, type ArticleIndexEntry, type EditionIndexEntry, type PageIndexEntry } from "../model/edition-index.ts";
import type { FileStamp, StampCache } from "./fingerprint.ts";
import type { ManifestPart, OutputFile } from "./output-manifest.ts";

export const STATE_VERSION = 10;

export interface PublishedEdition {
  readonly date: string;
  readonly dir: string;
  readonly contentHash: string;
  readonly renderKey: string;
  readonly index: EditionIndexEntry;
  readonly searchHash: string;
  /** Its own manifest, `<date>/files.json`, as the top-level manifest lists it. */
  readonly part: ManifestPart;
  /** Its warnings were reported when it was built. */
  readonly warningCount: number;
}

/** A published edition as the site-wide stage sees it: all but its part of the manifest, listed last (a day's share cards are made meanwhile). */
export type ListedEdition = Omit<PublishedEdition, "part">;

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
}

/**
 * Read whole and at once: the build waits for its state before anything else, and fs/promises'
 * readFile took 60–128 ms for the 6 MB of a 100,000-article archive's years that readFileSync
 * reads in 25–47 ms.
 */
function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

async function writeJsonAtomically(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}`;
  await writeFile(temp, JSON.stringify(value));
  await rename(temp, file);
}

/** A year's files: its editions without their pages' articles, and the articles apart. */
interface YearFiles {
  readonly editions: string;
  readonly articles: string;
}

/** state.json: the build state less its editions, which are in the year files it names. */
interface StateFile extends Omit<BuildState, "editions"> {
  readonly years: Readonly<Record<string, YearFiles>>;
}

/** Date → each page's articles, in page order. */
type YearArticles = Record<string, (readonly ArticleIndexEntry[])[]>;

/** The year files read by this process, by work folder: a year whose editions are the same objects is not written again. */
const yearsRead = new Map<string, Map<string, { readonly files: YearFiles; readonly editions: readonly PublishedEdition[] }>>();

/**
 * Gives each page of a year's editions an `articles` property that reads the year's articles file
 * when first asked for (synchronously: it is rarely more than the year being published). A day's
 * build lists every edition, by counts and front-page leads, but reads the articles of its own
 * year alone: they are most of the index entries (620 of 980 KB a year at 100,000 articles).
 * The getter is on a prototype shared by the year's pages, not defined on each page: 13 ms for
 * the 17,000 pages of 100,000 articles against 65 ms. So `articles` is inherited, not an own
 * property (a stored page spread or stringified leaves it out).
 */
function attachArticles(editions: readonly PublishedEdition[], file: string): void {
  let loaded: YearArticles | undefined;
  const spoiled = (why: string) => new Error(`the build state's ${path.basename(file)} ${why} (run the build with --fresh)`);
  const load = () => {
    try {
      return (loaded ??= JSON.parse(readFileSync(file, "utf8")) as YearArticles);
    } catch (error) {
      throw spoiled(`cannot be read: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  /** Each page's edition date and position. */
  const where = new WeakMap<object, readonly [string, number]>();
  const storedPage = {
    get articles(): readonly ArticleIndexEntry[] {
      const [date, at] = where.get(this)!;
      const list = load()[date]?.[at];
      if (!list) throw spoiled(`has no articles for page ${at + 1} of ${date}`);
      return list;
    },
  };
  for (const edition of editions) {
    edition.index.pages.forEach((page, at) => {
      where.set(page, [edition.date, at]);
      Object.setPrototypeOf(page, storedPage);
    });
  }
}

export async function readState(workDir: string): Promise<BuildState | undefined> {
  const state = readJson<StateFile>(path.join(workDir, "state.json"));
  if (state?.version !== STATE_VERSION) return undefined;
  const years = new Map<string, { files: YearFiles; editions: PublishedEdition[] }>();
  for (const [year, files] of Object.entries(state.years)) {
    const editions = readJson<PublishedEdition[]>(path.join(workDir, files.editions));
    if (!editions || !existsSync(path.join(workDir, files.articles))) return undefined;
    attachArticles(editions, path.join(workDir, files.articles));
    years.set(year, { files, editions });
  }
  yearsRead.set(workDir, years);
  const { years: _files, ...rest } = state;
  return { ...rest, editions: [...years.values()].flatMap((year) => year.editions) };
}

/** An edition as its year's editions file keeps it: every page without its articles (read without calling the lazy getter). */
function withoutArticles(edition: PublishedEdition): PublishedEdition {
  const pages = edition.index.pages.map((page) => Object.fromEntries(Object.keys(page).filter((key) => key !== "articles").map((key) => [key, page[key as keyof PageIndexEntry]])));
  return { ...edition, index: { ...edition.index, pages: pages as unknown as PageIndexEntry[] } };
}

/**
 * JSON with every character past ASCII escaped (\uXXXX). Every build reads every year's editions
 * (a few CJK words each: dates, leads, page names), and a file with any of them was decoded into a
 * two-byte string: measured on the 17 years of a 100,000-article archive, 48 ms to read and decode
 * as UTF-8 against 25 ms for the same data as ASCII.
 */
function asciiJson(value: unknown): string {
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
    const articles: YearArticles = {};
    for (const edition of editions) articles[edition.date] = edition.index.pages.map((page) => page.articles);
    years[year] = {
      editions: await writeNamedByContent(workDir, `editions-${year}`, asciiJson(editions.map(withoutArticles))),
      articles: await writeNamedByContent(workDir, `articles-${year}`, JSON.stringify(articles)),
    };
  }
  const { editions: _editions, ...rest } = state;
  // state.json last: it names only year files that are complete.
  await writeJsonAtomically(path.join(workDir, "state.json"), { ...rest, years } satisfies StateFile);
  const wanted = new Set(Object.values(years).flatMap((files) => [files.editions, files.articles]));
  for (const name of await readdir(workDir)) if (/^(?:editions|articles)-\d{4}-[0-9a-f]{16}\.json$/.test(name) && !wanted.has(name)) await rm(path.join(workDir, name), { force: true });
  yearsRead.delete(workDir);
}

export async function readStamps(workDir: string): Promise<StampCache> {
  const entries = readJson<[string, FileStamp][]>(path.join(workDir, "file-ids.json"));
  return new Map(entries ?? []);
}

export function writeStamps(workDir: string, stamps: StampCache): Promise<void> {
  return writeJsonAtomically(path.join(workDir, "file-ids.json"), [...stamps]);
}
