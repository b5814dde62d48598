// Each edition's JSON API document and its feeds: made from the model by src/readers/, per edition.
import type { LazyFile } from "../src/readers/reader-files.ts";
import { paginate, type TemplateData } from "../src/eleventy/template.ts";

export const data = {
  pagination: paginate("editionFiles"),
  permalink: (data: TemplateData<LazyFile>) => data.entry.path,
  eleventyExcludeFromCollections: true,
};

export function render(data: TemplateData<LazyFile>): string | Uint8Array {
  return data.entry.contents();
}
