/**
 * Benchmark of `npm run check` (validation + proofreading) on a year of SYNTHETIC content:
 * 300 editions × 4 pages × 5 articles (≈6,900 articles with comment boxes).
 *   npm run bench:check -- [--editions 300] [--runs 5]
 * Reports the whole command (node + tsx start-up included) and the check itself: medians and minimums
 * (the machine may be shared: compare runs made one after the other, not figures from another day).
 */
import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs, promisify } from "node:util";
import { generateArchive } from "./generate-archive.ts";

const run = promisify(execFile);
const { values } = parseArgs({ args: process.argv.slice(2), options: { editions: { type: "string", default: "300" }, runs: { type: "string", default: "5" } } });
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;

const out = path.join(tmpdir(), `bench-check-${process.pid}`);
const generated = await generateArchive({ out, editions: Number(values.editions), pages: 4, articles: 5, seed: 1, start: "2020-01-06" });
console.log(`${generated.articles} articles in ${generated.editions} editions (${out})`);
const whole: number[] = [];
const inside: number[] = [];
const insideCpu: number[] = [];
let summary = "";
for (let index = 0; index < Number(values.runs); index++) {
  const started = performance.now();
  const { stdout } = await run(process.execPath, ["--import", "tsx", "scripts/check.ts", "--content", out], { maxBuffer: 64 * 2 ** 20 }).catch((error: { stdout: string }) => error);
  whole.push(performance.now() - started);
  summary = stdout.trim().split("\n").at(-1) ?? "";
  const times = /in ([\d.]+) s \(CPU ([\d.]+) s\)/.exec(summary);
  if (times) {
    inside.push(Number(times[1]) * 1000);
    insideCpu.push(Number(times[2]) * 1000);
  }
}
console.log(summary);
console.log(`npm run check, whole command: median ${Math.round(median(whole))} ms (min ${Math.round(Math.min(...whole))}) over ${whole.length} runs`);
console.log(
  `the check itself (read, validate, model, layout, proofread): median ${Math.round(median(inside))} ms wall (min ${Math.round(Math.min(...inside))}), ` +
    `median ${Math.round(median(insideCpu))} ms CPU (min ${Math.round(Math.min(...insideCpu))})`,
);
await rm(out, { recursive: true, force: true });
