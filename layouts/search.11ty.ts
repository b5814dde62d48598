// `/search/`: full-text search of every edition (Pagefind, in the browser).
import type { SiteData } from "../src/eleventy/site-data.ts";
import { contextFor } from "../src/eleventy/template.ts";
import { SEARCH_PATH, searchView } from "../src/search/search-view.ts";

export const data = { permalink: `${SEARCH_PATH}index.html`, eleventyExcludeFromCollections: true };

export function render(data: { broadsheet: SiteData }): string {
  return searchView(contextFor(data, SEARCH_PATH));
}
