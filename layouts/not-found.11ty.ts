// `/404.html`: served by CDNs at any depth, so its links start from the site's base path.
import type { SiteData } from "../src/eleventy/site-data.ts";
import { contextFor } from "../src/eleventy/template.ts";
import { notFoundView } from "../src/render/archive-view.ts";
import { basePath } from "../src/site/settings.ts";

export const data = { permalink: "404.html", eleventyExcludeFromCollections: true };

export function render(data: { broadsheet: SiteData }): string {
  return notFoundView(contextFor(data, "", basePath(data.broadsheet.archive.site)));
}
