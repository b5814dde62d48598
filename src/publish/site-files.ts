/**
 * Files for crawlers and CDNs, written from the edition index (never from article bodies):
 * sitemap.xml (an index of a part per year past MAX_SITEMAP_URLS), news-sitemap.xml (Google News:
 * the last two days), robots.txt and _headers (Netlify / Cloudflare Pages format).
 * Absolute URLs come from site.siteUrl, so a site served from a sub-path lists the right URLs.
 */
import { EDITION_FOLDER } from "../content/edition-folder.ts";
import { byYear, type EditionIndexEntry } from "../model/edition-index.ts";
import { archiveEntries } from "../render/archive-view.ts";
import { SEARCH_INDEX_DIR } from "../search/bundles.ts";
import type { SiteSettings } from "../site/settings.ts";
import { absoluteUrl as absoluteSiteUrl } from "../readers/generated-file.ts";
import { sha256 } from "./fingerprint.ts";
import { MANIFEST_FILE } from "./output-manifest.ts";

export const MAX_SITEMAP_URLS = 10_000;
/** Google News takes articles of the last two days, at most 1,000 per sitemap. */
export const NEWS_DAYS = 2;
export const MAX_NEWS_URLS = 1_000;

export function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

export function absoluteUrl(site: SiteSettings, sitePath: string): string {
  return absoluteSiteUrl(site.siteUrl, sitePath);
}

interface SitemapUrl {
  readonly path: string;
  readonly lastmod: string;
}

/** An edition's URLs: itself, its pages and its articles, a corrected article at its 更正's date. */
function pushEditionUrls(edition: EditionIndexEntry, urls: SitemapUrl[]): void {
  urls.push({ path: edition.path, lastmod: edition.date });
  for (const page of edition.pages) {
    urls.push({ path: page.path, lastmod: edition.date });
    for (const article of page.articles) urls.push({ path: article.path, lastmod: article.dateModified ?? edition.date });
  }
}

/** Every public URL, oldest edition first and site-wide pages last. */
export function sitemapUrls(index: readonly EditionIndexEntry[]): SitemapUrl[] {
  const urls: SitemapUrl[] = [];
  for (const edition of [...index].reverse()) pushEditionUrls(edition, urls);
  const latest = index[0]?.date;
  if (latest) {
    urls.push({ path: "", lastmod: latest });
    for (const entry of archiveEntries(index)) urls.push({ path: entry.path, lastmod: latest });
  }
  return urls;
}

const XML_HEAD = `<?xml version="1.0" encoding="UTF-8"?>\n`;

function urlset(site: SiteSettings, urls: readonly SitemapUrl[]): string {
  const body = urls.map((url) => `<url><loc>${xmlEscape(absoluteUrl(site, url.path))}</loc><lastmod>${url.lastmod}</lastmod></url>`).join("\n");
  return `${XML_HEAD}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</urlset>\n`;
}

/** "sitemap-2015.xml", "sitemap-2015-2.xml" → "2015": the part of a year's URLs. */
export function sitemapYearOf(name: string): string | undefined {
  return /^sitemap-(\d{4})(?:-\d+)?\.xml$/.exec(name)?.[1];
}

/** An edition's URLs: itself, its pages and its articles (counted without reading the articles). */
const urlCount = (edition: EditionIndexEntry) => 1 + edition.pageCount + edition.articleCount;

/** Whether the site's URLs exceed one sitemap, so that sitemap.xml is an index of parts. */
export function sitemapIsSplit(index: readonly EditionIndexEntry[], maxUrls = MAX_SITEMAP_URLS): boolean {
  let count = 0;
  for (const edition of index) count += urlCount(edition);
  return count + 1 + archiveEntries(index).length > maxUrls;
}

/**
 * Site path → file contents: `sitemap.xml` alone while the site has at most `maxUrls` URLs. Past
 * that, sitemap.xml is an index of `sitemap-site.xml` (the home page and /archive/) and one part
 * per year, `sitemap-<year>.xml` (then `-2`, `-3` … past the limit), which holds the year's
 * editions, pages, articles and archive pages. A year's part depends on that year alone, so
 * publishing a day changes its year's part and the index; `years` limits the parts made to those
 * years (the others are published and unchanged; the index still lists them, from counts alone:
 * their articles are not read).
 */
export function sitemapFiles(site: SiteSettings, index: readonly EditionIndexEntry[], options: { readonly maxUrls?: number; readonly years?: ReadonlySet<string> } = {}): Map<string, string> {
  const maxUrls = options.maxUrls ?? MAX_SITEMAP_URLS;
  const files = new Map<string, string>();
  if (!sitemapIsSplit(index, maxUrls)) {
    files.set("sitemap.xml", urlset(site, sitemapUrls(index)));
    return files;
  }
  const latest = index[0]!.date;
  const siteUrls: SitemapUrl[] = [{ path: "", lastmod: latest }];
  /** Year → its editions oldest first, and its archive pages. */
  const years = new Map([...byYear([...index].reverse())].map(([year, editions]) => [year, { editions, archive: [] as string[] }]));
  for (const entry of archiveEntries(index)) {
    if (entry.scope.kind === "all") siteUrls.push({ path: entry.path, lastmod: latest });
    else years.get(entry.scope.year)!.archive.push(entry.path);
  }
  const entries = [`<sitemap><loc>${xmlEscape(absoluteUrl(site, "sitemap-site.xml"))}</loc><lastmod>${latest}</lastmod></sitemap>`];
  files.set("sitemap-site.xml", urlset(site, siteUrls));
  for (const [year, { editions, archive }] of years) {
    // A year's archive pages change when its newest edition does: that is their lastmod.
    const newest = editions.at(-1)!.date;
    const total = editions.reduce((sum, edition) => sum + urlCount(edition), 0) + archive.length;
    /**
     * The lastmod of the part holding the year's URLs from `start` to `end` (URLs oldest first):
     * the latest date of the editions with URLs in it, or of their corrections, or `newest` when
     * it holds archive pages. From the light index: kept years' articles are not read.
     */
    const partLastmod = (start: number, end: number) => {
      let seen = 0;
      let latest = "";
      for (const edition of editions) {
        const first = seen;
        seen += urlCount(edition);
        if (seen <= start || first >= end) continue;
        const date = edition.correctedOn ?? edition.date;
        if (date > latest) latest = date;
      }
      return end > seen && newest > latest ? newest : latest;
    };
    let urls: SitemapUrl[] | undefined;
    if (!options.years || options.years.has(year)) {
      urls = [];
      for (const edition of editions) pushEditionUrls(edition, urls);
      for (const path of archive) urls.push({ path, lastmod: newest });
    }
    for (let start = 0; start < total; start += maxUrls) {
      const name = start === 0 ? `sitemap-${year}.xml` : `sitemap-${year}-${start / maxUrls + 1}.xml`;
      if (urls) files.set(name, urlset(site, urls.slice(start, start + maxUrls)));
      entries.push(`<sitemap><loc>${xmlEscape(absoluteUrl(site, name))}</loc><lastmod>${partLastmod(start, Math.min(start + maxUrls, total))}</lastmod></sitemap>`);
    }
  }
  files.set("sitemap.xml", `${XML_HEAD}<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join("\n")}\n</sitemapindex>\n`);
  return files;
}

/** The calendar day `days` before `date` (YYYY-MM-DD), computed in UTC (no clock, no zone). */
function daysBefore(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - days);
  return day.toISOString().slice(0, 10);
}

/**
 * Google News sitemap: articles of the newest edition's day and the day before. "Two days" is
 * counted back from the newest edition, not from the build clock, so the file is reproducible.
 */
export function newsSitemap(site: SiteSettings, index: readonly EditionIndexEntry[]): string {
  const newest = index[0]?.date;
  const cutoff = newest ? daysBefore(newest, NEWS_DAYS - 1) : "";
  const entries: string[] = [];
  for (const edition of index) {
    if (edition.date < cutoff) break;
    for (const page of edition.pages) {
      for (const article of page.articles) {
        if (entries.length >= MAX_NEWS_URLS) break;
        entries.push(`<url><loc>${xmlEscape(absoluteUrl(site, article.path))}</loc><news:news><news:publication><news:name>${xmlEscape(site.name)}</news:name><news:language>zh-cn</news:language></news:publication><news:publication_date>${edition.dateTime}</news:publication_date><news:title>${xmlEscape(article.title)}</news:title></news:news></url>`);
      }
    }
  }
  return `${XML_HEAD}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n${entries.join("\n")}${entries.length ? "\n" : ""}</urlset>\n`;
}

export function robotsTxt(site: SiteSettings): string {
  return `User-agent: *\nDisallow:\n\nSitemap: ${absoluteUrl(site, "sitemap.xml")}\nSitemap: ${absoluteUrl(site, "news-sitemap.xml")}\n`;
}

/**
 * Content-Security-Policy: no inline script or style anywhere; scripts are module files from
 * assets/; Pagefind's search needs WebAssembly ('wasm-unsafe-eval'), nothing else.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join("; ");

export const IMMUTABLE = "public, max-age=31536000, immutable";
/**
 * Pages, feeds and indexes change when an edition is published or corrected: a browser asks again
 * each time (a 304 by ETag when nothing changed), so a correction shows at once. This is what
 * Netlify and Cloudflare Pages send when `_headers` names no Cache-Control (their own CDN keeps
 * every file until the next deploy).
 */
export const SHORT_LIVED = "public, max-age=0, must-revalidate";
/**
 * The same for a deploy to storage (deploy-plan.ts), but a CDN in front of the bucket may keep a
 * page five minutes (`s-maxage`) instead of asking the bucket at every view, a request that S3 and
 * R2 bill; browsers still ask the CDN each time.
 */
export const STORAGE_SHORT_LIVED = "public, max-age=0, s-maxage=300, must-revalidate";

/**
 * The folders of an edition whose every file is named by a hash of what it holds
 * (src/images/process-images.ts): photos, page scans, share cards, page thumbnails. A changed
 * picture gets a new name, so these are as immutable as /assets/; they are most of a site's bytes.
 */
const HASHED_EDITION_FOLDERS = ["cards", "images", "scans", "thumbs"] as const;
/**
 * Pagefind names its index files by a hash of their contents (`fragment/zh-cn_1a2b3c4.pf_fragment`),
 * meant to be cached for good; its script, worker, WebAssembly and entry file keep their names.
 */
const SEARCH_HASHED_ENDINGS = [".pf_fragment", ".pf_filter", ".pf_index", ".pf_meta"] as const;

/** Whether a site path has a content-hashed name, so is served as immutable (by `_headers` on Netlify and Cloudflare Pages too). */
export function isImmutable(sitePath: string): boolean {
  if (sitePath.startsWith("assets/")) return true;
  if (sitePath.startsWith(`${SEARCH_INDEX_DIR}/`)) return SEARCH_HASHED_ENDINGS.some((ending) => sitePath.endsWith(ending));
  const [top, folder, rest] = sitePath.split("/", 3);
  return rest !== undefined && EDITION_FOLDER.test(top!) && (HASHED_EDITION_FOLDERS as readonly string[]).includes(folder!);
}

/**
 * The Cache-Control of a site path deployed to storage, which takes it per object (deploy-plan.ts).
 * The manifests (`files.json` and its parts) are for the next deploy plan, which reads them over
 * HTTP: a CDN must not keep them, or that plan would start from a site the host no longer holds
 * and leave on it what the deploy before had put there and this build withdrew.
 */
export function storageCacheControl(sitePath: string): string {
  if (isImmutable(sitePath)) return IMMUTABLE;
  return sitePath === MANIFEST_FILE || sitePath.endsWith(`/${MANIFEST_FILE}`) ? SHORT_LIVED : STORAGE_SHORT_LIVED;
}

/**
 * Names what storageCacheControl gives a path of every kind the site has, for the top-level
 * `files.json` (`cacheRules`). Storage keeps the Cache-Control an object was uploaded with until it
 * is uploaded again, and a file whose bytes never change is never uploaded again: when a version of
 * Broadsheet gives some kind of file another Cache-Control, the deploy plan sees a different id on
 * the host and uploads every file again (deploy-plan.ts). Taken from what the rules give, not from
 * their constants, so that a change to which paths are immutable counts too.
 */
export const CACHE_RULES: string = (() => {
  const kinds = [
    "index.html",
    "404.html",
    MANIFEST_FILE,
    "_headers",
    "robots.txt",
    "sitemap.xml",
    "feeds/latest.xml",
    "api/editions.json",
    "archive/2020/06/index.html",
    "sw.js",
    "assets/broadsheet.0123456789.css",
    "assets/search.0123456789.js",
    "2020-06-05/index.html",
    "2020-06-05/01/index.html",
    "2020-06-05/01/story/index.html",
    `2020-06-05/${MANIFEST_FILE}`,
    "2020-06-05/edition.json",
    "2020-06-05/feed.xml",
    ...HASHED_EDITION_FOLDERS.flatMap((folder) => [`2020-06-05/${folder}/story.0123456789.jpg`, `${folder}/story.jpg`]),
    ...["pagefind.js", "pagefind-worker.js", "wasm.unknown.pagefind", "pagefind-entry.json", MANIFEST_FILE].map((name) => `${SEARCH_INDEX_DIR}/2020-06/${name}`),
    ...SEARCH_HASHED_ENDINGS.map((ending) => `${SEARCH_INDEX_DIR}/2020-06/fragment/zh-cn_0123456${ending}`),
  ];
  const rules = kinds.map((sitePath) => `${sitePath}\t${storageCacheControl(sitePath)}\n`).join("");
  return sha256(rules).slice(0, 16);
})();

/**
 * `_headers` for Netlify and Cloudflare Pages: security headers on every path, and `immutable` on
 * the files with content-hashed names: `/assets/*`, an edition's hashed folders
 * (`/:edition/cards/*`, `:name` standing for one path segment on both hosts) and Pagefind's index
 * files. Every other path gets the hosts' own default, SHORT_LIVED. Cache rules must not overlap
 * (Cloudflare joins the values of one header from every matching rule with a comma), and a
 * short-lived rule for the editions' pages could not leave their pictures out on Netlify, which
 * matches `/2020-*\/` as it does `/2020-*`; so the file names only what is immutable.
 * Paths are relative to the deployed folder, which both hosts serve from the root of its domain.
 */
export function headersFile(): string {
  const immutable = [
    "/assets/*",
    ...HASHED_EDITION_FOLDERS.map((folder) => `/:edition/${folder}/*`),
    ...SEARCH_HASHED_ENDINGS.map((ending) => `/${SEARCH_INDEX_DIR}/*${ending}`),
  ];
  const security = [
    "/*",
    `  Content-Security-Policy: ${CONTENT_SECURITY_POLICY}`,
    "  X-Content-Type-Options: nosniff",
    "  Referrer-Policy: strict-origin-when-cross-origin",
    "  X-Frame-Options: SAMEORIGIN",
  ].join("\n");
  const cache = immutable.map((rule) => `${rule}\n  Cache-Control: ${IMMUTABLE}`).join("\n\n");
  return `# Written by Broadsheet. Security headers everywhere; immutable cache for content-hashed files; every other path\n# the host's default, ${SHORT_LIVED}.\n${security}\n\n${cache}\n`;
}
