/**
 * The publishing workflow cannot run here; what it hands between jobs can be checked. Since
 * upload-artifact 4.4, an artifact whose path lies under a dot folder (.cache/) is uploaded empty
 * unless it includes hidden files, and `if-no-files-found: ignore` would hide that: the shards'
 * rendered editions, or the build state of a storage deploy, would silently never arrive. And the
 * image cache, saved after every run, must be pruned by the build that publishes, or it grows
 * by every image any edition ever used.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "yaml";
import { PROJECT_ROOT } from "./helpers.ts";

interface Step {
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
});

test.run();
