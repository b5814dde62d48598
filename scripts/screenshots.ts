/**
 * `npm run screenshots`: renders pages of the built site in headless Chromium at desktop, tablet
 * and phone widths into screenshots/ (git-ignored), so anyone can look at what the build makes.
 *
 *   npm run screenshots -- "" 2020-06-05/01/        the home page and one page
 *   npm run screenshots -- --pages                  every page (版) of every edition in the site
 *   npm run screenshots -- --site /tmp/x-site --widths 1440,390 --pages
 */
import { mkdir, readdir } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { EDITION_FOLDER } from "../src/content/edition-folder.ts";
import { launchBrowser, serveFolder } from "../test/browser/harness.ts";

const { values, positionals } = parseArgs({
  options: {
    site: { type: "string", default: "_site" },
    out: { type: "string", default: "screenshots" },
    widths: { type: "string", default: "1440,1024,390" },
    pages: { type: "boolean", default: false },
  },
  allowPositionals: true,
});
const site = String(values.site);
const out = String(values.out);
const widths = String(values.widths).split(",").map(Number);

/** Site paths of every page (YYYY-MM-DD/NN/) under the built site, editions nested or not. */
async function pagePaths(root: string, prefix = ""): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(path.join(root, prefix), { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const here = `${prefix}${entry.name}/`;
    if (EDITION_FOLDER.test(entry.name)) {
      const pages = (await readdir(path.join(root, here), { withFileTypes: true })).filter((page) => page.isDirectory() && /^\d{2,3}$/.test(page.name));
      found.push(...pages.map((page) => `${here}${page.name}/`).sort());
    } else if (/^\d{4}$/.test(entry.name)) found.push(...(await pagePaths(root, here)));
  }
  return found.sort();
}

const paths = values.pages ? [...positionals, ...(await pagePaths(site))] : positionals.length ? positionals : [""];

await mkdir(out, { recursive: true });
const server = await serveFolder(site);
const browser = await launchBrowser();
try {
  for (const sitePath of paths) {
    for (const width of widths) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.goto(`${server.url}${sitePath}`);
      const name = `${(sitePath || "home").replace(/\/$/, "").replace(/\//g, "_")}-${width}.png`;
      await page.screenshot({ path: path.join(out, name), fullPage: true });
      await page.close();
      console.log(path.join(out, name));
    }
  }
} finally {
  await browser.close();
  await server.close();
}
