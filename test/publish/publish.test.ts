/**
 * Publishing: byte-identical builds, incremental builds that touch only what changed, and an
 * output that a failed, killed or concurrent build never damages.
 */
import { cp, lstat, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { promisify } from "node:util";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { BuildLockedError } from "../../src/publish/build-lock.ts";
import { readState } from "../../src/publish/build-state.ts";
import { publishSite, workDirFor } from "../../src/publish/incremental-build.ts";
import { manifestJson, readSiteManifest, type OutputManifest } from "../../src/publish/output-manifest.ts";
import { ContentError } from "../../src/validate/problem.ts";
import { addEdition, changedPaths, killAndWait, PROJECT_ROOT, removeTempDirs, smallArchive, snapshot, startHeldBuild, tempDir } from "./helpers.ts";
import { TEMP_REMOVAL } from "../helpers.ts";

const run = promisify(execFile);

/** The build must fail with an error of `kind` whose message matches `message`. */
async function rejectsWith(kind: new (...args: never[]) => Error, building: Promise<unknown>, message: RegExp): Promise<void> {
  try {
    await building;
  } catch (error) {
    assert.instance(error, kind);
    assert.match((error as Error).message, message);
    return;
  }
  assert.unreachable(`expected a ${kind.name}`);
}
const build = (contentRoot: string, outputDir: string, extra: { workers?: number; edition?: string; until?: string; maxSitemapUrls?: number; fresh?: boolean; committed?: boolean } = {}) =>
  publishSite({ contentRoot, outputDir, projectRoot: PROJECT_ROOT, workers: 1, ...extra });

/** The search bundles of `output` are byte for byte those of a fresh build of `content`, made in a folder of its own. */
async function sameSearchIndexAsFresh(content: string, output: string): Promise<void> {
  const fresh = path.join(await tempDir("fresh-index"), "site");
  await build(content, fresh);
  const [built, expected] = [await snapshot(path.join(output, "pagefind")), await snapshot(path.join(fresh, "pagefind"))];
  assert.ok(expected.size > 0);
  assert.equal(changedPaths(expected, built), []);
}

/** Site path → SHA-256 of every file the manifest tree lists. */
async function manifest(outputDir: string): Promise<Map<string, string>> {
  return new Map((await readSiteManifest(outputDir)).map((file) => [file.path, file.sha256]));
}

test("the same content builds byte-identical output, in parallel workers or in one process", async () => {
  // 14 editions: more than the in-process limit, so the first build really uses two workers.
  const content = await smallArchive("repro", 14);
  const root = await tempDir("repro-out");
  const first = await build(content, path.join(root, "a"), { workers: 2 });
  await build(content, path.join(root, "b"), { workers: 1 });
  assert.is(first.rendered.length, 14);
  const a = await snapshot(path.join(root, "a"));
  const b = await snapshot(path.join(root, "b"));
  assert.ok(a.size > 100, `expected a whole site, found ${a.size} files`);
  assert.equal(changedPaths(a, b), []);
  // Plain folders and files only: Pagefind, link checkers and uploaders do not follow symlinks.
  const links: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.isSymbolicLink()) links.push(path.join(dir, entry.name));
      else if (entry.isDirectory()) await walk(path.join(dir, entry.name));
    }
  };
  await walk(path.join(root, "a"));
  assert.equal(links, []);
  assert.ok((await lstat(path.join(root, "a"))).isDirectory());
  // The manifest lists every file but itself, with the bytes' real hash.
  const listed = await manifest(path.join(root, "a"));
  assert.equal([...listed.keys()].sort(), [...a.keys()].filter((p) => p !== "files.json").sort());
  for (const [file, hash] of listed) assert.is(hash, a.get(file), file);
  // A tree: the top level lists the site-wide files and one part per edition and search bundle;
  // each part lists its folder's files, serialised like a whole manifest.
  const top = JSON.parse(await readFile(path.join(root, "a", "files.json"), "utf8")) as OutputManifest;
  assert.ok(top.files.every((file) => !/^\d{4}-\d{2}-\d{2}\/|^pagefind\/\d/.test(file.path)), "no edition or bundle file is listed at the top level");
  const parts = (top.parts ?? []).map((part) => part.path);
  const editions = [...a.keys()].filter((p) => /^\d{4}-\d{2}-\d{2}\/index\.html$/.test(p)).map((p) => `${p.slice(0, 11)}files.json`);
  assert.is(editions.length, 14);
  assert.equal(parts.filter((p) => !p.startsWith("pagefind/")), editions.sort());
  assert.ok(parts.some((p) => /^pagefind\/[^/]+\/files\.json$/.test(p)), "search bundles have their parts");
  const part = await readFile(path.join(root, "a", editions[0]!), "utf8");
  const partFiles = (JSON.parse(part) as OutputManifest).files;
  assert.is(part, manifestJson(partFiles));
  assert.equal(partFiles.map((file) => file.path), [...a.keys()].filter((p) => p.startsWith(editions[0]!.slice(0, 11)) && !p.endsWith("/files.json")).sort());
});

test("a rebuild with nothing changed renders nothing; adding one edition rewrites only it and the indexes that list it", async () => {
  const content = await smallArchive("incremental", 6);
  const output = path.join(await tempDir("incremental-out"), "site");
  await build(content, output);
  const before = await manifest(output);
  const untouched = path.join(output, "2021-03-05", "01", "index.html");
  const inode = (await stat(untouched)).ino;

  const again = await build(content, output);
  assert.equal(again.rendered, []);
  assert.is(again.siteWideRendered, false);

  await addEdition(content, "2021-03-08", "2021-03-09");
  const report = await build(content, output);
  // The new edition, and the one before it: its pages gain a 下一期 link to the new one.
  assert.equal(report.rendered, ["2021-03-08", "2021-03-09"]);
  const after = await manifest(output);
  const changed = changedPaths(before, after);
  const indexes = /^(index\.html|archive\/.*|sitemap(-\d+)?\.xml|news-sitemap\.xml|_headers|api\/editions\.json|feeds\/.*|pagefind\/.*|search\/index\.html)$/;
  const outside = changed.filter((p) => !p.startsWith("2021-03-09/") && !p.startsWith("2021-03-08/") && !indexes.test(p));
  assert.equal(outside, [], "only the new edition, its neighbour and the indexes that list it may change");
  assert.ok(changed.includes("2021-03-09/01/index.html"));
  assert.ok(changed.includes("index.html"), "the home page shows the new edition");
  assert.ok(changed.includes("sitemap.xml"));
  assert.ok(changed.includes("api/editions.json") && changed.includes("feeds/latest.xml"), "the edition list and the latest feed name it");
  assert.ok(!changed.some((p) => p.startsWith("2021-03-05/")), "older editions are untouched");
  assert.match(await readFile(path.join(output, "2021-03-08", "01", "index.html"), "utf8"), /下一期　2021年3月9日/);
  assert.is((await stat(untouched)).ino, inode, "an unchanged edition's files are not even rewritten");
  assert.match(await readFile(path.join(output, "index.html"), "utf8"), /2021年3月9日/);
  // Built a day at a time, the site is byte for byte a fresh build of the same content.
  const fresh = path.join(await tempDir("incremental-out"), "site");
  await build(content, fresh);
  assert.equal(changedPaths(await snapshot(output), await snapshot(fresh)), []);

  // A day taken away, and one put in between two published days: their neighbours are rendered
  // again (a link that goes, links that change), and the site still equals a fresh build.
  await rm(path.join(content, "2021", "2021-03-09"), { recursive: true });
  await addEdition(content, "2021-03-05", "2021-03-06");
  const changed2 = await build(content, output);
  assert.equal(changed2.rendered, ["2021-03-05", "2021-03-06", "2021-03-08"]);
  const fresh2 = path.join(await tempDir("incremental-out"), "site");
  await build(content, fresh2);
  assert.equal(changedPaths(await snapshot(output), await snapshot(fresh2)), []);
  assert.not.match(await readFile(path.join(output, "2021-03-08", "index.html"), "utf8"), /2021-03-09/);
});

test("the build state keeps files per year, and publishing a day rewrites only its year's and reads only its year's pages and articles", async () => {
  // 2020-12-30 … 2021-01-05: editions in two years.
  const content = await smallArchive("state-years", 4, "2020-12-30");
  const output = path.join(await tempDir("state-years-out"), "site");
  await build(content, output, { maxSitemapUrls: 20 });
  const workDir = workDirFor(`${output}.cache`, output);
  const yearFiles = async () => (await readdir(workDir)).filter((name) => name.startsWith("editions-")).sort();
  const [past, current, ...others] = await yearFiles();
  assert.equal(others, []);
  assert.match(past!, /^editions-2020-[0-9a-f]{16}\.json$/);
  assert.match(current!, /^editions-2021-[0-9a-f]{16}\.json$/);
  const pastInode = (await stat(path.join(workDir, past!))).ino;
  // The past year's pages and articles are not even read: spoiled, they would stop the build.
  // (Sitemaps are split by year here, as past 10,000 URLs; one sitemap of every URL reads every
  // year's. The API's list of editions and the manifest take the past year's part as text kept
  // from the last build.)
  const pastFiles = (await readdir(workDir)).filter((name) => /^(?:pages|articles)-2020-/.test(name));
  assert.is(pastFiles.length, 2);
  const texts = await Promise.all(pastFiles.map((name) => readFile(path.join(workDir, name), "utf8")));
  for (const name of pastFiles) await writeFile(path.join(workDir, name), "not JSON");
  await addEdition(content, "2021-01-04", "2021-01-05");
  const report = await build(content, output, { maxSitemapUrls: 20 });
  await Promise.all(pastFiles.map((name, at) => writeFile(path.join(workDir, name), texts[at]!)));
  assert.equal(report.rendered, ["2021-01-04", "2021-01-05"]);
  const [pastAfter, currentAfter] = await yearFiles();
  assert.is(pastAfter, past, "the past year's editions are as they were");
  assert.is((await stat(path.join(workDir, past!))).ino, pastInode, "and its file was not rewritten");
  assert.is.not(currentAfter, current);
  const state = await readState(workDir);
  assert.equal(state?.editions.map((edition) => edition.date).sort(), ["2020-12-30", "2020-12-31", "2021-01-01", "2021-01-04", "2021-01-05"]);
  // Read back, the next build finds nothing changed.
  assert.equal((await build(content, output, { maxSitemapUrls: 20 })).rendered, []);
  // And the kept texts made the same listings as a fresh build.
  const fresh = path.join(await tempDir("state-years-fresh"), "site");
  await build(content, fresh, { maxSitemapUrls: 20 });
  assert.equal(changedPaths(await snapshot(output), await snapshot(fresh)), []);
});

test("a build state of version 10 (pages and parts in the editions file) is read as it is, and a year moves to three files when it changes", async () => {
  const content = await smallArchive("state-v10", 4, "2020-12-30");
  const output = path.join(await tempDir("state-v10-out"), "site");
  await build(content, output, { maxSitemapUrls: 20 });
  const workDir = workDirFor(`${output}.cache`, output);
  // Written back as version 10 wrote it: each year's pages and parts inside its editions file.
  const state = JSON.parse(await readFile(path.join(workDir, "state.json"), "utf8")) as { version: number; years: Record<string, { editions: string; pages?: string; articles: string }> };
  for (const files of Object.values(state.years)) {
    const editions = JSON.parse(await readFile(path.join(workDir, files.editions), "utf8")) as { date: string; index: Record<string, unknown> }[];
    const pages = JSON.parse(await readFile(path.join(workDir, files.pages!), "utf8")) as Record<string, { pages: unknown; part: unknown }>;
    const full = editions.map(({ index: { pageCount: _count, ...index }, ...edition }) => ({ ...edition, index: { ...index, pages: pages[edition.date]!.pages }, part: pages[edition.date]!.part }));
    await writeFile(path.join(workDir, files.editions), JSON.stringify(full));
    await rm(path.join(workDir, files.pages!));
    delete files.pages;
  }
  await writeFile(path.join(workDir, "state.json"), JSON.stringify({ ...state, version: 10 }));

  await addEdition(content, "2021-01-04", "2021-01-05");
  const report = await build(content, output, { maxSitemapUrls: 20 });
  assert.equal(report.rendered, ["2021-01-04", "2021-01-05"], "the version 10 state was read: nothing else is rendered again");
  const names = await readdir(workDir);
  assert.ok(names.some((name) => name.startsWith("pages-2021-")), "the year that changed has its pages file");
  assert.not.ok(names.some((name) => name.startsWith("pages-2020-")), "the year that did not keeps its version 10 file");
  const fresh = path.join(await tempDir("state-v10-fresh"), "site");
  const freshReport = await build(content, fresh, { maxSitemapUrls: 20 });
  assert.equal([report.editions, report.pages, report.articles], [freshReport.editions, freshReport.pages, freshReport.articles], "counted as a fresh build counts");
  assert.equal(changedPaths(await snapshot(output), await snapshot(fresh)), []);
  assert.equal((await build(content, output, { maxSitemapUrls: 20 })).rendered, []);
});

test("a --fresh build makes every year's listing again instead of reusing what the build cache kept", async () => {
  const content = await smallArchive("fresh-fragments", 3);
  const output = path.join(await tempDir("fresh-fragments-out"), "site");
  await build(content, output);
  const before = await snapshot(output);
  const kept = path.join(workDirFor(`${output}.cache`, output), "fragments");
  const names = await readdir(kept);
  assert.ok(names.some((name) => name.startsWith("api-editions-")) && names.some((name) => name.startsWith("manifest-parts-")), names.join(" "));
  for (const name of names) await writeFile(path.join(kept, name), "spoiled");
  await build(content, output, { fresh: true });
  assert.equal(changedPaths(before, await snapshot(output)), []);
  for (const name of await readdir(kept)) assert.is.not(await readFile(path.join(kept, name), "utf8"), "spoiled", name);
});

test("a year's archive pages and sitemap parts stay in place while its editions are unchanged, and the result equals a fresh build", async () => {
  // 2020-12-30 … 2021-01-05, sitemaps split at 20 URLs: a part per year.
  const content = await smallArchive("site-units", 4, "2020-12-30");
  const root = await tempDir("site-units-out");
  const output = path.join(root, "site");
  const units = (contentRoot: string, outputDir: string) => publishSite({ contentRoot, outputDir, projectRoot: PROJECT_ROOT, workers: 1, maxSitemapUrls: 20 });
  await units(content, output);
  const files = await snapshot(output);
  const pastYear = [...files.keys()].filter((p) => p.startsWith("archive/2020/") || /^sitemap-2020(-\d+)?\.xml$/.test(p));
  assert.ok(pastYear.includes("archive/2020/index.html") && pastYear.includes("archive/2020/12/index.html") && pastYear.includes("sitemap-2020.xml"), pastYear.join(" "));
  const inodes = new Map(await Promise.all(pastYear.map(async (p) => [p, (await stat(path.join(output, p))).ino] as const)));
  /** The output equals a fresh build of the same content, and its manifest lists every file with its hash. */
  const equalsFreshBuild = async (name: string) => {
    const fresh = path.join(root, name);
    await units(content, fresh);
    const built = await snapshot(output);
    assert.equal(changedPaths(built, await snapshot(fresh)), []);
    const listed = await manifest(output);
    assert.equal([...listed.keys()].sort(), [...built.keys()].filter((p) => p !== "files.json").sort());
    for (const [file, hash] of listed) assert.is(hash, built.get(file), file);
  };

  await addEdition(content, "2021-01-04", "2021-01-05");
  await units(content, output);
  for (const [p, ino] of inodes) assert.is((await stat(path.join(output, p))).ino, ino, `${p} was rewritten`);
  assert.match(await readFile(path.join(output, "archive", "2021", "index.html"), "utf8"), /2021-01-05/);
  assert.match(await readFile(path.join(output, "archive", "2021", "index.html"), "utf8"), /本年共 3 期/);
  const sitemaps = await Promise.all((await readdir(output)).filter((name) => name.startsWith("sitemap-2021")).map((name) => readFile(path.join(output, name), "utf8")));
  assert.ok(sitemaps.some((text) => text.includes("/2021-01-05/")), "the year's sitemap lists the new edition");
  await equalsFreshBuild("fresh-1");

  // A year whose editions are all gone takes its archive pages and sitemap parts with it.
  await rm(path.join(content, "2020"), { recursive: true });
  await units(content, output);
  const left = await readdir(output);
  assert.ok(!left.some((name) => name.startsWith("sitemap-2020")), left.join(" "));
  assert.ok(!(await readdir(path.join(output, "archive"))).includes("2020"));
  await equalsFreshBuild("fresh-2");
});

test("the site-wide pages take the newest editions from the build cache (model, images, feed entries), and are the same without it", async () => {
  const content = await smallArchive("recent-cache", 6);
  const root = await tempDir("recent-cache-out");
  const output = path.join(root, "site");
  await build(content, output);
  const cache = path.join(workDirFor(`${output}.cache`, output), "recent");
  const state = await readState(workDirFor(`${output}.cache`, output));
  assert.equal((await readdir(cache)).sort(), state!.editions.map((edition) => `${edition.renderKey}.json`).sort(), "one file per edition the feeds list");
  // Spoiled on purpose: the next build's site-wide pages show what the cache says, not the Markdown.
  const oldest = state!.editions.find((edition) => edition.date === "2021-03-01")!;
  const file = path.join(cache, `${oldest.renderKey}.json`);
  const kept = JSON.parse(await readFile(file, "utf8")) as { dir: string; entries: { title: string }[]; edition: { pages: { articles: { section: string }[] }[] } };
  assert.is(kept.dir, oldest.dir);
  kept.entries[0]!.title = "缓存里的标题";
  kept.edition.pages.at(-1)!.articles[0]!.section = "缓存栏目";
  await writeFile(file, JSON.stringify(kept));
  await addEdition(content, "2021-03-08", "2021-03-09");
  await build(content, output);
  assert.match(await readFile(path.join(output, "feeds", "latest.xml"), "utf8"), /缓存里的标题/);
  assert.match(await readFile(path.join(output, "search", "index.html"), "utf8"), /<option>缓存栏目<\/option>/);
  assert.ok((await readdir(cache)).length <= 7, "only the editions the feeds can list are kept");
  // Kept for another folder (the archive moved), an edition is read from its Markdown again.
  await writeFile(file, JSON.stringify({ ...kept, dir: path.join(root, "elsewhere") }));
  const newest = path.join(content, "2021", "2021-03-09");
  const story = path.join(newest, (await readdir(newest)).find((name) => name.endsWith(".md"))!);
  await writeFile(story, (await readFile(story, "utf8")).replace(/^title: "(.*)"$/m, 'title: "$1（改）"'));
  await build(content, output);
  assert.not.match(await readFile(path.join(output, "search", "index.html"), "utf8"), /缓存栏目/);
  // Without the cache the editions are read from the Markdown, to the bytes a fresh build writes.
  await rm(cache, { recursive: true });
  await addEdition(content, "2021-03-09", "2021-03-10");
  await build(content, output);
  await build(content, path.join(root, "fresh"));
  for (const page of ["index.html", "search/index.html", "feeds/latest.xml", "feeds/latest.json", "api/editions.json"]) assert.is(await readFile(path.join(output, page), "utf8"), await readFile(path.join(root, "fresh", page), "utf8"), page);
});

test("the search index is rewritten only in the bundle whose records changed; a bundle left empty is removed", async () => {
  // 2020-12-28 … 2021-01-04: bundles 2020 (a past year) and 2021-01-01 (days 1–7 of the newest month).
  const content = await smallArchive("bundles", 6, "2020-12-28");
  const output = path.join(await tempDir("bundles-out"), "site");
  const first = await build(content, output);
  assert.equal(first.searchBundles, { total: 2, indexed: ["2021-01-01", "2020"], openedEarly: [] });
  const pastYear = path.join(output, "pagefind", "2020", "pagefind-entry.json");
  const inode = (await stat(pastYear)).ino;
  const before = await manifest(output);

  // New settings re-render every page, but the search records are the same: nothing is re-indexed.
  // (In a new process, as a user would run it: a process imports the settings module once.)
  const settings = path.join(content, "site.config.ts");
  await writeFile(settings, (await readFile(settings, "utf8")).replace("siteUrl: process.env.BROADSHEET_SITE_URL ?? \"https://synthetic.example/\"", "siteUrl: \"https://synthetic.example/paper/\""));
  const moved = await run(process.execPath, ["--import", "tsx", "scripts/build.ts", "--content", content, "--output", output, "--workers", "1"], { cwd: PROJECT_ROOT });
  assert.match(moved.stdout, /rendered 6 edition\(s\), reused 0; search index: nothing to index of 2 bundle\(s\)/);
  assert.is((await stat(pastYear)).ino, inode);

  await addEdition(content, "2021-01-04", "2021-01-05");
  const next = await build(content, output);
  // The week took in its published editions' records while the day was rendered.
  assert.equal(next.searchBundles, { total: 2, indexed: ["2021-01-01"], openedEarly: ["2021-01-01"] });
  await sameSearchIndexAsFresh(content, output);
  const changed = changedPaths(before, await manifest(output));
  assert.ok(changed.some((p) => p.startsWith("pagefind/2021-01-01/")), "the week's bundle holds the new edition");
  assert.ok(changed.includes("2021-01-04/index.html"), "the settings change reached every page");
  assert.not.ok(changed.some((p) => p.startsWith("pagefind/2020/")), "the past year's bundle is untouched");
  assert.is((await stat(pastYear)).ino, inode);

  await addEdition(content, "2021-01-04", "2021-02-01");
  // A new month: January, over, becomes one bundle (opened early: every edition of it was published).
  assert.equal((await build(content, output)).searchBundles, { total: 3, indexed: ["2021-02-01", "2021-01"], openedEarly: ["2021-01"] });
  await sameSearchIndexAsFresh(content, output);
  assert.match(await readFile(path.join(output, "search", "index.html"), "utf8"), /data-bundles="2021-02-01 2021-01 2020"/);
  // The next day: the day before is rendered again (its 下一期 link), but its records are the same.
  await addEdition(content, "2021-01-04", "2021-02-02");
  assert.equal((await build(content, output)).searchBundles, { total: 3, indexed: ["2021-02-01"], openedEarly: ["2021-02-01"] });
  await rm(path.join(content, "2021", "2021-02-02"), { recursive: true });
  await rm(path.join(content, "2021", "2021-02-01"), { recursive: true });
  await build(content, output);
  assert.is(await stat(path.join(output, "pagefind", "2021-02-01")).catch(() => "gone"), "gone");
  assert.not.ok([...(await manifest(output)).keys()].some((p) => p.startsWith("pagefind/2021-02-01/") || p.startsWith("pagefind/2021-01/")));
  assert.match(await readFile(path.join(output, "search", "index.html"), "utf8"), /data-bundles="2021-01-01 2020"/);
});

test("a bundle opened early is indexed from the start when a published edition's records changed meanwhile", async () => {
  const content = await smallArchive("early-bundle", 3);
  const output = path.join(await tempDir("early-bundle-out"), "site");
  await build(content, output);
  // In one build: a new day, and a new headline for a day already published in the same week.
  await addEdition(content, "2021-03-03", "2021-03-04");
  const published = path.join(content, "2021", "2021-03-02");
  const story = (await readdir(published)).filter((name) => name.endsWith(".md")).sort()[0]!;
  const text = await readFile(path.join(published, story), "utf8");
  await writeFile(path.join(published, story), text.replace(/^title: "(.*)"$/m, 'title: "$1（更正）"'));
  const report = await build(content, output);
  assert.equal(report.searchBundles, { total: 1, indexed: ["2021-03-01"], openedEarly: [] });
  await sameSearchIndexAsFresh(content, output);
  // The records kept for the next index: one file per published edition (the re-rendered day's
  // earlier file is removed by the index thread once the bundles are written).
  const kept = (await readdir(path.join(workDirFor(`${output}.cache`, output), "search"))).map((name) => name.slice(0, 10)).sort();
  assert.equal(kept, (await readdir(output)).filter((name) => /^\d{4}-\d{2}-\d{2}$/.test(name)).sort());
});

test("a search index that fails on its thread stops the build with the indexer's reason, and the output stays as it was", async () => {
  const content = await smallArchive("index-fails", 3);
  const output = path.join(await tempDir("index-fails-out"), "site");
  await build(content, output);
  const before = await snapshot(output);
  await addEdition(content, "2021-03-03", "2021-03-04");
  // The kept search records of a published edition in the new day's week, lost from the cache.
  const records = path.join(workDirFor(`${output}.cache`, output), "search");
  await rm(path.join(records, (await readdir(records)).find((name) => name.startsWith("2021-03-01-"))!));
  await rejectsWith(Error, build(content, output), /search index: the records of edition 2021-03-01 are missing from .*; run the build with --fresh/);
  assert.equal(changedPaths(before, await snapshot(output)), []);
  // As it says: a fresh build publishes the day.
  await build(content, output, { fresh: true });
  assert.ok((await snapshot(output)).has("2021-03-04/index.html"));
});

test("--edition publishes one day onto the previous build and leaves every other edition as published", async () => {
  const content = await smallArchive("one-day", 4);
  const output = path.join(await tempDir("one-day-out"), "site");
  await build(content, output);
  await addEdition(content, "2021-03-04", "2021-03-05");
  await addEdition(content, "2021-03-04", "2021-03-08");
  const report = await build(content, output, { edition: "2021-03-05" });
  // The day, and the published day before it (its 下一期 link now points at the new one).
  assert.equal(report.rendered, ["2021-03-04", "2021-03-05"]);
  const files = await manifest(output);
  assert.ok(files.has("2021-03-05/index.html"));
  assert.not.ok(files.has("2021-03-08/index.html"), "another new edition waits for its own publishing");
  await rejectsWith(ContentError, build(content, output, { edition: "2021-04-01" }), /expected an edition folder named 2021-04-01/);
  // A published edition whose folder is gone: a clear error, not a crash, and the output untouched.
  const before = await snapshot(output);
  await rm(path.join(content, "2021", "2021-03-05"), { recursive: true });
  await rejectsWith(ContentError, build(content, output, { edition: "2021-03-08" }), /edition 2021-03-05 is published but its folder is gone; run a plain build \(without --edition\)/);
  assert.equal(changedPaths(before, await snapshot(output)), []);
});

test("--until holds back the editions dated after it, links and lists none of them, and publishes each when its day comes", async () => {
  const content = await smallArchive("until", 4);
  const output = path.join(await tempDir("until-out"), "site");
  // Tomorrow's paper, made the evening before.
  await addEdition(content, "2021-03-04", "2021-03-05");
  const evening = await build(content, output, { until: "2021-03-04" });
  assert.equal(evening.heldBack, ["2021-03-05"]);
  let files = await manifest(output);
  assert.not.ok([...files.keys()].some((name) => name.startsWith("2021-03-05/")), "nothing of the held edition is published");
  for (const name of ["index.html", "sitemap.xml", "news-sitemap.xml", "feeds/latest.xml", "api/editions.json", "2021-03-04/index.html", "archive/2021/03/index.html"]) {
    assert.not.match(await readFile(path.join(output, name), "utf8"), "2021-03-05", name);
  }
  // The morning: it is published, with the day before (its 下一期 link), and nothing else.
  const morning = await build(content, output, { until: "2021-03-05" });
  assert.equal([morning.rendered, morning.heldBack], [["2021-03-04", "2021-03-05"], []]);
  files = await manifest(output);
  assert.ok(files.has("2021-03-05/index.html"));
  assert.match(await readFile(path.join(output, "2021-03-04", "index.html"), "utf8"), /href="[^"]*2021-03-05\/"/);
  // "today" is the paper's day now: an edition of 2099 waits, the rest are published.
  await addEdition(content, "2021-03-04", "2099-01-01");
  const today = await build(content, output, { until: "today" });
  assert.equal([today.rendered, today.heldBack], [[], ["2099-01-01"]]);
  // Clear errors, the output untouched.
  const before = await snapshot(output);
  await rejectsWith(Error, build(content, output, { until: "2021-02-30" }), /--until: expected a date as YYYY-MM-DD or "today", found "2021-02-30"/);
  await rejectsWith(Error, build(content, output, { until: "2021-03-05", edition: "2099-01-01" }), /--edition 2099-01-01: the edition is dated after --until 2021-03-05/);
  await rejectsWith(ContentError, build(content, output, { until: "2020-12-31" }), /expected an edition dated up to 2020-12-31 \(--until\), found only later ones: 2021-03-01, /);
  assert.equal(changedPaths(before, await snapshot(output)), []);
});

test("--committed publishes the editions as committed at HEAD, the same as a plain build, and refuses one it would render from uncommitted files", async () => {
  const content = await smallArchive("committed", 4);
  const output = path.join(await tempDir("committed-out"), "site");
  await rejectsWith(ContentError, build(content, output, { committed: true }), /--committed: expected the content in a git work tree with a commit \(git: /);
  const git = (...args: string[]) => run("git", ["-c", "user.name=Test", "-c", "user.email=test@example.org", ...args], { cwd: content });
  await git("init", "-q");
  await git("add", "-A");
  await git("commit", "-qm", "archive");
  const plainOutput = path.join(await tempDir("committed-plain"), "site");
  await build(content, output, { committed: true });
  await build(content, plainOutput);
  assert.equal(await snapshot(output), await snapshot(plainOutput));
  // Every edition was rendered, and checked against the disk by git's status: no content file was
  // read for a stamp, which every later build would read again.
  const stamped = (JSON.parse(await readFile(path.join(workDirFor(`${output}.cache`, output), "file-ids.json"), "utf8")) as [string, unknown][]).map(([file]) => file);
  assert.ok(stamped.some((file) => file.endsWith(".eleventy.ts")), "the code's files are stamped");
  assert.equal(stamped.filter((file) => file.startsWith(content)), []);

  // The next day, committed: the same as a plain build gives.
  await addEdition(content, "2021-03-04", "2021-03-05");
  await git("add", "-A");
  await git("commit", "-qm", "2021-03-05");
  const day = await build(content, output, { committed: true });
  assert.equal(day.rendered, ["2021-03-04", "2021-03-05"]);
  await build(content, plainOutput);
  assert.equal(await snapshot(output), await snapshot(plainOutput));

  // A new edition not committed, then one edited but not committed: refused, naming the folder, output untouched.
  const before = await snapshot(output);
  await addEdition(content, "2021-03-05", "2021-03-08");
  await rejectsWith(ContentError, build(content, output, { committed: true }), /2021-03-08: edition 2021-03-08 is not in HEAD: --committed publishes the editions as committed at HEAD/);
  await rm(path.join(content, "2021", "2021-03-08"), { recursive: true });
  const article = path.join(content, "2021", "2021-03-05", (await readdir(path.join(content, "2021", "2021-03-05"))).find((name) => name.endsWith(".md"))!);
  await writeFile(article, (await readFile(article, "utf8")).replace(/^title: "(.*)"$/m, 'title: "$1（改）"'));
  // Not seen while the edition has nothing else to render it for (that is what --committed trusts)…
  assert.equal((await build(content, output, { committed: true })).rendered, []);
  // …and refused when it would be rendered from files HEAD does not have.
  await rejectsWith(ContentError, build(content, output, { committed: true, fresh: true }), /2021-03-05: edition 2021-03-05 has changes that are not committed/);
  assert.equal(changedPaths(before, await snapshot(output)), []);
});

test("--edition after a change of settings writes every year's part of api/editions.json with the new settings", async () => {
  // Two years, so that one year's part of the list would be kept if its key ignored the settings.
  const content = await smallArchive("edition-settings", 4, "2020-12-30");
  const output = path.join(await tempDir("edition-settings-out"), "site");
  await build(content, output);
  const settingsFile = path.join(content, "site.config.ts");
  const settings = await readFile(settingsFile, "utf8");
  await writeFile(settingsFile, settings.replace(/siteUrl: .*,/, 'siteUrl: "https://moved.example/",'));
  await addEdition(content, "2021-01-01", "2021-01-04");
  // In a process of its own: this one keeps the settings module it imported first.
  await run(process.execPath, ["--import", "tsx", "scripts/build.ts", "--content", content, "--output", output, "--workers", "1", "--edition", "2021-01-04"], { cwd: PROJECT_ROOT });
  const list = JSON.parse(await readFile(path.join(output, "api", "editions.json"), "utf8")) as { editions: { date: string; url: string }[] };
  assert.equal(list.editions.map((edition) => edition.date), ["2021-01-04", "2021-01-01", "2020-12-31", "2020-12-30"]);
  for (const edition of list.editions) assert.is(edition.url, `https://moved.example/${edition.date}/`, edition.date);
});

test("a build that fails validation leaves the previous output byte-for-byte intact", async () => {
  const content = await smallArchive("invalid", 3);
  const output = path.join(await tempDir("invalid-out"), "site");
  await build(content, output);
  const before = await snapshot(output);
  const article = path.join(content, "2021", "2021-03-03", "p1-s2.md");
  await writeFile(article, (await readFile(article, "utf8")).replace('date: "2021-03-03"', 'date: "2021-02-30"'));
  await rejectsWith(ContentError, build(content, output), /p1-s2\.md:\d+: date:/);
  assert.equal(changedPaths(before, await snapshot(output)), []);
  // A new day that fails, after its week's bundle was opened early: the same, and Pagefind's
  // service, started for that bundle, is stopped before the build lets go.
  await writeFile(article, (await readFile(article, "utf8")).replace('date: "2021-02-30"', 'date: "2021-03-03"'));
  await addEdition(content, "2021-03-03", "2021-03-04");
  const newArticle = path.join(content, "2021", "2021-03-04", "p1-s2.md");
  await writeFile(newArticle, (await readFile(newArticle, "utf8")).replace('date: "2021-03-04"', 'date: "2021-02-30"'));
  // The build goes on to its editions (and fails there) once the service is running.
  const serviceStarted = async (stage: string) => {
    for (let waited = 0; stage === "fingerprint" && (await pagefindChildren()).length === 0; waited += 20) {
      if (waited > 20_000) throw new Error("Pagefind's service did not start for the bundle opened early");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  await rejectsWith(ContentError, publishSite({ contentRoot: content, outputDir: output, projectRoot: PROJECT_ROOT, workers: 1, onStage: serviceStarted }), /p1-s2\.md:\d+: date:/);
  assert.equal(changedPaths(before, await snapshot(output)), []);
  assert.equal(await pagefindChildren(), []);
});

/** Pagefind service processes this process started that are still there. */
async function pagefindChildren(): Promise<string[]> {
  const found: string[] = [];
  for (const pid of await readdir("/proc").catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid)) continue;
    const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
    const match = /^\d+ \((.*)\) \S+ (\d+)/.exec(stat);
    if (match && Number(match[2]) === process.pid && match[1]!.startsWith("pagefind")) found.push(`${pid} ${match[1]}`);
  }
  return found;
}

test("a build that fails while the day's share cards may still be in the making leaves the output intact and the day finished in the store", async () => {
  const content = await smallArchive("cards-pending", 2);
  const output = path.join(await tempDir("cards-pending-out"), "site");
  // An empty image cache: the new day's cards are made by this build, after its pages.
  const images = { cacheDir: await tempDir("cards-pending-images") };
  const options = { contentRoot: content, outputDir: output, projectRoot: PROJECT_ROOT, workers: 1, images };
  await publishSite(options);
  const before = await snapshot(output);
  await addEdition(content, "2021-03-02", "2021-03-03");
  // Fails as soon as the pages are written, before the site-wide stage.
  const stop = async (stage: string) => {
    if (stage === "editions") throw new Error("stopped after the editions");
  };
  await rejectsWith(Error, publishSite({ ...options, onStage: stop }), /stopped after the editions/);
  assert.equal(changedPaths(before, await snapshot(output)), []);
  // It returned only once the cards were done: nothing is left half-made in the store.
  const store = path.join(workDirFor(`${output}.cache`, output), "store");
  assert.equal((await readdir(store)).filter((name) => name.startsWith(".scratch-")), []);
  // The lock is free, and the day and its neighbour are taken from the store, finished.
  const report = await publishSite(options);
  assert.equal(report.rendered, []);
  const files = await readSiteManifest(output);
  const cards = files.filter((file) => file.path.startsWith("2021-03-03/cards/"));
  assert.ok(cards.length >= 3, `${cards.length} share cards of the new day in the manifest`);
  for (const card of cards) assert.ok((await stat(path.join(output, card.path))).size === card.size, card.path);
});

test("a build killed half-way leaves the previous output intact, and the next build takes over its lock", async () => {
  const content = await smallArchive("killed", 3);
  const output = path.join(await tempDir("killed-out"), "site");
  await build(content, output);
  const before = await snapshot(output);
  await addEdition(content, "2021-03-03", "2021-03-04");
  // Killed with everything written except the swap: the worst moment.
  const child = await startHeldBuild(content, output, "before swap");
  await killAndWait(child);
  assert.equal(changedPaths(before, await snapshot(output)), []);
  const report = await build(content, output);
  // The killed build had finished rendering the edition into the store: that is reused, not redone.
  assert.equal(report.rendered, []);
  assert.is(report.editions, 4);
  assert.ok((await snapshot(output)).has("2021-03-04/index.html"));
});

test("a full build killed between its two renames (no output for a moment) has the last good output put back by the next build", async () => {
  const content = await smallArchive("swapkill", 2);
  const output = path.join(await tempDir("swapkill-out"), "site");
  await build(content, output);
  const before = await snapshot(output);
  // What swapWholeOutput leaves when killed after its first rename: the output moved aside under
  // the dead build's pid, the new tree beside it.
  const exited = spawn(process.execPath, ["-e", ""]);
  await once(exited, "exit");
  const pid = exited.pid!;
  await cp(output, `${output}.tmp-${pid}`, { recursive: true });
  await writeFile(path.join(`${output}.tmp-${pid}`, "index.html"), "the killed build's new front page");
  await rename(output, `${output}.old-${pid}`);
  // The next build fails validation, and still the site is back as it was.
  const article = path.join(content, "2021", "2021-03-02", "p1-s2.md");
  const text = await readFile(article, "utf8");
  await writeFile(article, text.replace('date: "2021-03-02"', 'date: "2021-02-30"'));
  await rejectsWith(ContentError, build(content, output), /p1-s2\.md:\d+: date:/);
  assert.equal(changedPaths(before, await snapshot(output)), []);
  await writeFile(article, text);
  const report = await build(content, output);
  assert.equal(report.rendered, [], "nothing changed since the last good output");
  assert.equal(changedPaths(before, await snapshot(output)), []);
  const left = (await readdir(path.dirname(output))).filter((name) => name !== "site" && name.startsWith("site."));
  assert.equal(left.filter((name) => !name.endsWith(".cache")), [], "the killed build's new tree is removed");
});

test("a second build while one runs refuses clearly and changes nothing", async () => {
  const content = await smallArchive("concurrent", 2);
  const output = path.join(await tempDir("concurrent-out"), "site");
  await build(content, output);
  const before = await snapshot(output);
  await addEdition(content, "2021-03-02", "2021-03-03");
  const child = await startHeldBuild(content, output, "fingerprint");
  try {
    await rejectsWith(BuildLockedError, build(content, output), new RegExp(`another build is writing this output \\(process ${child.pid}\\)`));
  } finally {
    await killAndWait(child);
  }
  assert.equal(changedPaths(before, await snapshot(output)), []);
  await rm(path.dirname(content), TEMP_REMOVAL);
});

test("shards rendered on separate runners merge into the same site as one build", async () => {
  const content = await smallArchive("shards", 5);
  const root = await tempDir("shards-out");
  const output = path.join(root, "site");
  const caches = ["shard-0", "shard-1", "merged"].map((name) => path.join(root, name));
  const shard = (index: number) =>
    publishSite({ contentRoot: content, outputDir: output, projectRoot: PROJECT_ROOT, workers: 1, cacheDir: caches[index], shard: { index, count: 2 } });
  const [first, second] = [await shard(0), await shard(1)];
  assert.equal([...first.rendered, ...second.rendered].sort(), ["2021-03-01", "2021-03-02", "2021-03-03", "2021-03-04", "2021-03-05"]);
  assert.is(first.rendered.length, 3);
  // The merge job: both runners' stores in one cache, then a plain build.
  for (const cache of caches.slice(0, 2)) {
    await cp(path.join(workDirFor(cache!, output), "store"), path.join(workDirFor(caches[2]!, output), "store"), { recursive: true });
  }
  const merged = await publishSite({ contentRoot: content, outputDir: output, projectRoot: PROJECT_ROOT, workers: 1, cacheDir: caches[2] });
  assert.equal(merged.rendered, []);
  assert.is(merged.reused, 5);
  const single = path.join(root, "single");
  await build(content, single);
  assert.equal(changedPaths(await snapshot(output), await snapshot(single)), []);
});

test.after(() =>
  removeTempDirs(...["repro", "incremental", "state-years", "site-units", "recent-cache", "bundles", "early-bundle", "index-fails", "one-day", "invalid", "cards-pending", "killed", "concurrent", "shards", "state-v10", "fresh-fragments", "edition-settings", "committed", "until", "swapkill"].flatMap((name) => [name, `${name}-out`]), "cards-pending-images", "state-years-fresh", "state-v10-fresh", "committed-plain", "fresh-index"),
);

test.run();
