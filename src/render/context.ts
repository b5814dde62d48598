/**
 * What every view needs besides its own data: the site, the archive, where the page being written
 * lives (for relative links) and the hashed asset paths.
 */
import type { ImageManifest } from "../images/manifest.ts";
import { editionIndexEntry, type EditionIndexEntry } from "../model/edition-index.ts";
import type { Archive, Article, Edition, Page } from "../model/types.ts";
import { relativeUrl } from "./urls.ts";

export interface Assets {
  /** Site path of the stylesheet, content-hashed: assets/broadsheet.1a2b3c4d.css */
  readonly css: string;
  /** Every asset: path under assets/ ("js/page-zoom.js") → hashed site path. */
  readonly files: Readonly<Record<string, string>>;
}

export class ViewContext {
  constructor(
    readonly archive: Archive,
    readonly assets: Assets,
    /** Site path of the page being rendered ("" for the home page). */
    readonly here: string,
    /** For pages served at any depth (404): links from the site's base path instead of relative ones. */
    readonly fromBase?: string,
    /** Published photos, scans, thumbnails and share cards (absent in a preview without images). */
    readonly images?: ImageManifest,
    /**
     * Every edition the page may link to, newest first, as light entries: the whole archive for
     * site-wide pages, an edition and its neighbours when one edition is rendered on its own.
     */
    index?: readonly EditionIndexEntry[],
  ) {
    this.index = index ?? archive.editions.map(editionIndexEntry);
  }

  readonly index: readonly EditionIndexEntry[];

  get site() {
    return this.archive.site;
  }

  /** A relative link from this page to a site path. */
  url(to: string): string {
    return this.fromBase !== undefined ? `${this.fromBase}${to}` : relativeUrl(this.here, to);
  }

  /** Absolute URL, for canonical links and feeds. */
  absolute(to: string): string {
    return new URL(to, this.site.siteUrl.endsWith("/") ? this.site.siteUrl : `${this.site.siteUrl}/`).href;
  }
}

/** Neighbours of a page or an article, for 上一版 / 下一版 and 上一篇 / 下一篇. */
export interface Neighbours<T> {
  readonly previous?: T;
  readonly next?: T;
}

export function neighbours<T>(items: readonly T[], item: T): Neighbours<T> {
  const index = items.indexOf(item);
  return { previous: index > 0 ? items[index - 1] : undefined, next: index >= 0 ? items[index + 1] : undefined };
}

/** Every article of an edition in print order, page by page. */
export function editionArticles(edition: Edition): readonly { page: Page; article: Article }[] {
  return edition.pages.flatMap((page) => page.articles.map((article) => ({ page, article })));
}
