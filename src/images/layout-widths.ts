/**
 * Which widths a photo is made in, and the `sizes` that tell the browser how wide it is shown.
 * The numbers follow assets/css/broadsheet.css: a page stage of about 1012 px on a desktop
 * (1500 px layout − 11rem and 15rem sidebars − gaps), page padding 3.4cqi a side, story padding
 * 1.1cqi a side; a single column under 760 px; the article column 46rem − 2.5rem.
 */
const DESKTOP_PAGE_PX = 1012;
const PAGE_INNER_SHARE = 1 - 2 * 0.034;
const STORY_PADDING_SHARE = 2 * 0.011;
const ARTICLE_COLUMN_PX = 696;
/** Full screen: a photo opened on its own on a large display. */
const FULL_SCREEN_PX = 1920;
/** A phone in portrait, the single-column page (390 px − margins); ×2 is covered by the article column. */
const PHONE_PX = 400;
/** Candidates closer than this share of each other add bytes without saving any. */
const NEAR = 0.15;

/** The story box's content width on a desktop page, in CSS pixels. */
export function boxWidthPx(span: number, columns: number): number {
  return Math.round(DESKTOP_PAGE_PX * (PAGE_INNER_SHARE * (span / columns) - STORY_PADDING_SHARE));
}

/** The box width (×1 and ×2), the phone column, the article column (×1, ×2) and full screen, thinned. */
export function photoWidths(span: number, columns: number): number[] {
  const box = boxWidthPx(span, columns);
  const wanted = [...new Set([box, box * 2, PHONE_PX, ARTICLE_COLUMN_PX, ARTICLE_COLUMN_PX * 2, FULL_SCREEN_PX])].sort((a, b) => a - b);
  const kept: number[] = [];
  for (const width of wanted) {
    const last = kept[kept.length - 1];
    if (last === undefined || width > last * (1 + NEAR)) kept.push(width);
  }
  // The largest always stays: it is what zooming and full screen ask for.
  if (kept[kept.length - 1] !== FULL_SCREEN_PX) kept[kept.length - 1] = FULL_SCREEN_PX;
  return kept;
}

/** `sizes` for a photo in a story box of `span` columns on the page. */
export function pageSizes(span: number, columns: number): string {
  const share = PAGE_INNER_SHARE * (span / columns) - STORY_PADDING_SHARE;
  const factor = share.toFixed(3);
  return [
    "(max-width: 760px) calc(100vw - 2.5rem)",
    // 760–1200 px: one 10rem sidebar; 1200–1500 px: two sidebars (26rem) and gaps.
    `(max-width: 1200px) calc((100vw - 13.25rem) * ${factor})`,
    `(max-width: 1500px) calc((100vw - 30.5rem) * ${factor})`,
    `${boxWidthPx(span, columns)}px`,
  ].join(", ");
}

/** `sizes` for a photo in the article view's column. */
export const ARTICLE_SIZES = "(max-width: 46rem) calc(100vw - 2.5rem), 43.5rem";
