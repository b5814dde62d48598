/**
 * `--prune-image-cache`: once a build has published, the image cache keeps exactly the entries the
 * output's editions use: a replaced photo and a card whose headline changed go, every image the
 * site publishes stays (so the next build derives nothing), and a build state that does not
 * record an edition's images removes nothing.
 */
import { readdir, readFile, rm, stat, utimes, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { publishSite, workDirFor } from "../../src/publish/incremental-build.ts";
import { readSiteManifest } from "../../src/publish/output-manifest.ts";
import { drawing, EDITION, makeFixture } from "./fixture.ts";
import { PROJECT_ROOT, removeAll } from "../helpers.ts";

const content = await makeFixture();
const root = path.dirname(content);
const output = path.join(root, "site");
const imageCache = path.join(root, "images");
test.after(() => removeAll(root));

const build = (extra: { pruneImageCache?: boolean; fresh?: boolean } = {}) =>
  publishSite({ contentRoot: content, outputDir: output, projectRoot: PROJECT_ROOT, workers: 1, images: { cacheDir: imageCache }, ...extra });

/** The image cache's entries (full keys). */
async function cacheEntries(): Promise<string[]> {
  const keys: string[] = [];
  for (const shard of await readdir(imageCache)) for (const name of await readdir(path.join(imageCache, shard))) keys.push(name);
  return keys.sort();
}

/** Each entry's folder identity: an entry removed and derived again has the same name, in a new folder. */
async function entryFolders(): Promise<Map<string, number>> {
  const folders = new Map<string, number>();
  for (const key of await cacheEntries()) folders.set(key, (await stat(path.join(imageCache, key.slice(0, 2), key))).ino);
  return folders;
}

/** The published derived images (photos, scan views, share cards) and the cache key each name carries. */
async function publishedImages(): Promise<Map<string, string>> {
  const images = new Map<string, string>();
  for (const file of await readSiteManifest(output)) {
    const key = /\/(?:images|scans|cards)\/.+\.([0-9a-f]{10})\.(?:jpg|webp|avif|png)$/.exec(file.path)?.[1];
    if (key) images.set(file.path, key);
  }
  return images;
}

const entriesOf = (keys: Iterable<string>, entries: readonly string[]) => entries.filter((entry) => [...keys].includes(entry.slice(0, 10)));

test("a build with --prune-image-cache keeps the entries its editions use and removes the others", async () => {
  await build();
  const before = await cacheEntries();
  const published = await publishedImages();
  assert.ok([...published.keys()].some((file) => file.includes("/images/")) && [...published.keys()].some((file) => file.includes("/scans/")) && [...published.keys()].some((file) => file.includes("/cards/")), "photos, a scan and share cards are published");

  // A new picture for the photo story, and a new headline for the brief: their old entries are unused.
  const edition = path.join(content, EDITION);
  await sharp(drawing(900, 600, 300)).png().toFile(path.join(edition, "garden.png"));
  const brief = path.join(edition, "brief.md");
  await writeFile(brief, (await readFile(brief, "utf8")).replace("title: 我区召开安全生产工作会议", "title: 我区召开安全生产工作推进会"));
  // A folder a crashed build left two days ago goes too; one being written now stays.
  const old = path.join(imageCache, "ab", `${"ab".padEnd(64, "0")}.tmp-123-beef`);
  const current = path.join(imageCache, "ab", `${"ab".padEnd(64, "1")}.tmp-${process.pid}-cafe`);
  for (const folder of [old, current]) await mkdir(folder, { recursive: true });
  const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
  await utimes(old, twoDaysAgo, twoDaysAgo);

  const report = await build({ pruneImageCache: true });
  const after = await cacheEntries();
  const now = await publishedImages();
  const used = new Set(now.values());
  const gone = [...published.values()].filter((key) => !used.has(key));
  assert.ok(gone.length >= 2, `the garden photo and the brief's card are no longer published: ${gone.join(" ")}`);
  assert.equal(after.filter((entry) => !entry.includes(".tmp-")), entriesOf(used, after.filter((entry) => !entry.includes(".tmp-"))), "every entry left is used by the site");
  assert.equal(entriesOf(used, after).length, used.size, "every image the site publishes is still in the cache");
  assert.equal(entriesOf(gone, after), [], "the unused entries are gone");
  assert.ok(after.includes(path.basename(current)) && !after.includes(path.basename(old)), "an old half-written folder is removed, a current one kept");
  const derived = after.filter((entry) => !before.includes(entry) && entry !== path.basename(current));
  assert.is(report.imageCachePruned?.removed, before.length + 2 + derived.length - after.length, "the report counts what went");
  assert.ok((report.imageCachePruned?.removedBytes ?? 0) > 0);

  // Nothing the site needs was removed: building every edition again derives no image.
  await rm(current, { recursive: true });
  const folders = await entryFolders();
  await build({ fresh: true });
  assert.equal(await entryFolders(), folders, "no image derived again");
});

test("without a record of an edition's images, nothing is removed and the report says why", async () => {
  const workDir = workDirFor(`${output}.cache`, output);
  for (const name of await readdir(workDir)) {
    if (!name.startsWith("pages-")) continue;
    const file = path.join(workDir, name);
    const pages = JSON.parse(await readFile(file, "utf8")) as Record<string, { images?: unknown }>;
    for (const entry of Object.values(pages)) delete entry.images;
    await writeFile(file, JSON.stringify(pages));
  }
  const before = await cacheEntries();
  await mkdir(path.join(imageCache, "00", "0".repeat(64)), { recursive: true });
  const report = await build({ pruneImageCache: true });
  assert.is(report.imageCachePruned, undefined);
  assert.match(report.imageCacheNotPruned ?? "", new RegExp(`--prune-image-cache: the build state does not record which images 1 edition\\(s\\) use \\(${EDITION}: published by an older version\\), so nothing was removed; build once with --fresh`));
  assert.equal(await cacheEntries(), [...before, "0".repeat(64)].sort(), "nothing removed");
});

test.run();
