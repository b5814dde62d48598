/**
 * `npm run bench:deploy`: deploying to storage, on a SYNTHETIC archive built once (N editions of
 * 4 pages × 5 stories) and then a day added to it. A benchmark, not a test; figures of one run
 * compare with each other, not with another day's (the machine may be shared).
 *
 *   npm run bench:deploy -- [--editions 120] [--delay 30] [--keep DIR]
 *
 * - The deploy plan (src/publish/deploy-plan.ts) against the host over HTTP, every request
 *   answered after --delay ms (a live host's round trip): for the day, and for a new design (every
 *   part changed: the host's top level is served with every part's hash altered), with the parts
 *   read one at a time and PART_READS at a time.
 * - With `aws`, `jq` and `moto_server` on the PATH (a local S3): `npm run deploy-plan -- --with-files`
 *   then scripts/deploy-storage.sh for the day, against the same uploads and deletions made with
 *   an `aws` process per file.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import { PART_READS, planDeploy, siteFolder, siteUrl } from "../src/publish/deploy-plan.ts";
import { publishSite } from "../src/publish/incremental-build.ts";
import { editionDates, generateArchive } from "./generate-archive.ts";

const run = promisify(execFile);
const { values } = parseArgs({ options: { editions: { type: "string", default: "120" }, delay: { type: "string", default: "30" }, keep: { type: "string" } } });
const editions = Number(values.editions);
const delay = Number(values.delay);
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const work = values.keep ? path.resolve(values.keep) : await mkdtemp(path.join(os.tmpdir(), "bench-deploy-"));
const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(2);

// The archive, built; the host holds that build; then a day is added and built.
const content = path.join(work, "content");
const site = path.join(work, "site");
const host = path.join(work, "host");
const dates = editionDates("2021-01-04", editions + 1);
const generated = await generateArchive({ out: content, editions, pages: 4, articles: 5, seed: 3, start: dates[0]! });
await publishSite({ contentRoot: content, outputDir: site, projectRoot });
await rm(host, { recursive: true, force: true });
await cp(site, host, { recursive: true });
const [newest, day] = dates.slice(-2) as [string, string];
const dayFolder = path.join(content, day.slice(0, 4), day);
await cp(path.join(content, newest.slice(0, 4), newest), dayFolder, { recursive: true });
for (const name of (await readdir(dayFolder)).filter((file) => file.endsWith(".md"))) {
  const file = path.join(dayFolder, name);
  await writeFile(file, (await readFile(file, "utf8")).replace(`date: "${newest}"`, `date: "${day}"`).replace(/^title: "(.*)"$/m, `title: "$1（新）"`));
}
await publishSite({ contentRoot: content, outputDir: site, projectRoot });
console.log(`SYNTHETIC archive: ${generated.articles} articles in ${editions} editions, and the day ${day} (${work})`);

// The host over HTTP, every answer after `delay` ms; its top level altered for a new design.
let redesign = false;
let requests = 0;
const hostTop = JSON.parse(await readFile(path.join(host, "files.json"), "utf8")) as { parts: { sha256: string }[] };
const alteredTop = JSON.stringify({ ...hostTop, parts: hostTop.parts.map((part) => ({ ...part, sha256: "0".repeat(64) })) });
const server = createServer((request, response) => {
  requests++;
  setTimeout(async () => {
    const sitePath = decodeURIComponent(new URL(request.url ?? "/", "http://host").pathname.slice(1));
    if (redesign && sitePath === "files.json") return response.end(alteredTop);
    try {
      response.end(await readFile(path.join(host, ...sitePath.split("/"))));
    } catch {
      response.statusCode = 404;
      response.end();
    }
  }, delay);
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const hostUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

console.log(`\nThe deploy plan against the host over HTTP, ${delay} ms a request:`);
for (const [label, isRedesign] of [["the day", false], ["a new design (every part changed)", true]] as const) {
  for (const partReads of [1, PART_READS]) {
    redesign = isRedesign;
    requests = 0;
    const started = performance.now();
    const plan = await planDeploy(siteUrl(hostUrl), siteFolder(site), { partReads });
    console.log(`  ${label}, parts read ${partReads} at a time: ${seconds(started)} s (${requests} requests; ${plan.partsRead} of ${plan.parts} parts, ${plan.upload.length} uploads)`);
  }
}
server.close();

// The day applied to a local S3, if there is one to start.
const missing = [];
for (const tool of ["aws", "jq", "moto_server"]) {
  if (await run("sh", ["-c", `command -v ${tool}`]).then(() => false, () => true)) missing.push(tool);
}
if (missing.length) {
  console.log(`\nNo storage deploy: ${missing.join(", ")} not on the PATH.`);
} else {
  const port = 20_000 + (process.pid % 20_000);
  const env = { ...process.env, AWS_ACCESS_KEY_ID: "bench", AWS_SECRET_ACCESS_KEY: "bench", AWS_DEFAULT_REGION: "us-east-1", AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` };
  const moto: ChildProcess = spawn("moto_server", ["-p", String(port)], { stdio: "ignore" });
  try {
    for (let tries = 0; await run("aws", ["s3", "ls"], { env }).then(() => false, () => true); tries++) {
      if (tries > 100) throw new Error("moto_server did not start");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const plan = path.join(work, "plan");
    await run(process.execPath, ["--import", "tsx", path.join(projectRoot, "scripts", "deploy-plan.ts"), "--output", site, "--live", host, "--out", plan, "--with-files"], { cwd: projectRoot });
    const uploads = (await readFile(path.join(plan, "upload.tsv"), "utf8")).trim().split("\n").map((line) => line.split("\t"));
    const deletions = (await readFile(path.join(plan, "delete.txt"), "utf8")).split("\n").filter(Boolean);
    const groups = (await readFile(path.join(plan, "groups.tsv"), "utf8")).trim().split("\n").map((line) => line.split("\t"));
    console.log(`\nThe day to a local S3 (moto_server): ${uploads.length} uploads in ${groups.length} groups, ${deletions.length} deletions, files.json:`);
    await run("aws", ["s3", "mb", "s3://grouped"], { env });
    let started = performance.now();
    await run("bash", [path.join(projectRoot, "scripts", "deploy-storage.sh"), plan, "s3://grouped/paper"], { env });
    const grouped = seconds(started);
    console.log(`  scripts/deploy-storage.sh (a recursive copy a group, 1,000 deletions a request): ${grouped} s`);
    // The same work with an `aws` process for each file.
    await run("aws", ["s3", "mb", "s3://per-file"], { env });
    const groupOf = new Map(groups.map(([group, type, cache]) => [`${type}\t${cache}`, group!]));
    started = performance.now();
    for (const [sitePath, type, cache] of uploads) {
      await run("aws", ["s3", "cp", "--only-show-errors", path.join(plan, "files", groupOf.get(`${type}\t${cache}`)!, sitePath!), `s3://per-file/paper/${sitePath}`, "--content-type", type!, "--cache-control", cache!], { env });
    }
    for (const sitePath of deletions) await run("aws", ["s3", "rm", "--only-show-errors", `s3://per-file/paper/${sitePath}`], { env });
    await run("aws", ["s3", "cp", "--only-show-errors", path.join(plan, "last", "files.json"), "s3://per-file/paper/files.json"], { env });
    console.log(`  an aws process a file: ${seconds(started)} s`);
  } finally {
    moto.kill();
  }
}
if (!values.keep) await rm(work, { recursive: true, force: true });
