// 更正: the corrected text is published with a dated note on the article; dateModified moves;
// the edition's front page is not otherwise altered.
import { readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import settings from "../fixtures/sample/site.config.ts";
import { parseMarkdownFile } from "../../src/content/front-matter.ts";
import type { ArticleSource } from "../../src/content/read-content.ts";
import { siteData } from "../../src/eleventy/site-data.ts";
import { buildModel } from "../../src/model/build-model.ts";
import { loadLayouts, renderedText, siteRoutes } from "../../src/eleventy/site-routes.ts";
import type { Problem } from "../../src/validate/problem.ts";

const layouts = await loadLayouts(process.cwd());
const FILE = "test/fixtures/sample/2020-06-05/tongbao-biaoyang.md";
const original = readFileSync(FILE, "utf8");

function site(text: string) {
  const problems: Problem[] = [];
  const source: ArticleSource = { ...parseMarkdownFile(text, FILE, problems), file: FILE, absolutePath: FILE, stem: "tongbao-biaoyang" };
  const archive = buildModel({ root: "test/fixtures/sample", editions: [{ date: "2020-06-05", dir: "test/fixtures/sample/2020-06-05", folder: "test/fixtures/sample/2020-06-05", articles: [source], pages: [], files: new Set() }] }, settings, problems);
  const pages = archive.editions.length ? new Map(siteRoutes(layouts, siteData(archive)).map((route) => [route.file, renderedText(route)])) : new Map<string, string>();
  return { problems, archive, pages };
}

const corrected = original
  .replace("date: 2020-06-05\n", "date: 2020-06-05\ncorrections:\n  - date: 2020-06-08\n    note: 本报6月5日1版《落实重大政策措施成效明显》一文中“88个县”应为“87个县”，特此更正。\n")
  .replace("87个县", "87个县");

test("the article shows the corrected text and a dated 更正 note; dateModified is the correction's date", () => {
  const before = site(original);
  const after = site(corrected);
  assert.equal(after.problems, []);
  const article = after.archive.editions[0]!.pages[0]!.articles[0]!;
  assert.is(article.dateModified, "2020-06-08");
  assert.is(before.archive.editions[0]!.pages[0]!.articles[0]!.dateModified, "2020-06-05");
  const view = after.pages.get("2020-06-05/01/tongbao-biaoyang/index.html")!;
  assert.match(view, /<section class="corrections" aria-label="更正">\s*<h2 class="corrections-title">更正<\/h2>\s*<ul>\s*<li><time datetime="2020-06-08">2020年6月8日<\/time>　本报6月5日1版《落实重大政策措施成效明显》一文中“88个县”应为“87个县”，特此更正。<\/li>/);
});

test("JSON-LD's dateModified and the feeds' updated are the correction's day in the paper's zone; published stays", () => {
  const after = site(corrected);
  const view = after.pages.get("2020-06-05/01/tongbao-biaoyang/index.html")!;
  const jsonLd = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(view)![1]!);
  const article = [jsonLd, ...(jsonLd["@graph"] ?? [])].find((node: { "@type"?: string }) => node["@type"] === "NewsArticle");
  assert.is(article.datePublished, "2020-06-05T00:00:00+08:00");
  assert.is(article.dateModified, "2020-06-08T00:00:00+08:00");
  const atom = after.pages.get("2020-06-05/feed.xml")!;
  const entry = /<entry>(?:(?!<\/entry>)[\s\S])*tongbao-biaoyang(?:(?!<\/entry>)[\s\S])*<\/entry>/.exec(atom)![0];
  assert.match(entry, "<published>2020-06-05T00:00:00+08:00</published>");
  assert.match(entry, "<updated>2020-06-08T00:00:00+08:00</updated>");
  assert.match(atom, /^<updated>2020-06-08T00:00:00\+08:00<\/updated>$/m);
  const item = JSON.parse(after.pages.get("2020-06-05/feed.json")!).items.find((candidate: { url: string }) => candidate.url.endsWith("/tongbao-biaoyang/"));
  assert.equal([item.date_published, item.date_modified], ["2020-06-05T00:00:00+08:00", "2020-06-08T00:00:00+08:00"]);
  // Uncorrected, nothing moves.
  const before = site(original).pages.get("2020-06-05/feed.xml")!;
  assert.not.match(before, "2020-06-08");
});

test("the feeds and the edition API carry the 更正 notes with the corrected text", () => {
  const after = site(corrected);
  const note = "本报6月5日1版《落实重大政策措施成效明显》一文中“88个县”应为“87个县”，特此更正。";
  const item = JSON.parse(after.pages.get("2020-06-05/feed.json")!).items.find((candidate: { url: string }) => candidate.url.endsWith("/tongbao-biaoyang/"));
  assert.match(item.content_html, `<time datetime="2020-06-08">2020年6月8日</time>　${note}`);
  assert.match(after.pages.get("2020-06-05/feed.xml")!, "2020年6月8日&lt;/time&gt;　" + note);
  const story = JSON.parse(after.pages.get("2020-06-05/edition.json")!).pages[0].stories.find((candidate: { slug: string }) => candidate.slug === "tongbao-biaoyang");
  assert.equal(story.corrections, [{ date: "2020-06-08", note }]);
  assert.is(story.dateModified, "2020-06-08");
  const untouched = JSON.parse(site(original).pages.get("2020-06-05/edition.json")!).pages[0].stories.find((candidate: { slug: string }) => candidate.slug === "tongbao-biaoyang");
  assert.equal([untouched.corrections, untouched.dateModified], [[], "2020-06-05"]);
});

test("the edition's front page and page views are byte for byte what they were", () => {
  const before = site(original).pages;
  const after = site(corrected).pages;
  for (const file of ["index.html", "2020-06-05/index.html", "2020-06-05/01/index.html"]) assert.is(after.get(file), before.get(file), file);
});

test("a correction dated before publication, or without its note, is a clear error", () => {
  const { problems } = site(original.replace("date: 2020-06-05\n", "date: 2020-06-05\ncorrections: [{ date: 2020-06-01, note: x }, { date: 2020-06-09 }]\n"));
  const messages = problems.map((problem) => `${problem.field}: ${problem.message}`);
  assert.ok(messages.includes("corrections: corrections[0].date: a correction follows publication (2020-06-05), found 2020-06-01"), messages.join("\n"));
  assert.ok(messages.includes("corrections: corrections[1].note: expected the text of the correction notice, found nothing"), messages.join("\n"));
});

test.run();
