// `/`: the latest edition's front page itself (no redirect), canonical to its dated URL.
import { contextFor } from "../src/eleventy/template.ts";
import type { SiteData } from "../src/eleventy/site-data.ts";
import { pageView } from "../src/render/page-view.ts";

export const data = { permalink: "index.html", eleventyExcludeFromCollections: true };

export function render(data: { broadsheet: SiteData }): string {
  const edition = data.broadsheet.archive.editions[0]!;
  return pageView(contextFor(data, ""), edition, edition.pages[0]!, { allHeadlines: true, canonical: edition.path });
}
