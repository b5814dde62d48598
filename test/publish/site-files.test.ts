/** sitemap.xml, news-sitemap.xml, robots.txt and _headers, for a site served from a sub-path. */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadSettings } from "../../src/load-archive.ts";
import { readState } from "../../src/publish/build-state.ts";
import { publishSite, workDirFor } from "../../src/publish/incremental-build.ts";
import { readSiteManifest } from "../../src/publish/output-manifest.ts";
import { IMMUTABLE, SHORT_LIVED, sitemapFiles, sitemapYearOf, STORAGE_SHORT_LIVED, storageCacheControl } from "../../src/publish/site-files.ts";
import { cacheControlOf, readHeaders } from "./headers-rules.ts";
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

test("a corrected article's sitemap lastmod is its 更正's date, kept in the build state for the year's sitemap part", async () => {
  const correctedContent = await smallArchive("sitefiles-corrected", 6, "2021-12-28");
  const correctedOutput = path.join(await tempDir("sitefiles-corrected-out"), "site");
  await publishSite({ contentRoot: correctedContent, outputDir: correctedOutput, projectRoot: PROJECT_ROOT, workers: 1 });
  const file = path.join(correctedContent, "2021", "2021-12-28", "p1-s2.md");
  const text = await readFile(file, "utf8");
  await writeFile(file, text.replace('date: "2021-12-28"\n', 'date: "2021-12-28"\ncorrections:\n  - date: "2022-01-04"\n    note: "本报12月28日1版一文中的数字有误，特此更正。"\n'));
  await publishSite({ contentRoot: correctedContent, outputDir: correctedOutput, projectRoot: PROJECT_ROOT, workers: 1 });

  const lastmods = new Map<string, string>(parseXml(await readFile(path.join(correctedOutput, "sitemap.xml"), "utf8"), "sitemap.xml").urlset.url.map((url: { loc: string; lastmod: string }) => [url.loc, url.lastmod]));
  // This archive's own site URL (the generated settings name one).
  const origin = [...lastmods.keys()].find((url) => url.endsWith("/2021-12-28/"))!.slice(0, -"2021-12-28/".length);
  assert.is(lastmods.get(`${origin}2021-12-28/01/p1-s2/`), "2022-01-04");
  // The pages show the article as printed: they, the edition and its other articles keep their day.
  for (const url of ["2021-12-28/", "2021-12-28/01/", "2021-12-28/01/p1-s1/"]) assert.is(lastmods.get(`${origin}${url}`), "2021-12-28", url);

  // Split, the part holding it says so in the index, from the state's light entries alone.
  const site = { ...(await loadSettings(correctedContent)), siteUrl: BASE };
  const index = (await readState(workDirFor(`${correctedOutput}.cache`, correctedOutput)))!.editions.map((edition) => edition.index);
  assert.is(index.find((edition) => edition.date === "2021-12-28")!.correctedOn, "2022-01-04");
  const split = sitemapFiles(site, index, { maxUrls: 20 });
  const article = `${BASE}2021-12-28/01/p1-s2/`;
  const holding = [...split].find(([name, text]) => sitemapYearOf(name) && text.includes(`<loc>${article}</loc>`))![0];
  const entries: { loc: string; lastmod: string }[] = parseXml(split.get("sitemap.xml")!, "index").sitemapindex.sitemap;
  assert.is(entries.find((entry) => entry.loc === `${BASE}${holding}`)!.lastmod, "2022-01-04");
  for (const entry of entries) {
    const name = entry.loc.slice(BASE.length);
    const newest = parseXml(split.get(name)!, name).urlset.url.map((url: { lastmod: string }) => url.lastmod).sort().at(-1);
    assert.ok(entry.lastmod >= newest, `${name}: ${entry.lastmod} before its newest URL, ${newest}`);
  }
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

test("_headers: security headers everywhere; immutable assets, pictures and search index files (content-hashed names), the rest short-lived, on Netlify and Cloudflare alike", async () => {
  const hosts = await readHeaders(path.join(output, "_headers"), await read("_headers"));
  const everywhere = hosts.rules.find((rule) => rule.path === "/*")!;
  const csp = everywhere.headers.get("Content-Security-Policy")!;
  assert.not.match(csp, /unsafe-inline/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(csp, /default-src 'self'/);
  assert.is(everywhere.headers.get("X-Content-Type-Options"), "nosniff");
  assert.ok(everywhere.headers.get("Referrer-Policy"));
  assert.not.ok(everywhere.headers.has("Cache-Control"), "a Cache-Control on /* would be joined with every other rule's");

  // Both hosts send this where _headers gives no Cache-Control.
  const cacheOf = (url: string) => cacheControlOf(hosts, url, "public, max-age=0, must-revalidate");
  // Content-hashed names: the build's assets, an edition's pictures (share cards and page
  // thumbnails here; photos and scans in test/images/site-images.test.ts), Pagefind's index files.
  const searchIndex = /^pagefind\/.*\.pf_\w+$/;
  const hashed = files.filter((file) => file.path.startsWith("assets/") || /^\d{4}-\d{2}-\d{2}\/(cards|images|scans|thumbs)\//.test(file.path) || searchIndex.test(file.path));
  for (const part of ["assets/", "/cards/", "/thumbs/", ".pf_fragment", ".pf_index", ".pf_meta"]) assert.ok(hashed.some((file) => file.path.includes(part)), `some ${part} file`);
  for (const file of hashed) {
    assert.match(file.path, searchIndex.test(file.path) ? /_[0-9a-f]{7,}\.pf_\w+$/ : /\.[0-9a-f]{10}\.\w+$/, "a content-hashed name");
    assert.is(cacheOf(`/${file.path}`), IMMUTABLE, file.path);
  }
  for (const part of ["pagefind.js", "pagefind-entry.json", ".pagefind"]) assert.ok(files.some((file) => file.path.startsWith("pagefind/") && file.path.endsWith(part) && !hashed.includes(file)), part);
  // _headers itself is read by the host, never served.
  // A deploy to storage sets each object's Cache-Control itself (deploy-plan.ts): immutable where
  // _headers says so, and a CDN in front may keep the rest five minutes, but the manifests, which
  // the next deploy plan reads over HTTP and must find as the host has them.
  const manifests = files.filter((file) => /(^|\/)files\.json$/.test(file.path));
  assert.ok(manifests.some((file) => /^\d{4}-\d{2}-\d{2}\/files\.json$/.test(file.path)), "the editions' parts of the manifest");
  assert.is(storageCacheControl("files.json"), SHORT_LIVED);
  for (const file of files.filter((file) => file.path !== "_headers")) {
    assert.is(storageCacheControl(file.path), hashed.includes(file) ? IMMUTABLE : manifests.includes(file) ? SHORT_LIVED : STORAGE_SHORT_LIVED, file.path);
  }
  for (const file of files.filter((file) => !hashed.includes(file) && file.path !== "_headers")) assert.is(cacheOf(`/${file.path}`), SHORT_LIVED, file.path);
  // Pages are asked for by their folder URL, with or without the slash.
  const article = files.find((file) => /^2021-03-01\/01\/[^/]+\/index\.html$/.test(file.path))!.path.slice(0, -"index.html".length);
  for (const url of ["/", "/2021-03-01/", "/2021-03-01", "/2021-03-01/01/", `/${article}`, `/${article.slice(0, -1)}`, "/archive/2021/"]) assert.is(cacheOf(url), SHORT_LIVED, url);
  assert.equal(SHORT_LIVED, "public, max-age=0, must-revalidate");
});

test.after(() => removeTempDirs("sitefiles", "sitefiles-out", "sitefiles-years", "sitefiles-years-out", "sitefiles-corrected", "sitefiles-corrected-out"));

test.run();
