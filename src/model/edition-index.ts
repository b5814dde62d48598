/**
 * A light summary of an edition: what the site-wide pages (archive calendars, sitemaps, indexes)
 * need to list it, without article bodies. Incremental builds keep these for every published
 * edition, so adding one edition never re-reads the whole archive.
 */
import type { Article, Edition, StoryType } from "./types.ts";

export interface ArticleIndexEntry {
  readonly slug: string;
  readonly title: string;
  readonly type: StoryType;
  readonly path: string;
  /** The day of its latest 更正, when after the edition's: the sitemap's lastmod for it. */
  readonly dateModified?: string;
}

export interface PageIndexEntry {
  /** The page in small (scan or layout drawing), where the image stage made one. */
  readonly thumbnail?: { readonly path: string; readonly width: number; readonly height: number };
  readonly number: number;
  readonly label: string;
  readonly name: string;
  readonly path: string;
  readonly articles: readonly ArticleIndexEntry[];
}

export interface EditionIndexEntry {
  readonly date: string;
  readonly dateTime: string;
  readonly dateText: string;
  readonly weekday: string;
  readonly issueNumber?: number;
  readonly path: string;
  /** The title of the front page's first article (archive calendars, 往年今日). */
  readonly lead?: string;
  /** Articles on all its pages (counts and sitemaps need no more; the build state loads `articles` lazily). */
  readonly articleCount: number;
  /** Its pages (counts need no more; the build state loads `pages` lazily). */
  readonly pageCount: number;
  readonly pages: readonly PageIndexEntry[];
  /** The latest of its articles' dateModified, when it has one: a sitemap part's lastmod without reading the articles. */
  readonly correctedOn?: string;
}

export function editionIndexEntry(edition: Edition): EditionIndexEntry {
  // A correction changes the article's own view only (the pages show it as printed), so only the
  // article's date moves; kept only where it differs, so an archive without corrections stores nothing more.
  const corrected = (article: Article) => (article.dateModified > edition.date ? { dateModified: article.dateModified } : {});
  const correctedOn = edition.pages.flatMap((page) => page.articles.map((article) => article.dateModified)).reduce((latest, date) => (date > latest ? date : latest), edition.date);
  return {
    date: edition.date,
    dateTime: edition.dateTime,
    dateText: edition.dateText,
    weekday: edition.weekday,
    issueNumber: edition.issueNumber,
    path: edition.path,
    lead: edition.pages[0]?.articles[0]?.title,
    articleCount: edition.pages.reduce((sum, page) => sum + page.articles.length, 0),
    pageCount: edition.pages.length,
    pages: edition.pages.map((page) => ({
      number: page.number,
      label: page.label,
      name: page.name,
      path: page.path,
      articles: page.articles.map((article) => ({ slug: article.slug, title: article.title, type: article.type, path: article.path, ...corrected(article) })),
    })),
    ...(correctedOn > edition.date ? { correctedOn } : {}),
  };
}

/** Items with a date (YYYY-MM-DD) by its first `length` characters (4: year, 7: month), each group in the order given; groups in order of first appearance. */
function byDatePrefix<T extends { readonly date: string }>(items: Iterable<T>, length: number): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = item.date.slice(0, length);
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** "YYYY" → the items of that year. */
export const byYear = <T extends { readonly date: string }>(items: Iterable<T>) => byDatePrefix(items, 4);
/** "YYYY-MM" → the items of that month. */
export const byMonth = <T extends { readonly date: string }>(items: Iterable<T>) => byDatePrefix(items, 7);

/** One year's part of a listing: bytes made now, or a file of `size` bytes kept by an earlier build. */
export type YearPart = Uint8Array | { readonly file: string; readonly size: number };

/**
 * What one year's editions contribute to a listing of every edition (api/editions.json):
 * `make()` writes them, or the publisher gives those it kept (src/publish/year-fragments.ts).
 */
export type YearBytes = (year: string, make: () => string) => YearPart;

/** Writes each year's part itself. */
export const makeYearBytes: YearBytes = (_year, make) => Buffer.from(make());

/** Newest first, like Archive.editions. */
export function sortIndex(entries: readonly EditionIndexEntry[]): EditionIndexEntry[] {
  return [...entries].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
}
