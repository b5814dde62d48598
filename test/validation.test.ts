/** One test per validation message: each names the file, the line and the field. */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadArchive } from "../src/load-archive.ts";
import { formatProblem } from "../src/validate/problem.ts";
import { copySample, editFile, removeAll, SAMPLE_EDITION } from "./helpers.ts";

let content = "";
const created: string[] = [];

test.before.each(async () => {
  content = await copySample();
  created.push(content);
});
test.after(async () => removeAll(...created));

const article = (name: string) => path.join(content, SAMPLE_EDITION, `${name}.md`);
const shown = (file: string) => path.relative(process.cwd(), file).split(path.sep).join("/");

async function messages(): Promise<string[]> {
  const { problems } = await loadArchive(content);
  return problems.map(formatProblem);
}

function assertHas(all: string[], expected: string): void {
  assert.ok(all.includes(expected), `expected the message\n  ${expected}\nfound\n  ${all.join("\n  ")}`);
}

test("the sample content is valid", async () => {
  assert.equal(await messages(), []);
});

test("a date that is not a calendar date", async () => {
  await editFile(article("laji-fenlei"), "date: 2020-06-05", "date: 2020-02-30");
  assertHas(await messages(), `${shown(article("laji-fenlei"))}:8: date: expected a real calendar date as YYYY-MM-DD, found "2020-02-30"`);
});

test("a date that disagrees with its edition folder", async () => {
  await editFile(article("laji-fenlei"), "date: 2020-06-05", "date: 2020-06-04");
  assertHas(await messages(), `${shown(article("laji-fenlei"))}:8: date: expected the edition's date 2020-06-05 (the folder ${shown(path.join(content, SAMPLE_EDITION))}), found 2020-06-04`);
});

test("a missing title", async () => {
  await editFile(article("daolu-jiaotong-anquan"), /^title: .*\n/m, "");
  assertHas(await messages(), `${shown(article("daolu-jiaotong-anquan"))}:1: title: required field is missing: expected text, found nothing`);
});

test("YAML syntax errors give the file line", async () => {
  await editFile(article("daolu-jiaotong-anquan"), "byline: [蒋建君, 荆迎]", "byline: [蒋建君, 荆迎");
  const all = await messages();
  const yaml = all.find((message) => message.includes("YAML syntax"));
  assert.ok(yaml, all.join("\n"));
  assert.match(yaml!, new RegExp(`^${shown(article("daolu-jiaotong-anquan"))}:\\d+:\\d+: YAML syntax: `));
  const line = Number(yaml!.split(":")[1]);
  assert.ok(line >= 5 && line <= 8, `line ${line} should be at the broken field (file line 5) or just after`);
});

test("an unknown section, with a suggestion", async () => {
  await editFile(article("xuexi-qiangguo"), "section: 要闻", "section: 要问");
  assertHas(
    await messages(),
    `${shown(article("xuexi-qiangguo"))}:3: section: expected one of the paper's sections (要闻, 综合, 经济, 社会, 文体, 副刊), found "要问" (did you mean "要闻"?)`,
  );
});

test("two page numbers for one section on one day", async () => {
  await editFile(article("xuexi-qiangguo"), "section: 要闻", "section: 要闻\npage: 2");
  assertHas(
    await messages(),
    `${shown(article("xuexi-qiangguo"))}:4: page: section 要闻 is on page 01 in ${shown(article("xiangmu-fali"))}, found page 02: one section is printed on one page a day`,
  );
});

test("two sections on one page", async () => {
  await editFile(article("xuexi-qiangguo"), "section: 要闻", "section: 综合\npage: 1");
  assertHas(
    await messages(),
    `${shown(article("xuexi-qiangguo"))}:4: page: page 01 is the 要闻 page (${shown(article("xiangmu-fali"))}), found section 综合 on it: give one of them another page`,
  );
});

test("two articles with one slug", async () => {
  await editFile(article("laji-fenlei"), "title: 垃圾分类我先行", "title: 垃圾分类我先行\nslug: tongbao-biaoyang");
  assertHas(
    await messages(),
    `${shown(article("tongbao-biaoyang"))}:1: slug: expected a slug unique in the edition, found "tongbao-biaoyang", also used by ${shown(article("laji-fenlei"))}`,
  );
});

test("an image that does not exist", async () => {
  await editFile(article("laji-fenlei"), "type: photo", "type: photo\nimages:\n  - src: laji-fenlei.jpg\n    caption: 孩子们在分类投放垃圾");
  assertHas(await messages(), `${shown(article("laji-fenlei"))}:7: images: images[0].src: expected a file named "laji-fenlei.jpg" in ${shown(path.join(content, SAMPLE_EDITION))}, found none`);
});

test("unknown fields are warnings with a suggestion, and do not stop the build", async () => {
  await editFile(article("laji-fenlei"), "type: photo", "type: photo\nsubtitel: 孩子们上了一堂课");
  const { problems } = await loadArchive(content);
  assert.equal(problems.map(formatProblem), [`${shown(article("laji-fenlei"))}:7: warning: subtitel: unknown field (did you mean "subtitle"?); it is ignored`]);
  assert.is(problems[0]!.severity, "warning");
});

test("JavaScript front-matter is refused, not run", async () => {
  const marker = path.join(content, "ran.txt");
  await writeFile(
    article("laji-fenlei"),
    `---js\n{ title: require("fs").writeFileSync(${JSON.stringify(marker)}, "x") }\n---\n正文\n`,
  );
  assertHas(await messages(), `${shown(article("laji-fenlei"))}:1: front-matter language "js" is not allowed: only YAML front-matter is read (remove "js" after ---)`);
  const { existsSync } = await import("node:fs");
  assert.not.ok(existsSync(marker), "the front-matter code must never run");
});

test("blank space before the front-matter", async () => {
  await editFile(article("laji-fenlei"), /^---/, " \n---");
  assertHas(await messages(), `${shown(article("laji-fenlei"))}:1: front-matter must start with --- on the very first line, found blank space before it`);
});

test("front-matter that is never closed", async () => {
  await writeFile(article("laji-fenlei"), "---\ntitle: 标题\nsection: 要闻\n");
  assertHas(await messages(), `${shown(article("laji-fenlei"))}:1: front-matter opened with --- is never closed by a --- line`);
});

test("a byline of the wrong shape", async () => {
  await editFile(article("laji-fenlei"), "byline: 宗丽华 文/摄", "byline: 42");
  assertHas(await messages(), `${shown(article("laji-fenlei"))}:7: byline: expected a name, a list of names, or false for an unsigned story, found a number (42)`);
});

test("an unknown story type", async () => {
  await editFile(article("laji-fenlei"), "type: photo", "type: foto");
  assertHas(await messages(), `${shown(article("laji-fenlei"))}:6: type: expected one of lead, news, brief, photo, comment, notice, found "foto" (did you mean "photo"?)`);
});

test("a comment box attached to a story that does not exist", async () => {
  await editFile(article("zhuanjia-dianping"), "attachedTo: xiangmu-fali", "attachedTo: xiangmu-fal");
  assertHas(await messages(), `${shown(article("zhuanjia-dianping"))}:5: attachedTo: expected the slug of a story in this edition, found "xiangmu-fal" (did you mean "xiangmu-fali"?)`);
});

test("every problem is reported in one run, errors first, then warnings", async () => {
  await editFile(article("laji-fenlei"), "date: 2020-06-05", "date: 2020-02-30");
  await editFile(article("xuexi-qiangguo"), "section: 要闻", "section: 要问");
  await editFile(article("daolu-jiaotong-anquan"), "dateline:", "datelin:");
  await editFile(article("tongbao-biaoyang"), /^title: .*\n/m, "");
  const { problems } = await loadArchive(content);
  assert.equal(
    problems.map((problem) => `${path.basename(problem.file)} ${problem.severity} ${problem.field}`),
    [
      "laji-fenlei.md error date",
      "tongbao-biaoyang.md error title",
      "xuexi-qiangguo.md error section",
      "daolu-jiaotong-anquan.md warning datelin",
    ],
  );
});

test.run();
