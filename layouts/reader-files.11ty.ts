// Feeds, the JSON API and its schema, the service worker: files made from the model by src/readers/.
import type { LazyFile } from "../src/readers/reader-files.ts";
import { paginate, type TemplateData } from "../src/eleventy/template.ts";

export const data = {
  pagination: paginate("readerFiles"),
  permalink: (data: TemplateData<LazyFile>) => data.entry.path,
  eleventyExcludeFromCollections: true,
};

export function render(data: TemplateData<LazyFile>): string {
  return data.entry.contents();
}
