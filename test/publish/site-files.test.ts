/** sitemap.xml, news-sitemap.xml, robots.txt and _headers, for a site served from a sub-path. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadSettings } from "../../src/load-archive.ts";
import { readState } from "../../src/publish/build-state.ts";
import { publishSite, workDirFor } from "../../src/publish/incremental-build.ts";
import { readSiteManifest } from "../../src/publish/output-manifest.ts";
import { cacheControlFor, sitemapFiles, sitemapYearOf } from "../../src/publish/site-files.ts";
import { PROJECT_ROOT, removeTempDirs, smallArchive, tempDir } from "./helpers.ts";

const BASE = "https://example.org/paper/";
// The generated site.config.ts reads this when it is first imported.
process.env.BROADSHEET_SITE_URL = BASE;
const content = await smallArchive("sitefiles", 6);
const output = path.join(await tempDir("sitefiles-out"), "site");
await publishSite({ contentRoot: content, outputDir: output, projectRoot: PROJECT_ROOT, workers: 1 });
delete process.env.BROADSHEET_SITE_URL;

const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "url" || name === "sitemap" });
const read = (name: string) => readFile(path.join(output, name), "utf8");
const files = await readSiteManifest(output);

function parseXml(text: string, name: string): any {
  const valid = XMLValidator.validate(text);
  assert.is(valid, true, `${name} is not well-formed XML: ${JSON.stringify(valid)}`);
  return parser.parse(text);
}

test("sitemap.xml lists every page of the site once (but the search form), with absolute URLs under the sub-path", async () => {
  const sitemap = parseXml(await read("sitemap.xml"), "sitemap.xml");
  const locs: string[] = sitemap.urlset.url.map((url: { loc: string }) => url.loc);
  // The search page holds a form and no content of its own: nothing for a search engine to list.
  const pages = files
    .map((file) => file.path)
    .filter((p) => p.endsWith("index.html") && p !== "search/index.html")
    .map((p) => `${BASE}${p.slice(0, -"index.html".length)}`);
  assert.equal([...locs].sort(), pages.sort());
  assert.is(new Set(locs).size, locs.length, "no URL twice");
  assert.ok(locs.includes(`${BASE}2021-03-08/01/p1-s1/`));
  assert.ok(locs.includes(`${BASE}archive/2021/03/`));
});

test("past the URL limit sitemap.xml becomes an index of a part per year (and one for the site) that together list every URL", async () => {
  // Six editions across a new year.
  const yearsContent = await smallArchive("sitefiles-years", 6, "2021-12-28");
  const yearsOutput = path.join(await tempDir("sitefiles-years-out"), "site");
  await publishSite({ contentRoot: yearsContent, outputDir: yearsOutput, projectRoot: PROJECT_ROOT, workers: 1 });
  const site = { ...(await loadSettings(content)), siteUrl: BASE };
  const state = await readState(workDirFor(`${yearsOutput}.cache`, yearsOutput));
  const index = state!.editions.map((edition) => edition.index);
  const single = parseXml(sitemapFiles(site, index).get("sitemap.xml")!, "single").urlset.url.map((url: { loc: string }) => url.loc);
  const split = sitemapFiles(site, index, { maxUrls: 20 });
  const root = parseXml(split.get("sitemap.xml")!, "index");
  const parts: string[] = root.sitemapindex.sitemap.map((entry: { loc: string }) => entry.loc);
  // Each part's lastmod in the index is its newest URL's.
  for (const entry of root.sitemapindex.sitemap as { loc: string; lastmod: string }[]) {
    const name = entry.loc.slice(BASE.length);
    const lastmods: string[] = parseXml(split.get(name)!, name).urlset.url.map((url: { lastmod: string }) => url.lastmod);
    assert.is(entry.lastmod, lastmods.sort().at(-1), name);
  }
  const years = [...new Set(index.map((edition) => edition.date.slice(0, 4)))];
  assert.ok(years.length > 1, "the fixture spans years");
  assert.ok(parts.some((part) => /sitemap-\d{4}-2\.xml$/.test(part)), "a year past the limit has a second part");
  const listed: string[] = [];
  for (const part of parts) {
    assert.ok(part.startsWith(BASE), part);
    const name = part.slice(BASE.length);
    assert.ok(name === "sitemap-site.xml" || years.includes(sitemapYearOf(name)!), name);
    const urls: string[] = parseXml(split.get(name)!, name).urlset.url.map((url: { loc: string }) => url.loc);
    assert.ok(urls.length <= 20);
    // A year's part holds only that year's editions and archive pages.
    const year = sitemapYearOf(name);
    if (year) for (const url of urls) assert.ok(url.startsWith(`${BASE}${year}-`) || url.startsWith(`${BASE}archive/${year}/`), url);
    listed.push(...urls);
  }
  assert.equal([...listed].sort(), [...single].sort());
  assert.is(new Set(listed).size, listed.length, "no URL twice");
  // Asked for one year, it makes that year's parts and the index (which still lists every part).
  const one = sitemapFiles(site, index, { maxUrls: 20, years: new Set([years[0]!]) });
  assert.equal([...one.keys()].filter((name) => sitemapYearOf(name)).map(sitemapYearOf), [...split.keys()].filter((name) => sitemapYearOf(name) === years[0]).map(sitemapYearOf));
  assert.is(one.get("sitemap.xml"), split.get("sitemap.xml"));
});

test("the news sitemap holds only the articles of the last two days", async () => {
  const news = parseXml(await read("news-sitemap.xml"), "news-sitemap.xml");
  const urls: any[] = news.urlset.url;
  // The newest edition is Monday 2021-03-08; the day before has none, Friday's is three days old.
  const expected = files.filter((file) => /^2021-03-08\/\d\d\/[^/]+\/index\.html$/.test(file.path)).length;
  assert.is(urls.length, expected);
  for (const url of urls) {
    assert.match(url.loc, /^https:\/\/example\.org\/paper\/2021-03-08\/\d\d\/[^/]+\/$/);
    assert.is(url["news:news"]["news:publication_date"], "2021-03-08T00:00:00+08:00");
    assert.is(url["news:news"]["news:publication"]["news:language"], "zh-cn");
    assert.ok(String(url["news:news"]["news:title"]).length > 0);
  }
});

test("robots.txt points crawlers at both sitemaps under the sub-path", async () => {
  const robots = await read("robots.txt");
  assert.match(robots, /^User-agent: \*$/m);
  assert.match(robots, new RegExp(`^Sitemap: ${BASE}sitemap\\.xml$`, "m"));
  assert.match(robots, new RegExp(`^Sitemap: ${BASE}news-sitemap\\.xml$`, "m"));
});

/** `_headers` blocks: a path line, then indented `Name: value` lines. */
function parseHeaders(text: string): { path: string; headers: Map<string, string> }[] {
  const rules: { path: string; headers: Map<string, string> }[] = [];
  for (const line of text.split("\n")) {
    if (line.startsWith("#") || line.trim() === "") continue;
    if (!/^\s/.test(line)) rules.push({ path: line.trim(), headers: new Map() });
    else {
      const match = /^\s+([A-Za-z-]+):\s*(.+)$/.exec(line);
      assert.ok(match && rules.length, `unexpected line in _headers: ${line}`);
      rules.at(-1)!.headers.set(match![1]!, match![2]!);
    }
  }
  return rules;
}

const matches = (pattern: string, url: string) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`).test(url);

test("_headers: security headers everywhere, immutable hashed assets, short-lived HTML, no overlapping cache rules", async () => {
  const rules = parseHeaders(await read("_headers"));
  const everywhere = rules.find((rule) => rule.path === "/*")!;
  const csp = everywhere.headers.get("Content-Security-Policy")!;
  assert.not.match(csp, /unsafe-inline/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(csp, /default-src 'self'/);
  assert.is(everywhere.headers.get("X-Content-Type-Options"), "nosniff");
  assert.ok(everywhere.headers.get("Referrer-Policy"));
  assert.not.ok(everywhere.headers.has("Cache-Control"), "a Cache-Control on /* would be joined with every other rule's");

  const cacheOf = (url: string) => {
    const found = rules.filter((rule) => rule.headers.has("Cache-Control") && matches(rule.path, url));
    assert.is(found.length, 1, `${url}: expected one Cache-Control rule, found ${found.map((rule) => rule.path).join(", ") || "none"}`);
    return found[0]!.headers.get("Cache-Control")!;
  };
  const assets = files.filter((file) => file.path.startsWith("assets/"));
  assert.ok(assets.length > 0);
  for (const asset of assets) {
    assert.match(asset.path, /\.[0-9a-f]{10}\.\w+$/, "assets have content-hashed names");
    assert.match(cacheOf(`/${asset.path}`), /immutable/);
  }
  // _headers itself is read by the host, never served.
  // A deploy to storage sets each object's Cache-Control itself (deploy-plan.ts): the same as here.
  for (const file of files.filter((file) => file.path !== "_headers")) assert.is(cacheControlFor(file.path), cacheOf(`/${file.path}`), file.path);
  for (const file of files.filter((file) => !file.path.startsWith("assets/") && file.path !== "_headers")) {
    const value = cacheOf(`/${file.path}`);
    assert.not.match(value, /immutable/, file.path);
    assert.match(value, /max-age=\d{1,4}\b/, file.path);
  }
  assert.match(cacheOf("/"), /max-age=300/);
  assert.match(cacheOf("/2021-03-01/"), /max-age=300/);
});

test.after(() => removeTempDirs("sitefiles", "sitefiles-out", "sitefiles-years", "sitefiles-years-out"));

test.run();
