/**
 * `npm run screenshots`: renders pages of the built site in headless Chromium at desktop, tablet
 * and phone widths into screenshots/ (git-ignored), so anyone can look at what the build makes.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { launchBrowser, serveFolder } from "../test/browser/harness.ts";

const { values, positionals } = parseArgs({
  options: { site: { type: "string", default: "_site" }, out: { type: "string", default: "screenshots" } },
  allowPositionals: true,
});
const site = String(values.site);
const out = String(values.out);
const paths = positionals.length ? positionals : [""];
const widths = [1440, 1024, 390];

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
