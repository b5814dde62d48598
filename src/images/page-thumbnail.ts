/**
 * A page without a scan still gets a picture in 版面导航 and the archive: its boxes on the column
 * grid, drawn small as SVG. Box widths come from the layout (`placePage` spans); heights are
 * estimated from the text length, and boxes stack like the page grid (each in the lowest place its
 * columns allow).
 */
import { placePage } from "../layout/place-page.ts";
import type { Page } from "../model/types.ts";
import type { PageFormat } from "../site/settings.ts";

export const THUMBNAIL_WIDTH = 120;
export const THUMBNAIL_HEIGHT = 168;

const MARGIN = 6;
const HEAD = 16;

interface Box {
  readonly article: Page["articles"][number];
  readonly column: number;
  readonly span: number;
  readonly top: number;
  readonly height: number;
}

/** Packs boxes like the page grid: each in the lowest place its columns allow, heights scaled by `factor`. */
function pack(page: Page, spans: ReadonlyMap<string, number>, columns: number, columnWidth: number, factor: number): Box[] {
  const skyline = new Array<number>(columns).fill(MARGIN + HEAD);
  const boxes: Box[] = [];
  for (const article of page.articles) {
    const span = Math.min(columns, spans.get(article.slug) ?? 2);
    let column = 0;
    let top = Infinity;
    for (let start = 0; start + span <= columns; start++) {
      const at = Math.max(...skyline.slice(start, start + span));
      if (at < top) [top, column] = [at, start];
    }
    // About ten characters of print per thumbnail pixel in one column; a photo is about 3:5.
    const height = (8 + article.textLength / (span * 10) + (article.images.length ? span * columnWidth * 0.6 : 0)) * factor;
    boxes.push({ article, column, span, top, height });
    for (let index = column; index < column + span; index++) skyline[index] = top + height;
  }
  return boxes;
}

export function pageThumbnailSvg(page: Page, format: PageFormat): string {
  const columns = format.columns;
  const spans = new Map(placePage(page, format).map((placement) => [placement.slug, placement.span]));
  const inner = THUMBNAIL_WIDTH - 2 * MARGIN;
  const columnWidth = inner / columns;
  const bottom = THUMBNAIL_HEIGHT - MARGIN;
  // A printed page is full: stretch (or shrink) the estimate so the deepest column reaches the foot.
  const estimate = pack(page, spans, columns, columnWidth, 1);
  const deepest = Math.max(...estimate.map((box) => box.top + box.height));
  const factor = (bottom - MARGIN - HEAD) / Math.max(1, deepest - MARGIN - HEAD);
  const shapes: string[] = [];
  // The masthead (front page) or running head: a red band.
  shapes.push(`<rect x="${MARGIN}" y="${MARGIN}" width="${inner}" height="${page.number === 1 ? HEAD - 4 : 4}" fill="#b3131b"/>`);
  for (const { article, column, span, top, height } of pack(page, spans, columns, columnWidth, factor)) {
    const x = MARGIN + column * columnWidth;
    const width = span * columnWidth;
    shapes.push(`<rect x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${width.toFixed(1)}" height="${height.toFixed(1)}" fill="${article.type === "comment" ? "#efe6d2" : "none"}" stroke="#8a8170" stroke-width=".5"/>`);
    // Headline bar, then grey text lines (and a photo block when the story has one).
    shapes.push(`<rect x="${(x + 2).toFixed(1)}" y="${(top + 2).toFixed(1)}" width="${(width - 4).toFixed(1)}" height="${article.type === "lead" ? 4 : 2.5}" fill="#222"/>`);
    let y = top + (article.type === "lead" ? 9 : 7);
    if (article.images.length) {
      const photoHeight = Math.min(height - 9, span * columnWidth * 0.6 * factor);
      shapes.push(`<rect x="${(x + 2).toFixed(1)}" y="${y.toFixed(1)}" width="${(width - 4).toFixed(1)}" height="${photoHeight.toFixed(1)}" fill="#9c9588"/>`);
      y += photoHeight + 2;
    }
    for (; y < top + height - 2; y += 1.6) {
      shapes.push(`<rect x="${(x + 2).toFixed(1)}" y="${y.toFixed(1)}" width="${(width - 4).toFixed(1)}" height=".6" fill="#b5ae9f"/>`);
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${THUMBNAIL_WIDTH}" height="${THUMBNAIL_HEIGHT}" viewBox="0 0 ${THUMBNAIL_WIDTH} ${THUMBNAIL_HEIGHT}"><rect width="100%" height="100%" fill="#fbf8f1" stroke="#c9c1b0"/>${shapes.join("")}</svg>\n`;
}
