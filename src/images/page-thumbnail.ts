/**
 * A page without a scan still gets a picture in 版面导航 and the archive: the layout engine's own
 * boxes (src/layout), drawn small as SVG — the same geometry the page and its hot zones use.
 */
import { layoutOf } from "../layout/page-layout.ts";
import type { Page } from "../model/types.ts";
import type { PageFormat } from "../site/settings.ts";

export const THUMBNAIL_WIDTH = 120;
export const THUMBNAIL_HEIGHT = 168;

const MARGIN = 6;
const HEAD = 16;

export function pageThumbnailSvg(page: Page, format: PageFormat): string {
  const layout = layoutOf(page, format);
  const bySlug = new Map(page.articles.map((article) => [article.slug, article]));
  const inner = THUMBNAIL_WIDTH - 2 * MARGIN;
  const columnWidth = inner / layout.columns;
  // An overfull page is drawn whole, squeezed into the thumbnail.
  const rowHeight = (THUMBNAIL_HEIGHT - 2 * MARGIN - HEAD) / Math.max(layout.rows, layout.usedRows, 1);
  const shapes: string[] = [];
  // The masthead (front page) or running head: a red band.
  shapes.push(`<rect x="${MARGIN}" y="${MARGIN}" width="${inner}" height="${page.number === 1 ? HEAD - 4 : 4}" fill="#b3131b"/>`);
  for (const box of layout.boxes) {
    const article = bySlug.get(box.slug);
    if (!article) continue;
    const x = MARGIN + box.column * columnWidth;
    const top = MARGIN + HEAD + box.row * rowHeight;
    const width = box.columns * columnWidth;
    const height = box.rows * rowHeight;
    shapes.push(`<rect x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${width.toFixed(1)}" height="${height.toFixed(1)}" fill="${article.type === "comment" ? "#efe6d2" : "none"}" stroke="#8a8170" stroke-width=".5"/>`);
    // Headline bar, then grey text lines (and a photo block when the story has one).
    shapes.push(`<rect x="${(x + 2).toFixed(1)}" y="${(top + 2).toFixed(1)}" width="${(width - 4).toFixed(1)}" height="${box.lead ? 4 : 2.5}" fill="#222"/>`);
    let y = top + (box.lead ? 9 : 7);
    if (article.images.length) {
      const photoHeight = Math.min(height - 9, (width - 4) * (box.columns >= 4 ? 0.4 : 0.667));
      shapes.push(`<rect x="${(x + 2).toFixed(1)}" y="${y.toFixed(1)}" width="${(width - 4).toFixed(1)}" height="${Math.max(0, photoHeight).toFixed(1)}" fill="#9c9588"/>`);
      y += photoHeight + 2;
    }
    for (; y < top + height - 2; y += 1.6) {
      shapes.push(`<rect x="${(x + 2).toFixed(1)}" y="${y.toFixed(1)}" width="${(width - 4).toFixed(1)}" height=".6" fill="#b5ae9f"/>`);
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${THUMBNAIL_WIDTH}" height="${THUMBNAIL_HEIGHT}" viewBox="0 0 ${THUMBNAIL_WIDTH} ${THUMBNAIL_HEIGHT}"><rect width="100%" height="100%" fill="#fbf8f1" stroke="#c9c1b0"/>${shapes.join("")}</svg>\n`;
}
