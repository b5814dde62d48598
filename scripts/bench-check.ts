/**
 * Benchmark of `npm run check` (validation + proofreading) on a year of SYNTHETIC content:
 * 300 editions × 4 pages × 5 articles (≈6,900 articles with comment boxes).
 *   npm run bench:check -- [--editions 300] [--runs 5]
 * Runs it as `npm run check` does (scripts/run-compiled.mjs check, compiled once before the first
 * timed run). Reports the whole command (Node's start-up included) and the check itself, medians and
 * minimums, in the same run (the machine may be shared: compare runs made one after the other,
 * not figures from another day):
 *   - reading every edition, as for content checked without a cache;
 *   - with kept findings (src/proofread/incremental-check.ts): the first check, which reads every
 *     edition and keeps what it finds; checks with nothing changed; checks after one article of
 *     the newest edition changed (one edition read).
 * The content is not in git, so each check with kept findings looks at every file's size and
 * mtime instead of asking git.
 */
import { execFile } from "node:child_process";
import { appendFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs, promisify } from "node:util";
import { generateArchive } from "./generate-archive.ts";

const run = promisify(execFile);
const { values } = parseArgs({ args: process.argv.slice(2), options: { editions: { type: "string", default: "300" }, runs: { type: "string", default: "5" } } });
const runs = Number(values.runs);
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;

const out = path.join(tmpdir(), `bench-check-${process.pid}`);
const content = path.join(out, "content");
const kept = path.join(out, "kept");
const generated = await generateArchive({ out: content, editions: Number(values.editions), pages: 4, articles: 5, seed: 1, start: "2020-01-06" });
console.log(`${generated.articles} articles in ${generated.editions} editions (${content})`);

interface Timing {
  readonly whole: number;
  readonly inside: number;
  readonly insideCpu: number;
  readonly summary: string;
}

async function check(args: readonly string[]): Promise<Timing> {
  const started = performance.now();
  const { stdout } = await run(process.execPath, ["scripts/run-compiled.mjs", "check", "--content", content, ...args], { maxBuffer: 64 * 2 ** 20 }).catch((error: { stdout: string }) => error);
  const whole = performance.now() - started;
  const lines = stdout.trim().split("\n");
  const summary = lines.at(-1) ?? "";
  const times = /in ([\d.]+) s \(CPU ([\d.]+) s[^)]*\)/.exec(summary);
  if (!times) throw new Error(`npm run check printed no summary:\n${lines.slice(-5).join("\n")}`);
  const read = lines.find((line) => line.startsWith("Read "));
  return { whole, inside: Number(times[1]) * 1000, insideCpu: Number(times[2]) * 1000, summary: read ? `${read}\n${summary}` : summary };
}

function report(label: string, timings: readonly Timing[]): void {
  const ms = (list: number[]) => `median ${Math.round(median(list))} ms (min ${Math.round(Math.min(...list))})`;
  console.log(`\n${label}, ${timings.length} run(s):\n${timings.at(-1)!.summary}`);
  console.log(`  whole command ${ms(timings.map((timing) => timing.whole))}; the check itself ${ms(timings.map((timing) => timing.inside))} wall, ${ms(timings.map((timing) => timing.insideCpu))} CPU`);
}

// Compiles the check when the sources changed since the last build or check, outside the timings.
await check(["--cache", kept]);
await rm(kept, { recursive: true, force: true });

const everything: Timing[] = [];
for (let index = 0; index < runs; index++) everything.push(await check([]));
report("Reading every edition (no cache)", everything);

report("With kept findings, the first check", [await check(["--cache", kept])]);
const unchanged: Timing[] = [];
for (let index = 0; index < runs; index++) unchanged.push(await check(["--cache", kept]));
report("With kept findings, nothing changed", unchanged);

// One article of the newest edition edited each time: that edition is read again.
const newestYear = (await readdir(content)).filter((name) => /^\d{4}$/.test(name)).sort().at(-1)!;
const newest = path.join(content, newestYear, (await readdir(path.join(content, newestYear))).sort().at(-1)!);
const article = path.join(newest, (await readdir(newest)).filter((name) => name.endsWith(".md")).sort()[0]!);
const edited: Timing[] = [];
for (let index = 0; index < runs; index++) {
  await appendFile(article, `\n第${index + 1}次修改。\n`);
  edited.push(await check(["--cache", kept]));
}
report("With kept findings, one article edited", edited);
await rm(out, { recursive: true, force: true });
