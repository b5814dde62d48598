/**
 * `npm run bench`: Broadsheet against its peers on the same SYNTHETIC archives, in one run.
 *
 *   npm run bench                          4,000 / 20,000 / 100,000 articles
 *   npm run bench -- --sizes 4000,20000    chosen sizes
 *   npm run bench -- --no-peers            Broadsheet only
 *   npm run bench -- --image-cache DIR     keep share cards and thumbnails in DIR between runs
 *   npm run bench -- --quiet 0             no wait for a quiet file system (a quick look)
 *
 * For each size, once nothing large has been deleted for 360 s (see DEFAULT_QUIET; `--quiet 0`
 * does not wait): plain Eleventy 3 (the same Markdown, a one-line layout: the floor of our stack)
 * and Hugo (Debian's package, an equivalent one-line layout), then a first build from empty
 * caches, a cold build (--fresh: every edition rendered again, as after a template change, with
 * the image cache warm) and a rebuild with nothing changed. Then, with every size's archive built
 * and the file system quiet again, days
 * are published in rounds that go through the sizes in turn (see publishRounds), so that a day at
 * 100,000 articles and one at 4,000 are measured seconds apart, not half an hour. Wall time of each
 * command as a whole (process start included) and peak memory summed over the process and its
 * workers (sampled from /proc every 200 ms). Hugo is installed with apt-get when missing (root),
 * or skipped with a note. The machine is noisy: read the ratios, taken close together in one run.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdir, readFile, rm, writeFile, cp, readdir } from "node:fs/promises";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { editionDates, generateArchive } from "./generate-archive.ts";

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PAGES = 4;
const ARTICLES_PER_PAGE = 5;
/** What the generator writes per edition with these settings (leads bring a comment box): measured. */
const ARTICLES_PER_EDITION = 23.15;

/** Seconds before a command is killed (a first build of 100,000 articles with an empty image cache composes 100,000 share cards). */
const DEFAULT_TIMEOUT = 5400;
/**
 * On an ext4 file system without a journal (this project's machines), the kernel gives a new file
 * or folder an inode that was freed within the last 60 s — 360 s while its block of the inode
 * table is unwritten (RECENTCY_MIN and RECENTCY_DIRTY in fs/ext4/ialloc.c) — only when it finds
 * no other: it looks at every such inode of the block group first. Right after a tree of tens of
 * thousands of files is deleted, every file created near it costs several times more: Hugo over
 * 20,000 articles took 16.40 s just after its last output was deleted and 7.04 s after 315 s
 * without deletions (sys 20.9 s against 6.8 s).
 */
const DEFAULT_QUIET = 360;
const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "4000,20000,100000" },
    "no-peers": { type: "boolean", default: false },
    work: { type: "string", default: path.join(os.tmpdir(), "broadsheet-bench") },
    timeout: { type: "string", default: String(DEFAULT_TIMEOUT) },
    /** A lasting image cache (share cards, thumbnails) instead of an empty one per size. */
    "image-cache": { type: "string" },
    /** Seconds without a large deletion before the compared builds (see quietFileSystem); 0: none. */
    quiet: { type: "string", default: String(DEFAULT_QUIET) },
  },
});
const sizes = values.sizes!.split(",").map(Number);
const workRoot = values.work!;
const timeoutSeconds = Number(values.timeout);
const quietSeconds = Number(values.quiet);

/** When the bench (or a build's detached remover, seen by settle) last deleted a large tree. */
let lastDeletion = performance.now();
const deleted = () => {
  lastDeletion = performance.now();
};

/**
 * Waits until nothing large has been deleted for `quietSeconds` (see DEFAULT_QUIET), so that the
 * builds compared with each other (cold, Eleventy, Hugo) and the days of every size create their
 * files on a file system in the same state, not some of them beside a tree deleted seconds before.
 */
async function quietFileSystem(before: string): Promise<void> {
  const wait = quietSeconds * 1000 - (performance.now() - lastDeletion);
  if (wait <= 0) return;
  console.log(`(waiting ${(wait / 1000).toFixed(0)} s before ${before}: ${quietSeconds} s without a large deletion)`);
  await new Promise((resolve) => setTimeout(resolve, wait));
}

interface Measured {
  readonly seconds: number;
  /** User + system CPU seconds of the command and its workers (from /usr/bin/time), if available. */
  readonly cpu?: number;
  readonly peakMiB: number;
  readonly output: string;
  readonly ok: boolean;
}

/** Resident memory of a process and all its descendants, in KiB. */
function treeRssKiB(rootPid: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const status = readFileSync(`/proc/${name}/status`, "utf8");
      rss.set(Number(name), Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0));
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

// CPU seconds say more than wall time on a shared machine: /usr/bin/time reports them, workers included.
const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

/** Process groups of the commands running now. */
const running = new Set<number>();
function killGroup(pid: number): void {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    for (const pid of running) killGroup(pid);
    process.exit(130);
  });
}

function measure(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Measured> {
  return new Promise((resolve) => {
    const started = performance.now();
    const [program, argv] = TIME ? [TIME, ["-f", "__CPU__ %U %S", command, ...args]] : [command, [...args]];
    // A process group of its own, so that a timeout (or this script's end) stops the build with
    // its workers, not only the wrapper: an orphaned build would hold the output's lock.
    const child = spawn(program, argv, { cwd: options.cwd ?? PROJECT_ROOT, env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
    running.add(child.pid!);
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, treeRssKiB(child.pid!))), 200);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid!);
    }, timeoutSeconds * 1000);
    child.on("exit", (code) => {
      running.delete(child.pid!);
      clearInterval(sampler);
      clearTimeout(timer);
      if (timedOut) output += `\ntimed out after ${timeoutSeconds} s (--timeout)`;
      const cpu = /__CPU__ ([\d.]+) ([\d.]+)/.exec(output);
      resolve({ seconds: (performance.now() - started) / 1000, cpu: cpu ? Number(cpu[1]) + Number(cpu[2]) : undefined, peakMiB: peak / 1024, output, ok: code === 0 });
    });
  });
}

function hugoAvailable(): string | undefined {
  const found = spawnSync("hugo", ["version"], { encoding: "utf8" });
  if (found.status === 0) return found.stdout.trim();
  if (process.getuid?.() !== 0) return undefined;
  console.log("Installing Hugo from Debian (apt-get install -y hugo) …");
  spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  spawnSync("apt-get", ["install", "-y", "-qq", "hugo"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  const again = spawnSync("hugo", ["version"], { encoding: "utf8" });
  return again.status === 0 ? again.stdout.trim() : undefined;
}

/** Plain Eleventy 3 over the same Markdown: defaults, except the layout and no Liquid in Markdown. */
async function eleventyProject(dir: string, content: string): Promise<string> {
  await mkdir(path.join(dir, "_includes"), { recursive: true });
  await writeFile(path.join(dir, "_includes", "base.njk"), "<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>{{ title }}</title><body>{{ content | safe }}</body></html>\n");
  const config = path.join(dir, "eleventy.config.mjs");
  await writeFile(
    config,
    `export default function (config) {
  config.addGlobalData("layout", "base.njk");
  config.ignores.add(${JSON.stringify(path.join(content, "site.config.ts"))});
  return {
    dir: { input: ${JSON.stringify(content)}, includes: ${JSON.stringify(path.relative(content, path.join(dir, "_includes")))}, output: ${JSON.stringify(path.join(dir, "_site"))} },
    templateFormats: ["md"],
    markdownTemplateEngine: false,
  };
}
`,
  );
  return config;
}

/** Hugo over the same Markdown with an equivalent one-line layout; no taxonomies, feeds or sitemaps. */
async function hugoProject(dir: string): Promise<void> {
  const line = '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>{{ .Title }}</title><body>{{ .Content }}</body></html>\n';
  await mkdir(path.join(dir, "layouts", "_default"), { recursive: true });
  await writeFile(path.join(dir, "layouts", "_default", "single.html"), line);
  await writeFile(path.join(dir, "layouts", "_default", "list.html"), line);
  await writeFile(path.join(dir, "hugo.toml"), `baseURL = "https://synthetic.example/"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n`);
}

function countArticles(output: string): number {
  return Number(/(\d+) article\(s\)/.exec(output)?.[1] ?? NaN);
}

interface Row {
  articles: number;
  editions: number;
  /** Everything from empty caches: share cards and thumbnails, HTML, the search index. */
  first?: Measured;
  /** Everything rendered again (--fresh) with the image cache warm: HTML and the search index. */
  cold?: Measured;
  warm?: Measured;
  addOne?: Measured;
  /** Adding one more with `npm run build -- --edition DATE`. */
  addEdition?: Measured;
  /** Adding one more as CI does: committed, then `npm run build -- --committed`. */
  addCommitted?: Measured;
  eleventy?: Measured;
  hugo?: Measured;
}

/**
 * Waits until the folders builds left to their detached removers (the old tree of a full build,
 * the trash of a large commit) are gone, in every size's output: the next measurement should not
 * share the machine with deleting a gigabyte of an earlier one (a daily build does not follow a
 * full build by seconds).
 */
async function settle(...outputs: string[]): Promise<void> {
  const started = performance.now();
  const leftovers = (): string[] =>
    outputs.flatMap((output) => {
      const cache = `${output}.cache`;
      return [
        ...readdirSync(path.dirname(output)).filter((name) => name.startsWith(`${path.basename(output)}.old-`)),
        ...(existsSync(path.join(cache, "outputs")) ? readdirSync(path.join(cache, "outputs")).flatMap((dir) => readdirSync(path.join(cache, "outputs", dir)).filter((name) => name.startsWith("trash-"))) : []),
      ];
    });
  const removing = leftovers().length > 0;
  while (leftovers().length > 0 && performance.now() - started < 600_000) await new Promise((resolve) => setTimeout(resolve, 250));
  const waited = (performance.now() - started) / 1000;
  if (waited > 0.5) console.log(`(waited ${waited.toFixed(1)} s for earlier builds' background removal to finish)`);
  if (removing) deleted();
}

/** The run of median time; a failed run if any failed (a failure must not hide behind a median). */
function median(runs: readonly Measured[]): Measured {
  const failed = runs.find((run) => !run.ok);
  if (failed) return failed;
  return [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)]!;
}

const fmt = (m?: Measured) => (m ? (m.ok ? `${m.seconds.toFixed(2)} s${m.cpu !== undefined ? ` (cpu ${m.cpu.toFixed(1)} s)` : ""}` : `failed after ${m.seconds.toFixed(0)} s`) : "—");
const mem = (m?: Measured) => (m?.ok ? `${Math.round(m.peakMiB)} MiB` : "—");

const hugoVersion = values["no-peers"] ? undefined : hugoAvailable();
const rows: Row[] = [];
await mkdir(workRoot, { recursive: true });

/** An archive built for the days to be published on it. */
interface BuiltArchive {
  readonly row: Row;
  readonly content: string;
  readonly output: string;
  readonly editions: number;
  readonly build: (...extra: string[]) => Promise<Measured>;
  /** Commits what is in the work tree (not timed); absent when the content is not in git. */
  readonly commit?: () => boolean;
}

/** The builds after the first: cold, and nothing changed. */
async function measureRebuilds(archive: BuiltArchive): Promise<void> {
  const { row, output, build } = archive;
  // What a change of templates or code costs: every edition rendered again, images from the cache.
  row.cold = await build("--fresh");
  console.log(`cold:     ${fmt(row.cold)}  peak ${mem(row.cold)}  ${row.cold.output.split("\n").filter((l) => l.startsWith("Built") || /error/i.test(l)).join(" ")}`);
  await settle(output);
  row.warm = await build();
  console.log(`warm:     ${fmt(row.warm)}  ${row.warm.output.split("\n").find((l) => l.startsWith("Built")) ?? row.warm.output.slice(-500)}`);
}

/**
 * The next publishing days after each archive's newest edition, each published as CI would
 * publish it: with a plain build (which looks at every edition), with --edition (which looks only
 * at that day and its neighbours) and, when the content is in git, committed first and built with
 * --committed, as the publishing workflow does. Three rounds; in each, every kind of day goes
 * through the sizes in turn (a plain day at 4,000, 20,000 and 100,000 articles, then an --edition
 * day at each, then a committed day at each), so a slow stretch of the machine falls on every
 * size alike. The median of each size's three days of a kind is reported, so one day that opens a
 * month (and indexes the month before) does not stand for all.
 */
async function publishRounds(archives: readonly BuiltArchive[]): Promise<void> {
  const ROUNDS = 3;
  // A new day has new headlines, so its share cards are not in the image cache (--image-cache
  // keeps them between runs): each title gets this run's tag, and every day makes its 23 cards.
  const runTag = `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;
  const kinds = [
    { label: "add one", key: "addOne", extra: () => [] as string[] },
    { label: "--edition", key: "addEdition", extra: (day: string) => ["--edition", day] },
    { label: "--committed", key: "addCommitted", extra: () => ["--committed"], committed: true },
  ] as const;
  const runs = new Map<BuiltArchive, Map<(typeof kinds)[number]["key"], Measured[]>>(archives.map((archive) => [archive, new Map()]));
  // Each archive's newest edition (copied for every new day) and the days after it.
  const calendar = new Map(
    archives.map((archive) => {
      const dates = editionDates("2000-01-03", archive.editions + ROUNDS * kinds.length);
      return [archive, { newest: dates[archive.editions - 1]!, days: dates.slice(archive.editions) }];
    }),
  );
  const added = new Map<BuiltArchive, string[]>(archives.map((archive) => [archive, []]));
  const addDay = async (archive: BuiltArchive, day: string) => {
    const { newest } = calendar.get(archive)!;
    const from = path.join(archive.content, newest.slice(0, 4), newest);
    const to = path.join(archive.content, day.slice(0, 4), day);
    await cp(from, to, { recursive: true });
    for (const name of await readdir(to)) {
      if (!name.endsWith(".md")) continue;
      const text = (await readFile(path.join(to, name), "utf8")).replace(`date: "${newest}"`, `date: "${day}"`).replace(/^title: "(.*)"$/m, `title: "$1（${runTag}）"`);
      await writeFile(path.join(to, name), text);
    }
    added.get(archive)!.push(to);
  };
  for (let round = 0; round < ROUNDS; round++) {
    for (const kind of kinds) {
      for (const archive of archives) {
        if ("committed" in kind && !archive.commit) continue;
        const day = calendar.get(archive)!.days.shift()!;
        await addDay(archive, day);
        // Committing (not timed) also takes in the days before, already published with the ids git gives them.
        if ("committed" in kind && !archive.commit!()) throw new Error("bench: git could not commit the new day");
        await settle(...archives.map((each) => each.output));
        const run = await archive.build(...kind.extra(day));
        const list = runs.get(archive)!.get(kind.key) ?? [];
        list.push(run);
        runs.get(archive)!.set(kind.key, list);
        console.log(`${archive.row.articles.toLocaleString("en")} articles, ${kind.label} ${day}: ${fmt(run)}  ${run.output.split("\n").find((l) => l.startsWith("Built")) ?? run.output.slice(-500)}`);
      }
    }
  }
  for (const archive of archives) {
    for (const [key, list] of runs.get(archive)!) archive.row[key] = median(list);
    for (const folder of added.get(archive)!) await rm(folder, { recursive: true, force: true });
  }
}

const built: BuiltArchive[] = [];
for (const size of sizes) {
  const editions = Math.round(size / ARTICLES_PER_EDITION);
  const dir = path.join(workRoot, String(size));
  const content = path.join(dir, "content");
  const output = path.join(dir, "site");
  await rm(dir, { recursive: true, force: true });
  deleted();
  console.log(`\n== ${size} articles: generating ${editions} SYNTHETIC editions …`);
  const generated = await generateArchive({ out: content, editions, pages: PAGES, articles: ARTICLES_PER_PAGE, seed: 1, start: "2000-01-03" });
  const row: Row = { articles: generated.articles, editions };
  rows.push(row);
  // Content lives in git, as in CI: the build takes unchanged files' ids from git's index.
  // gc.auto=0 and a repack now: a commit of 121,000 files otherwise starts git's automatic gc in
  // the background, which repacked the archive while the first builds were being measured. A
  // clone, as CI has, holds its objects in one pack.
  const git = (...args: string[]) => spawnSync("git", ["-c", "user.name=bench", "-c", "user.email=bench@synthetic.example", "-c", "gc.auto=0", ...args], { cwd: content, stdio: "ignore" }).status === 0;
  const inGit = git("init", "-q") && git("add", "-A") && git("commit", "-qm", "SYNTHETIC archive") && git("repack", "-a", "-d", "-q");
  console.log(inGit ? "content committed to a git repository" : "git not available: content fingerprinted from the disk");
  // The repack deleted the loose objects, one file per content file.
  if (inGit) deleted();
  await quietFileSystem(`the builds of ${size} articles`);

  // The peers first, while nothing has been deleted beside them; their output is kept until the
  // end (deleting it now would slow the builds that follow; see DEFAULT_QUIET).
  if (!values["no-peers"]) {
    const eleventyDir = path.join(dir, "eleventy");
    const config = await eleventyProject(eleventyDir, content);
    row.eleventy = await measure(process.execPath, [path.join(PROJECT_ROOT, "node_modules/@11ty/eleventy/cmd.cjs"), `--config=${config}`, "--quiet"], { cwd: eleventyDir });
    console.log(`eleventy: ${fmt(row.eleventy)}  peak ${mem(row.eleventy)}  ${row.eleventy.ok ? "" : row.eleventy.output.slice(-800)}`);
    if (hugoVersion) {
      const hugoDir = path.join(dir, "hugo");
      await hugoProject(hugoDir);
      row.hugo = await measure("hugo", ["--source", hugoDir, "--contentDir", content, "--destination", path.join(hugoDir, "public"), "--quiet"]);
      console.log(`hugo:     ${fmt(row.hugo)}  peak ${mem(row.hugo)}  ${row.hugo.ok ? "" : row.hugo.output.slice(-800)}`);
    }
  }

  // A fresh image cache per size: the first build derives every share card and thumbnail (unless
  // --image-cache names one kept between runs).
  // MALLOC_ARENA_MAX as `npm run build` sets it (package.json); the peers run with their defaults.
  const env = { BROADSHEET_IMAGE_CACHE: values["image-cache"] ?? path.join(dir, "image-cache"), MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? "2" };
  // As `npm run build` runs it: compiled by scripts/run-compiled.mjs (which compiles once per
  // version of the sources, within the first build of a run when they changed).
  const build = (...extra: string[]) => measure(process.execPath, ["scripts/run-compiled.mjs", "--content", content, "--output", output, ...extra], { env });
  row.first = await build("--fresh");
  console.log(`first:    ${fmt(row.first)}  peak ${mem(row.first)}  ${row.first.output.split("\n").filter((l) => l.startsWith("Built") || /error/i.test(l)).join(" ")}`);
  // Nothing else can be measured on an archive that did not build (and its output is not there).
  const commitAll = () => git("add", "-A") && git("commit", "-qm", "SYNTHETIC day");
  if (row.first.ok) {
    const archive: BuiltArchive = { row, content, output, editions, build, commit: inGit ? commitAll : undefined };
    await measureRebuilds(archive);
    built.push(archive);
  } else console.log(`first build failed; no other Broadsheet build of this size:\n${row.first.output.slice(-800)}`);
  if (row.cold && Number.isFinite(countArticles(row.cold.output))) row.articles = countArticles(row.cold.output);
}
console.log(`\n== publishing days in rounds over ${built.map((archive) => archive.row.articles.toLocaleString("en")).join(", ")} articles`);
await quietFileSystem("the days");
await publishRounds(built);
for (const size of sizes) {
  await rm(path.join(workRoot, String(size), "eleventy", "_site"), { recursive: true, force: true });
  await rm(path.join(workRoot, String(size), "hugo", "public"), { recursive: true, force: true });
}

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
const machine = `${os.availableParallelism()} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.type()} ${os.release()}; load average at the end ${os.loadavg().map((n) => n.toFixed(1)).join(" ")}`;
/** Seconds of a stage as the build reports it ("… [fingerprint 0.19 s, editions 25.32 s, search index 3.20 s, …]"). */
const stage = (m: Measured | undefined, name: string) => Number(new RegExp(`${name} ([\\d.]+) s`).exec(m?.output ?? "")?.[1] ?? NaN);
/** The HTML part of a build: the whole command less its search-index stage (which runs alone). */
const htmlSeconds = (m?: Measured) => (m?.ok ? m.seconds - stage(m, "search index") : NaN);
const secs = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)} s` : "—");
const over = (a: number, b?: Measured) => (Number.isFinite(a) && b?.ok ? `${(a / b.seconds).toFixed(2)}×` : "—");
const table = [
  `| articles (editions) | first build, empty caches | of which images | of which search index | cold HTML (templates changed; images cached, index apart) | HTML articles/s | search index | peak memory | nothing changed | add one edition (build, median of 3 days) | add one edition (build --edition, median of 3 days) | add one edition (committed, build --committed, median of 3 days) | plain Eleventy 3 | Hugo | cold HTML ÷ Hugo | cold HTML ÷ Eleventy | cold HTML ÷ add one (build / --edition / --committed) |`,
  `| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |`,
  ...rows.map((row) => {
    const html = htmlSeconds(row.cold);
    const images = row.first?.ok && row.cold?.ok ? row.first.seconds - row.cold.seconds : NaN;
    return `| ${row.articles.toLocaleString("en")} (${row.editions}) | ${fmt(row.first)} | ${secs(images)} | ${secs(stage(row.first, "search index"))} | ${secs(html)} | ${Number.isFinite(html) ? Math.round(row.articles / html).toLocaleString("en") : "—"} | ${secs(stage(row.cold, "search index"))} | ${mem(row.first)} | ${fmt(row.warm)} | ${fmt(row.addOne)} (index ${secs(stage(row.addOne, "search index"))}) | ${fmt(row.addEdition)} (index ${secs(stage(row.addEdition, "search index"))}) | ${fmt(row.addCommitted)} (index ${secs(stage(row.addCommitted, "search index"))}) | ${fmt(row.eleventy)} (${mem(row.eleventy)}) | ${fmt(row.hugo)} (${mem(row.hugo)}) | ${over(html, row.hugo)} | ${over(html, row.eleventy)} | ${Number.isFinite(html) && row.addOne?.ok ? `${(html / row.addOne.seconds).toFixed(1)}×` : "—"} / ${Number.isFinite(html) && row.addEdition?.ok ? `${(html / row.addEdition.seconds).toFixed(1)}×` : "—"} / ${Number.isFinite(html) && row.addCommitted?.ok ? `${(html / row.addCommitted.seconds).toFixed(1)}×` : "—"} |`;
  }),
].join("\n");
// The goal "adding a day is no slower at 100,000 articles than at 4,000": the largest size's days over the smallest's.
const [smallest, largest] = [rows[0], rows.at(-1)];
const dayRatio = (key: "addOne" | "addEdition" | "addCommitted") => {
  const [small, large] = [smallest?.[key], largest?.[key]];
  return small?.ok && large?.ok ? `${(large.seconds / small.seconds).toFixed(2)}×` : "—";
};
const scaling = rows.length > 1 ? `\nAdding one edition at ${largest!.articles.toLocaleString("en")} articles ÷ at ${smallest!.articles.toLocaleString("en")} (the days published in turn): build ${dayRatio("addOne")}, --edition ${dayRatio("addEdition")}, --committed ${dayRatio("addCommitted")}\n` : "";
const imageNote = values["image-cache"] ? `\nImage cache: ${values["image-cache"]}, kept between runs (so "first build" derived only the images missing from it)` : "";
const report = `Machine: ${machine}${imageNote}\nHugo: ${hugoVersion ?? (values["no-peers"] ? "not run (--no-peers)" : "not available (not root, and not installed): skipped")}\nCommand: npm run bench -- --sizes ${sizes.join(",")}${values["no-peers"] ? " --no-peers" : ""}${values["image-cache"] ? ` --image-cache ${values["image-cache"]}` : ""}${timeoutSeconds !== DEFAULT_TIMEOUT ? ` --timeout ${values.timeout}` : ""}${quietSeconds !== DEFAULT_QUIET ? ` --quiet ${values.quiet}` : ""}\n\n${table}\n${scaling}\nTimes are wall-clock for the whole command (process start included), with GNU time's user + system CPU seconds of the command and its workers in brackets where shown. Broadsheet's build is the whole publication: HTML (editions, pages, articles, home, archive, search page, 404), a share card per article and layout thumbnails per page (the synthetic archive has no photos), feeds and the JSON API, the Pagefind index in bundles, sitemaps, _headers and files.json. "First build" starts from empty caches; "cold HTML" is a second --fresh build (every edition rendered again, as after a template change) with the image cache warm, less its search-index stage; "images" is the difference of the two. The peers render the same Markdown with a one-line layout and nothing else.${quietSeconds > 0 ? ` Each size's peers and builds, and the days, start after ${quietSeconds} s without a large deletion (on ext4 without a journal, files created beside a tree deleted seconds before cost several times more).` : ""}\n`;
console.log(`\n${report}`);
await mkdir(path.join(PROJECT_ROOT, "bench-results"), { recursive: true });
await writeFile(path.join(PROJECT_ROOT, "bench-results", `bench-${sizes.join("-")}.md`), report);
