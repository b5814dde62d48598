/**
 * `npm run check`: the build's validation plus the proofreader, without building.
 *   npm run check                 report schema problems and proofreading findings
 *   npm run check -- --fix        also rewrite the files where a fix is safe, and say what changed
 * With GITHUB_ACTIONS set, every finding is also printed as a workflow annotation.
 * Exit code 1 when an error remains.
 */
import { parseArgs } from "node:util";
import { loadArchive } from "../src/load-archive.ts";
import { formatFinding, githubAnnotation, problemToFinding, sortFindings, type Finding } from "../src/proofread/finding.ts";
import { proofread } from "../src/proofread/proofread.ts";
import { commonOptions } from "./cli.ts";

const options = commonOptions();
const { values } = parseArgs({ args: process.argv.slice(2), options: { fix: { type: "boolean", default: false } }, strict: false, allowPositionals: true });
const started = performance.now();
const startedCpu = process.cpuUsage();

async function findAll(): Promise<{ findings: Finding[]; editions: number; articles: number }> {
  const { archive, problems, content } = await loadArchive(options.content);
  const findings = sortFindings([...problems.map(problemToFinding), ...proofread(content, archive)]);
  const articles = content.editions.reduce((sum, edition) => sum + edition.articles.length, 0);
  return { findings, editions: content.editions.length, articles };
}

function report(findings: readonly Finding[]): void {
  const lines = findings.map(formatFinding);
  if (process.env.GITHUB_ACTIONS) lines.push(...findings.map(githubAnnotation));
  // One write: to a pipe, every console.log is a write of its own.
  if (lines.length) process.stdout.write(`${lines.join("\n")}\n`);
}

try {
  let result = await findAll();
  if (values.fix) {
    const { applyFixes } = await import("../src/proofread/apply-fixes.ts");
    const fixed = await applyFixes(result.findings);
    for (const change of fixed.applied) console.log(`fixed ${change.file}:${change.line}:${change.column} [${change.rule}] ${change.description}`);
    console.log(`${fixed.applied.length} fix${fixed.applied.length === 1 ? "" : "es"} applied${fixed.deferred ? `, ${fixed.deferred} overlapping fix(es) left for another run of --fix` : ""}.`);
    if (fixed.applied.length) result = await findAll();
  }
  report(result.findings);
  const errors = result.findings.filter((finding) => finding.severity === "error").length;
  const warnings = result.findings.length - errors;
  const fixable = result.findings.filter((finding) => finding.fixes?.length).length;
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const cpu = process.cpuUsage(startedCpu);
  const cpuSeconds = ((cpu.user + cpu.system) / 1e6).toFixed(2);
  console.log(
    `Checked ${result.articles} article(s) in ${result.editions} edition(s) in ${seconds} s (CPU ${cpuSeconds} s): ${errors} error(s), ${warnings} warning(s)` +
      (fixable && !values.fix ? `, ${fixable} fixable with \`npm run check -- --fix\`` : "") +
      ".",
  );
  if (errors) process.exitCode = 1;
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
