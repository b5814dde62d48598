/** Every way an image can be wrong gives one clear error naming the article (or page) and the file. */
import { mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildSite } from "../../src/build-site.ts";
import { processImages } from "../../src/images/process-images.ts";
import { decodeProblem, endsEarly } from "../../src/images/source-check.ts";
import { loadArchive } from "../../src/load-archive.ts";
import type { Archive } from "../../src/model/types.ts";
import { ContentError, formatProblem } from "../../src/validate/problem.ts";
import { drawing, EDITION, makeFixture } from "./fixture.ts";
import { TEMP_REMOVAL } from "../helpers.ts";

const content = await makeFixture();
const work = path.dirname(content);
const edition = path.join(content, EDITION);
const display = (file: string) => path.relative(process.cwd(), file).split(path.sep).join("/");
const leadFile = display(path.join(edition, "lead.md"));
const leadJpg = display(path.join(edition, "lead.jpg"));
const original = await readFile(path.join(edition, "lead.jpg"));
let run = 0;

/** Only the lead story with its photo: each case then costs one image, not the whole edition. */
function leadOnly(archive: Archive): Archive {
  const [edition] = archive.editions;
  const [front] = edition!.pages;
  return { ...archive, editions: [{ ...edition!, pages: [{ ...front!, articles: front!.articles.filter((article) => article.slug === "lead") }] }] };
}

/** Loads the fixture with lead.jpg replaced by `bytes` (or removed), runs the image stage, returns the messages. */
async function imageErrors(bytes: Buffer | undefined, options: { pixelLimit?: number; removeAfterLoad?: boolean } = {}): Promise<string[]> {
  await writeFile(path.join(edition, "lead.jpg"), bytes ?? original);
  const archive = leadOnly((await loadArchive(content)).archive);
  if (options.removeAfterLoad) await rm(path.join(edition, "lead.jpg"));
  try {
    await processImages(archive, path.join(work, `out-${run}`), { cacheDir: path.join(work, `cache-${run++}`), pixelLimit: options.pixelLimit });
    assert.unreachable("expected the image stage to fail");
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    return error.problems.map(formatProblem);
  } finally {
    await writeFile(path.join(edition, "lead.jpg"), original);
  }
  return [];
}

test("missing: the model reports it before any image work, and the image stage says it too", async () => {
  await rm(path.join(edition, "lead.jpg"));
  const { problems } = await loadArchive(content);
  await writeFile(path.join(edition, "lead.jpg"), original);
  assert.ok(problems.map(formatProblem).includes(`${leadFile}:9: images: images[0].src: expected a file named "lead.jpg" in ${display(edition)}, found none`), problems.map(formatProblem).join("\n"));
  assert.equal(await imageErrors(undefined, { removeAfterLoad: true }), [`${leadFile}: images[0].src: expected an image file at ${leadJpg}, found none`]);
});

test("not an image: a text file named .jpg", async () => {
  const [message] = await imageErrors(Buffer.from("this is not a photo\n"));
  assert.match(message!, `${leadFile}: images[0].src: ${leadJpg}: expected a JPEG, PNG, WebP or TIFF image, found a file that is not an image or is damaged beyond reading (20 bytes; sharp: `);
});

test("truncated: a JPEG cut off half way", async () => {
  const [message] = await imageErrors(original.subarray(0, Math.floor(original.length / 2)));
  assert.match(message!, `${leadFile}: images[0].src: ${leadJpg}: the image is truncated (the file ends before the picture does); export it again from the original (sharp: `);
});

test("corrupt: a JPEG with its picture data overwritten", async () => {
  const damaged = Buffer.from(original);
  // Keep the headers, wreck the entropy-coded data after the start-of-scan marker (FF DA).
  const scanStart = damaged.indexOf(Buffer.from([0xff, 0xda])) + 400;
  for (let index = scanStart; index < damaged.length - 2; index += 7) damaged[index] = 0xff;
  const [message] = await imageErrors(damaged);
  assert.match(message!, new RegExp(`^${leadFile}: images\\[0\\]\\.src: ${leadJpg}: the image is (corrupt|truncated)`));
});

test("wrong type: PNG data in a .jpg file, and a GIF", async () => {
  const png = await sharp(drawing(200, 150, 10)).png().toBuffer();
  assert.equal(await imageErrors(png), [`${leadFile}: images[0].src: ${leadJpg}: the file is named .jpg but holds PNG data; rename it to .png`]);
  const gif = await sharp(drawing(200, 150, 10)).gif().toBuffer();
  assert.equal(await imageErrors(gif), [`${leadFile}: images[0].src: ${leadJpg}: expected a JPEG, PNG, WebP or TIFF image, found GIF data`]);
});

test("enormous: more pixels than the limit (sharp's limitInputPixels)", async () => {
  assert.equal(await imageErrors(original, { pixelLimit: 1_000_000 }), [
    `${leadFile}: images[0].src: ${leadJpg}: the image is 1200×900 px (1.1 Mpx), more than the limit of 1.0 Mpx; scale it down before publishing`,
  ]);
});

test("truncation is read from the file's end marker, not from sharp's message, which a concurrent decode can take", async () => {
  const png = await sharp(drawing(200, 150, 10)).png().toBuffer();
  const webp = await sharp(drawing(200, 150, 10)).webp().toBuffer();
  const tiff = await sharp(drawing(200, 150, 10)).tiff().toBuffer();
  for (const [name, whole] of [["JPEG", original], ["PNG", png], ["WebP", webp]] as const) {
    assert.is(endsEarly(whole), false, `${name} whole`);
    assert.is(endsEarly(whole.subarray(0, whole.length - 20)), true, `${name} cut`);
  }
  assert.is(endsEarly(Buffer.concat([original, Buffer.alloc(16)])), false, "JPEG padded after its end marker");
  // A phone's motion photo: a video after the picture's end marker, with marker-like bytes in it.
  assert.is(endsEarly(Buffer.concat([original, Buffer.from("\0\0\0\x18ftypmp42"), Buffer.from([0xff, 0xda, 0x00, 0x04, 0xff, 0xd8])])), false, "JPEG with a trailer");
  assert.is(endsEarly(original.subarray(0, 300)), true, "JPEG cut inside its headers");
  // An EXIF thumbnail holds its own end marker, before the picture's scan.
  const withThumbnail = await sharp(drawing(800, 600, 30)).withExif({ IFD0: { Copyright: "Broadsheet" } }).jpeg().toBuffer();
  const thumbnail = Buffer.concat([withThumbnail.subarray(0, 2), Buffer.from([0xff, 0xe1, 0x00, 0x0a]), Buffer.from("thumb"), Buffer.from([0xff, 0xd9, 0x00]), withThumbnail.subarray(2)]);
  assert.is(endsEarly(thumbnail), false, "JPEG with an end marker inside an APP segment");
  assert.is(endsEarly(thumbnail.subarray(0, thumbnail.length - 100)), true, "the same, cut");
  assert.is(endsEarly(tiff), undefined, "TIFF: no end marker to read");
  // What sharp says when libvips' warning went to another image's pipeline.
  const bare = new Error("Warning treated as error due to failOn setting");
  assert.match(decodeProblem("a.jpg", original.subarray(0, 4000), bare).message, "a.jpg: the image is truncated");
  assert.match(decodeProblem("a.jpg", original, bare).message, "a.jpg: the image is corrupt");
});

test("a bad page scan names the page settings file", async () => {
  const scan = path.join(edition, "page-02.jpg");
  const good = await readFile(scan);
  await writeFile(scan, good.subarray(0, 4000));
  try {
    const { archive } = await loadArchive(content);
    await processImages(archive, path.join(work, "out-scan"), { cacheDir: path.join(work, "cache-scan") });
    assert.unreachable();
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    const message = formatProblem(error.problems[0]!);
    assert.match(message, `${display(path.join(edition, "page-02.yaml"))}: scan: ${display(scan)}: the image is truncated`, message);
  } finally {
    await writeFile(scan, good);
  }
});

test("a build with a bad image publishes nothing: the old output stays as it was", async () => {
  const output = path.join(work, "site");
  await mkdir(output, { recursive: true });
  await writeFile(path.join(output, "index.html"), "published yesterday");
  await writeFile(path.join(edition, "lead.jpg"), original.subarray(0, 2000));
  try {
    await buildSite({ contentRoot: content, outputDir: output, images: { cacheDir: path.join(work, "cache-build"), log: undefined } });
    assert.unreachable();
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    assert.match(error.message, "1 content error:");
  } finally {
    await writeFile(path.join(edition, "lead.jpg"), original);
  }
  assert.is(await readFile(path.join(output, "index.html"), "utf8"), "published yesterday");
  await stat(path.join(output, EDITION)).then(
    () => assert.unreachable("no edition folder"),
    () => undefined,
  );
});

test.after(() => rm(work, TEMP_REMOVAL));

test.run();
