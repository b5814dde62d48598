// A Founder-style e-paper page (node_N.htm + content_N.htm, one of them GBK) → articles and redirects.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { importFounderPage } from "../../src/import/founder.ts";
import { mergeRedirects, parseRedirects } from "../../src/import/redirects.ts";
import { TEMP_REMOVAL } from "../helpers.ts";

const NODE = "test/fixtures/import/founder/html/2020-06/05/node_2.htm";

test("reads the page, its four articles in order, and every Founder field", async () => {
  const page = await importFounderPage(NODE);
  assert.equal(page.problems, []);
  assert.equal([page.date, page.number, page.name, page.oldPath], ["2020-06-05", 1, "要闻", "html/2020-06/05/node_2.htm"]);
  assert.equal(page.articles.map((article) => [article.slug, article.fields.type, article.fields.title]), [
    ["p01-01", "lead", "项目发力 区域经济稳中快进"],
    ["p01-01-box", "comment", "专家点评"],
    ["p01-02", undefined, "落实重大政策措施成效明显"],
    ["p01-03", "photo", "垃圾分类我先行"],
  ]);
  const [lead, box, news, photo] = page.articles;
  assert.is(lead!.fields.kicker, "“两个加快”决战决胜");
  assert.equal(lead!.fields.byline, ["戚风华", "赵小君"]);
  assert.match(lead!.body, /\n\n## 创新招商模式，项目引进强势推进\n\n金坛经济开发区/);
  assert.match(lead!.body, /当前，两个加快决战决胜的号角嘹亮/); // broken <P> rejoined
  assert.is(news!.fields.subtitle, "我区受到省政府通报表扬"); // GBK page decoded
  assert.is(news!.fields.dateline, "本报讯");
  assert.match(news!.body, /^省政府办公厅6月1日印发通报，.*县（市、区及高新区、开发区）予以/);
  assert.match(news!.body, /奖励支持措施均明确了/); // <BR> inside a paragraph is not a break
  assert.is(box!.fields.attachedTo, "p01-01");
  assert.ok(box!.needsReview.some((note) => note.includes("check attachedTo")));
  assert.not.match(box!.body, /alert|script/);
  assert.is(photo!.fields.byline, "宗丽华 文/摄");
  assert.ok(photo!.needsReview.some((note) => note.includes("res01_attpic_brief.jpg")));
});

test("redirects from the old URLs to the new ones, merged without duplicates", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "redirects-"));
  try {
    await writeFile(path.join(dir, "_redirects"), "/html/2020-06/05/node_2.htm /old/ 301\n");
    const page = await importFounderPage(NODE);
    const total = await mergeRedirects(dir, [
      { from: page.oldPath, to: "2020-06-05/01/" },
      ...page.articles.map((article) => ({ from: article.oldPath, to: `2020-06-05/01/${article.slug}/` })),
    ]);
    assert.is(total, 5);
    const text = await readFile(path.join(dir, "_redirects"), "utf8");
    assert.match(text, /^\/html\/2020-06\/05\/node_2\.htm \/2020-06-05\/01\/ 301$/m);
    assert.match(text, /^\/html\/2020-06\/05\/content_103\.htm \/2020-06-05\/01\/p01-02\/ 301$/m);
    assert.is(parseRedirects(text).length, 5);
  } finally {
    await rm(dir, TEMP_REMOVAL);
  }
});

test.run();
