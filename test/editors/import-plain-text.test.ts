// The seed's raw text through the importer gives the hand-made sample edition (content/2020-06-05).
import { readdirSync, readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseMarkdownFile } from "../../src/content/front-matter.ts";
import { importPlainText } from "../../src/import/plain-text.ts";
import { toMarkdown } from "../../src/import/imported.ts";

const seed = readFileSync("test/fixtures/import/jintan-times-front-page.txt", "utf8");
const { articles } = importPlainText(seed, { date: "2020-06-05", section: "要闻" });
const sample = readdirSync("test/fixtures/sample/2020-06-05")
  .filter((name) => name.endsWith(".md"))
  .map((name) => parseMarkdownFile(readFileSync(`test/fixtures/sample/2020-06-05/${name}`, "utf8"), name, []));
const names = (value: unknown) => (Array.isArray(value) ? value : [value]);

test("six stories and the attached 专家点评 box, in print order", () => {
  assert.equal(
    articles.map((article) => article.fields.title),
    ["项目发力 区域经济稳中快进", "专家点评", "落实重大政策措施成效明显", "我区推进道路交通安全专项整治工作", "我区部署基层理论和“学习强国”平台推广使用工作", "区领导督查文明城市建设工作", "垃圾分类我先行"],
  );
  assert.is(articles.filter((article) => article.fields.type !== "comment").length, 6);
});

test("headlines, subtitles, datelines, bylines, types and order match the hand-made sample", () => {
  for (const expected of sample) {
    const found = articles.find((article) => article.fields.title === expected.data.title);
    assert.ok(found, `no imported story titled ${String(expected.data.title)}`);
    const fields = found!.fields;
    assert.is(fields.subtitle, expected.data.subtitle, `subtitle of ${fields.title}`);
    assert.is(fields.dateline, expected.data.dateline, `dateline of ${fields.title}`);
    assert.equal(names(fields.byline), names(expected.data.byline), `byline of ${fields.title}`);
    assert.is(fields.type ?? "news", (expected.data.type as string | undefined) ?? "news", `type of ${fields.title}`);
    assert.is(fields.order, expected.data.order, `order of ${fields.title}`);
  }
  const box = articles.find((article) => article.fields.type === "comment")!;
  assert.is(box.fields.attachedTo, articles[0]!.slug);
});

test("bodies: paragraphs rejoined, punctuation full-width, subheads found — the sample's text exactly", () => {
  for (const expected of sample) {
    const found = articles.find((article) => article.fields.title === expected.data.title)!;
    assert.fixture(found.body.trim(), expected.body.trim());
  }
  assert.not.match(articles.map((article) => article.body).join("\n"), /[,:;]/);
});

test("what it could not decide is marked for the editor, not guessed silently", () => {
  const photo = articles.find((article) => article.fields.type === "photo")!;
  assert.ok(photo.needsReview.some((note) => note.includes("prints no headline")));
  assert.ok(photo.needsReview.some((note) => note.includes("photo itself is not in the source")));
  const markdown = toMarkdown(photo);
  assert.match(markdown, /^---\ntitle: 垃圾分类我先行\n/);
  assert.match(markdown, /needsReview:\n  - /);
  const parsed = parseMarkdownFile(markdown, "photo.md", []);
  assert.equal(parsed.data.needsReview, photo.needsReview);
});

test.run();
