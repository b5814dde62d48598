// `/YYYY-MM-DD/NN/`: one page (版) of an edition.
import type { PageEntry } from "../src/eleventy/site-data.ts";
import { contextFor, paginate, type TemplateData } from "../src/eleventy/template.ts";
import { pageView } from "../src/render/page-view.ts";

export const data = {
  pagination: paginate("pages"),
  permalink: (data: TemplateData<PageEntry>) => `${data.entry.page.path}index.html`,
  eleventyExcludeFromCollections: true,
};

export function render(data: TemplateData<PageEntry>): string {
  const { edition, page } = data.entry;
  return pageView(contextFor(data, page.path), edition, page);
}
