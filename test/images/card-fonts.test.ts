/**
 * Share cards are not made without the fonts for their Chinese: a build on a machine whose
 * fontconfig has no Noto CJK stops with what to install, keeps no card in the image cache, and
 * leaves the published site as it was. (No fonts is simulated with a fontconfig file that lists
 * one empty folder.)
 */
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { checkCardFonts } from "../../src/images/card-fonts.ts";
import { parse } from "yaml";
import { fileTree, PROJECT_ROOT, removeAll, runNpm, tempDir } from "../helpers.ts";

const work = await tempDir("card-fonts-");
test.after(() => removeAll(work));

/** A fontconfig file under which no font is found. */
async function noFonts(): Promise<string> {
  const empty = path.join(work, "no-fonts");
  await mkdir(empty, { recursive: true });
  const file = path.join(work, "fonts.conf");
  await writeFile(file, `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>${empty}</dir><cachedir>${path.join(work, "fc-cache")}</cachedir></fontconfig>\n`);
  return file;
}

async function withEnv<T>(name: string, value: string, run: () => Promise<T>): Promise<T> {
  const before = process.env[name];
  process.env[name] = value;
  try {
    return await run();
  } finally {
    if (before === undefined) delete process.env[name];
    else process.env[name] = before;
  }
}

test("the check passes with the Noto CJK fonts and names what to install without them", async () => {
  await checkCardFonts();
  const error = await withEnv("FONTCONFIG_FILE", await noFonts(), () => checkCardFonts().then(() => undefined, (failure: unknown) => failure));
  assert.instance(error, Error);
  assert.match((error as Error).message, /"Noto Sans CJK SC" \(fontconfig gives "[^"]*"\), "Noto Serif CJK SC"/);
  assert.match((error as Error).message, /apt-get install fonts-noto-cjk/);
});

test("a build that would make cards without the fonts fails, caches no card and leaves the site as it was", async () => {
  const output = path.join(work, "site");
  const good = await runNpm(["build", "--", "--output", output], { BROADSHEET_IMAGE_CACHE: path.join(work, "cache-good") });
  assert.is(good.code, 0, good.stderr);
  const before = await fileTree(output);
  assert.ok([...before.keys()].some((file) => /\/cards\/.+\.jpg$/.test(file)), "the sample has share cards");

  const emptyCache = path.join(work, "cache-empty");
  const failed = await runNpm(["build", "--", "--output", output, "--fresh"], { BROADSHEET_IMAGE_CACHE: emptyCache, FONTCONFIG_FILE: await noFonts() });
  assert.is.not(failed.code, 0, failed.stdout);
  assert.match(failed.stderr, /share cards: the fonts for their Chinese are not installed/);
  assert.match(failed.stderr, /apt-get install fonts-noto-cjk/);
  assert.equal(await fileTree(output), before, "the published site is untouched");
  const cached = await readdir(emptyCache, { recursive: true }).catch(() => [] as string[]);
  assert.equal(cached.filter((name) => name.endsWith("card.jpg")), [], "no card without its fonts is kept");
});

test("every job of the publishing workflow installs the fonts before it builds", async () => {
  const workflow = parse(await readFile(path.join(PROJECT_ROOT, ".github", "workflows", "publish.yml"), "utf8")) as { jobs: Record<string, { steps: { run?: string }[] }> };
  const building = Object.entries(workflow.jobs).filter(([, job]) => job.steps.some((step) => /npm run build\b/.test(step.run ?? "")));
  assert.ok(building.length >= 2, "the shard jobs and the final build");
  for (const [name, job] of building) {
    const build = job.steps.findIndex((step) => /npm run build\b/.test(step.run ?? ""));
    const fonts = job.steps.findIndex((step) => /apt-get install .*fonts-noto-cjk/.test(step.run ?? ""));
    assert.ok(fonts >= 0 && fonts < build, `job ${name}: fonts-noto-cjk is installed before npm run build`);
  }
});

test.run();
