/**
 * Where each story of a page goes on the column grid. This first placement gives every story a
 * width in columns from its type and length and lets the grid stack them in print order; the
 * layout engine refines it with heights computed from the text.
 */
import type { Article, Page } from "../model/types.ts";
import type { PageFormat } from "../site/settings.ts";

export interface Placement {
  readonly slug: string;
  /** Width of the story's box in grid columns (栏). */
  readonly span: number;
}

export function placePage(page: Page, format: PageFormat): readonly Placement[] {
  const columns = format.columns;
  const boxWidth = Math.min(2, Math.max(1, columns - 2));
  return page.articles.map((article) => ({ slug: article.slug, span: Math.min(columns, widthOf(article, page, columns, boxWidth)) }));
}

function widthOf(article: Article, page: Page, columns: number, boxWidth: number): number {
  if (article.attachedTo) return boxWidth;
  if (article.type === "lead") return article.attachments.length ? columns - boxWidth * article.attachments.length : columns;
  if (article.type === "photo") return Math.ceil(columns / 2);
  if (article.type === "brief" || article.type === "notice") return Math.max(1, Math.floor(columns / 4));
  const share = page.articles.length > 4 ? 4 : 3;
  if (article.textLength > 900) return Math.ceil((columns * share) / 8);
  return Math.max(2, Math.floor(columns / 4));
}
