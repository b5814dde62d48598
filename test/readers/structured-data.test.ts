/** JSON-LD on every article parses and carries the print fields; sharing and citation tags are present. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import { beforeAll } from "../before-all.ts";
import * as assert from "uvu/assert";
import { jsonForScript } from "../../src/structured-data/article-head.ts";
import { sharedSample, sharedSynthetic, type BuiltSite } from "./built-sites.ts";

let sites: BuiltSite[] = [];
beforeAll(test, async () => {
  sites = await Promise.all([sharedSample(), sharedSynthetic()]);
});

function jsonLd(htmlText: string): any[] {
  return [...htmlText.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((match) => JSON.parse(match[1]!));
}

function meta(htmlText: string, key: string): string[] {
  const pattern = new RegExp(`<meta (?:name|property)="${key.replace(/[:]/g, "\\:")}" content="([^"]*)">`, "g");
  return [...htmlText.matchAll(pattern)].map((match) => match[1]!.replace(/&quot;/g, '"').replace(/&amp;/g, "&"));
}

test("every article has one NewsArticle with headline, dates, author and the print fields", async () => {
  for (const site of sites) {
    for (const edition of site.archive.editions) {
      for (const page of edition.pages) {
        for (const article of page.articles) {
          const text = await readFile(path.join(site.output, article.path, "index.html"), "utf8");
          const [data, ...more] = jsonLd(text);
          assert.is(more.length, 0, `${article.path}: one JSON-LD block`);
          assert.is(data["@context"], "https://schema.org");
          assert.is(data["@type"], "NewsArticle");
          assert.is(data.headline, article.title);
          assert.is(data.datePublished, edition.dateTime);
          assert.match(data.datePublished, /\+08:00$/, "the paper's zone");
          assert.is(data.printPage, page.label);
          assert.is(data.printSection, page.name);
          assert.match(data.printColumn, /^[1-9]\d*$/);
          assert.ok(Number(data.printColumn) <= site.archive.site.format.columns);
          assert.ok(String(data.printEdition).includes(edition.dateText));
          if (edition.issueNumber !== undefined) assert.ok(String(data.printEdition).includes(String(edition.issueNumber)));
          assert.is(data.dateline, article.dateline);
          const authors = data.author.map((author: any) => author.name);
          assert.equal(authors, article.byline.length ? [...article.byline] : [site.archive.site.name]);
          assert.is(data.mainEntityOfPage, new URL(article.path, site.archive.site.siteUrl).href);
          // Canonical, sharing and citation tags agree with it.
          assert.ok(text.includes(`<link rel="canonical" href="${data.url}">`), `${article.path}: canonical`);
          assert.equal(meta(text, "og:url"), [data.url]);
          assert.equal(meta(text, "og:type"), ["article"]);
          assert.is(meta(text, "twitter:card").length, 1);
          assert.equal(meta(text, "citation_title"), [article.title]);
          assert.equal(meta(text, "citation_author"), [...article.byline]);
          assert.equal(meta(text, "citation_publication_date"), [edition.date.replace(/-/g, "/")]);
          assert.equal(meta(text, "citation_journal_title"), [site.archive.site.name]);
          assert.equal(meta(text, "citation_firstpage"), [String(page.number)]);
        }
      }
    }
  }
});

test("the sample's lead story: dateline-free lead by two reporters in column 1; a 本报讯 story keeps its dateline", async () => {
  const sample = sites[0]!;
  const lead = jsonLd(await readFile(path.join(sample.output, "2020-06-05/01/xiangmu-fali/index.html"), "utf8"))[0];
  assert.equal(lead.author, [{ "@type": "Person", name: "戚风华" }, { "@type": "Person", name: "赵小君" }]);
  assert.is(lead.printColumn, "1");
  assert.is(lead.printEdition, "2020年6月5日 总第5123期");
  const brief = sample.archive.editions[0]!.pages[0]!.articles.find((article) => article.dateline);
  assert.ok(brief, "the sample has a story with a dateline");
  assert.is(jsonLd(await readFile(path.join(sample.output, brief!.path, "index.html"), "utf8"))[0].dateline, brief!.dateline);
});

test("JSON-LD cannot be closed early by the text it carries", () => {
  const text = jsonForScript({ headline: "</script><script>alert(1)</script>" });
  assert.not.match(text, /<\/script/i);
  assert.equal(JSON.parse(text), { headline: "</script><script>alert(1)</script>" });
});

test.run();
