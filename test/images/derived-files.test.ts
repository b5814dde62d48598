/** The image stage on a small edition: formats, widths, sizes, orientation, metadata, cache. */
import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { processImages } from "../../src/images/process-images.ts";
import { photoWidths } from "../../src/images/layout-widths.ts";
import { scaleZone } from "../../src/images/scan.ts";
import { loadArchive } from "../../src/load-archive.ts";
import { EDITION, GPS_EXIF, makeFixture } from "./fixture.ts";
import { TEMP_REMOVAL } from "../helpers.ts";

const content = await makeFixture();
const work = path.dirname(content);
const { archive, problems } = await loadArchive(content);
assert.is(problems.filter((problem) => problem.severity === "error").length, 0, JSON.stringify(problems));
const cacheDir = path.join(work, "cache");
const coldCounter = { operations: 0 };
const cold = await processImages(archive, path.join(work, "out-cold"), { cacheDir, counter: coldCounter });

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name)).sort();
}

/** The EXIF pointer to the GPS directory (tag 0x8825), in either byte order. */
function hasGpsDirectory(exif: Buffer | undefined): boolean {
  return exif !== undefined && (exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88])));
}

const CAMERA = Buffer.from(GPS_EXIF.IFD0.Make);

test("each photo is published as AVIF, WebP and JPEG at the widths planned for its box", async () => {
  const lead = cold.photos.get(path.join(content, EDITION, "lead.jpg"));
  assert.ok(lead, "lead photo in the manifest");
  // The lead spans the whole 8-column page (it has no attached box).
  const planned = photoWidths(lead.span, 8).filter((width) => width < 900).concat(900);
  assert.equal(lead.sources.map((source) => source.type), ["image/avif", "image/webp", "image/jpeg"]);
  for (const source of lead.sources) {
    assert.equal(source.candidates.map((candidate) => candidate.width), planned, source.type);
    for (const candidate of source.candidates) {
      const metadata = await sharp(path.join(work, "out-cold", candidate.path)).metadata();
      const expectedFormat = { "image/avif": "heif", "image/webp": "webp", "image/jpeg": "jpeg" }[source.type];
      assert.is(metadata.format, expectedFormat, candidate.path);
      assert.is(metadata.width, candidate.width, candidate.path);
      // Orientation 6 applied: the stored 1600×1200 is a 3:4 portrait.
      assert.is(metadata.height, Math.round((candidate.width * 4) / 3), candidate.path);
      assert.is(metadata.orientation ?? 1, 1);
    }
  }
  assert.is(lead.width, 900);
  assert.is(lead.height, 1200);
  assert.match(lead.placeholder, /^ph-[0-3]{3}$/);
});

test("a photo smaller than the largest planned width is published at its own width, never enlarged", async () => {
  const garden = cold.photos.get(path.join(content, EDITION, "garden.png"))!;
  const widths = garden.sources[0]!.candidates.map((candidate) => candidate.width);
  assert.is(Math.max(...widths), 900);
  assert.equal([garden.width, garden.height], [900, 600]);
});

test("a page scan gets thumbnail, screen and zoom views with their scale against the scan", async () => {
  const scan = cold.scans.get(`${EDITION}/02/`)!;
  assert.ok(scan);
  assert.equal([scan.width, scan.height], [1600, 2400]);
  assert.equal([scan.views.thumb.width, scan.views.thumb.height, scan.views.thumb.scale], [360, 540, 0.225]);
  assert.equal([scan.views.screen.width, scan.views.screen.height, scan.views.screen.scale], [1400, 2100, 0.875]);
  assert.equal([scan.views.zoom.width, scan.views.zoom.height, scan.views.zoom.scale], [1600, 2400, 1]);
  for (const view of Object.values(scan.views)) {
    const jpeg = await sharp(path.join(work, "out-cold", view.jpeg)).metadata();
    const webp = await sharp(path.join(work, "out-cold", view.webp)).metadata();
    assert.equal([jpeg.format, jpeg.width, jpeg.height], ["jpeg", view.width, view.height]);
    assert.equal([webp.format, webp.width, webp.height], ["webp", view.width, view.height]);
  }
  // A hot zone given in scan pixels lands on the same spot of every view.
  const zone = { x: 800, y: 1200, width: 400, height: 240 };
  assert.equal(scaleZone(zone, scan.views.thumb.scale), { x: 180, y: 270, width: 90, height: 54 });
  assert.equal(scaleZone(zone, scan.views.zoom.scale), zone);
  assert.is(cold.thumbnails.get(`${EDITION}/02/`)?.from, "scan");
  assert.is(cold.thumbnails.get(`${EDITION}/01/`)?.from, "layout");
});

test("share cards are 1200×630 JPEGs for every article and the edition", async () => {
  assert.is(cold.shareCards.size, archive.editions[0]!.pages.flatMap((page) => page.articles).length + 1);
  for (const card of cold.shareCards.values()) {
    const metadata = await sharp(path.join(work, "out-cold", card.path)).metadata();
    assert.equal([metadata.format, metadata.width, metadata.height], ["jpeg", 1200, 630]);
  }
});

test("share cards come with the SHA-256 of their bytes, recorded by the cache (and added to entries cached without it); page thumbnails with theirs", async () => {
  const check = async (manifest: typeof cold, folder: string) => {
    const drawn = [...manifest.thumbnails.values()].filter((thumbnail) => thumbnail.from === "layout");
    assert.ok(drawn.length > 0);
    assert.is(manifest.hashes?.size, manifest.shareCards.size + drawn.length);
    for (const file of [...manifest.shareCards.values(), ...drawn]) {
      const bytes = await readFile(path.join(work, folder, file.path));
      assert.equal(manifest.hashes!.get(file.path), { sha256: createHash("sha256").update(bytes).digest("hex"), size: bytes.length }, file.path);
    }
  };
  await check(cold, "out-cold");
  // An entry from before cards kept their hash: hashed from its file once, then remembered.
  const [card] = [...cold.shareCards.values()];
  // Its name carries the first ten digits of its cache key: <cacheDir>/<2 digits>/<key>/meta.json.
  const keyStart = card!.path.split(".").at(-2)!;
  const metaFile = (await readdir(cacheDir, { recursive: true })).map((name) => path.join(cacheDir, name)).find((name) => path.basename(path.dirname(name)).startsWith(keyStart) && name.endsWith("meta.json"))!;
  assert.ok(metaFile, `the cache entry of ${card!.path}`);
  const meta = JSON.parse(await readFile(metaFile, "utf8")) as { bytes: number; sha256?: string };
  const recorded = meta.sha256;
  assert.ok(recorded);
  await writeFile(metaFile, JSON.stringify({ bytes: meta.bytes }));
  await check(await processImages(archive, path.join(work, "out-amended"), { cacheDir }), "out-amended");
  assert.is((JSON.parse(await readFile(metaFile, "utf8")) as { sha256?: string }).sha256, recorded);
});

test("publish: false finds the same paths and sizes and writes nothing", async () => {
  const out = path.join(work, "out-lookup");
  const lookup = await processImages(archive, out, { cacheDir, publish: false });
  assert.equal([...lookup.shareCards], [...cold.shareCards]);
  assert.equal([...lookup.photos], [...cold.photos]);
  assert.equal([...lookup.thumbnails], [...cold.thumbnails]);
  assert.equal(await readdir(out).catch(() => "nothing written"), "nothing written");
});

test("publish: false makes no share card: their names and sizes are known without them", async () => {
  const fresh = path.join(work, "cache-lookup");
  const lookup = await processImages(archive, path.join(work, "out-lookup-fresh"), { cacheDir: fresh, publish: false });
  await lookup.cardsReady;
  assert.equal([...lookup.shareCards], [...cold.shareCards]);
  assert.ok(cold.shareCards.size > 0);
  assert.equal((await readdir(fresh, { recursive: true })).filter((name) => name.endsWith("card.jpg")), []);
});

test("no published file keeps EXIF: the test photo's GPS position is gone everywhere", async () => {
  const source = await sharp(path.join(content, EDITION, "lead.jpg")).metadata();
  assert.ok(hasGpsDirectory(source.exif) && source.exif!.includes(CAMERA), "the source carries GPS (the test can fail)");
  const files = (await filesUnder(path.join(work, "out-cold"))).filter((file) => !file.endsWith(".svg"));
  assert.ok(files.length > 20, `${files.length} files: every width and format of the photo, the scan views and the share cards`);
  for (const file of files) {
    const metadata = await sharp(file).metadata();
    assert.is(metadata.exif, undefined, file);
    assert.is(metadata.xmp, undefined, file);
    // The EXIF block, GPS directory and all, is not hidden anywhere else in the file either.
    assert.not.ok((await readFile(file)).includes(CAMERA), file);
  }
});

test("a second build with a warm cache does no sharp operation and publishes the same bytes", async () => {
  assert.ok(coldCounter.operations > 20, `cold build: ${coldCounter.operations} operations`);
  const warmCounter = { operations: 0 };
  const warm = await processImages(archive, path.join(work, "out-warm"), { cacheDir, counter: warmCounter });
  assert.is(warmCounter.operations, 0);
  assert.is(warm.stats.derived, 0);
  const coldFiles = await filesUnder(path.join(work, "out-cold"));
  const warmFiles = await filesUnder(path.join(work, "out-warm"));
  assert.equal(warmFiles.map((file) => path.relative(path.join(work, "out-warm"), file)), coldFiles.map((file) => path.relative(path.join(work, "out-cold"), file)));
});

test("a cold build in a fresh cache, one image at a time, gives byte-identical files", async () => {
  const again = path.join(work, "out-again");
  await processImages(archive, again, { cacheDir: path.join(work, "cache-2"), parallel: 1 });
  for (const file of await filesUnder(path.join(work, "out-cold"))) {
    const twin = path.join(again, path.relative(path.join(work, "out-cold"), file));
    assert.ok((await readFile(file)).equals(await readFile(twin)), file);
  }
});

test.after(async () => {
  const { rm } = await import("node:fs/promises");
  if (work.startsWith(os.tmpdir())) await rm(work, TEMP_REMOVAL);
});

test.run();
