/**
 * Content fingerprints from git: an edition folder git sees clean takes its tree id from HEAD (no
 * read), anything modified or untracked is hashed from the disk as git would hash it, and both
 * give the same id, so an edition's fingerprint is the same whichever way it was found.
 */
import { execFileSync } from "node:child_process";
import { chmod, cp, mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { committedFingerprints, findEditionFolders, fingerprintEdition, fingerprintEditions, KeptListings, uncommittedEditions, UsedStamps } from "../../src/publish/fingerprint.ts";
import { removeTempDirs, tempDir } from "./helpers.ts";

/** Writes a file under `root`, making its folders. */
const writerIn = (root: string) => async (relative: string, text: string) => {
  await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
  await writeFile(path.join(root, relative), text);
};

const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.org", ...args], { cwd, stdio: "pipe" });

test("an edition read from the disk has the tree id git gives its folder once everything is added", async () => {
  const root = await tempDir("git-ids");
  const edition = path.join(root, "content", "2021", "2021-03-01");
  await mkdir(edition, { recursive: true });
  await writeFile(path.join(edition, "a.md"), "---\ntitle: 甲\n---\n正文。\n");
  await writeFile(path.join(edition, "b.md"), "---\ntitle: 乙\n---\n正文。\n");
  git(root, "init", "-q");
  git(root, "add", ".");
  git(root, "commit", "-qm", "content");
  // Modified and untracked, as an editor leaves a folder before committing.
  await writeFile(path.join(edition, "b.md"), "---\ntitle: 乙（改）\n---\n正文。\n");
  await writeFile(path.join(edition, "c 新闻.md"), "---\ntitle: 丙\n---\n正文。\n");
  git(root, "add", "-A");
  const treeOfIndex = execFileSync("git", ["write-tree", "--prefix=content/2021/2021-03-01/"], { cwd: root, encoding: "utf8" }).trim();
  assert.is(fingerprintEdition({ date: "2021-03-01", dir: edition }, new Map()).contentHash, treeOfIndex);
});

test("editions git sees unchanged are fingerprinted from HEAD's tree ids alone, with the id the disk gives", async () => {
  const root = await tempDir("git-editions");
  const content = path.join(root, "content");
  const write = writerIn(content);
  // Nested folders, a hidden file, a name that sorts differently by path and by level, a
  // non-ASCII name, an executable file, a link, and an empty folder (which git does not keep).
  for (const date of ["2021-03-01", "2021-03-02", "2021-03-03"]) {
    await write(`2021/${date}/p1-s1.md`, `---\ntitle: ${date}\n---\n正文。\n`);
    await write(`2021/${date}/images/a.txt`, "图");
    await write(`2021/${date}/images-b.txt`, "乙");
    await write(`2021/${date}/.DS_Store`, "x");
    await write(`2021/${date}/版面 说明.txt`, "丙");
    await write(`2021/${date}/tool.sh`, "#!/bin/sh\n");
    await chmod(path.join(content, `2021/${date}/tool.sh`), 0o755);
    await symlink("images/a.txt", path.join(content, `2021/${date}/link.txt`));
    await mkdir(path.join(content, `2021/${date}/empty/inner`), { recursive: true });
  }
  await write("site.config.ts", "export default {};\n");
  git(root, "init", "-q");
  git(root, "add", ".");
  git(root, "commit", "-qm", "content");
  const fromDisk = () => findEditionFolders(content).map((folder) => fingerprintEdition(folder, new Map()).contentHash);

  const treeIds = (...dates: string[]) => dates.map((date) => execFileSync("git", ["rev-parse", `HEAD:content/${date.slice(0, 4)}/${date}`], { cwd: root, encoding: "utf8" }).trim());

  const clean = await fingerprintEditions(content, findEditionFolders(content), new Map());
  assert.equal(clean.map((print) => print.contentHash), fromDisk());
  assert.equal(clean.map((print) => print.contentHash), treeIds("2021-03-01", "2021-03-02", "2021-03-03"));
  assert.is(new Set(clean.map((print) => print.contentHash)).size, 3);

  // Changed in place, a new untracked file in a tracked edition, a new edition in a new year folder.
  await write("2021/2021-03-01/p1-s1.md", "---\ntitle: 改\n---\n正文。\n");
  await write("2021/2021-03-02/p1-s2.md", "---\ntitle: 新\n---\n正文。\n");
  await write("2022/2022-01-03/p1-s1.md", "---\ntitle: 新年\n---\n正文。\n");
  const folders = findEditionFolders(content);
  const changed = await fingerprintEditions(content, folders, new Map());
  assert.equal(changed.map((print) => print.contentHash), fromDisk());
  assert.equal(changed.map((print) => print.date), ["2021-03-01", "2021-03-02", "2021-03-03", "2022-01-03"]);
  assert.is.not(changed[0]!.contentHash, clean[0]!.contentHash);
  assert.is.not(changed[1]!.contentHash, clean[1]!.contentHash);
  assert.is(changed[2]!.contentHash, clean[2]!.contentHash);
  // Committed, the changed editions take from HEAD the ids the disk gave them.
  git(root, "add", "-A");
  git(root, "commit", "-qm", "changes");
  assert.equal((await fingerprintEditions(content, folders, new Map())).map((print) => print.contentHash), changed.map((print) => print.contentHash));
  assert.equal(changed.map((print) => print.contentHash), treeIds("2021-03-01", "2021-03-02", "2021-03-03", "2022-01-03"));
  // A hidden file is in the fingerprint as git commits it (the reader skips it; the edition is rendered again, to the same bytes).
  await write("2021/2021-03-03/.notes", "备忘");
  assert.is.not((await fingerprintEditions(content, folders, new Map()))[2]!.contentHash, clean[2]!.contentHash);
  // Outside git: every edition from the disk.
  const copy = path.join(await tempDir("no-git-editions"), "content");
  await cp(content, copy, { recursive: true, verbatimSymlinks: true });
  assert.equal((await fingerprintEditions(copy, findEditionFolders(copy), new Map())).map((print) => print.contentHash), fromDisk());
});

test("editions that differ from HEAD are found alike from the disk and from git's status; the stamp cache keeps only the stamps a build used", async () => {
  const content = path.join(await tempDir("uncommitted"), "content");
  const dates = ["2021-03-01", "2021-03-02", "2021-03-03"];
  for (const date of dates) {
    await mkdir(path.join(content, "2021", date), { recursive: true });
    await writeFile(path.join(content, "2021", date, "p1-s1.md"), `---\ntitle: ${date}\n---\n正文。\n`);
  }
  git(content, "init", "-q");
  git(content, "add", ".");
  git(content, "commit", "-qm", "content");
  const folders = findEditionFolders(content);
  const prints = await committedFingerprints(content, folders);
  // Changed in place, and a new file in a tracked edition; the third is as committed.
  await writeFile(path.join(content, "2021", dates[0]!, "p1-s1.md"), "---\ntitle: 改\n---\n正文。\n");
  await writeFile(path.join(content, "2021", dates[1]!, "p1-s2.md"), "---\ntitle: 新\n---\n正文。\n");
  for (const many of [false, true]) {
    assert.equal((await uncommittedEditions(content, prints, new Map(), many)).map((print) => print.date), dates.slice(0, 2), `many: ${many}`);
  }
  // A stamp no build asks for any more is forgotten; each build keeps those of the files it read.
  const gone = { size: 1, mtimeMs: 1, hash: "0".repeat(40) };
  const stamps = new UsedStamps(new Map([[path.join(content, "2020", "2020-12-31", "p1-s1.md"), gone]]));
  await uncommittedEditions(content, prints, stamps, false);
  const fileOf = (date: string, name = "p1-s1.md") => path.join(content, "2021", date, name);
  assert.equal([...stamps.entries()].map(([file]) => file).sort(), [fileOf(dates[0]!), fileOf(dates[1]!), fileOf(dates[1]!, "p1-s2.md"), fileOf(dates[2]!)].sort());
  const next = new UsedStamps(new Map(stamps.entries()));
  assert.equal(await uncommittedEditions(content, prints.slice(2), next, false), []);
  assert.equal([...next.entries()], [[fileOf(dates[2]!), new Map(stamps.entries()).get(fileOf(dates[2]!))]]);
});

test("a year's listing of HEAD is kept by its name and tree id: git lists only the years that changed, and the fingerprints are those of a whole listing", async () => {
  const root = await tempDir("kept-listings");
  const content = path.join(root, "content");
  const write = writerIn(content);
  // Two years, an edition at the top level, an edition's own subfolder and a folder the reader skips.
  for (const date of ["2020-12-30", "2020-12-31", "2021-01-04"]) await write(`${date.slice(0, 4)}/${date}/p1-s1.md`, `---\ntitle: ${date}\n---\n正文。\n`);
  await write("2021/2021-01-04/images/a.txt", "图");
  await write("2019-06-03/p1-s1.md", "---\ntitle: 平铺\n---\n正文。\n");
  await write("_drafts/2021-01-05/p1-s1.md", "---\ntitle: 草稿\n---\n正文。\n");
  git(root, "init", "-q");
  git(root, "add", ".");
  git(root, "commit", "-qm", "content");
  const file = path.join(root, "git-trees.json");
  const whole = async () => (await committedFingerprints(content, findEditionFolders(content))).map((print) => `${print.date} ${print.contentHash}`);
  const kept = async () => (await committedFingerprints(content, findEditionFolders(content), new KeptListings(file))).map((print) => `${print.date} ${print.contentHash}`);
  const keptYears = async () => Object.keys(JSON.parse(await readFile(file, "utf8")) as object).map((key) => key.split(" ")[1]).sort();
  const first = await whole();
  assert.equal(first.map((line) => line.split(" ")[0]), ["2019-06-03", "2020-12-30", "2020-12-31", "2021-01-04"]);
  assert.equal(await kept(), first, "nothing kept yet");
  assert.equal(await keptYears(), ["2020", "2021"]);
  assert.equal(await kept(), first, "every year kept");

  // A committed edit in the older year: its id changed, so it is listed again.
  await write("2020/2020-12-30/p1-s1.md", "---\ntitle: 改\n---\n正文。\n");
  git(root, "commit", "-qam", "edit");
  const edited = await whole();
  assert.is.not(edited[1], first[1]);
  assert.equal(await kept(), edited);
  // A year renamed keeps its tree id but not its paths; a new year; a spoiled file.
  git(root, "mv", "content/2021", "content/year-2021");
  await write("2022/2022-01-03/p1-s1.md", "---\ntitle: 新年\n---\n正文。\n");
  git(root, "add", ".");
  git(root, "commit", "-qm", "rename");
  assert.equal(await kept(), await whole());
  assert.equal(await keptYears(), ["2020", "2022", "year-2021"]);
  await writeFile(file, "{ not json");
  assert.equal(await kept(), await whole());
  // A plain build's fingerprints, with changes on the disk, are the same with kept listings.
  await write("2020/2020-12-31/p1-s2.md", "---\ntitle: 新\n---\n正文。\n");
  const plain = (listings?: KeptListings) => fingerprintEditions(content, findEditionFolders(content), new Map(), listings);
  assert.equal(await plain(new KeptListings(file)), await plain());
});

test("git's status covers the whole work tree: changes beside the content touch no edition, and with git's untracked cache on, every change in it is still seen", async () => {
  const root = await tempDir("whole-status");
  const content = path.join(root, "content");
  const write = writerIn(content);
  const dates = ["2021-03-01", "2021-03-02"];
  for (const date of dates) await write(`2021/${date}/p1-s1.md`, `---\ntitle: ${date}\n---\n正文。\n`);
  await writerIn(root)("README.md", "报社\n");
  git(root, "init", "-q");
  git(root, "add", ".");
  git(root, "commit", "-qm", "content");
  const folders = () => findEditionFolders(content);
  /** The fingerprints, and the files a build would have read from the disk (none, for an edition taken from HEAD). */
  const fingerprints = async () => {
    const stamps = new UsedStamps();
    const prints = await fingerprintEditions(content, folders(), stamps);
    return { ids: prints.map((print) => `${print.date} ${print.contentHash}`), read: [...stamps.entries()].map(([file]) => path.relative(content, file)).sort() };
  };
  const clean = await fingerprints();
  assert.equal(clean.read, []);
  // Beside the content: a tracked file changed, and an untracked folder named like an edition.
  await writerIn(root)("README.md", "报社（改）\n");
  await writerIn(root)(`drafts/${dates[1]}/p1-s1.md`, "---\ntitle: 草稿\n---\n正文。\n");
  assert.equal(await fingerprints(), clean);

  // The untracked cache on and written (as an editor's own `git status` writes it): new and changed editions are still found.
  git(root, "config", "core.untrackedCache", "true");
  git(root, "update-index", "--untracked-cache");
  git(root, "status");
  await write("2021/2021-03-03/p1-s1.md", "---\ntitle: 新\n---\n正文。\n");
  await write(`2021/${dates[0]}/p1-s2.md`, "---\ntitle: 加\n---\n正文。\n");
  const changed = await fingerprints();
  assert.equal(changed.read, ["2021/2021-03-01/p1-s1.md", "2021/2021-03-01/p1-s2.md", "2021/2021-03-03/p1-s1.md"]);
  assert.equal(changed.ids.map((line) => line.split(" ")[0]), [...dates, "2021-03-03"]);
  assert.is.not(changed.ids[0], clean.ids[0]);
  assert.is(changed.ids[1], clean.ids[1]);
  // A new year's folder, untracked as a whole.
  await write("2022/2022-01-03/p1-s1.md", "---\ntitle: 新年\n---\n正文。\n");
  assert.ok((await fingerprints()).read.includes("2022/2022-01-03/p1-s1.md"));
  // The content folder itself untracked (a new repository holding only the project's code): every edition from the disk.
  const bare = await tempDir("whole-status-untracked");
  await cp(content, path.join(bare, "content"), { recursive: true });
  await writerIn(bare)("README.md", "报社\n");
  git(bare, "init", "-q");
  git(bare, "add", "README.md");
  git(bare, "commit", "-qm", "code");
  const copied = await fingerprintEditions(path.join(bare, "content"), findEditionFolders(path.join(bare, "content")), new Map());
  assert.equal(copied.map((print) => print.contentHash), findEditionFolders(content).map((folder) => fingerprintEdition(folder, new Map()).contentHash));
});

test.after(() => removeTempDirs("git-ids", "no-git", "git-editions", "no-git-editions", "uncommitted", "kept-listings", "whole-status", "whole-status-untracked"));
test.run();
