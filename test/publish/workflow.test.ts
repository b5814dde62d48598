/**
 * The publishing workflow cannot run here; what it hands between jobs can be checked. Since
 * upload-artifact 4.4, an artifact whose path lies under a dot folder (.cache/) is uploaded empty
 * unless it includes hidden files, and `if-no-files-found: ignore` would hide that: the shards'
 * rendered editions, or the build state of a storage deploy, would silently never arrive. And the
 * image cache, saved after every run, must be pruned by the build that publishes, or it grows
 * by every image any edition ever used.
 */
import { execFileSync } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "yaml";
import { PROJECT_ROOT, tempDir } from "./helpers.ts";
import { TEMP_REMOVAL } from "../helpers.ts";

interface Step {
  readonly id?: string;
  readonly name?: string;
  readonly if?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
}

test("every artifact uploaded from a dot folder includes its hidden files", async () => {
  const workflow = parse(await readFile(path.join(PROJECT_ROOT, ".github", "workflows", "publish.yml"), "utf8")) as { jobs: Record<string, { steps: Step[] }> };
  const uploads = Object.entries(workflow.jobs).flatMap(([job, { steps }]) => steps.filter((step) => step.uses?.startsWith("actions/upload-artifact@")).map((step) => ({ job, step })));
  const fromDotFolders = uploads.filter(({ step }) => String(step.with?.path ?? "").split(/\s+/).some((item) => item.split("/").some((segment) => segment.startsWith("."))));
  assert.ok(fromDotFolders.length >= 2, "the shards' editions and the storage deploy's build state");
  for (const { job, step } of fromDotFolders) assert.is(step.with?.["include-hidden-files"], true, `job ${job}: ${String(step.with?.name)} sets include-hidden-files`);
});

test("the build that publishes prunes the image cache; the shards, which publish nothing, do not", async () => {
  const workflow = parse(await readFile(path.join(PROJECT_ROOT, ".github", "workflows", "publish.yml"), "utf8")) as { jobs: Record<string, { steps: Step[] }> };
  const builds = Object.entries(workflow.jobs).flatMap(([job, { steps }]) => steps.filter((step) => /npm run build\b/.test(step.run ?? "")).map((step) => ({ job, run: step.run! })));
  const publishing = builds.filter(({ run }) => !run.includes("--shard"));
  assert.ok(publishing.length >= 1 && publishing.length < builds.length, "a publishing build and the shards' builds");
  for (const { job, run } of publishing) assert.match(run, /--prune-image-cache/, `job ${job}`);
  // What went out, or why nothing did, on the run's summary page.
  for (const { job, run } of publishing) assert.match(run, /--summary "\$GITHUB_STEP_SUMMARY"/, `job ${job}`);
});

test("every build publishes only editions dated up to the paper's day: a push in the evening does not publish tomorrow's paper", async () => {
  const workflow = parse(await readFile(path.join(PROJECT_ROOT, ".github", "workflows", "publish.yml"), "utf8")) as { jobs: Record<string, { steps: Step[] }> };
  const builds = Object.entries(workflow.jobs).flatMap(([job, { steps }]) => steps.filter((step) => /npm run build\b/.test(step.run ?? "")).map((step) => ({ job, run: step.run! })));
  assert.ok(builds.length >= 2);
  for (const { job, run } of builds) assert.match(run, /--until today\b/, `job ${job}`);
});

test("the type-check and the tests, whose time does not grow with the archive, cannot hold the publish queue for hours", async () => {
  const workflow = parse(await readFile(path.join(PROJECT_ROOT, ".github", "workflows", "publish.yml"), "utf8")) as { concurrency?: { group?: string }; jobs: Record<string, { steps: (Step & { "timeout-minutes"?: number })[] }> };
  assert.ok(workflow.concurrency?.group, "one publish at a time: a hung run would make the next one wait");
  const steps = workflow.jobs.build!.steps.filter((step) => /^npm test\b|tsc --noEmit/.test(step.run ?? ""));
  assert.is(steps.length, 2);
  for (const step of steps) assert.ok((step["timeout-minutes"] ?? 360) <= 30, `${step.name}: timeout-minutes ${step["timeout-minutes"]}`);
});

test("the storage deploy is given every variable scripts/deploy-storage.sh reads (the bucket, Cloudflare's zone, token and the site's address)", async () => {
  const workflow = parse(await readFile(path.join(PROJECT_ROOT, ".github", "workflows", "publish.yml"), "utf8")) as { jobs: Record<string, { steps: (Step & { env?: Record<string, string> })[] }> };
  const script = await readFile(path.join(PROJECT_ROOT, "scripts", "deploy-storage.sh"), "utf8");
  const read = [...new Set([...script.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((match) => match[1]!))].sort();
  assert.equal(read, ["CLOUDFLARE_API_TOKEN", "CLOUDFLARE_ZONE_ID", "SITE_URL"]);
  const step = workflow.jobs["deploy-storage"]!.steps.find((candidate) => candidate.run?.includes("scripts/deploy-storage.sh"))!;
  for (const name of [...read, "BUCKET"]) assert.ok(step.env?.[name], name);
});

test("only the job that deploys to Pages may write to it: the jobs that run npm ci get read-only tokens, and run no install scripts", async () => {
  type Permissions = Record<string, string> | undefined;
  const workflow = parse(await readFile(path.join(PROJECT_ROOT, ".github", "workflows", "publish.yml"), "utf8")) as { permissions?: Permissions; jobs: Record<string, { permissions?: Permissions; steps: Step[] }> };
  assert.equal(workflow.permissions, { contents: "read" });
  const writers = Object.entries(workflow.jobs).filter(([, job]) => Object.values(job.permissions ?? {}).some((level) => level === "write"));
  assert.equal(writers.map(([name]) => name), ["deploy"]);
  assert.ok(writers.every(([, job]) => !job.steps.some((step) => /\bnpm (ci|install|run|test)\b/.test(step.run ?? ""))), "the deploying job runs no package code");
  assert.equal(workflow.jobs.deploy!.permissions, { pages: "write", "id-token": "write" });
  // And no dependency runs an install script (package.json's allowScripts denies the one that has one).
  const installs = Object.values(workflow.jobs).flatMap((job) => job.steps.filter((step) => /\bnpm ci\b/.test(step.run ?? "")));
  assert.ok(installs.length >= 2);
  for (const step of installs) assert.match(step.run!, /--ignore-scripts/);
});

test("the type-check and the tests run for code that has not passed them, and their pass is remembered under the code's key", async () => {
  const workflow = parse(await readFile(path.join(PROJECT_ROOT, ".github", "workflows", "publish.yml"), "utf8")) as { jobs: Record<string, { steps: Step[] }> };
  const steps = workflow.jobs.build!.steps;
  const at = (find: (step: Step) => boolean, what: string) => {
    const index = steps.findIndex(find);
    assert.ok(index >= 0, `the build job has ${what}`);
    return index;
  };
  const codeAt = at((step) => step.id === "code", "the code's key");
  const code = steps[codeAt]!;
  assert.match(code.run ?? "", /bash scripts\/code-key\.sh/);
  const testedAt = at((step) => step.id === "tested", "the look-up of the marker");
  const tested = steps[testedAt]!;
  assert.match(tested.uses ?? "", /^actions\/cache\/restore@/);
  assert.is(tested.with?.["lookup-only"], true, "the marker is looked up, not downloaded");
  const key = tested.with?.key;
  assert.is(key, "broadsheet-tested-${{ steps.code.outputs.key }}");
  const untested = "steps.tested.outputs.cache-hit != 'true'";
  const test = at((step) => step.run === "npm test", "the tests");
  const typeCheck = at((step) => /tsc --noEmit/.test(step.run ?? ""), "the type-check");
  for (const index of [test, typeCheck]) assert.is(steps[index]!.if, untested, `${steps[index]!.name}: skipped only when the code passed before`);
  const save = at((step) => (step.uses ?? "").startsWith("actions/cache/save@") && step.with?.key === key, "the marker's save");
  assert.ok(save > test, "the marker is saved after the tests passed");
  assert.is(steps[save]!.if, untested);
  assert.is(steps[save]!.with?.path, tested.with?.path, "saved where it is looked up");
  assert.ok(codeAt < testedAt && testedAt < typeCheck, "the key and the look-up come first");
  // The content is checked and built on every run.
  for (const command of [/^npm run check$/, /^npm run build\b/]) assert.is(steps[at((step) => command.test(step.run ?? ""), String(command))]!.if, undefined, `${String(command)} always runs`);
});

test("scripts/code-key.sh: a commit of editions alone keeps the key; any other change makes a new one", async () => {
  const repo = await tempDir("code-key-");
  const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd: repo, encoding: "utf8" });
  const key = () => execFileSync("bash", [path.join(PROJECT_ROOT, "scripts", "code-key.sh")], { cwd: repo, encoding: "utf8" }).trim();
  const commit = async (file: string, text: string) => {
    await mkdir(path.dirname(path.join(repo, file)), { recursive: true });
    await writeFile(path.join(repo, file), text);
    git("add", "-A");
    git("commit", "-qm", file);
  };
  try {
    git("init", "-q");
    await commit("src/a.ts", "export const a = 1;\n");
    await commit("content/2020/2020-06-05/story.md", "---\ntitle: 一\n---\n");
    const first = key();
    assert.match(first, /^[0-9a-f]{40}$/);
    await commit("content/2020/2020-06-08/story.md", "---\ntitle: 二\n---\n");
    await commit("content/2020/2020-06-08/page-01.yaml", "section: 要闻\n");
    assert.is(key(), first, "a new edition is content");
    assert.is(execFileSync("bash", [path.join(PROJECT_ROOT, "scripts", "code-key.sh"), "HEAD~2"], { cwd: repo, encoding: "utf8" }).trim(), first, "the key of a given commit");
    // The paper's settings are TypeScript, which the type-check reads.
    await commit("content/site.config.ts", "export default {};\n");
    const settings = key();
    assert.is.not(settings, first, "new settings");
    await commit("content/site.config.ts", "export default { name: \"报\" };\n");
    assert.is.not(key(), settings, "changed settings");
    await commit("src/a.ts", "export const a = 2;\n");
    const second = key();
    assert.is.not(second, first, "changed code");
    await commit("package-lock.json", "{}\n");
    assert.is.not(key(), second, "a changed lockfile");
    // A folder merely named like content, deeper down, is code.
    const third = key();
    await commit("src/content/b.ts", "export const b = 1;\n");
    assert.is.not(key(), third, "src/content/ is code");
  } finally {
    await rm(repo, TEMP_REMOVAL);
  }
});

test.run();
