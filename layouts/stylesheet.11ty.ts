// The stylesheet, written under a content-hashed name so it can be cached forever.
import type { SiteData } from "../src/eleventy/site-data.ts";

export const data = {
  permalink: (data: { broadsheet: SiteData }) => data.broadsheet.assets.css,
  eleventyExcludeFromCollections: true,
};

export function render(data: { broadsheet: SiteData }): string {
  return data.broadsheet.stylesheet;
}
