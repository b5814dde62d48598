/**
 * Moving a finished build into the output: what is replaced leaves the output at once; a large
 * trash (every edition replaced after a template change) is deleted by a detached process.
 */
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { commitMoves, finishInterruptedCommit, journalFile, present } from "../../src/publish/commit-output.ts";
import { removeTempDirs, tempDir } from "./helpers.ts";

async function folders(root: string, count: number, text: string): Promise<string[]> {
  const made: string[] = [];
  for (let index = 0; index < count; index++) {
    const dir = path.join(root, `2021-01-${String(index + 1).padStart(2, "0")}-${index}`);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "index.html"), text);
    made.push(dir);
  }
  return made;
}

async function until(check: () => Promise<boolean>, seconds: number): Promise<boolean> {
  for (const end = Date.now() + seconds * 1000; Date.now() < end; await new Promise((resolve) => setTimeout(resolve, 50))) if (await check()) return true;
  return check();
}

for (const count of [3, 60]) {
  test(`replacing ${count} folders: the new ones are in place when commitMoves returns, and the old ones end up deleted`, async () => {
    const root = await tempDir(`commit-${count}`);
    const output = path.join(root, "site");
    const work = path.join(root, "work");
    await mkdir(work, { recursive: true });
    const old = await folders(output, count, "旧");
    const fresh = await folders(path.join(root, "store"), count, "新");
    await commitMoves(work, fresh.map((from, index) => ({ from, to: old[index]! })), []);
    for (const dir of old) assert.is(await readFile(path.join(dir, "index.html"), "utf8"), "新");
    // Inline for a few, in the background for many: either way nothing of the old is left.
    const leftovers = async () => (await readdir(work)).filter((name) => name.startsWith("trash-"));
    if (count <= 50) assert.equal(await leftovers(), []);
    // A detached Node process starts in tens of milliseconds: its folder is still there now.
    else assert.is((await leftovers()).length, 1, "the commit returned before the trash was deleted");
    assert.ok(await until(async () => (await leftovers()).length === 0, 20), `trash still there: ${(await leftovers()).join(", ")}`);
  });
}

test("a commit killed inside its window (a folder replaced, the next one half) is finished by the next build, and only once", async () => {
  const root = await tempDir("commit-killed");
  const output = path.join(root, "site");
  const work = path.join(root, "work");
  await mkdir(work, { recursive: true });
  const old = await folders(output, 3, "旧");
  const fresh = await folders(path.join(root, "store"), 3, "新");
  const [withdrawn] = await folders(path.join(output, "withdrawn"), 1, "撤");
  const moves = fresh.map((from, index) => ({ from, to: old[index]! }));
  // Where commitMoves was when the process was killed: the journal written, the first folder
  // replaced, the second's old folder moved to the trash and its new one not yet in place.
  const trash = path.join(work, "trash-99999");
  await writeFile(journalFile(work), JSON.stringify({ moves, removals: [withdrawn], trash }));
  await mkdir(trash);
  await rename(old[0]!, path.join(trash, "0-a"));
  await rename(fresh[0]!, old[0]!);
  await rename(old[1]!, path.join(trash, "1-b"));
  assert.not.ok(await present(old[1]!), "the output lacks a folder at this moment");

  assert.ok(await finishInterruptedCommit(work));
  for (const dir of old) assert.is(await readFile(path.join(dir, "index.html"), "utf8"), "新", dir);
  assert.not.ok(await present(withdrawn!), "the removal the commit was to make is made");
  assert.not.ok(await present(trash));
  assert.not.ok(await present(journalFile(work)));
  assert.not.ok(await finishInterruptedCommit(work), "nothing is left to finish");
});

test.after(() => removeTempDirs("commit-3", "commit-60", "commit-killed"));
test.run();
