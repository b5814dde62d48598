/**
 * `npm run check` at archive scale. What the check finds in one edition — problems reading and
 * modelling it, stories overflowing its pages, and the proofreader's rules that read one article,
 * one page or one edition — depends on that edition's folder alone, so it is kept in the build
 * cache under a key of the folder's content (its git tree id, src/publish/fingerprint.ts), the
 * code it runs (CHECK_CODE) and the settings. A check reads, models and proofreads only the editions whose key it has
 * not kept (check-edition.ts; on every core when there are many, check-worker.ts), and runs the one rule that compares articles across the archive (the same text
 * printed twice) over every edition's kept texts. Its report is the one a check of everything
 * gives (`checkEverything`), finding for finding and in the same order: the daily workflow checks
 * a ten-year archive in about the time of `git status` instead of reading 100,000 articles.
 *
 * Kept a year to a file, `<year>-<hash>.json` named by its editions' keys, which `years.json`
 * names: a day's check reads every year's file and writes its own year's again.
 */
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { byYear } from "../model/edition-index.ts";
import { leftByDeadProcess } from "../publish/build-lock.ts";
import { asciiJson, readJson, readStamps, writeStamps, writeTextAtomically } from "../publish/build-state.ts";
import { codeHash, fingerprintEditions, findEditionFolders, KeptListings, sha256, type CodeScope } from "../publish/fingerprint.ts";
import { shareBatches, workerCount } from "../publish/worker-processes.ts";
import { projectFile } from "../project-root.ts";
import { loadArchive, settingsProblems } from "../load-archive.ts";
import { loadSettings } from "../site/load-settings.ts";
import type { SiteSettings } from "../site/settings.ts";
import { hasErrors, sortProblems, type Problem } from "../validate/problem.ts";
import { checkBatch, type EditionCheck, type EditionToCheck } from "./check-edition.ts";
import type { CheckWorkerSetup } from "./check-worker.ts";
import { problemToFinding, sortFindings, type Finding } from "./finding.ts";
import { proofread } from "./proofread.ts";
import { duplicateTexts, type StoryText } from "./rules/duplicate-story.ts";

/** Changes when what is kept of an edition changes shape. */
const KEPT_VERSION = 2;

/**
 * The code the findings depend on: the sources the check loads and the locked packages, not the
 * renderer (src/render/, layouts/, assets/, …), so that a new design keeps every edition's
 * findings while the build renders it anew. test/compiled-build.test.ts bundles the check and
 * fails if it loads a source outside these.
 */
export const CHECK_CODE: CodeScope = {
  paths: [
    "package-lock.json",
    ...["proofread", "content", "markdown", "model", "layout", "validate", "time", "site"].map((folder) => `src/${folder}`),
    ...["load-archive.ts", "project-root.ts", "publish/fingerprint.ts", "publish/build-state.ts", "publish/build-lock.ts", "publish/worker-processes.ts", "publish/v8-tiering.ts"].map((file) => `src/${file}`),
  ],
};

export interface CheckReport {
  /** Errors first, then by file and position. */
  readonly findings: readonly Finding[];
  readonly editions: number;
  readonly articles: number;
  /** Editions this check read (the others' findings were kept from an earlier one). */
  readonly editionsRead: number;
  /** Processes they were read on (this one and its workers). */
  readonly processes: number;
}

/**
 * Below this many editions to read, they are read in this process alone: starting a worker costs
 * more than it saves. Measured compiled (`npm run check -- --fresh`, one process against two, 3
 * runs each): 446 editions 3.14–3.30 s against 3.61–3.72 s; 1,305 editions 8.18–9.01 s against
 * 6.89–7.32 s; 4,437 editions 19.2–23.3 s against 13.5–14.3 s.
 */
const WORKERS_FROM = 800;
/** Editions a process is given at a time, at most: few enough to share the end of the queue out evenly. */
const MAX_BATCH = 25;

/** The editions read and checked, by key: in this process and, when there are many, in workers on the other cores. */
async function checkEditions(contentRoot: string, site: SiteSettings, editions: readonly EditionToCheck[], options: Pick<CheckOptions, "workers">): Promise<{ checked: Map<string, EditionCheck>; processes: number }> {
  const checked = new Map<string, EditionCheck>();
  const keep = (batch: readonly EditionCheck[]) => {
    for (const edition of batch) checked.set(edition.key, edition);
  };
  const workers = workerCount(options.workers);
  if (workers === 1 || editions.length === 0 || (options.workers === undefined && editions.length < WORKERS_FROM)) {
    keep(await checkBatch(contentRoot, site, editions));
    return { checked, processes: 1 };
  }
  const size = Math.max(1, Math.min(MAX_BATCH, Math.ceil(editions.length / (workers * 4))));
  const batches: EditionToCheck[][] = [];
  for (let start = 0; start < editions.length; start += size) batches.push(editions.slice(start, start + size));
  const processes = Math.min(workers, batches.length);
  await shareBatches(batches, {
    workers: processes,
    script: projectFile("src", "proofread", "check-worker.ts"),
    setup: { contentRoot } satisfies CheckWorkerSetup,
    runHere: (batch) => checkBatch(contentRoot, site, batch),
    onResult: keep,
  });
  return { checked, processes };
}

/** Every edition's texts, editions in the given order. */
function* unpackTexts(editions: readonly EditionCheck[]): Generator<StoryText> {
  for (const { texts } of editions) {
    if (!texts.packed) continue;
    const prefix = texts.folder ? `${texts.folder}/` : "";
    const parts = texts.packed.split("/");
    for (let at = 0; at < parts.length; at += 3) yield { file: `${prefix}${parts[at]!}`, textKey: parts[at + 1]!, line: Number(parts[at + 2]) };
  }
}

/** The report from every edition's part, editions oldest first (the order the archive-wide rule reads them in). */
function report(settings: readonly Problem[], editions: readonly EditionCheck[], editionsRead: number, processes: number): CheckReport {
  const problems = [...settings, ...editions.flatMap((edition) => edition.problems)];
  if (!hasErrors(problems)) problems.push(...editions.flatMap((edition) => edition.layout));
  const proofreading = [...editions.flatMap((edition) => edition.findings), ...duplicateTexts(unpackTexts(editions))];
  return {
    // One stable sort: findings that compare equal keep the order a check of everything gives them (problems first).
    findings: sortFindings([...sortProblems(problems).map(problemToFinding), ...proofreading]),
    editions: editions.length,
    articles: editions.reduce((sum, edition) => sum + edition.articles, 0),
    editionsRead,
    processes,
  };
}

/** The whole archive read, modelled and proofread at once, nothing kept (content outside the project): what the kept findings must equal. */
export async function checkEverything(contentRoot: string): Promise<CheckReport> {
  const { archive, problems, content } = await loadArchive(contentRoot);
  return {
    findings: sortFindings([...problems.map(problemToFinding), ...proofread(content, archive)]),
    editions: content.editions.length,
    articles: content.editions.reduce((sum, edition) => sum + edition.articles.length, 0),
    editionsRead: content.editions.length,
    processes: 1,
  };
}

export interface CheckOptions {
  readonly contentRoot: string;
  /** Folder holding the code the key covers (src/, layouts/, …). */
  readonly projectRoot: string;
  /** Where the findings are kept. */
  readonly cacheDir: string;
  /** Check every edition again (and keep what it finds). */
  readonly fresh?: boolean;
  /**
   * Processes to read editions on, this one included. Default: one per core (or
   * BROADSHEET_WORKERS) from WORKERS_FROM editions to read, else this one alone.
   */
  readonly workers?: number;
}

export async function checkArchive(options: CheckOptions): Promise<CheckReport> {
  const contentRoot = path.resolve(options.contentRoot);
  const { cacheDir } = options;
  const site = await loadSettings(contentRoot);
  const stamps = await readStamps(cacheDir);
  // git looks at the content in its own processes (fingerprint.ts) while this one reads what the
  // last check kept: on a day, every year's file is used (reading them took as long as git).
  const fingerprinting = fingerprintEditions(contentRoot, findEditionFolders(contentRoot), stamps, new KeptListings(path.join(cacheDir, "git-trees.json")));
  fingerprinting.catch(() => undefined);
  // A kept file missing (a check running beside this one may have replaced it) or spoiled reads as
  // undefined: its editions are checked again.
  const index = (options.fresh ? undefined : readJson<Record<string, string>>(path.join(cacheDir, "years.json"))) ?? {};
  const keptFiles = new Map(Object.values(index).map((name) => [name, readJson<EditionCheck[]>(path.join(cacheDir, name))]));
  // Findings name files relative to the working folder: it is part of the key, as is where the content is.
  const base = sha256(JSON.stringify([KEPT_VERSION, codeHash(options.projectRoot, stamps, CHECK_CODE), site, contentRoot, process.cwd()]));
  const prints = await fingerprinting;
  // Each year's editions taken from its kept file, or to be read: all read at once, on every core.
  const plans = [...byYear(prints)].map(([year, list]) => {
    const keys = list.map((print) => sha256(`${base}\n${print.dir}\n${print.contentHash}`));
    const name = `${year}-${sha256(keys.join("\n")).slice(0, 16)}.json`;
    const read = index[year] === undefined ? undefined : keptFiles.get(index[year]);
    // A file edited or spoiled into something else is as good as missing.
    const kept = Array.isArray(read) ? read : undefined;
    const whole = index[year] === name && kept?.length === list.length && kept.every((edition, at) => edition?.key === keys[at]);
    const byKey = new Map((kept ?? []).map((edition) => [edition.key, edition]));
    return { year, name, whole, editions: list.map((print, at): EditionToCheck & { kept?: EditionCheck } => ({ dir: print.dir, key: keys[at]!, kept: byKey.get(keys[at]!) })) };
  });
  const toRead = plans.flatMap((plan) => plan.editions.filter((edition) => !edition.kept).map(({ dir, key }) => ({ dir, key })));
  const { checked: read, processes } = await checkEditions(contentRoot, site, toRead, options);
  const years: Record<string, string> = {};
  const editions: EditionCheck[] = [];
  for (const plan of plans) {
    const checked = plan.editions.map((edition) => edition.kept ?? read.get(edition.key)!);
    // Findings are mostly Chinese: as ASCII JSON they are read back as one-byte strings (build-state.ts says why).
    if (!plan.whole) await writeTextAtomically(path.join(cacheDir, plan.name), asciiJson(checked));
    editions.push(...checked);
    years[plan.year] = plan.name;
  }
  // years.json last: it names only complete files. Then the files it no longer names go.
  await writeTextAtomically(path.join(cacheDir, "years.json"), JSON.stringify(years));
  const named = new Set(Object.values(years));
  for (const file of await readdir(cacheDir)) {
    // And what a killed check was writing (a file is written beside its name, then renamed).
    if (leftByDeadProcess(file, /\.tmp-(\d+)$/) || (/^\d{4}-[0-9a-f]{16}\.json$/.test(file) && !named.has(file))) await rm(path.join(cacheDir, file), { force: true });
  }
  await writeStamps(cacheDir, stamps);
  return report(settingsProblems(contentRoot, site), editions, toRead.length, processes);
}
