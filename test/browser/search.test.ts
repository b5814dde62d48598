/**
 * Search, queried in Chromium against built sites as a reader's browser would: a fixed set of
 * Chinese queries (two-character words, run-together phrases, names, parts of words) must find
 * exactly the articles whose text contains them, on the sample and on generated content, with the
 * filters; and the /search/ page shows headline, date, 第N版 and a highlighted snippet.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "playwright-core";
import { test } from "uvu";
import { beforeAll } from "../before-all.ts";
import * as assert from "uvu/assert";
import { loadArchive } from "../../src/load-archive.ts";
import type { Archive } from "../../src/model/types.ts";
import { archiveRecords, type SearchRecord } from "../../src/search/search-records.ts";
import { queryPhrases, unsegment } from "../../src/search/segment.ts";
import { buildSynthetic, sharedSample, type BuiltSite } from "../readers/built-sites.ts";
import { launchBrowser, serveFolder, type StaticServer } from "./harness.ts";
import { PagefindClient, type SearchHit } from "./pagefind-client.ts";

let browser: Browser;
const sites: { sample?: BuiltSite; synthetic?: BuiltSite } = {};
const servers: StaticServer[] = [];
let sample: { site: BuiltSite; server: StaticServer; client: PagefindClient };
let synthetic: { site: BuiltSite; server: StaticServer; client: PagefindClient };
let syntheticArchive: Archive;

beforeAll(test, async () => {
  // Across a new year: the index is three bundles (2020, 2021-01, the week 2021-02-01) merged in the browser.
  const [sampleSite, syntheticSite, launched] = await Promise.all([sharedSample(), buildSynthetic({ editions: 27, start: "2020-12-29", pages: 2, articles: 3 }), launchBrowser()]);
  browser = launched;
  sites.sample = sampleSite;
  sites.synthetic = syntheticSite;
  const open = async (site: BuiltSite) => {
    const server = await serveFolder(site.output);
    servers.push(server);
    return { site, server, client: await PagefindClient.open(browser, server.url) };
  };
  sample = await open(sampleSite);
  synthetic = await open(syntheticSite);
  // A build result holds only the newest editions: the expected answers need all of them.
  syntheticArchive = (await loadArchive(syntheticSite.content)).archive;
});

test.after(async () => {
  await browser?.close();
  await Promise.all(servers.map((server) => server.close()));
  await Promise.all([sites.sample?.cleanup(), sites.synthetic?.cleanup()]);
});

/** The articles whose indexed text contains every term: what a reader expects to find. */
function expected(archive: Archive, query: string, keep: (record: SearchRecord) => boolean = () => true): string[] {
  const terms = query.split(/\s+/).filter(Boolean);
  return archiveRecords(archive)
    .filter((record) => keep(record) && terms.every((term) => unsegment(record.content).includes(term)))
    .map((record) => record.url)
    .sort();
}

/** Runs a reader's query the way search.js does: one exact phrase per term, intersected. */
async function find(client: PagefindClient, query: string, filters: Record<string, unknown> = {}): Promise<SearchHit[]> {
  let hits: SearchHit[] | undefined;
  for (const phrase of queryPhrases(query)) {
    const answer = await client.search(phrase, { filters, show: 10_000 });
    const urls = new Set(answer.hits.map((hit) => hit.url));
    hits = hits ? hits.filter((hit) => urls.has(hit.url)) : [...answer.hits];
  }
  return hits ?? [];
}

const urls = (hits: readonly SearchHit[]) => hits.map((hit) => hit.url.replace(/^\//, "")).sort();

const SAMPLE_QUERIES = [
  "金坛", // two-character word
  "项目",
  "招商",
  "垃圾分类我先行", // run-together headline
  "春风社区",
  "蜂巢能源",
  "两个加快",
  "学习强国",
  "戚风华", // names
  "赵小君",
  "宗丽华",
  "风华", // part of a name: only the two stories signed 戚风华
  "类我先", // across word boundaries
  "本报讯",
  "金坛 项目", // two terms: both must occur
];

test("every fixed query finds exactly the sample articles that contain it", async () => {
  const misses: string[] = [];
  for (const query of SAMPLE_QUERIES) {
    const want = expected(sample.site.archive, query);
    const got = urls(await find(sample.client, query));
    assert.ok(want.length > 0, `${query} occurs in the sample`);
    if (JSON.stringify(got) !== JSON.stringify(want)) misses.push(`${query}: expected ${want.join(" ")}, found ${got.join(" ")}`);
  }
  assert.equal(misses, []);
});

test("generated content: words, phrases, names and word parts match exactly", async () => {
  const archive = syntheticArchive;
  const records = archiveRecords(archive);
  const names = [...new Set(records.flatMap((record) => record.filters.byline ?? []))].slice(0, 6);
  const queries = ["项目", "垃圾分类", "华罗庚科技园", "城市创建", "为高质量发展注入新动能", "同比增长", "尧塘", ...names, names[0]!.slice(1)];
  const misses: string[] = [];
  for (const query of queries) {
    const want = expected(archive, query);
    const hits = await find(synthetic.client, query);
    const got = urls(hits);
    assert.ok(want.length > 0, `${query} occurs in the generated archive`);
    if (JSON.stringify(got) !== JSON.stringify(want)) misses.push(`${query}: expected ${want.length}, found ${got.length}`);
    const order = hits.map((hit) => hit.date);
    if (JSON.stringify(order) !== JSON.stringify([...order].sort().reverse())) misses.push(`${query}: not newest first across the bundles`);
  }
  assert.equal(misses, []);
});

test("the index is a bundle per week of the newest month, per older month of the year and per older year, newest first", async () => {
  const page = await readFile(path.join(synthetic.site.output, "search", "index.html"), "utf8");
  assert.match(page, /data-bundles="2021-02-01 2021-01 2020"/);
  const dates = syntheticArchive.editions.map((edition) => edition.date);
  assert.ok(dates.some((date) => date.startsWith("2020")) && dates.some((date) => date.startsWith("2021-02")));
  const filters = await synthetic.client.filters();
  assert.equal(Object.keys(filters.bundle ?? {}).sort(), ["2020", "2021-01", "2021-02-01"]);
});

test("filters: section, page, byline and a date range narrow the results exactly; newest first", async () => {
  const archive = syntheticArchive;
  const dates = archive.editions.map((edition) => edition.date).sort();
  const [from, to] = [dates[1]!, dates[3]!];
  const inRange = dates.filter((date) => date >= from && date <= to);
  const section = archive.editions[0]!.pages[1]!.name;
  const name = archiveRecords(archive).find((record) => record.filters.byline)!.filters.byline![0]!;
  const cases: [string, Record<string, unknown>, (record: SearchRecord) => boolean][] = [
    ["项目", { section }, (record) => record.filters.section![0] === section],
    ["项目", { page: "第02版" }, (record) => record.filters.page![0] === "第02版"],
    [name, { byline: name }, (record) => (record.filters.byline ?? []).includes(name)],
    ["项目", { date: { any: inRange } }, (record) => inRange.includes(record.meta.date!)],
    ["项目", { date: { any: inRange }, page: "第01版" }, (record) => inRange.includes(record.meta.date!) && record.filters.page![0] === "第01版"],
  ];
  for (const [query, filters, keep] of cases) {
    const want = expected(archive, query, keep);
    const hits = await find(synthetic.client, query, filters);
    assert.ok(want.length > 0, `${JSON.stringify(filters)} has matches`);
    assert.equal(urls(hits), want, `${query} with ${JSON.stringify(filters)}`);
    const order = hits.map((hit) => hit.date);
    assert.equal(order, [...order].sort().reverse(), "newest first");
  }
});

test("the /search/ page shows headline, date, 第N版 and a highlighted snippet, from a link", async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${sample.server.url}search/?q=${encodeURIComponent("垃圾分类我先行")}`);
  await page.waitForSelector(".search-results li");
  const result = await page.evaluate(() => {
    const item = document.querySelector(".search-results li")!;
    return {
      title: item.querySelector("h2 a")!.textContent,
      href: (item.querySelector("h2 a") as HTMLAnchorElement).href,
      meta: item.querySelector(".search-meta")!.textContent,
      marks: Array.from(item.querySelectorAll("mark")).map((mark) => mark.textContent),
      snippet: item.querySelector(".search-snippet")!.textContent!,
      status: document.querySelector(".search-status")!.textContent,
    };
  });
  assert.is(result.title, "垃圾分类我先行");
  assert.ok(result.href.endsWith("/2020-06-05/01/laji-fenlei/"), result.href);
  assert.match(result.meta!, /2020年6月5日 · 第01版：要闻/);
  assert.ok(result.marks.includes("垃圾分类我先行"), `marks: ${result.marks.join("|")}`);
  assert.not.match(result.snippet, /\u200b/, "no word breaks left in the snippet");
  assert.match(result.status!, /共找到 1 篇/);

  // The form, typed into, with filters; a byline that did not write about 戚风华 excludes everything.
  await page.fill("#search-q", "戚风华");
  await page.selectOption("#search-page", "第01版");
  await page.click(".search-form button[type=submit]");
  await page.waitForFunction(() => /共找到 2 篇/.test(document.querySelector(".search-status")!.textContent ?? ""));
  assert.match(page.url(), /q=%E6%88%9A%E9%A3%8E%E5%8D%8E/);
  await page.fill("#search-from", "2020-06-05");
  await page.fill("#search-to", "2020-06-05");
  await page.click(".search-form button[type=submit]");
  await page.waitForFunction(() => /共找到 2 篇/.test(document.querySelector(".search-status")!.textContent ?? ""));
  await page.fill("#search-byline", "唐晓海");
  await page.click(".search-form button[type=submit]");
  await page.waitForFunction(() => document.querySelector(".search-status")!.textContent === "没有找到相关文章");
  assert.equal(errors, []);
  await page.close();
});

test.run();
