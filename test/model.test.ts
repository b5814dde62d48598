import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadArchive } from "../src/load-archive.ts";
import { SAMPLE_CONTENT } from "./helpers.ts";

const { archive, problems } = await loadArchive(SAMPLE_CONTENT);
const edition = archive.editions[0]!;
const page = edition.pages[0]!;

test("the sample is one edition of one page with seven items", () => {
  assert.equal(problems, []);
  assert.is(archive.editions.length, 1);
  assert.is(edition.date, "2020-06-05");
  assert.is(edition.dateTime, "2020-06-05T00:00:00+08:00");
  assert.is(edition.lunar, "农历庚子年闰四月十四");
  assert.is(edition.issueNumber, 5123);
  assert.is(edition.pages.length, 1);
  assert.is(page.label, "01");
  assert.is(page.name, "要闻");
});

test("articles come in print order, the 专家点评 box right after its lead story", () => {
  assert.equal(
    page.articles.map((article) => article.slug),
    ["xiangmu-fali", "zhuanjia-dianping", "tongbao-biaoyang", "daolu-jiaotong-anquan", "xuexi-qiangguo", "wenming-chengshi-ducha", "laji-fenlei"],
  );
  const lead = page.articles[0]!;
  assert.is(lead.type, "lead");
  assert.equal(lead.attachments, ["zhuanjia-dianping"]);
  assert.is(page.articles[1]!.attachedTo, "xiangmu-fali");
});

test("headlines, datelines and bylines are typed fields", () => {
  const bySlug = new Map(page.articles.map((article) => [article.slug, article]));
  assert.equal(bySlug.get("xiangmu-fali")!.byline, ["戚风华", "赵小君"]);
  assert.equal(bySlug.get("zhuanjia-dianping")!.byline, []);
  assert.equal(bySlug.get("laji-fenlei")!.byline, ["宗丽华 文/摄"]);
  const report = bySlug.get("tongbao-biaoyang")!;
  assert.is(report.title, "落实重大政策措施成效明显");
  assert.is(report.subtitle, "我区受到省政府通报表扬");
  assert.is(report.dateline, "本报讯");
  assert.is(report.path, "2020-06-05/01/tongbao-biaoyang/");
});

test("subheads are h2 in the article view and h3 on the page", () => {
  const lead = page.articles[0]!;
  assert.match(lead.bodyHtml, "<h2>创新招商模式，项目引进强势推进</h2>");
  assert.match(lead.bodyHtmlOnPage, "<h3>创新招商模式，项目引进强势推进</h3>");
  assert.is(lead.textLength, 816, "characters of running text, subheads included, markup excluded");
});

test("the model is immutable", () => {
  assert.throws(() => {
    (edition as { date: string }).date = "2020-06-06";
  });
  assert.throws(() => {
    (page.articles as unknown as unknown[]).push({});
  });
});

test.run();
