/**
 * What goes into a feed, independent of its format: the entries (one per article, full text) of
 * the latest editions, of one section, or of one edition. Dates are the paper's: an article is
 * published at the start of its edition's day in the paper's zone (edition.dateTime, with offset).
 */
import type { Archive, Article, Edition } from "../model/types.ts";
import { correctionNotes } from "../render/article-view.ts";
import { pageTitle } from "../render/masthead.ts";
import { imagePath } from "../render/story.ts";
import { absoluteUrl } from "../readers/generated-file.ts";
import { modifiedIso } from "../time/paper-date.ts";

/** How many entries the latest and section feeds carry (newest first). */
export const FEED_LENGTH = 50;

export interface FeedEntry {
  /** Stable across rebuilds, site moves and page moves: tag URI from the date and the slug. */
  readonly id: string;
  readonly url: string;
  readonly title: string;
  readonly summary: string;
  readonly contentHtml: string;
  /** RFC 3339 with the paper's offset. */
  readonly published: string;
  /** RFC 3339: its latest 更正's day, or `published`. */
  readonly updated: string;
  readonly authors: readonly string[];
  readonly section: string;
  readonly printPage: string;
  readonly imageUrl?: string;
}

export interface FeedSpec {
  /** Site path of the Atom file; the JSON Feed sits beside it with .json. */
  readonly atomPath: string;
  readonly jsonPath: string;
  readonly title: string;
  /** Stable feed id (tag URI). */
  readonly id: string;
  /** Site path of the HTML page this feed follows. */
  readonly homePath: string;
  readonly entries: readonly FeedEntry[];
  /** RFC 3339: the latest of its entries' `updated` (from the content, so a rebuild gives the same bytes). */
  readonly updated: string;
}

function tagAuthority(archive: Archive): string {
  return new URL(archive.site.siteUrl).hostname;
}

/** `tag:paper.example,2020-06-05:xiangmu-fali` (RFC 4151): the date and slug name an article for good. */
export function entryId(archive: Archive, edition: Edition, article: Article): string {
  return `tag:${tagAuthority(archive)},${edition.date}:${article.slug}`;
}

function plainText(html: string): string {
  return html.replace(/<[^>]+>/g, "").replace(/&[a-z#0-9]+;/gi, " ").replace(/\s+/g, " ").trim();
}

function escapeText(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[char]!);
}

// The latest feed and the section feeds list the same newest articles: each entry is made once.
const entriesMade = new WeakMap<Article, { readonly archive: Archive; readonly entry: FeedEntry }>();

export function feedEntry(archive: Archive, edition: Edition, article: Article): FeedEntry {
  const made = entriesMade.get(article);
  if (made?.archive === archive) return made.entry;
  const entry = makeFeedEntry(archive, edition, article);
  entriesMade.set(article, { archive, entry });
  return entry;
}

function makeFeedEntry(archive: Archive, edition: Edition, article: Article): FeedEntry {
  const page = edition.pages.find((candidate) => candidate.number === article.pageNumber) ?? edition.pages[0]!;
  const site = archive.site.siteUrl;
  const images = article.images.map((image) => ({ url: absoluteUrl(site, imagePath(edition, image)), image }));
  // Full text as printed: kicker and subtitle around the body, dateline run in, photos with captions.
  const parts = [
    article.kicker ? `<p><strong>${escapeText(article.kicker)}</strong></p>` : "",
    article.subtitle ? `<p>${escapeText(article.subtitle)}</p>` : "",
    ...images.map(({ url, image }) => `<figure><img src="${escapeText(url)}" alt="${escapeText(image.alt)}"><figcaption>${escapeText(image.caption)}${image.credit ? ` ${escapeText(image.credit)}` : ""}</figcaption></figure>`),
    article.dateline ? article.bodyHtml.replace(/<p>/, `<p>${escapeText(article.dateline)}　`) : article.bodyHtml,
    article.byline.length ? `<p>${escapeText(article.byline.join(" "))}</p>` : "",
    // The text is the corrected one: a reader of the feed sees what was corrected, and when.
    correctionNotes(article).value,
    `<p>${escapeText(`${archive.site.name} ${edition.dateText} ${pageTitle(page)}`)}</p>`,
  ];
  return {
    id: entryId(archive, edition, article),
    url: absoluteUrl(site, article.path),
    title: article.title,
    summary: plainText(article.bodyHtml).slice(0, 140),
    contentHtml: parts.filter(Boolean).join("\n"),
    published: edition.dateTime,
    updated: modifiedIso(article, edition, archive.site.timeZone),
    authors: article.byline,
    section: article.section,
    printPage: pageTitle(page),
    imageUrl: images[0]?.url,
  };
}

/**
 * Takes an edition's entries as made before (by the worker that rendered it, kept in the build
 * cache): the site-wide feeds then need not render its Markdown again. They must be the entries
 * of the same edition, made with the same settings and code (the render key says so); a list
 * that does not match its articles one by one is not taken.
 */
export function rememberFeedEntries(archive: Archive, edition: Edition, entries: readonly FeedEntry[]): boolean {
  const articles = edition.pages.flatMap((page) => page.articles);
  if (entries.length !== articles.length || articles.some((article, at) => entries[at]!.id !== entryId(archive, edition, article))) return false;
  articles.forEach((article, at) => entriesMade.set(article, { archive, entry: entries[at]! }));
  return true;
}

/** Every article of the edition in print order. */
export function editionEntries(archive: Archive, edition: Edition): FeedEntry[] {
  return edition.pages.flatMap((page) => page.articles.map((article) => feedEntry(archive, edition, article)));
}

/** Sections in the order the settings list them, then any others in order of first appearance. */
export function sectionsOf(archive: Archive): string[] {
  const names = new Set(archive.site.sections.map((section) => section.name));
  const used = new Set<string>();
  for (const edition of archive.editions) for (const page of edition.pages) for (const article of page.articles) used.add(article.section);
  return [...[...names].filter((name) => used.has(name)), ...[...used].filter((name) => !names.has(name))];
}

export function sectionFeedPath(section: string, extension: "xml" | "json"): string {
  return `feeds/sections/${section}.${extension}`;
}

function spec(archive: Archive, base: string, key: string, title: string, homePath: string, entries: FeedEntry[]): FeedSpec {
  return {
    atomPath: `${base}.xml`,
    jsonPath: `${base}.json`,
    title,
    id: `tag:${tagAuthority(archive)},2000:feed/${key}`,
    homePath,
    entries,
    updated: entries.reduce((latest, entry) => (entry.updated > latest ? entry.updated : latest), entries[0]?.published ?? archive.editions[0]?.dateTime ?? "2000-01-01T00:00:00Z"),
  };
}

/** The feed of one edition: every article of the day in print order. */
export function editionFeed(archive: Archive, edition: Edition): FeedSpec {
  return spec(archive, `${edition.path}feed`, `edition/${edition.date}`, `${archive.site.name} ${edition.dateText}`, edition.path, editionEntries(archive, edition));
}

/** The latest editions, newest first, up to FEED_LENGTH articles. */
export function latestFeed(archive: Archive): FeedSpec {
  const entries: FeedEntry[] = [];
  for (const edition of archive.editions) {
    if (entries.length >= FEED_LENGTH) break;
    entries.push(...editionEntries(archive, edition));
  }
  return spec(archive, "feeds/latest", "latest", `${archive.site.name} 最新各期`, "", entries.slice(0, FEED_LENGTH));
}

/** Every section's latest articles. One pass over the archive, stopping a section when it is full. */
export function sectionFeeds(archive: Archive): FeedSpec[] {
  const bySection = new Map<string, FeedEntry[]>(sectionsOf(archive).map((name) => [name, []]));
  for (const edition of archive.editions) {
    for (const page of edition.pages) {
      for (const article of page.articles) {
        const list = bySection.get(article.section)!;
        if (list.length < FEED_LENGTH) list.push(feedEntry(archive, edition, article));
      }
    }
  }
  return [...bySection].map(([name, entries]) =>
    spec(archive, `feeds/sections/${name}`, `section/${name}`, `${archive.site.name} ${name}`, "", entries),
  );
}
