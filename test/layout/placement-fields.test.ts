import { cp, mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadArchive } from "../../src/load-archive.ts";
import { formatProblem } from "../../src/validate/problem.ts";
import { TEMP_REMOVAL } from "../helpers.ts";

async function edition(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), "broadsheet-placement-"));
  await cp("test/fixtures/sample/site.config.ts", path.join(root, "site.config.ts"));
  const dir = path.join(root, "2020-06-05");
  await mkdir(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return root;
}

const article = (fields: string, body = "正文。") => `---\n${fields}\ndate: 2020-06-05\nbyline: 李蕾\n---\n\n${body}\n`;

test("placement and continuedOn are read, checked and put in the model", async () => {
  const root = await edition({
    "a.md": article("title: 头条\nsection: 要闻\ntype: lead\nplacement: 头条"),
    "b.md": article("title: 第一部分\nsection: 要闻\nplacement:\n  columns: 3\n  lines: 40\ncontinuedOn: c"),
    "c.md": article("title: 第二部分\nsection: 综合"),
  });
  try {
    const { archive, problems } = await loadArchive(root);
    assert.equal(problems.filter((problem) => problem.severity === "error"), []);
    const pages = archive.editions[0]!.pages;
    const b = pages[0]!.articles.find((item) => item.slug === "b")!;
    assert.equal(b.placement, { slot: undefined, columns: 3, lines: 40 });
    assert.is(b.continuedOn, "c");
    assert.is(pages[0]!.articles.find((item) => item.slug === "a")!.placement?.slot, "头条");
    assert.is(pages[1]!.articles[0]!.continuedFrom, "b");
  } finally {
    await rm(root, TEMP_REMOVAL);
  }
});

test("bad placement and continuedOn give errors naming file, line and field", async () => {
  const root = await edition({
    "a.md": article("title: 甲\nsection: 要闻\nplacement: 头版"),
    "b.md": article("title: 乙\nsection: 要闻\nplacement:\n  columns: 12\n  rows: 3"),
    "c.md": article("title: 丙\nsection: 综合\ncontinuedOn: e"),
    "d.md": article("title: 丁\nsection: 要闻\ncontinuedOn: nowhere"),
    "e.md": article("title: 戊\nsection: 要闻"),
  });
  try {
    const { problems } = await loadArchive(root);
    const lines = problems.map(formatProblem).map((line) => line.replace(/^.*2020-06-05\//, ""));
    const expect = (pattern: RegExp) => assert.ok(lines.some((line) => pattern.test(line)), `${pattern} in\n${lines.join("\n")}`);
    expect(/^a\.md:\d+: placement: expected a slot \(头条, 通栏\) or \{ columns: 1–8, lines: 1–400 \}, found "头版"/);
    expect(/^b\.md:\d+: placement\.columns: expected a whole number from 1 to 8, found a number \(12\)/);
    expect(/^b\.md:\d+: warning: placement\.rows: unknown placement field/);
    expect(/^c\.md:\d+: continuedOn: a story continues on a later page: "e" is on page 01, this story on page 02/);
    expect(/^d\.md:\d+: continuedOn: expected the slug of a story in this edition, found "nowhere"/);
  } finally {
    await rm(root, TEMP_REMOVAL);
  }
});

test("a story too long for its box is a warning naming it and the lines it overflows", async () => {
  const long = "金坛经济开发区是全区两个加快的主阵地，今年以来德国马沃克斯装饰工程、汽车内饰部件项目等先后落地。".repeat(40);
  const root = await edition({
    "a.md": article("title: 太长的稿件\nsection: 要闻\nplacement: { columns: 8, lines: 10 }", long),
    "b.md": article("title: 头条\nsection: 要闻\ntype: lead", long.slice(0, 300)),
  });
  try {
    const { problems } = await loadArchive(root);
    const warning = problems.find((problem) => problem.severity === "warning" && problem.message.includes("太长的稿件"));
    assert.ok(warning, problems.map(formatProblem).join("\n"));
    assert.match(warning!.message, /"太长的稿件" overflows its box by \d+ lines/);
    assert.match(formatProblem(warning!), /a\.md:1: warning: placement: /);
    const lines = Number(/by (\d+) lines/.exec(warning!.message)![1]);
    // About 1,920 characters in eight columns of 11 take some 24 lines and the headline; the box has 10.
    assert.ok(lines >= 14 && lines <= 20, `overflow of ${lines} lines`);
  } finally {
    await rm(root, TEMP_REMOVAL);
  }
});

test.run();
