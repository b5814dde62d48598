/**
 * Where each story's box sits on the page grid, from the layout's placements: the column it starts
 * in (1-based, counted from the left as printed), its width in columns and the grid row. Boxes flow
 * in print order the way the page's CSS grid places them: left to right, wrapping when a box does
 * not fit in what is left of the row.
 */
import { placePage, type Placement } from "../layout/place-page.ts";
import type { Page } from "../model/types.ts";
import type { PageFormat } from "../site/settings.ts";

export interface BoxGeometry {
  readonly slug: string;
  /** First grid column (栏) the box covers, 1 = leftmost. */
  readonly column: number;
  /** Width in columns. */
  readonly span: number;
  /** Grid row, 1 = top. */
  readonly row: number;
}

/** Positions for placements that give only widths (a placement with its own `column`/`row` keeps them). */
export function flowBoxes(placements: readonly Placement[], columns: number): BoxGeometry[] {
  const boxes: BoxGeometry[] = [];
  let row = 1;
  let next = 1;
  for (const placement of placements) {
    const given = placement as Placement & { column?: number; row?: number };
    const span = Math.max(1, Math.min(columns, placement.span));
    if (typeof given.column === "number" && typeof given.row === "number") {
      boxes.push({ slug: placement.slug, column: given.column, span, row: given.row });
      continue;
    }
    if (next + span - 1 > columns) {
      row++;
      next = 1;
    }
    boxes.push({ slug: placement.slug, column: next, span, row });
    next += span;
  }
  return boxes;
}

export function pageGeometry(page: Page, format: PageFormat): BoxGeometry[] {
  return flowBoxes(placePage(page, format), format.columns);
}
