/** `npm run grid-css`: rewrites assets/css/page-grid.css from the layout geometry (a test checks it is current). */
import { writeFile } from "node:fs/promises";
import { GRID_CSS_FILE, gridStylesheet } from "../src/layout/grid-css.ts";

await writeFile(GRID_CSS_FILE, gridStylesheet());
console.log(`wrote ${GRID_CSS_FILE}`);
