/**
 * Where each story's box sits on the page grid, as the layout engine placed it (src/layout): the
 * column it starts in (1-based, counted from the left as printed), its width in columns, the grid
 * row it starts in (1-based; a row is one line of body text) and its height in rows.
 */
import { layoutOf } from "../layout/page-layout.ts";
import type { Page } from "../model/types.ts";
import type { PageFormat } from "../site/settings.ts";

export interface BoxGeometry {
  readonly slug: string;
  /** First grid column (栏) the box covers, 1 = leftmost. */
  readonly column: number;
  /** Width in columns. */
  readonly span: number;
  /** First grid row, 1 = top; a row is one line of body text. */
  readonly row: number;
  /** Height in rows. */
  readonly rows: number;
}

export function pageGeometry(page: Page, format: PageFormat): BoxGeometry[] {
  return layoutOf(page, format).boxes.map((box) => ({ slug: box.slug, column: box.column + 1, span: box.columns, row: box.row + 1, rows: box.rows }));
}
