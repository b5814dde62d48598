/**
 * In Chromium: ← / → turn pages; 上一期 / 下一期 link editions; "save this edition" stores one
 * edition and the service worker serves it offline — but never as today's paper: offline, `/`
 * gets a page listing the saved editions by date.
 */
import type { Browser } from "playwright-core";
import { test } from "uvu";
import { beforeAll } from "../before-all.ts";
import * as assert from "uvu/assert";
import { sharedSynthetic, type BuiltSite } from "../readers/built-sites.ts";
import { launchBrowser, serveFolder, type StaticServer } from "./harness.ts";

let browser: Browser;
let site: BuiltSite;
let server: StaticServer;
let origin: string;

beforeAll(test, async () => {
  [site, browser] = await Promise.all([sharedSynthetic(), launchBrowser()]);
  server = await serveFolder(site.output);
  origin = server.url;
});
test.after(async () => {
  await browser?.close();
  await server?.close();
});

test("← and → follow the page's own previous and next links; typing in a field does not", async () => {
  const edition = site.archive.editions[1]!;
  const page = await browser.newPage();
  await page.goto(`${origin}${edition.pages[1]!.path}`);
  await page.keyboard.press("ArrowRight");
  await page.waitForURL(`${origin}${edition.pages[2]!.path}`);
  await page.keyboard.press("ArrowLeft");
  await page.waitForURL(`${origin}${edition.pages[1]!.path}`);
  await page.keyboard.press("ArrowLeft");
  await page.waitForURL(`${origin}${edition.pages[0]!.path}`);
  await page.close();
});

test("上一期 and 下一期 are plain links to the neighbouring editions", async () => {
  const [newest, middle, oldest] = site.archive.editions;
  const page = await browser.newPage({ javaScriptEnabled: false });
  await page.goto(`${origin}${middle!.pages[2]!.path}`);
  const earlier = await page.locator("a.edition-earlier").getAttribute("href");
  const later = await page.locator("a.edition-later").getAttribute("href");
  assert.is(new URL(earlier!, page.url()).href, `${origin}${oldest!.path}`);
  assert.is(new URL(later!, page.url()).href, `${origin}${newest!.path}`);
  assert.ok(await page.locator("button[data-save-edition]").isHidden(), "no save button without script");
  await page.close();
});

test("the archive's date form goes to the day's edition, or to its month when no paper appeared", async () => {
  const page = await browser.newPage();
  const edition = site.archive.editions[1]!;
  await page.goto(`${origin}archive/`);
  await page.fill("#date-jump-day", edition.date);
  await page.click(".date-jump-form button");
  await page.waitForURL(`${origin}${edition.path}`);
  await page.goBack();
  const sameMonthNoPaper = `${edition.date.slice(0, 8)}28`;
  assert.not.ok(site.archive.editions.some((candidate) => candidate.date === sameMonthNoPaper));
  await page.fill("#date-jump-day", sameMonthNoPaper);
  await page.click(".date-jump-form button");
  await page.waitForURL(`${origin}archive/${edition.date.slice(0, 4)}/${edition.date.slice(5, 7)}/`);
  await page.close();
});

test("a saved edition reads offline; offline, / lists saved editions and never shows one as today's", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const saved = site.archive.editions[1]!;
  const other = site.archive.editions[2]!;
  await page.goto(`${origin}${saved.path}`);
  const button = page.locator("button[data-save-edition]");
  await button.waitFor({ state: "visible" });
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await button.click();
  await page.waitForFunction(() => /已保存/.test(document.querySelector(".save-edition-status")?.textContent ?? ""));
  // The page that registered the worker is not controlled yet; a reload is.
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  server.goOffline();
  const article = saved.pages[2]!.articles[0]!;
  await page.goto(`${origin}${article.path}`);
  assert.is(await page.locator("h1.headline").textContent(), article.title);
  await page.goto(`${origin}${saved.pages[3]!.path}`);
  assert.ok((await page.title()).includes(saved.dateText));

  await page.goto(origin);
  assert.is(await page.locator("h1").textContent(), "您现在处于离线状态");
  assert.ok((await page.content()).includes(saved.date), "lists the saved edition");
  assert.is(await page.locator(".masthead").count(), 0, "no edition shown as today's");

  await page.goto(`${origin}${other.path}`);
  assert.is(await page.locator("h1").textContent(), "您现在处于离线状态", "an edition not saved is not invented");
  server.goOnline();

  // Back online, / comes from the network again.
  await page.goto(origin);
  assert.ok((await page.title()).includes(site.archive.editions[0]!.dateText));
  await context.close();
});

test.run();
