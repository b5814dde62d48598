/**
 * The model's pages → the layout engine's input, and the layout of a page, computed once per page
 * and shared by the check (overflow warnings) and the page view (box positions).
 */
import type { Article, Page } from "../model/types.ts";
import type { PageFormat } from "../site/settings.ts";
import { layoutPage, type PageLayout } from "./engine.ts";
import { pageGeometry } from "./geometry.ts";
import type { LayoutStory } from "./measure.ts";

export function layoutStory(article: Article): LayoutStory {
  return {
    slug: article.slug,
    type: article.type,
    title: article.title,
    kicker: article.kicker,
    subtitle: article.subtitle,
    dateline: article.dateline,
    blocks: article.bodyBlocks,
    byline: article.byline.join(" "),
    images: article.images.map((image) => ({ caption: image.caption, credit: image.credit })),
    attachedTo: article.attachedTo,
    jumpLines: (article.continuedOn ? 1 : 0) + (article.continuedFrom ? 1 : 0),
    placement: article.placement,
  };
}

const layouts = new WeakMap<Page, { format: PageFormat; layout: PageLayout }>();

/** The page's layout; pages are immutable, so it is computed once per page and format. */
export function layoutOf(page: Page, format: PageFormat): PageLayout {
  const cached = layouts.get(page);
  if (cached && cached.format.columns === format.columns && cached.format.kind === format.kind) return cached.layout;
  const layout = layoutPage(page.articles.map(layoutStory), pageGeometry(format), page.number === 1);
  layouts.set(page, { format, layout });
  return layout;
}
