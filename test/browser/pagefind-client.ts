/**
 * Runs Pagefind searches inside Chromium against a built site, as a reader's browser would:
 * shared by the search tests and the search benchmark. Newest first, as the search page lists them. Records every byte fetched from pagefind/.
 */
import type { Browser, Page } from "playwright-core";

export interface SearchHit {
  readonly url: string;
  readonly title: string;
  readonly date: string;
  readonly page: string;
  readonly excerpt: string;
}

export interface SearchAnswer {
  readonly query: string;
  readonly total: number;
  readonly hits: readonly SearchHit[];
  /** Milliseconds for search() plus loading the shown results' data. */
  readonly milliseconds: number;
  /** Bytes fetched from pagefind/ during this query (after the ones before it). */
  readonly bytes: number;
}

export interface SearchOptions {
  readonly filters?: Record<string, unknown>;
  /** YYYY-MM-DD bounds: bundles wholly outside them are not searched (exact dates go in filters). */
  readonly from?: string;
  readonly to?: string;
  /** How many results to load data for. */
  readonly show?: number;
}

export class PagefindClient {
  private bytes = 0;
  private constructor(
    readonly page: Page,
    readonly countBytes: boolean,
  ) {}

  /**
   * Opens the site's search page (`siteUrl` is the site root) and its search index the way the page
   * does (assets/js/search-index.js: every bundle, newest first).
   */
  static async open(browser: Browser, siteUrl: string, options: { countBytes?: boolean } = {}): Promise<PagefindClient> {
    const page = await browser.newPage();
    const client = new PagefindClient(page, options.countBytes ?? false);
    if (client.countBytes) page.on("response", async (response) => {
      if (!response.url().includes("/pagefind/")) return;
      const body = await response.body().catch(() => undefined);
      // Transfer size as served (these files are already compressed by Pagefind).
      client.bytes += body?.length ?? 0;
    });
    await page.goto(new URL("search/", siteUrl).href);
    await page.evaluate(async () => {
      const form = document.querySelector<HTMLFormElement>("form[data-search]")!;
      const engine = await import(new URL(form.dataset.engine!, document.baseURI).href);
      const index = await engine.openSearchIndex({ root: new URL(form.dataset.index!, document.baseURI).href, bundles: form.dataset.bundles!.split(" "), options: { excerptLength: 40 } });
      (window as any).__searchIndex = index;
    });
    return client;
  }

  get bytesSoFar(): number {
    return this.bytes;
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchAnswer> {
    const before = this.bytes;
    const answer = await this.page.evaluate(
      async ({ query, options }) => {
        const index = (window as any).__searchIndex;
        const started = performance.now();
        const results = await index.search(query, { filters: options.filters, from: options.from, to: options.to });
        const shown = await Promise.all(results.slice(0, options.show ?? 10).map((result: any) => result.data()));
        const milliseconds = performance.now() - started;
        return {
          query,
          total: results.length,
          milliseconds,
          hits: shown.map((data: any) => ({ url: data.url, title: data.meta.title, date: data.meta.date, page: data.meta.page, excerpt: data.excerpt })),
        };
      },
      { query, options },
    );
    // Responses are counted asynchronously: let them land.
    if (this.countBytes) await this.page.waitForTimeout(50);
    return { ...answer, bytes: this.bytes - before };
  }

  async filters(): Promise<Record<string, Record<string, number>>> {
    return this.page.evaluate(() => (window as any).__searchIndex.filters());
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}
