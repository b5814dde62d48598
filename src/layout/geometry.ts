/**
 * The printed page in numbers. Every length is in ems of the body type: Chinese text advances one
 * em a character, so a column's width in ems is the number of characters a line holds, and a
 * story's height can be computed before any browser sees it. The stylesheet uses the same numbers
 * (through the generated assets/css/page-grid.css), so the computed page and the rendered page agree.
 */
import type { PageFormat } from "../site/settings.ts";

export const MIN_COLUMNS = 4;
export const MAX_COLUMNS = 10;
/** Grid rows a page can have (a page that overflows grows up to this, then the browser grows it further). */
export const MAX_ROWS = 400;

export interface PageGeometry {
  readonly kind: PageFormat["kind"];
  readonly columns: number;
  /** Width of the whole sheet, margins included. */
  readonly pageWidth: number;
  /** Height ÷ width of the sheet. */
  readonly ratio: number;
  readonly marginSide: number;
  readonly marginTop: number;
  readonly marginBottom: number;
  /** Width of one grid column (栏), its share of the gutter included. */
  readonly columnWidth: number;
  /** Body line height; also the height of one grid row. */
  readonly line: number;
  /** Height of the front page's masthead (报头) and of an inner page's running head (眉头). */
  readonly mastheadHeight: number;
  readonly runningHeadHeight: number;
  readonly footHeight: number;
  /** Inside each box: left + right padding (the gutter between stories), top and bottom padding. */
  readonly boxPaddingX: number;
  readonly boxPaddingTop: number;
  readonly boxPaddingBottom: number;
  /** Gap between text columns inside one box. */
  readonly textColumnGap: number;
}

/** Type area width in ems: 对开 about 96 characters across, 四开 about 66. */
const CONTENT_WIDTH = { broadsheet: 96, tabloid: 66 } as const;
/** 对开 390×540 mm, 四开 270×390 mm. */
const RATIO = { broadsheet: 1.385, tabloid: 1.444 } as const;

export function pageGeometry(format: PageFormat): PageGeometry {
  if (!Number.isInteger(format.columns) || format.columns < MIN_COLUMNS || format.columns > MAX_COLUMNS) {
    throw new RangeError(`format.columns: expected a whole number from ${MIN_COLUMNS} to ${MAX_COLUMNS}, found ${format.columns}`);
  }
  const contentWidth = CONTENT_WIDTH[format.kind];
  const marginSide = format.kind === "broadsheet" ? 3 : 2.5;
  return {
    kind: format.kind,
    columns: format.columns,
    pageWidth: contentWidth + 2 * marginSide,
    ratio: RATIO[format.kind],
    marginSide,
    marginTop: 2.5,
    marginBottom: 2,
    columnWidth: contentWidth / format.columns,
    line: 1.5,
    mastheadHeight: format.kind === "broadsheet" ? 15.5 : 12.5,
    runningHeadHeight: 4.5,
    footHeight: 3,
    // Gutter and padding 0.8 em: a text column is then 0.2 em wider than a whole number of
    // characters, so the hairline rules (a pixel) never cost a character a line.
    boxPaddingX: 0.8,
    boxPaddingTop: 0.6,
    boxPaddingBottom: 0.6,
    textColumnGap: 0.8,
  };
}

/** Grid rows of body lines between the head and the foot of a page. */
export function contentRows(geometry: PageGeometry, frontPage: boolean): number {
  const height = geometry.pageWidth * geometry.ratio;
  const head = frontPage ? geometry.mastheadHeight : geometry.runningHeadHeight;
  const free = height - geometry.marginTop - geometry.marginBottom - head - geometry.footHeight;
  return Math.floor(free / geometry.line);
}
