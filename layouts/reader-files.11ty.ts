// Site-wide reader files: the latest and section feeds, the list of editions and the API schema,
// the service worker, the site icon. Made from the model by src/readers/.
import type { LazyFile } from "../src/readers/reader-files.ts";
import { paginate, type TemplateData } from "../src/eleventy/template.ts";

export const data = {
  pagination: paginate("readerFiles"),
  permalink: (data: TemplateData<LazyFile>) => data.entry.path,
  eleventyExcludeFromCollections: true,
};

export function render(data: TemplateData<LazyFile>): string | Uint8Array {
  return data.entry.contents();
}
