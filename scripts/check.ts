/**
 * `npm run check`: the build's validation plus the proofreader, without building.
 *   npm run check                 report schema problems and proofreading findings
 *   npm run check -- --fix        also rewrite the files where a fix is safe, and say what changed
 *   npm run check -- --fresh      read every edition again instead of taking the findings kept
 *   npm run check -- --cache DIR  the build cache to keep findings in (default .cache/broadsheet;
 *                                 also BROADSHEET_CACHE)
 *   npm run check -- --workers N  processes to read editions on (default: one per core when
 *                                 there are many to read; also BROADSHEET_WORKERS)
 * Each edition's findings are kept between checks (src/proofread/incremental-check.ts), so a check
 * reads only the editions that changed; content outside the project, without --cache, is read
 * whole each time. With GITHUB_ACTIONS set, every finding is also printed as a workflow
 * annotation. Exit code 1 when an error remains.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { formatFinding, githubAnnotation, type Finding } from "../src/proofread/finding.ts";
import { checkArchive, checkEverything, type CheckReport } from "../src/proofread/incremental-check.ts";
import { sha256 } from "../src/publish/fingerprint.ts";
import { PROJECT_ROOT } from "../src/project-root.ts";
import { optimiseOnlyHotCode } from "../src/publish/v8-tiering.ts";

optimiseOnlyHotCode();

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    content: { type: "string", default: process.env.BROADSHEET_CONTENT ?? "content" },
    fix: { type: "boolean", default: false },
    fresh: { type: "boolean", default: false },
    cache: { type: "string" },
    workers: { type: "string" },
  },
  strict: false,
  allowPositionals: true,
});
const options = { content: String(values.content), workers: values.workers === undefined ? undefined : Number(values.workers) };
if (options.workers !== undefined && !(Number.isInteger(options.workers) && options.workers > 0)) {
  console.error(`--workers: expected a whole number of processes, 1 or more, found "${String(values.workers)}"`);
  process.exit(1);
}
const started = performance.now();
const startedCpu = process.cpuUsage();

/** Where this content's findings are kept: in the build cache, a folder per content folder. */
function keptFindingsDir(): string | undefined {
  const contentRoot = path.resolve(options.content);
  const given = typeof values.cache === "string" ? values.cache : process.env.BROADSHEET_CACHE;
  const inProject = !path.relative(PROJECT_ROOT, contentRoot).startsWith("..");
  const cacheRoot = given ?? (inProject ? path.join(PROJECT_ROOT, ".cache", "broadsheet") : undefined);
  return cacheRoot && path.join(path.resolve(cacheRoot), "check", `${path.basename(contentRoot)}-${sha256(contentRoot).slice(0, 12)}`);
}

const cacheDir = keptFindingsDir();

function findAll(fresh = values.fresh === true): Promise<CheckReport> {
  return cacheDir ? checkArchive({ contentRoot: options.content, projectRoot: PROJECT_ROOT, cacheDir, fresh, workers: options.workers }) : checkEverything(options.content);
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
    if (fixed.applied.length) result = await findAll(false);
  }
  report(result.findings);
  if (result.editionsRead < result.editions || result.processes > 1) {
    const kept = result.editionsRead < result.editions ? "; the others' findings were kept from an earlier check (--fresh reads them all)" : "";
    console.log(`Read ${result.editionsRead} of ${result.editions} edition(s)${result.processes > 1 ? ` on ${result.processes} processes` : ""}${kept}.`);
  }
  const errors = result.findings.filter((finding) => finding.severity === "error").length;
  const warnings = result.findings.length - errors;
  const fixable = result.findings.filter((finding) => finding.fixes?.length).length;
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const cpu = process.cpuUsage(startedCpu);
  const cpuSeconds = ((cpu.user + cpu.system) / 1e6).toFixed(2);
  console.log(
    `Checked ${result.articles} article(s) in ${result.editions} edition(s) in ${seconds} s (CPU ${cpuSeconds} s${result.processes > 1 ? " in this process, its workers' not counted" : ""}): ${errors} error(s), ${warnings} warning(s)` +
      (fixable && !values.fix ? `, ${fixable} fixable with \`npm run check -- --fix\`` : "") +
      ".",
  );
  if (errors) process.exitCode = 1;
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
