// Named hostile inputs, each of which broke some static site generator: every one ends in a
// clear problem (file, line, field) or a correct page — no crash, no hang, nothing outside the output.
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile, copyFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import settings from "../fixtures/sample/site.config.ts";
import { buildSite } from "../../src/build-site.ts";
import { loadArchive } from "../../src/load-archive.ts";
import { ContentError, type Problem } from "../../src/validate/problem.ts";
import { injected, readValidateModel, renderAll } from "./hostile-input-helpers.ts";
import { TEMP_REMOVAL } from "../helpers.ts";

const HEAD = "title: 标题\nsection: 要闻\nbyline: 张三\ndate: 2020-06-05";
const article = (extra: string, body = "正文。") => `---\n${HEAD}\n${extra}\n---\n${body}\n`;
const errors = (problems: readonly Problem[]) => problems.filter((problem) => problem.severity === "error");
const timed = <T>(run: () => T): { value: T; ms: number } => {
  const started = performance.now();
  const value = run();
  return { value, ms: performance.now() - started };
};

test("YAML bomb (billion laughs): refused quickly with the file and line", () => {
  const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`)].join("\n");
  const { value, ms } = timed(() => readValidateModel(article(bomb)));
  assert.ok(ms < 2000, `took ${ms} ms`);
  assert.equal(value.archive.editions, []);
  assert.match(errors(value.problems)[0]!.message, /alias|Excessive/i);
  assert.is(errors(value.problems)[0]!.file, "content/2020-06-05/story.md");
});

test("a huge alias (one anchor used 10,000 times) is refused", () => {
  const { problems } = readValidateModel(article(`a: &a x\nb: [${Array.from({ length: 10_000 }, () => "*a").join(", ")}]`));
  assert.ok(errors(problems).length > 0);
});

test("a 1 MB headline: a page is rendered (the proofreader flags its length), escaped, in reasonable time", () => {
  const headline = "很长的标题<b>".repeat(130_000);
  const { value, ms } = timed(() => {
    const { archive, problems } = readValidateModel(`---\ntitle: "${headline}"\nsection: 要闻\nbyline: 张三\ndate: 2020-06-05\n---\n正文。\n`);
    return { problems, pages: renderAll(archive) };
  });
  assert.equal(errors(value.problems), []);
  const page = value.pages.get("2020-06-05/01/story/index.html")!;
  assert.ok(page.length > 1_000_000 && page.includes("很长的标题&lt;b&gt;") && !page.includes("<b>"));
  assert.ok(ms < 10_000, `took ${ms} ms`);
});

test("duplicate keys: an error naming the file, the line and the key problem", () => {
  const { problems } = readValidateModel(article("title: 另一个标题"));
  const [error] = errors(problems);
  assert.match(error!.message, /unique/i);
  assert.ok(error!.line! >= 2);
});

test("slugs and image paths that try to leave their folder are refused by name", () => {
  for (const slug of ["../../etc", "/etc/passwd", "..", "a/../../b", "C:\\\\x"]) {
    const { problems } = readValidateModel(article(`slug: "${slug}"`));
    assert.ok(errors(problems).some((problem) => problem.field === "slug"), slug);
  }
  for (const src of ["../../../etc/passwd", "/etc/passwd", "file:///etc/passwd", "javascript:alert(1)", "..\\\\x.jpg"]) {
    const { problems } = readValidateModel(article(`images: [{ src: "${src}", caption: 图 }]`));
    assert.ok(errors(problems).some((problem) => problem.field === "images"), src);
  }
});

test("dates far in the past or future: real dates render, impossible ones are errors", () => {
  for (const date of ["2020-02-30", "2020-13-01", "99999-01-01", "-0001-01-01", "2020-6-5"]) {
    const { problems } = readValidateModel(`---\ntitle: 标题\nsection: 要闻\nbyline: 张三\ndate: "${date}"\n---\n正文。\n`);
    assert.ok(errors(problems).some((problem) => problem.field === "date"), date);
  }
});

test("control characters, bidi marks and JavaScript front-matter", () => {
  const { problems, archive } = readValidateModel(article("", "正文\u202e\u200f\u0000\u0007。[点我](javascript:alert(1)) <script>alert(1)</script>"));
  assert.equal(errors(problems), []);
  for (const page of renderAll(archive).values()) assert.not.ok(injected(page));
  const js = readValidateModel("---js\n{ title: require('fs').writeFileSync('/tmp/pwned', 'x') }\n---\n正文\n");
  assert.match(errors(js.problems)[0]!.message, /front-matter language "js" is not allowed/);
});

test("on disk: invalid UTF-8, symlinks leaving content/, and a build writes only inside its output", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "hostile-"));
  try {
    const content = path.join(dir, "content");
    const edition = path.join(content, "2020-06-05");
    const outside = path.join(dir, "outside");
    await mkdir(edition, { recursive: true });
    await mkdir(path.join(outside, "2020-06-06"), { recursive: true });
    await copyFile("test/fixtures/sample/site.config.ts", path.join(content, "site.config.ts"));
    await writeFile(path.join(outside, "secret.md"), article(""));
    await writeFile(path.join(outside, "2020-06-06", "leak.md"), article("").replace("2020-06-05", "2020-06-06"));
    await writeFile(path.join(outside, "photo.jpg"), "not a photo");
    await writeFile(path.join(edition, "story.md"), Buffer.concat([Buffer.from(`---\n${HEAD}\nimages: [{ src: linked.jpg, caption: 图 }]\n---\n正文`), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from("。\n")]));
    await symlink(path.join(outside, "secret.md"), path.join(edition, "linked.md"));
    await symlink(path.join(outside, "photo.jpg"), path.join(edition, "linked.jpg"));
    await symlink(path.join(outside, "2020-06-06"), path.join(content, "2020-06-06"));

    const { archive, problems } = await loadArchive(content, settings);
    // Symlinked files and folders are not content: the linked story and edition are not read,
    // and the linked image is reported missing rather than copied from outside.
    assert.equal(archive.editions.map((e) => e.date), ["2020-06-05"]);
    assert.equal(archive.editions[0]!.pages.flatMap((page) => page.articles.map((a) => a.slug)), ["story"]);
    assert.ok(errors(problems).some((problem) => problem.field === "images" && problem.message.includes("linked.jpg")));

    await rm(path.join(edition, "linked.jpg"));
    await writeFile(path.join(edition, "story.md"), Buffer.concat([Buffer.from(`---\n${HEAD}\n---\n正文`), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from("。\n")]));
    const before = (await readdir(dir)).sort();
    const output = path.join(dir, "site");
    await buildSite({ contentRoot: content, outputDir: output });
    const after = (await readdir(dir)).sort();
    // Beside its output a build keeps only its cache (site.cache: the store of rendered editions,
    // which must share the output's file system so editions can be moved in by rename).
    assert.equal(after, [...before, "site", "site.cache"].sort(), "the build wrote beside its output");
    const pages = await readdir(path.join(output, "2020-06-05", "01"));
    assert.equal(pages.sort(), ["index.html", "story"]);
  } finally {
    await rm(dir, TEMP_REMOVAL);
  }
});

test("a build with content errors throws ContentError listing them, and writes nothing", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "hostile-"));
  try {
    const content = path.join(dir, "content");
    await mkdir(path.join(content, "2020-06-05"), { recursive: true });
    await copyFile("test/fixtures/sample/site.config.ts", path.join(content, "site.config.ts"));
    await writeFile(path.join(content, "2020-06-05", "story.md"), "---\ntitle: [\n---\n");
    try {
      await buildSite({ contentRoot: content, outputDir: path.join(dir, "site") });
      assert.unreachable();
    } catch (error) {
      assert.instance(error, ContentError);
      assert.match((error as Error).message, /content\/2020-06-05\/story\.md:\d+/);
    }
    assert.equal((await readdir(dir)).sort(), ["content"]);
  } finally {
    await rm(dir, TEMP_REMOVAL);
  }
});

test.run();
