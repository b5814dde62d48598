import { readFile } from "node:fs/promises";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { GRID_CSS_FILE, gridClasses, gridStylesheet } from "../../src/layout/grid-css.ts";

test("the committed page-grid.css is what the geometry makes (run `npm run grid-css` after changing it)", async () => {
  assert.is(await readFile(GRID_CSS_FILE, "utf8"), gridStylesheet());
});

test("every class a box can get has a rule", () => {
  const css = gridStylesheet();
  for (const name of gridClasses({ column: 9, row: 399, columns: 10, rows: 400 }).split(" ")) assert.ok(css.includes(`.${name} {`), name);
  assert.is(gridClasses({ column: 0, row: 24, columns: 4, rows: 19 }), "gc-1 gw-4 gr-25 gh-19");
});

test.run();
