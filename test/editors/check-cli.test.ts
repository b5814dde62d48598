// `npm run check` as editors and CI run it: findings with rule and file:line:column, --fix
// rewriting files and saying what changed, GitHub annotations when GITHUB_ACTIONS is set.
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { TEMP_REMOVAL } from "../helpers.ts";

const run = promisify(execFile);
async function check(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "scripts/check.ts", ...args], { encoding: "utf8", env: { ...process.env, GITHUB_ACTIONS: "", ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

test("--workers takes a whole number of processes", async () => {
  for (const bad of ["0", "two", "1.5"]) {
    const result = await check(["--content", "test/fixtures/sample", "--workers", bad]);
    assert.is(result.code, 1, `--workers ${bad}`);
    assert.match(result.stderr, `--workers: expected a whole number of processes, 1 or more, found "${bad}"`);
    assert.not.match(result.stdout, /Checked/, "nothing is checked");
  }
});

test("reports, fixes, annotates", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "check-"));
  try {
    await cp("test/fixtures/sample", dir, { recursive: true });
    const file = path.join(dir, "2020-06-05", "tongbao-biaoyang.md");
    const original = await readFile(file, "utf8");
    await writeFile(file, original.replace("此次省级层面的督查激励涉及35个方面，", "此次省级层面的督查激励涉及35个方面,").replace("省政府办公厅6月1日", "“省政府办公厅6月1日"));
    const shown = path.relative(process.cwd(), file);

    const first = await check(["--content", dir], { GITHUB_ACTIONS: "true" });
    assert.is(first.code, 1, "an unbalanced quote is an error");
    assert.match(first.stdout, `${shown}:11:1: error [unbalanced-brackets] "“" is never closed in this paragraph`);
    assert.match(first.stdout, `${shown}:13:19: warning [half-width-punctuation] half-width "," in Chinese text: expected "，" (fixable with --fix)`);
    assert.match(first.stdout, `::warning file=${shown},line=13,col=19,title=half-width-punctuation::half-width "," in Chinese text: expected "，"`);
    assert.match(first.stdout, `::error file=${shown},line=11,col=1,title=unbalanced-brackets::`);

    const fixed = await check(["--content", dir, "--fix"]);
    assert.match(fixed.stdout, `fixed ${shown}:13:19 [half-width-punctuation] "," → "，"`);
    assert.match(fixed.stdout, "1 fix applied.");
    assert.not.match(fixed.stdout, "::warning");
    assert.is(await readFile(file, "utf8"), original.replace("省政府办公厅6月1日", "“省政府办公厅6月1日"), "only the comma changed");
    assert.is(fixed.code, 1, "the quote still needs an editor");
  } finally {
    await rm(dir, TEMP_REMOVAL);
  }
});

test.run();
