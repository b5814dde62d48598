/** Planning and small pieces: widths per layout box, placeholder classes, card text wrapping, layout thumbnails, colour. */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { boxWidthPx, photoWidths } from "../../src/images/layout-widths.ts";
import { decodeBase, encode } from "../../src/images/photo.ts";
import { pageThumbnailSvg } from "../../src/images/page-thumbnail.ts";
import { placeholderClass, placeholderCss } from "../../src/images/placeholder.ts";
import { wrapText } from "../../src/images/share-card.ts";
import { loadArchive } from "../../src/load-archive.ts";
import { TEMP_REMOVAL } from "../helpers.ts";

test("widths: the box (×1, ×2), a phone column, the article column and full screen, none closer than 15%", () => {
  for (let span = 1; span <= 8; span++) {
    const widths = photoWidths(span, 8);
    assert.equal(widths, [...widths].sort((a, b) => a - b), `span ${span}`);
    assert.is(widths[widths.length - 1], 1920);
    for (let index = 1; index < widths.length; index++) assert.ok(widths[index]! > widths[index - 1]! * 1.15, `span ${span}: ${widths}`);
    // A 390 px phone (about 350 px of column) finds a candidate no wider than twice that.
    assert.ok(widths.some((width) => width >= 350 && width <= 700), `span ${span}: ${widths}`);
  }
  // A half-page box (449 px): phone 400, article column 696, the box ×2, the article column ×2, full screen.
  assert.equal(photoWidths(4, 8), [400, 696, 898, 1392, 1920]);
  assert.is(boxWidthPx(8, 8), 921);
});

test("the 64 placeholder classes in broadsheet.css are the ones the code emits", async () => {
  const css = await readFile("assets/css/broadsheet.css", "utf8");
  assert.ok(css.includes(placeholderCss()), "run placeholderCss() and paste it into broadsheet.css");
  assert.is(placeholderClass([250, 10, 128]), "ph-302");
});

test("share-card text wraps by character width and keeps closing punctuation off a line's start", () => {
  assert.equal(wrapText("项目发力区域经济稳中快进", 5, 3), ["项目发力区", "域经济稳中", "快进"]);
  assert.equal(wrapText("一二三四，五六", 4, 3), ["一二三四，", "五六"]);
  assert.equal(wrapText("一二三四五六七八九十", 3, 2), ["一二三", "四五…"]);
  assert.equal(wrapText("2020 AB 金坛", 5, 2), ["2020 AB", "金坛"]);
});

test("a page without a scan is drawn as its boxes, one per story", async () => {
  const { archive } = await loadArchive("test/fixtures/sample");
  const page = archive.editions[0]!.pages[0]!;
  const svg = pageThumbnailSvg(page, archive.site.format);
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="120" height="168"/);
  assert.is((svg.match(/stroke="#8a8170"/g) ?? []).length, page.articles.length);
});

test("a photo in Display P3 is converted to sRGB and published without a profile", async () => {
  // sRGB green (0,200,0) written as P3 values (about 90,197,59) with the P3 profile attached.
  const p3 = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 0, g: 200, b: 0 } } }).withIccProfile("p3").png().toBuffer();
  const stored = await sharp(p3).keepIccProfile().raw().toBuffer();
  assert.ok(stored[0]! > 60, `stored red ${stored[0]} (the test can fail)`);
  const base = await decodeBase(p3, 64, 1e6);
  const folder = await mkdtemp(path.join(os.tmpdir(), "broadsheet-icc-"));
  await encode(base, 64, "webp", path.join(folder, "out.webp"));
  const published = await sharp(path.join(folder, "out.webp")).metadata();
  assert.is(published.icc, undefined);
  const pixel = await sharp(path.join(folder, "out.webp")).raw().toBuffer();
  assert.ok(pixel[0]! < 20 && Math.abs(pixel[1]! - 200) < 8 && pixel[2]! < 20, `published pixel ${[...pixel.subarray(0, 3)]}`);
  await rm(folder, TEMP_REMOVAL);
});

test.run();
