/**
 * The model's pages → the layout engine's input, and the layout of a page, computed once per page
 * and shared by the check (overflow warnings) and the page view (box positions).
 */
import type { Article, Page } from "../model/types.ts";
import type { PageFormat } from "../site/settings.ts";
import { layoutPage, type PageLayout } from "./engine.ts";
import { pageGeometry } from "./geometry.ts";
import type { LayoutStory, TextBlock } from "./measure.ts";

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };

function plainText(markup: string): string {
  return markup
    .replace(/<[^>]+>/g, "")
    .replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]!)
    .replace(/\s+/g, " ")
    .trim();
}

/** Paragraphs and subheads of a body rendered by src/markdown (p, h1–h6, li, one level deep). */
export function textBlocks(bodyHtml: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  for (const match of bodyHtml.matchAll(/<(p|h[1-6]|li)\b[^>]*>([\s\S]*?)<\/\1>/g)) {
    const text = plainText(match[2]!);
    if (text) blocks.push({ kind: match[1]!.startsWith("h") ? "subhead" : "paragraph", text });
  }
  return blocks;
}

export function layoutStory(article: Article): LayoutStory {
  return {
    slug: article.slug,
    type: article.type,
    title: article.title,
    kicker: article.kicker,
    subtitle: article.subtitle,
    dateline: article.dateline,
    blocks: textBlocks(article.bodyHtmlOnPage),
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
