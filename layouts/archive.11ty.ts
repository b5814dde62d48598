// `/archive/`, `/archive/YYYY/`, `/archive/YYYY/MM/`: 往期回顾.
import { contextFor, paginate, type TemplateData } from "../src/eleventy/template.ts";
import { archiveView, type ArchiveEntry } from "../src/render/archive-view.ts";

export const data = {
  pagination: paginate("archiveEntries"),
  permalink: (data: TemplateData<ArchiveEntry>) => `${data.entry.path}index.html`,
  eleventyExcludeFromCollections: true,
};

export function render(data: TemplateData<ArchiveEntry>): string {
  return archiveView(contextFor(data, data.entry.path), data.entry, data.broadsheet.editionIndex);
}
