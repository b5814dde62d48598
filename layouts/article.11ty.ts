// `/YYYY-MM-DD/NN/<slug>/`: one article.
import type { ArticleEntry } from "../src/eleventy/site-data.ts";
import { contextFor, paginate, type TemplateData } from "../src/eleventy/template.ts";
import { articleView } from "../src/render/article-view.ts";

export const data = {
  pagination: paginate("articles"),
  permalink: (data: TemplateData<ArticleEntry>) => `${data.entry.article.path}index.html`,
  eleventyExcludeFromCollections: true,
};

export function render(data: TemplateData<ArticleEntry>): string {
  const { edition, page, article } = data.entry;
  return articleView(contextFor(data, article.path), edition, page, article);
}
