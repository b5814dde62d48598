/**
 * The built site with photos: <picture> markup, share-card meta tags, page thumbnails; and in
 * Chromium at 390 px, no image transferred wider than twice its displayed width.
 */
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildSite } from "../../src/build-site.ts";
import { readSiteManifest } from "../../src/publish/output-manifest.ts";
import { IMMUTABLE, SHORT_LIVED, STORAGE_SHORT_LIVED, storageCacheControl } from "../../src/publish/site-files.ts";
import { launchBrowser, serveFolder } from "../browser/harness.ts";
import { cacheControlOf, readHeaders } from "../publish/headers-rules.ts";
import { EDITION, makeFixture } from "./fixture.ts";
import { TEMP_REMOVAL } from "../helpers.ts";

const content = await makeFixture();
const work = path.dirname(content);
const output = path.join(work, "site");
await buildSite({ contentRoot: content, outputDir: output, images: { cacheDir: path.join(work, "cache"), log: undefined } });
const frontPage = await readFile(path.join(output, EDITION, "01", "index.html"), "utf8");
const leadArticle = await readFile(path.join(output, EDITION, "01", "lead", "index.html"), "utf8");

function pictures(page: string): string[] {
  return page.match(/<picture>[\s\S]*?<\/picture>/g) ?? [];
}

test("photos on the page are <picture> with AVIF and WebP sources and a sized JPEG <img>", () => {
  const [lead, garden] = pictures(frontPage);
  assert.ok(lead && garden, "two pictures on page 01");
  assert.match(lead, /<source type="image\/avif" srcset="\.\.\/images\/lead-400\.[0-9a-f]{10}\.avif 400w, [^"]*900w" sizes="\(max-width: 760px\) calc\(100vw - 2\.5rem\), [^"]+px">/);
  assert.match(lead, /<source type="image\/webp" srcset="[^"]*lead-400\.[0-9a-f]{10}\.webp 400w/);
  const img = lead.match(/<img [^>]+>/)![0];
  assert.match(img, / src="\.\.\/images\/lead-\d+\.[0-9a-f]{10}\.jpg"/);
  assert.match(img, / srcset="[^"]*\.jpg 400w, [^"]*\.jpg 900w"/);
  assert.match(img, / sizes="\(max-width: 760px\)/);
  assert.match(img, / width="900" height="1200"/);
  assert.match(img, / alt="村民在田间抢种春季作物"/);
  assert.match(img, / class="ph-[0-3]{3}"/);
  // The first photo on the page loads at once; the next one waits until it is scrolled near.
  assert.match(img, / fetchpriority="high"/);
  assert.not.match(img, /loading=/);
  assert.match(garden.match(/<img [^>]+>/)![0], / loading="lazy"/);
  // Caption and credit stay text.
  assert.match(frontPage, /<figcaption>村民在田间抢种春季作物 <span class="credit">张三 摄<\/span><\/figcaption>/);
});

test("the article view sizes photos for its column", () => {
  const [lead] = pictures(leadArticle);
  assert.match(lead!, /sizes="\(max-width: 46rem\) calc\(100vw - 2\.5rem\), 43\.5rem"/);
});

test("no inline style attribute anywhere (the CSP forbids it)", () => {
  assert.not.match(frontPage, /\sstyle=/);
  assert.not.match(leadArticle, /\sstyle=/);
});

test("og:image and twitter:image point at the share card, with its size", async () => {
  const image = leadArticle.match(/<meta property="og:image" content="([^"]+)">/)?.[1];
  assert.match(image!, new RegExp(`^https://paper\\.example/${EDITION}/cards/lead\\.[0-9a-f]{10}\\.jpg$`));
  assert.match(leadArticle, `<meta name="twitter:image" content="${image}">`);
  assert.match(leadArticle, '<meta property="og:image:width" content="1200">');
  const card = await sharp(path.join(output, new URL(image!).pathname)).metadata();
  assert.equal([card.width, card.height], [1200, 630]);
  assert.match(frontPage, new RegExp(`<meta property="og:image" content="https://paper\\.example/${EDITION}/cards/edition\\.`));
});

test("版面导航 shows each page's thumbnail: the layout drawing, or the scan's", () => {
  assert.match(frontPage, /<img class="page-thumb page-thumb-layout" src="\.\.\/thumbs\/page-01\.[0-9a-f]{10}\.svg" width="120" height="168" alt=""/);
  assert.match(frontPage, /<img class="page-thumb page-thumb-scan" src="\.\.\/scans\/page-02-thumb\.[0-9a-f]{10}\.jpg" width="360" height="540" alt=""/);
});

test("_headers and the deploy plan serve every photo, scan, card and thumbnail as immutable, the pages short-lived", async () => {
  const hosts = await readHeaders(path.join(output, "_headers"), await readFile(path.join(output, "_headers"), "utf8"));
  const files = (await readSiteManifest(output)).map((file) => file.path).filter((name) => name.startsWith(`${EDITION}/`));
  const pictures = files.filter((name) => /\.(avif|webp|jpg|png|svg)$/.test(name));
  for (const folder of ["images", "scans", "cards", "thumbs"]) assert.ok(pictures.some((name) => name.startsWith(`${EDITION}/${folder}/`)), folder);
  for (const name of files) {
    const expected = pictures.includes(name) ? IMMUTABLE : SHORT_LIVED;
    assert.is(cacheControlOf(hosts, `/${name}`, SHORT_LIVED), expected, name);
    assert.is(storageCacheControl(name), pictures.includes(name) ? IMMUTABLE : name.endsWith("/files.json") ? SHORT_LIVED : STORAGE_SHORT_LIVED, name);
  }
});

test("in Chromium at 390 px the front page transfers no image wider than twice its displayed width", async () => {
  const server = await serveFolder(output);
  // A browser that cannot start must not leave the server holding the test process open.
  const browser = await launchBrowser().catch(async (error: unknown) => {
    await server.close();
    throw error;
  });
  try {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    const transferred = new Map<string, number>();
    page.on("response", async (response) => {
      if (response.request().resourceType() !== "image" || response.url().endsWith(".svg")) return;
      const metadata = await sharp(await response.body()).metadata();
      transferred.set(new URL(response.url()).pathname, metadata.width ?? 0);
    });
    await page.goto(`${server.url}${EDITION}/`, { waitUntil: "networkidle" });
    // Scroll through the page so lazy images load too.
    await page.evaluate(async () => {
      for (let y = 0; y < document.body.scrollHeight; y += 400) {
        window.scrollTo(0, y);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
    await page.waitForLoadState("networkidle");
    const shown = await page.$$eval("img", (images) =>
      images.filter((image) => image.currentSrc && !image.currentSrc.endsWith(".svg")).map((image) => ({ path: new URL(image.currentSrc).pathname, width: image.getBoundingClientRect().width })),
    );
    assert.ok(shown.length >= 2, `photos shown: ${JSON.stringify(shown)}`);
    for (const [url, width] of transferred) {
      const displayed = shown.find((image) => image.path === url);
      assert.ok(displayed, `${url} was transferred but is not shown`);
      assert.ok(width <= displayed.width * 2, `${url}: ${width} px transferred for ${displayed.width.toFixed(0)} px shown`);
    }
    assert.ok(transferred.size >= 2, `images transferred: ${[...transferred.keys()].join(", ")}`);
    // The browser took AVIF, the smallest format.
    for (const url of transferred.keys()) assert.match(url, /\.avif$/);
  } finally {
    await browser.close();
    await server.close();
  }
});

test.after(() => rm(work, TEMP_REMOVAL));

test.run();
