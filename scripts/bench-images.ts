/**
 * `npm run bench:images` — the image stage over a generated set of photos and page scans:
 * cold (empty cache) with one image at a time and with one per core, then warm, and the bytes
 * published against the sources. A benchmark, not a test: figures vary with the machine's load,
 * so compare the ratios of one run.
 *
 *   npm run bench:images -- --photos 12 --scans 2
 */
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { processImages } from "../src/images/process-images.ts";
import { loadArchive } from "../src/load-archive.ts";
import { drawing } from "../test/images/fixture.ts";

const { values } = parseArgs({
  options: { photos: { type: "string", default: "12" }, scans: { type: "string", default: "2" }, keep: { type: "boolean", default: false } },
});
const photoCount = Number(values.photos);
const scanCount = Number(values.scans);
const root = await mkdtemp(path.join(os.tmpdir(), "broadsheet-bench-images-"));
const content = path.join(root, "content");
const date = "2021-05-10";
const edition = path.join(content, date);
await mkdir(edition, { recursive: true });
const settings = await readFile("test/fixtures/photo-edition/site.config.ts", "utf8");
await writeFile(path.join(content, "site.config.ts"), settings.replace("../../../src/site/settings.ts", path.resolve("src/site/settings.ts")));

/** Camera-like photos: shapes plus a little noise, so the encoders work as on real pictures. */
async function photo(width: number, height: number, hue: number, file: string): Promise<void> {
  // Drawn at a quarter of the size (librsvg is slow at 54 Mpx), enlarged, then grain added.
  const drawn = await sharp(drawing(width / 4, height / 4, hue)).resize({ width, height }).raw().toBuffer();
  const noise = await sharp({ create: { width, height, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 18 } } }).raw().toBuffer();
  await sharp(drawn, { raw: { width, height, channels: 3 } })
    .composite([{ input: noise, raw: { width, height, channels: 3 }, blend: "soft-light" }])
    .jpeg({ quality: 92 })
    .toFile(file);
}

const generating = performance.now();
const sections = ["要闻", "综合", "经济", "社会", "文体", "副刊"];
for (let index = 0; index < photoCount; index++) {
  const page = (index % 6) + 1;
  await photo(3000, 4000, (index * 37) % 360, path.join(edition, `photo-${index}.jpg`));
  await writeFile(
    path.join(edition, `story-${index}.md`),
    `---\ntitle: 测试图片新闻第${index + 1}条\nsection: ${sections[page - 1]}\ntype: ${index < 6 ? "lead" : "photo"}\nbyline: 记者${index} 摄\ndate: ${date}\nimages:\n  - src: photo-${index}.jpg\n    caption: 第${index + 1}幅测试图片\n    credit: 记者${index} 摄\n---\n\n${"春耕时节，田间地头一派繁忙景象。".repeat(20)}\n`,
  );
}
for (let index = 0; index < scanCount; index++) {
  await photo(6000, 9000, (index * 71) % 360, path.join(edition, `scan-${index + 1}.jpg`));
  await writeFile(path.join(edition, `page-0${index + 1}.yaml`), `name: ${sections[index]}\nscan: scan-${index + 1}.jpg\n`);
}
console.log(`Generated ${photoCount} photos (3000×4000) and ${scanCount} scans (6000×9000) in ${((performance.now() - generating) / 1000).toFixed(1)} s under ${root}`);

const { archive, problems } = await loadArchive(content);
if (problems.some((problem) => problem.severity === "error")) throw new Error(JSON.stringify(problems, null, 2));

async function timed(label: string, cacheDir: string, parallel: number) {
  const counter = { operations: 0 };
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await processImages(archive, path.join(root, `out-${label}`), { cacheDir, parallel, counter });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  // CPU seconds of the process (all threads): what the work costs, whatever else the machine runs.
  const cpuSeconds = (used.user + used.system) / 1e6;
  console.log(`${label.padEnd(28)} ${seconds.toFixed(2).padStart(7)} s wall, ${cpuSeconds.toFixed(1).padStart(6)} s CPU  sharp operations: ${counter.operations}  derived: ${result.stats.derived}  from cache: ${result.stats.cached}`);
  return { seconds, result };
}

const cores = os.availableParallelism();
const one = await timed("cold, 1 image at a time", path.join(root, "cache-1"), 1);
const all = await timed(`cold, ${cores} at a time`, path.join(root, "cache-n"), cores);
const warm = await timed("warm (same cache)", path.join(root, "cache-n"), cores);
const stats = all.result.stats;
const mib = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(0)} KiB`);
console.log(`speed-up from ${cores} cores: ${(one.seconds / all.seconds).toFixed(2)}×; warm/cold: ${((warm.seconds / all.seconds) * 100).toFixed(1)}%`);
console.log(`sources: ${mib(stats.sourceBytes)}; all published derived files: ${mib(stats.publishedBytes)} (${stats.files} files, every width and format, share cards included)`);

// What a phone and a desktop actually download: one AVIF per photo at the width they pick.
let phone = 0;
let desktop = 0;
let sourcesOfPhotos = 0;
for (const [file, photoSet] of all.result.photos) {
  sourcesOfPhotos += (await stat(file)).size;
  const avif = photoSet.sources[0]!.candidates;
  const pick = async (width: number) => (await stat(path.join(root, `out-cold, ${cores} at a time`, (avif.find((candidate) => candidate.width >= width) ?? avif[avif.length - 1]!).path))).size;
  phone += await pick(400);
  desktop += await pick(720);
}
console.log(`photos: sources ${mib(sourcesOfPhotos)}; a phone downloads ${mib(phone)} (AVIF 400 w, ${((1 - phone / sourcesOfPhotos) * 100).toFixed(1)}% saved); an article reader on a desktop ${mib(desktop)} (AVIF ≥720 w, ${((1 - desktop / sourcesOfPhotos) * 100).toFixed(1)}% saved)`);
console.log(`peak memory (RSS) of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB; load average at the end: ${os.loadavg().map((load) => load.toFixed(1)).join(" ")}`);
if (!values.keep) await rm(root, { recursive: true, force: true });
