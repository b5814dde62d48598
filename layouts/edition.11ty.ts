// `/YYYY-MM-DD/`: the edition — its front page, 版面导航 of every page, 标题导航 of every headline.
import { contextFor, paginate, type TemplateData } from "../src/eleventy/template.ts";
import type { Edition } from "../src/model/types.ts";
import { pageView } from "../src/render/page-view.ts";

export const data = {
  pagination: paginate("archive.editions"),
  permalink: (data: TemplateData<Edition>) => `${data.entry.path}index.html`,
  eleventyExcludeFromCollections: true,
};

export function render(data: TemplateData<Edition>): string {
  const edition = data.entry;
  return pageView(contextFor(data, edition.path), edition, edition.pages[0]!, { allHeadlines: true, canonical: edition.path });
}
