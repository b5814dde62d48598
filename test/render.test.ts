/** Builds the sample into a temporary folder and reads the HTML a reader would get. */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildSite } from "../src/build-site.ts";
import { fileTree, removeAll, SAMPLE_CONTENT, tempDir } from "./helpers.ts";
import { brokenLinks, internalUrls } from "./site-links.ts";

const out = path.join(await tempDir(), "site");
const { archive } = await buildSite({ contentRoot: SAMPLE_CONTENT, outputDir: out });
const read = (file: string) => readFile(path.join(out, file), "utf8");
const text = (html: string) => html.replace(/<[^>]+>/g, "");
const articles = archive.editions[0]!.pages[0]!.articles;

test.after(() => removeAll(path.dirname(out)));

test("/ is the latest front page itself, with the masthead", async () => {
  const home = await read("index.html");
  assert.match(home, '<html lang="zh-CN">');
  assert.not.match(home, "http-equiv=\"refresh\"");
  assert.match(home, 'class="paper-name"><a href="2020-06-05/">金坛时报</a>');
  assert.match(home, '<time datetime="2020-06-05">2020年6月5日</time> <span class="weekday">星期五</span>');
  assert.match(home, "农历庚子年闰四月十四");
  assert.match(home, "总第5123期 · 今日1版");
  assert.match(home, "主办：中共常州市金坛区委员会 常州市金坛区人民政府");
  assert.match(home, '<link rel="canonical" href="https://paper.example/2020-06-05/">');
});

test("the front page shows all six stories with bylines, and the 专家点评 box with the lead", async () => {
  const home = await read("index.html");
  for (const article of articles) assert.match(home, `>${article.title}</a></h2>`);
  for (const byline of ["戚风华 赵小君", "戚风华", "蒋建君 荆迎", "李蕾", "唐晓海", "宗丽华 文/摄"]) {
    assert.match(home, `<p class="byline">${byline}</p>`);
  }
  const lead = home.indexOf("项目发力 区域经济稳中快进</a></h2>");
  const box = home.search(/<aside [^>]*class="story story-comment/);
  const next = home.indexOf("落实重大政策措施成效明显</a></h2>");
  assert.ok(lead > 0 && box > lead && next > box, "the box follows the lead story, before the next story");
  assert.match(home, '<p class="subtitle">——我区受到省政府通报表扬</p>');
  assert.match(home, '<span class="dateline">本报讯</span>　省政府办公厅6月1日印发通报');
});

test("the edition, page and article pages exist, each story on its own page", async () => {
  assert.ok(existsSync(path.join(out, "2020-06-05/index.html")));
  assert.ok(existsSync(path.join(out, "2020-06-05/01/index.html")));
  for (const article of articles) {
    const html = await read(`${article.path}index.html`);
    assert.match(html, `<h1 class="headline">${article.title}</h1>`);
    assert.match(html, "第01版：要闻");
  }
  const edition = await read("2020-06-05/index.html");
  assert.match(edition, 'aria-label="版面导航"');
  assert.match(edition, 'aria-label="标题导航"');
});

test("the article view: headline group, byline, date, page, body, box, neighbours", async () => {
  const lead = await read("2020-06-05/01/xiangmu-fali/index.html");
  assert.match(lead, '<span class="article-byline">戚风华 赵小君</span>');
  assert.match(lead, '<time datetime="2020-06-05">2020年6月5日</time>');
  assert.match(lead, "<h2>创新招商模式，项目引进强势推进</h2>");
  assert.match(lead, '<aside class="attached-box story-comment" aria-label="专家点评">');
  assert.match(lead, '<a rel="next" href="../zhuanjia-dianping/">下一篇：专家点评</a>');
  assert.match(lead, '<a href="../">返回版面：第01版：要闻</a>');
  const report = await read("2020-06-05/01/tongbao-biaoyang/index.html");
  assert.match(report, '<p class="subtitle">——我区受到省政府通报表扬</p>');
  assert.match(report, '<a rel="prev" href="../zhuanjia-dianping/">上一篇：专家点评</a>');
});

test("the photo story whose photo is lost still reads", async () => {
  const photo = await read("2020-06-05/01/laji-fenlei/index.html");
  assert.match(text(photo), "垃圾分类要“从小抓起”");
  assert.not.match(photo, "<img");
});

test("the archive lists the edition by year and month, and there is a 404 page", async () => {
  const archivePage = await read("archive/index.html");
  assert.match(archivePage, '<a href="../2020-06-05/" title="项目发力 区域经济稳中快进">5</a>');
  assert.ok(existsSync(path.join(out, "archive/2020/index.html")));
  assert.ok(existsSync(path.join(out, "archive/2020/06/index.html")));
  const notFound = await read("404.html");
  assert.match(notFound, '<a href="/">返回最新一期</a>');
});

test("the search form and the 404 page are kept out of search engines; the pages with content are not", async () => {
  const noindex = '<meta name="robots" content="noindex">';
  for (const file of ["404.html", "search/index.html"]) assert.match(await read(file), noindex, file);
  for (const file of ["index.html", "2020-06-05/index.html", "2020-06-05/01/index.html", `${articles[0]!.path}index.html`, "archive/index.html"]) assert.not.match(await read(file), /name="robots"/, file);
});

test("no internal link points at a missing file", async () => {
  const tree = await fileTree(out);
  const pages = [...tree.keys()].filter((file) => file.endsWith(".html"));
  let checked = 0;
  for (const page of pages) checked += internalUrls(await read(page)).length;
  const broken = await brokenLinks(out, pages, new Set(tree.keys()));
  assert.ok(checked > 100, `checked ${checked} links`);
  assert.equal(broken, []);
});

test("pages carry their content without JavaScript: scripts are external enhancements only", async () => {
  const home = await read("index.html");
  for (const script of home.match(/<script\b[^>]*>/g) ?? []) {
    assert.ok(/\ssrc="/.test(script) || script.includes('type="application/ld+json"'), `no inline script: ${script}`);
  }
  assert.match(text(home), "产业兴则金坛兴，产业强则金坛强。");
});

test.run();
