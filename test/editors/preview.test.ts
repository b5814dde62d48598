// The live preview as a new editor meets it, in Chromium: the page shows, a broken front-matter
// puts an overlay naming the file and line on the page (and the terminal), fixing it brings the
// page back with the change — no manual reload.
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import settings from "../fixtures/sample/site.config.ts";
import { PreviewServer } from "../../src/preview/preview-server.ts";
import { launchBrowser } from "../browser/harness.ts";
import { TEMP_REMOVAL } from "../helpers.ts";

test("break the front-matter, see the error over the page, fix it, see the page return", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "preview-"));
  const browser = await launchBrowser().catch(async (error: unknown) => {
    await rm(dir, TEMP_REMOVAL);
    throw error;
  });
  const terminal: string[] = [];
  const preview = new PreviewServer({ contentRoot: path.join(dir, "content"), projectRoot: process.cwd(), settings, outputDir: path.join(dir, "out"), port: 0, log: (line) => terminal.push(line) });
  try {
    await cp("test/fixtures/sample", path.join(dir, "content"), { recursive: true });
    await preview.start();
    const file = path.join(dir, "content", "2020-06-05", "laji-fenlei.md");
    const original = await readFile(file, "utf8");
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${preview.url}2020-06-05/01/laji-fenlei/`);
    await page.waitForFunction(() => document.querySelector("h1")?.textContent?.includes("垃圾分类我先行"));
    // The event stream is open before anything is saved.
    await page.waitForFunction(() => document.documentElement.dataset.preview === "connected");

    let rebuilt = new Promise((resolve) => (preview.onRebuild = resolve));
    await writeFile(file, original.replace("date: 2020-06-05", "date: 2020-06-31"));
    await rebuilt;
    const overlay = page.locator(".broadsheet-preview-overlay");
    await overlay.waitFor({ state: "visible", timeout: 10_000 });
    const text = await overlay.textContent();
    assert.match(text ?? "", "content/2020-06-05/laji-fenlei.md:8");
    assert.match(text ?? "", 'date: expected a real calendar date as YYYY-MM-DD, found "2020-06-31"');
    assert.ok(terminal.some((line) => line.includes("laji-fenlei.md:8: date: expected a real calendar date")), terminal.join("\n"));
    // The last good version stays under the overlay.
    assert.match((await page.locator("h1").textContent()) ?? "", "垃圾分类我先行");

    rebuilt = new Promise((resolve) => (preview.onRebuild = resolve));
    await writeFile(file, original.replace("title: 垃圾分类我先行", "title: 垃圾分类我先行（更新）"));
    await rebuilt;
    await page.waitForFunction(() => document.querySelector("h1")?.textContent?.includes("（更新）"), undefined, { timeout: 10_000 });
    assert.is(await overlay.count(), 0);
    assert.ok(terminal.some((line) => line.startsWith("✓") && line.includes("2020-06-05 rebuilt")));
    assert.equal(errors, []);
    // The preview's script is served only by the preview: the built page does not reference it.
    const written = await readFile(path.join(dir, "out", "2020-06-05", "01", "laji-fenlei", "index.html"), "utf8");
    assert.not.match(written, "__preview");
    assert.match(await page.content(), "/__preview/client.js");
  } finally {
    await preview.close();
    await browser.close();
    await rm(dir, TEMP_REMOVAL);
  }
});

test.run();
