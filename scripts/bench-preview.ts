/**
 * Benchmark of the live preview: from saving one edited article to its page being written, with
 * archives of 4,000 and 20,000 SYNTHETIC articles in the content folder. With --eleventy, the same
 * edits are also timed against the Eleventy --watch build this preview replaced (same machine,
 * same run: compare the ratio, the machine is noisy).
 *   npm run bench:preview -- [--articles 4000,20000] [--trials 10] [--eleventy] [--eleventy-trials 3]
 */
import { spawn } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadSettings } from "../src/load-archive.ts";
import { PreviewServer } from "../src/preview/preview-server.ts";
import { generateArchive } from "./generate-archive.ts";

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    articles: { type: "string", default: "4000,20000" },
    trials: { type: "string", default: "10" },
    eleventy: { type: "boolean", default: false },
    "eleventy-trials": { type: "string", default: "3" },
  },
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
const ms = (value: number) => `${Math.round(value)} ms`;

/** Edits an article's body and waits until `outputFile` holds the edit; returns the latency in ms. */
async function timeEdit(articleFile: string, outputFile: string, marker: string, timeoutMs: number): Promise<number> {
  const text = await readFile(articleFile, "utf8");
  const started = performance.now();
  await writeFile(articleFile, `${text.trimEnd()}\n\n测量标记${marker}。\n`);
  for (;;) {
    const written = await readFile(outputFile, "utf8").catch(() => "");
    if (written.includes(marker)) return performance.now() - started;
    if (performance.now() - started > timeoutMs) throw new Error(`no page with the edit after ${timeoutMs} ms: ${outputFile}`);
    await sleep(2);
  }
}

/** Articles spread over the archive: path of the source and of its page, deterministic. */
async function targets(contentRoot: string, count: number) {
  const { loadArchive } = await import("../src/load-archive.ts");
  const { archive } = await loadArchive(contentRoot);
  const all = archive.editions.flatMap((edition) => edition.pages.flatMap((page) => page.articles));
  return { total: all.length, picks: Array.from({ length: count }, (_, index) => all[Math.floor(((index + 0.5) * all.length) / count)]!) };
}

async function benchPreview(contentRoot: string, trials: number) {
  const outputDir = path.join(tmpdir(), `bench-preview-out-${process.pid}`);
  const settings = await loadSettings(contentRoot);
  const started = performance.now();
  const preview = new PreviewServer({ contentRoot, projectRoot: process.cwd(), settings, outputDir, port: 0, log: () => undefined });
  await preview.start();
  const ready = performance.now() - started;
  const { picks } = await targets(contentRoot, trials + 1);
  const latencies: number[] = [];
  for (const [index, article] of picks.entries()) {
    const latency = await timeEdit(path.resolve(article.sourceFile), path.join(outputDir, article.path, "index.html"), `p${index}x${Date.now()}`, 30_000);
    if (index > 0) latencies.push(latency); // the first edit warms the code paths
    await sleep(150);
  }
  const rss = process.memoryUsage().rss / 2 ** 20;
  await preview.close();
  await rm(outputDir, { recursive: true, force: true });
  return { ready, latencies, rss };
}

async function benchEleventy(contentRoot: string, trials: number) {
  const outputDir = path.join(tmpdir(), `bench-eleventy-out-${process.pid}`);
  await rm(outputDir, { recursive: true, force: true });
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "node_modules/@11ty/eleventy/cmd.cjs", "--config=.eleventy.ts", "--watch", `--output=${outputDir}`], {
    env: { ...process.env, BROADSHEET_CONTENT: contentRoot },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  try {
    while (!/Watching/.test(output)) {
      if (child.exitCode !== null) throw new Error(`eleventy stopped: ${output.slice(-500)}`);
      await sleep(50);
    }
    const ready = performance.now() - started;
    const { picks } = await targets(contentRoot, trials);
    const latencies: number[] = [];
    for (const [index, article] of picks.entries()) {
      latencies.push(await timeEdit(path.resolve(article.sourceFile), path.join(outputDir, article.path, "index.html"), `e${index}x${Date.now()}`, 600_000));
      await sleep(1500);
    }
    return { ready, latencies };
  } finally {
    child.kill("SIGTERM");
    await rm(outputDir, { recursive: true, force: true });
  }
}

for (const size of values.articles!.split(",").map(Number)) {
  const contentRoot = path.join(tmpdir(), `bench-preview-content-${size}`);
  // The generator writes about 23 articles (with comment boxes) per edition of 4 pages × 5.
  const generated = await generateArchive({ out: contentRoot, editions: Math.max(1, Math.round(size / 23)), pages: 4, articles: 5, seed: 7, start: "2020-01-06" });
  console.log(`\n${generated.articles} articles in ${generated.editions} editions (${contentRoot})`);
  const ours = await benchPreview(contentRoot, Number(values.trials));
  console.log(`npm start (this preview): ready in ${ms(ours.ready)}, RSS ${Math.round(ours.rss)} MiB; save → page written: median ${ms(median(ours.latencies))}, min ${ms(Math.min(...ours.latencies))}, max ${ms(Math.max(...ours.latencies))} over ${ours.latencies.length} edits`);
  if (values.eleventy) {
    const eleventy = await benchEleventy(contentRoot, Number(values["eleventy-trials"]));
    console.log(`Eleventy --watch (the previous npm start): ready in ${ms(eleventy.ready)}; save → page written: median ${ms(median(eleventy.latencies))}, min ${ms(Math.min(...eleventy.latencies))}, max ${ms(Math.max(...eleventy.latencies))} over ${eleventy.latencies.length} edits`);
    console.log(`ratio Eleventy / this preview (medians): ${(median(eleventy.latencies) / median(ours.latencies)).toFixed(1)}×`);
  }
  await rm(contentRoot, { recursive: true, force: true });
}
