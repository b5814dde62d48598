/**
 * Content fingerprints from git: a clean tracked file takes git's blob id (no read), anything
 * modified or untracked is hashed from the disk, and both give the same id, so an edition's
 * fingerprint is the same whichever way its files were identified.
 */
import { execFileSync } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { blobId, fingerprintEdition, trackedFiles } from "../../src/publish/fingerprint.ts";
import { removeTempDirs, tempDir } from "./helpers.ts";

const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.org", ...args], { cwd, stdio: "pipe" });

test("clean tracked files take git's blob id; modified and untracked ones are left to be hashed from disk", async () => {
  const root = await tempDir("git-ids");
  const edition = path.join(root, "content", "2021", "2021-03-01");
  await mkdir(edition, { recursive: true });
  const files = { clean: path.join(edition, "a.md"), modified: path.join(edition, "b.md"), untracked: path.join(edition, "c 新闻.md") };
  await writeFile(files.clean, "---\ntitle: 甲\n---\n正文。\n");
  await writeFile(files.modified, "---\ntitle: 乙\n---\n正文。\n");
  git(root, "init", "-q");
  git(root, "add", ".");
  git(root, "commit", "-qm", "content");
  await writeFile(files.modified, "---\ntitle: 乙（改）\n---\n正文。\n");
  await writeFile(files.untracked, "---\ntitle: 丙\n---\n正文。\n");

  const tracked = trackedFiles(path.join(root, "content"));
  assert.equal([...tracked.keys()], [files.clean]);
  assert.is(tracked.get(files.clean), blobId(await readFile(files.clean)));
  const folder = { date: "2021-03-01", dir: edition };
  assert.is(fingerprintEdition(folder, new Map(), tracked).contentHash, fingerprintEdition(folder, new Map()).contentHash);
  // Outside a work tree there is nothing to take from git.
  assert.equal(trackedFiles(await tempDir("no-git")).size, 0);
});

test.after(() => removeTempDirs("git-ids", "no-git"));
test.run();
