/**
 * The README's commands, run as a user runs them: `npm run build` and `npm run check` on the
 * sample, and on broken copies of it — which must exit non-zero, name file, line and field, and
 * leave the previous output byte for byte as it was.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { copySample, editFile, fileTree, removeAll, runNpm, SAMPLE_CONTENT, SAMPLE_EDITION, tempDir } from "./helpers.ts";

const work = await tempDir();
const out = path.join(work, "site");
test.after(() => removeAll(work));

test("npm run build builds the sample edition", async () => {
  const result = await runNpm(["build", "--", "--content", SAMPLE_CONTENT, "--output", out]);
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stdout, /Built 1 edition\(s\), 1 page\(s\), 7 article\(s\)/);
  const tree = await fileTree(out);
  assert.ok(tree.has("index.html") && tree.has("2020-06-05/01/xiangmu-fali/index.html"));
});

test("build options that cannot be honoured are refused plainly, without a stack, and the output is untouched", async () => {
  const before = await fileTree(out);
  for (const [args, expect] of [
    [["--until", "2020-06-04"], /expected an edition dated up to 2020-06-04 \(--until\), found only later ones: 2020-06-05/],
    [["--until", "2020-02-30"], /^Build refused: --until: expected a date as YYYY-MM-DD or "today", found "2020-02-30"\./m],
    [["--until", "2020-06-05", "--edition", "2020-06-08"], /^Build refused: --edition 2020-06-08: the edition is dated after --until 2020-06-05, so it is not published yet\./m],
    [["--until", "soon"], /^--until: expected a date as YYYY-MM-DD or "today", found "soon"$/m],
  ] as const) {
    const result = await runNpm(["build", "--", "--content", SAMPLE_CONTENT, "--output", out, ...args]);
    assert.ok(result.code !== 0, args.join(" "));
    assert.match(result.stderr, expect, args.join(" "));
    assert.not.match(result.stderr, /\n\s+at /, `no stack trace: ${result.stderr}`);
  }
  assert.equal(await fileTree(out), before);
});

test("--summary: what was published, or why nothing was, as Markdown for the run's summary page", async () => {
  const summary = path.join(work, "summary.md");
  const content = await copySample();
  try {
    const fresh = path.join(work, "summary-site");
    assert.is((await runNpm(["build", "--", "--content", content, "--output", fresh, "--summary", summary])).code, 0);
    const published = await readFile(summary, "utf8");
    assert.match(published, /^### Published 1 edition\(s\), 1 page\(s\), 7 article\(s\)\nRendered 2020-06-05 \(0 kept as published\) in [\d.]+ s\.\n\n$/);
    await editFile(path.join(content, SAMPLE_EDITION, "laji-fenlei.md"), /^date: .*$/m, "date: 2020-02-30");
    assert.is.not((await runNpm(["build", "--", "--content", content, "--output", fresh, "--summary", summary])).code, 0);
    const failed = (await readFile(summary, "utf8")).slice(published.length);
    assert.match(failed, /^### Nothing published: 1 content error\(s\)\nThe site stays as it was\. Fix these and push again:\n- `[^`]*laji-fenlei\.md:\d+: date: expected a real calendar date[^`]*`\n\n$/);
  } finally {
    await removeAll(content);
  }
});

test("npm run check passes on the sample", async () => {
  const result = await runNpm(["check", "--", "--content", SAMPLE_CONTENT]);
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stdout, /Checked 7 article\(s\) in 1 edition\(s\) in [\d.]+ s \(CPU [\d.]+ s\): 0 error\(s\), 0 warning\(s\)\./);
});

const BREAKAGES: ReadonlyArray<{ name: string; file: string; from: string | RegExp; to: string; expect: RegExp; checkExpect: RegExp }> = [
  {
    name: "bad YAML",
    file: "daolu-jiaotong-anquan",
    from: "byline: [蒋建君, 荆迎]",
    to: "byline: [蒋建君, 荆迎",
    expect: /daolu-jiaotong-anquan\.md:\d+:\d+: YAML syntax: /,
    checkExpect: /daolu-jiaotong-anquan\.md:\d+:\d+: error \[schema\] YAML syntax: /,
  },
  {
    name: "a missing title",
    file: "daolu-jiaotong-anquan",
    from: /^title: .*\n/m,
    to: "",
    expect: /daolu-jiaotong-anquan\.md:1: title: required field is missing/,
    checkExpect: /daolu-jiaotong-anquan\.md:1:1: error \[schema\] title: required field is missing/,
  },
  {
    name: "2020-02-30",
    file: "laji-fenlei",
    from: "date: 2020-06-05",
    to: "date: 2020-02-30",
    expect: /laji-fenlei\.md:8: date: expected a real calendar date as YYYY-MM-DD, found "2020-02-30"/,
    checkExpect: /laji-fenlei\.md:8:1: error \[schema\] date: expected a real calendar date as YYYY-MM-DD, found "2020-02-30"/,
  },
  {
    name: "an unknown section",
    file: "xuexi-qiangguo",
    from: "section: 要闻",
    to: "section: 体育",
    expect: /xuexi-qiangguo\.md:3: section: expected one of the paper's sections/,
    checkExpect: /xuexi-qiangguo\.md:3:1: error \[schema\] section: expected one of the paper's sections/,
  },
  {
    name: "a page clash",
    file: "xuexi-qiangguo",
    from: "section: 要闻",
    to: "section: 综合\npage: 1",
    expect: /xuexi-qiangguo\.md:4: page: page 01 is the 要闻 page/,
    checkExpect: /xuexi-qiangguo\.md:4:1: error \[schema\] page: page 01 is the 要闻 page/,
  },
];

for (const breakage of BREAKAGES) {
  test(`${breakage.name}: build and check fail, name file, line and field, and the output is untouched`, async () => {
    const content = await copySample();
    try {
      await editFile(path.join(content, SAMPLE_EDITION, `${breakage.file}.md`), breakage.from, breakage.to);
      const before = await fileTree(out);
      const build = await runNpm(["build", "--", "--content", content, "--output", out]);
      assert.is.not(build.code, 0);
      assert.match(build.stderr, breakage.expect);
      assert.match(build.stderr, "was not changed");
      assert.equal(await fileTree(out), before, "the previous output is byte-for-byte unchanged");
      const check = await runNpm(["check", "--", "--content", content]);
      assert.is.not(check.code, 0);
      // The check adds the column, the severity and the rule: file:line:column: error [schema] field: …
      assert.match(check.stdout, breakage.checkExpect);
    } finally {
      await removeAll(content);
    }
  });
}

test.run();
