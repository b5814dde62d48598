/**
 * The printed page, proven in a real browser (Debian's Chromium via playwright-core): every page of
 * the sample edition and of a generated multi-page edition (every story type, a story continued on
 * a later page, a page with a scan), at 1440, 1024 and 390 px. Assertions come from the rendered
 * boxes: no overlaps, no content outside its box, the type area covered, DOM order = reading
 * order, hot zones over their stories, no horizontal scroll on a phone.
 */
import { readFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import type { Browser } from "playwright-core";
import { test } from "uvu";
import { beforeAll } from "../before-all.ts";
import * as assert from "uvu/assert";
import { generateArchive } from "../../scripts/generate-archive.ts";
import { buildSite } from "../../src/build-site.ts";
import type { Archive } from "../../src/model/types.ts";
import { launchBrowser, serveFolder, type StaticServer } from "./harness.ts";
import { SAMPLE_CONTENT, TEMP_REMOVAL } from "../helpers.ts";

interface Rect { left: number; top: number; right: number; bottom: number; width: number; height: number }
interface Probe {
  viewport: number;
  documentWidth: number;
  fontSize: number;
  line: number;
  page: Rect;
  content: { left: number; right: number; top: number; bottom: number };
  grid: Rect;
  rows: number;
  usedRows: number;
  stories: { slug: string; rect: Rect; ink: { left: number; top: number; right: number; bottom: number }; scrollOverflow: number; rows: number; href: string | null; visible: boolean }[];
  frame: Rect | null;
  zones: { slug: string; href: string; rect: Rect; label: string; focusable: boolean }[];
}

const WIDTHS = [1440, 1024, 390] as const;
const PROBE = readFile(new URL("./page-probe.js", import.meta.url), "utf8");
const work = await mkdtemp(path.join(os.tmpdir(), "broadsheet-layout-browser-"));
let browser: Browser;
const sites: { name: string; archive: Archive; server: StaticServer }[] = [];

const CJK = "金坛经济开发区是全区两个加快的主阵地今年以来德国马沃克斯装饰工程汽车内饰部件项目等先后落地。";
const body = (length: number) => Array.from({ length: Math.ceil(length / 120) }, (_, index) => CJK.repeat(3).slice(index % 7, (index % 7) + 120)).join("\n\n");
const article = (fields: Record<string, unknown>, text: string) =>
  `---\n${Object.entries(fields).map(([key, value]) => `${key}: ${JSON.stringify(value)}`).join("\n")}\n---\n\n${text}\n`;

/** A generated edition plus what the generator leaves to chance: every story type, a continued story, a photo, a scan. */
async function generatedEdition(out: string): Promise<void> {
  await generateArchive({ out, editions: 1, pages: 3, articles: 3, seed: 11, start: "2020-06-08" });
  const dir = path.join(out, "2020", "2020-06-08");
  const date = "2020-06-08";
  await writeFile(path.join(dir, "lianzai.md"), article({ title: "长篇通讯：项目建设一线见闻", section: "要闻", type: "news", date, order: 2, byline: "本报记者 王伟", dateline: "本报讯", continuedOn: "lianzai-xu" }, body(900)));
  await writeFile(path.join(dir, "lianzai-xu.md"), article({ title: "项目建设一线见闻（续）", section: "经济", type: "news", date, order: 1, byline: "本报记者 王伟" }, body(600)));
  await writeFile(path.join(dir, "tupian.md"), article({ title: "田间地头农忙时", section: "综合", type: "photo", date, order: 2, byline: "宗丽华 摄", images: [{ src: "tupian.jpg", caption: "6月7日，村民在田间抢收小麦。", credit: "宗丽华 摄" }] }, "夏收时节，田间地头一派繁忙景象。"));
  await writeFile(path.join(dir, "gonggao.md"), article({ title: "停电公告", section: "综合", type: "notice", date, order: 8, byline: false }, body(150)));
  await writeFile(path.join(dir, "jianxun.md"), article({ title: "简讯两则", section: "综合", type: "brief", date, order: 9, byline: "李蕾", dateline: "本报讯" }, body(130)));
  await sharp({ create: { width: 600, height: 400, channels: 3, background: { r: 120, g: 150, b: 90 } } }).jpeg().toFile(path.join(dir, "tupian.jpg"));
  // The scan: a page-shaped image with a grey block per column, enough to show the zones over it.
  const width = 1000;
  const height = Math.round(width * 1.385);
  const columns = Array.from({ length: 8 }, (_, index) => `<rect x="${30 + index * 117.6}" y="220" width="105" height="${height - 280}" fill="#d8d4cc"/>`).join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#f7f3ea"/><rect x="30" y="30" width="940" height="150" fill="#b8141b"/>${columns}</svg>`;
  await sharp(Buffer.from(svg)).jpeg({ quality: 70 }).toFile(path.join(dir, "page-02.jpg"));
  const pageFile = path.join(dir, "page-02.yaml");
  await writeFile(pageFile, `${await readFile(pageFile, "utf8")}scan: page-02.jpg\n`);
}

beforeAll(test, async () => {
  const generated = path.join(work, "generated");
  await generatedEdition(generated);
  for (const [name, content] of [["sample", SAMPLE_CONTENT], ["generated", generated]] as const) {
    const output = path.join(work, `${name}-site`);
    const { archive } = await buildSite({ contentRoot: content, outputDir: output });
    sites.push({ name, archive, server: await serveFolder(output) });
  }
  browser = await launchBrowser();
});

test.after(async () => {
  await browser?.close();
  for (const site of sites) await site.server.close();
  await rm(work, TEMP_REMOVAL);
});

const overlap = (a: Rect, b: Rect) => Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));
/** Print reading order: a comes before b when it is wholly above b, or beside b on its left. */
const readsBefore = (a: Rect, b: Rect) => a.bottom <= b.top + 1 || (a.right <= b.left + 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1);

test("the generated edition has every story type, a continued story and a page with a scan", () => {
  const edition = sites.find((site) => site.name === "generated")!.archive.editions[0]!;
  const articles = edition.pages.flatMap((page) => page.articles);
  assert.equal([...new Set(articles.map((item) => item.type))].sort(), ["brief", "comment", "lead", "news", "notice", "photo"]);
  assert.ok(articles.some((item) => item.continuedOn) && articles.some((item) => item.continuedFrom));
  assert.ok(edition.pages.some((page) => page.scan));
});

test("every page at 1440, 1024 and 390 px: boxes, order, coverage, hot zones, no horizontal scroll", async () => {
  const probe = await PROBE;
  let checkedPages = 0;
  let checkedZones = 0;
  // One tab per width, reused for every page.
  const tabs = await Promise.all(WIDTHS.map((width) => browser.newPage({ viewport: { width, height: 900 } })));
  for (const site of sites) {
    for (const edition of site.archive.editions) {
      for (const page of edition.pages) {
        for (const [index, width] of WIDTHS.entries()) {
          const tab = tabs[index]!;
          await tab.goto(`${site.server.url}${page.path}`);
          const result = (await tab.evaluate(probe)) as Probe;
          const where = `${site.name} ${page.path} at ${width}px`;
          const desktop = width >= 1024;

          assert.is(result.stories.length, page.articles.length, `${where}: one box per story`);
          assert.ok(result.stories.every((story) => story.visible), `${where}: every story shown`);
          assert.is(result.stories[0]!.slug, page.articles[0]!.slug, `${where}: the lead comes first`);

          for (const [index, story] of result.stories.entries()) {
            for (const other of result.stories.slice(index + 1)) {
              assert.ok(overlap(story.rect, other.rect) < 1, `${where}: ${story.slug} and ${other.slug} overlap`);
              assert.not.ok(readsBefore(other.rect, story.rect), `${where}: ${other.slug} reads before ${story.slug} but follows it in the DOM`);
            }
            const ink = story.ink;
            assert.ok(
              ink.left >= story.rect.left - 1 && ink.right <= story.rect.right + 1 && ink.top >= story.rect.top - 1 && ink.bottom <= story.rect.bottom + 1,
              `${where}: content of ${story.slug} overflows its box (${JSON.stringify(ink)} in ${JSON.stringify(story.rect)})`,
            );
            assert.ok(story.scrollOverflow <= 1, `${where}: ${story.slug} scrolls sideways`);
            assert.ok(story.href?.endsWith(`/${page.path}${story.slug}/`), `${where}: ${story.slug} headline links to its article`);
          }

          if (desktop) {
            const content = result.content;
            const area = (content.right - content.left) * (content.bottom - content.top);
            const covered = result.stories.reduce((sum, story) => sum + story.rect.width * story.rect.height, 0);
            assert.ok(covered / area >= 0.9, `${where}: boxes cover ${((covered / area) * 100).toFixed(1)}% of the type area`);
            // The heights computed from the text held: the browser did not have to grow the grid.
            assert.ok(result.grid.height <= result.usedRows * result.line + 2, `${where}: grid ${result.grid.height}px for ${result.usedRows} rows of ${result.line}px`);
          } else {
            assert.ok(result.documentWidth <= width, `${where}: page is ${result.documentWidth}px wide`);
          }

          if (page.scan) {
            assert.ok(result.frame, `${where}: the scan is shown`);
            assert.is(result.zones.length, page.articles.length, `${where}: one hot zone per story`);
            const frame = result.frame!;
            for (const zone of result.zones) {
              const story = result.stories.find((item) => item.slug === zone.slug)!;
              assert.is(zone.href, story.href, `${where}: zone ${zone.slug} links to its story`);
              assert.is(zone.label, page.articles.find((item) => item.slug === zone.slug)!.title, `${where}: zone labelled with the headline`);
              assert.ok(zone.focusable, `${where}: zone ${zone.slug} is keyboard-focusable`);
              assert.ok(zone.rect.left >= frame.left - 1 && zone.rect.right <= frame.right + 1 && zone.rect.top >= frame.top - 1 && zone.rect.bottom <= frame.bottom + 1, `${where}: zone ${zone.slug} on the scan`);
              if (desktop) {
                // Same place on the scan as the story on the page, in fractions of the page's width
                // (both are scaled by width; a page that grew keeps its top on the scan's grid).
                const on = (rect: Rect, box: Rect) => [rect.left - box.left, rect.top - box.top, rect.right - box.left, rect.bottom - box.top].map((value) => value / box.width);
                const zoneAt = on(zone.rect, frame);
                const storyAt = on(story.rect, result.page);
                zoneAt.forEach((value, index) => assert.ok(Math.abs(value - storyAt[index]!) < 0.01, `${where}: zone ${zone.slug} at ${zoneAt.map((v) => v.toFixed(3))} lies over its story at ${storyAt.map((v) => v.toFixed(3))}`));
              }
              checkedZones++;
            }
          }
          checkedPages++;
        }
      }
    }
  }
  for (const tab of tabs) await tab.close();
  assert.ok(checkedPages >= 12 && checkedZones > 0, `${checkedPages} page views, ${checkedZones} zones checked`);
});

test("下转 and 上接 link both ways to the other part's box", async () => {
  const site = sites.find((candidate) => candidate.name === "generated")!;
  const tab = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    await tab.goto(`${site.server.url}2020-06-08/01/`);
    const forward = tab.locator("#story-lianzai .jump-on a");
    assert.is(await forward.textContent(), "（下转第03版）");
    await forward.click();
    await tab.waitForURL(/\/2020-06-08\/03\/#story-lianzai-xu$/);
    const back = tab.locator("#story-lianzai-xu .jump-from a");
    assert.is(await back.textContent(), "（上接第01版）");
    await back.click();
    await tab.waitForURL(/\/2020-06-08\/01\/#story-lianzai$/);
    assert.is(await tab.locator("#story-lianzai").count(), 1);
  } finally {
    await tab.close();
  }
});

test("the scan zooms and pans without a framework; a drag is not a click", async () => {
  const site = sites.find((candidate) => candidate.name === "generated")!;
  const tab = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    await tab.goto(`${site.server.url}2020-06-08/02/`);
    const frameWidth = () => tab.evaluate(`document.querySelector(".scan-frame").getBoundingClientRect().width`) as Promise<number>;
    const viewportWidth = (await tab.evaluate(`document.querySelector(".scan-viewport").clientWidth`)) as number;
    assert.ok(Math.abs((await frameWidth()) - viewportWidth) < 2);
    await tab.getByRole("button", { name: "放大" }).click();
    assert.ok(Math.abs((await frameWidth()) - viewportWidth * 1.5) < 2, "zoomed to 150%");
    await tab.getByRole("button", { name: "放大" }).click();
    assert.ok(Math.abs((await frameWidth()) - viewportWidth * 2) < 2, "zoomed to 200%");
    const scanViewport = tab.locator(".scan-viewport");
    await scanViewport.scrollIntoViewIfNeeded();
    const box = (await scanViewport.boundingBox())!;
    const before = (await tab.evaluate(`document.querySelector(".scan-viewport").scrollLeft`)) as number;
    // Start the drag on a hot zone: it pans, and does not follow the link.
    await tab.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    assert.is(await tab.evaluate(`document.elementFromPoint(${box.x + box.width / 2}, ${box.y + box.height / 2}).closest(".hot-zone") !== null`), true, "the drag starts on a zone");
    await tab.mouse.down();
    await tab.mouse.move(box.x + box.width / 2 - 200, box.y + box.height / 2, { steps: 5 });
    await tab.mouse.up();
    const after = (await tab.evaluate(`document.querySelector(".scan-viewport").scrollLeft`)) as number;
    assert.ok(after - before > 150, `dragged from ${before} to ${after}`);
    assert.match(tab.url(), /\/2020-06-08\/02\/$/, "the drag did not follow the zone's link");
    await tab.getByRole("button", { name: "复原" }).click();
    assert.ok(Math.abs((await frameWidth()) - viewportWidth) < 2, "back to the page's width");
  } finally {
    await tab.close();
  }
});

test("no inline style or script in the page markup (the CSP forbids 'unsafe-inline')", async () => {
  for (const site of sites) {
    for (const page of site.archive.editions.flatMap((edition) => edition.pages)) {
      const markup = await (await fetch(`${site.server.url}${page.path}`)).text();
      assert.not.match(markup, /\sstyle=|<style|<script(?![^>]*\ssrc=)/, `${site.name} ${page.path}`);
    }
  }
});

test("phone: no horizontal scroll at 360 px, and the replica is one tap away", async () => {
  const site = sites.find((candidate) => candidate.name === "sample")!;
  const tab = await browser.newPage({ viewport: { width: 360, height: 740 } });
  try {
    await tab.goto(`${site.server.url}2020-06-05/01/`);
    assert.ok((await tab.evaluate("document.documentElement.scrollWidth")) as number <= 360);
    const gridDisplay = () => tab.evaluate(`getComputedStyle(document.querySelector(".page-grid")).display`);
    assert.is(await gridDisplay(), "block", "one column on a phone");
    await tab.locator(".to-replica").click();
    assert.is(await gridDisplay(), "grid", "the replica after one tap");
    assert.ok((await tab.evaluate("document.documentElement.scrollWidth")) as number <= 360, "the replica fits the screen");
  } finally {
    await tab.close();
  }
});

test("print: a broadsheet page prints on one A3 sheet without navigation", async () => {
  const site = sites.find((candidate) => candidate.name === "sample")!;
  const tab = await browser.newPage();
  try {
    await tab.goto(`${site.server.url}2020-06-05/01/`);
    await tab.emulateMedia({ media: "print" });
    assert.is(await tab.evaluate(`getComputedStyle(document.querySelector(".page-nav")).display`), "none");
    assert.is(await tab.evaluate(`getComputedStyle(document.querySelector(".newspaper-page")).page`), "broadsheet");
    const pdf = await tab.pdf({ preferCSSPageSize: true });
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    assert.is(pages, 1, "one sheet");
    const size = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString("latin1"));
    // A3 is 842 × 1191 points.
    assert.ok(size && Math.abs(Number(size[1]) - 842) < 2 && Math.abs(Number(size[2]) - 1191) < 2, `media box ${size?.slice(1)}`);
  } finally {
    await tab.close();
  }
});

test.run();
