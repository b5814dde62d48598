/** A file the reader-facing generators (feeds, API, search page data, service worker) add to the site. */
export interface GeneratedFile {
  /** Site path without a leading slash: "api/editions.json". */
  readonly path: string;
  readonly contents: string;
}

/** Absolute URL of a site path under the paper's siteUrl (which may carry a sub-path). */
export function absoluteUrl(siteUrl: string, sitePath: string): string {
  return new URL(sitePath, siteUrl.endsWith("/") ? siteUrl : `${siteUrl}/`).href;
}
