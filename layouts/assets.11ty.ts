// Stylesheets and scripts from assets/, written under content-hashed names so they can be cached forever.
import type { AssetFile } from "../src/eleventy/site-data.ts";
import { paginate, type TemplateData } from "../src/eleventy/template.ts";

export const data = {
  pagination: paginate("assetFiles"),
  permalink: (data: TemplateData<AssetFile>) => data.entry.path,
  eleventyExcludeFromCollections: true,
};

export function render(data: TemplateData<AssetFile>): string {
  return data.entry.contents;
}
