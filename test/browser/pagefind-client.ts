/**
 * Runs Pagefind searches inside Chromium against a built site, as a reader's browser would:
 * shared by the search tests and the search benchmark. Records every byte fetched from pagefind/.
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
  readonly sort?: Record<string, "asc" | "desc">;
  /** How many results to load data for. */
  readonly show?: number;
}

export class PagefindClient {
  private bytes = 0;
  private constructor(
    readonly page: Page,
    readonly countBytes: boolean,
  ) {}

  /** Opens `siteUrl` (any page of the site) and loads pagefind/pagefind.js from the same origin. */
  static async open(browser: Browser, siteUrl: string, options: { countBytes?: boolean } = {}): Promise<PagefindClient> {
    const page = await browser.newPage();
    const client = new PagefindClient(page, options.countBytes ?? false);
    if (client.countBytes) page.on("response", async (response) => {
      if (!response.url().includes("/pagefind/")) return;
      const body = await response.body().catch(() => undefined);
      // Transfer size as served (these files are already compressed by Pagefind).
      client.bytes += body?.length ?? 0;
    });
    await page.goto(siteUrl);
    await page.evaluate(async (url) => {
      const pagefind = await import(url);
      await pagefind.options({ excerptLength: 40 });
      await pagefind.init();
      (window as any).__pagefind = pagefind;
    }, new URL("pagefind/pagefind.js", siteUrl).href);
    return client;
  }

  get bytesSoFar(): number {
    return this.bytes;
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchAnswer> {
    const before = this.bytes;
    const answer = await this.page.evaluate(
      async ({ query, options }) => {
        const pagefind = (window as any).__pagefind;
        const started = performance.now();
        const search = await pagefind.search(query, { filters: options.filters, sort: options.sort });
        const shown = await Promise.all(search.results.slice(0, options.show ?? 10).map((result: any) => result.data()));
        const milliseconds = performance.now() - started;
        return {
          query,
          total: search.results.length,
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
    return this.page.evaluate(() => (window as any).__pagefind.filters());
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}
