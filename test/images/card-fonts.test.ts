/**
 * Share cards are not made without the fonts for their Chinese: a build on a machine whose
 * fontconfig has no Noto CJK stops with what to install, keeps no card in the image cache, and
 * leaves the published site as it was, even when the cache holds every card from a machine that
 * had the fonts. And a card set in other faces is another card, under another name. (Other fonts
 * are simulated with fontconfig files that list an empty folder, or only the regular faces.)
 */
import { execFileSync } from "node:child_process";
import { mkdir, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { checkCardFonts } from "../../src/images/card-fonts.ts";
import { parse } from "yaml";
import { fileTree, PROJECT_ROOT, removeAll, runNpm, SAMPLE_CONTENT, tempDir } from "../helpers.ts";

const work = await tempDir("card-fonts-");
test.after(() => removeAll(work));

/** A fontconfig file under which only the given font files are found (none: no font at all). */
async function fontconfigWith(name: string, fontFiles: readonly string[]): Promise<string> {
  const folder = path.join(work, name);
  await mkdir(folder, { recursive: true });
  for (const file of fontFiles) await symlink(file, path.join(folder, path.basename(file)));
  const file = path.join(work, `${name}.conf`);
  await writeFile(file, `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>${folder}</dir><cachedir>${path.join(work, `${name}-cache`)}</cachedir></fontconfig>\n`);
  return file;
}

const noFonts = () => fontconfigWith("no-fonts", []);

/** The files of the cards' families' regular faces, as this machine's fontconfig lists them. */
function regularFaceFiles(): string[] {
  const listed = execFileSync("fc-list", ["-f", "%{file}\\n", ":style=Regular"], { encoding: "utf8" }).split("\n");
  return [...new Set(listed.filter((file) => /Noto(Sans|Serif)CJK/.test(path.basename(file))))];
}

const cardNames = (tree: Map<string, string>) => [...tree.keys()].filter((file) => /\/cards\/.+\.jpg$/.test(file));

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

test("the check names the faces that set the cards, and what to install without them", async () => {
  const faces = await checkCardFonts();
  assert.match(faces, /^Noto Sans CJK SC: .*NotoSansCJKsc-Bold \d+.*NotoSansCJKsc-Regular \d+/m);
  assert.match(faces, /^Noto Serif CJK SC: .*NotoSerifCJKsc-Regular \d+/m);
  const error = await withEnv("FONTCONFIG_FILE", await noFonts(), () => checkCardFonts().then(() => undefined, (failure: unknown) => failure));
  assert.instance(error, Error);
  assert.match((error as Error).message, /"Noto Sans CJK SC" \(fontconfig gives "[^"]*"\), "Noto Serif CJK SC"/);
  assert.match((error as Error).message, /apt-get install fonts-noto-cjk/);
});

test("where fontconfig has no tools to ask, the cards are made under a key that says so", async () => {
  // A PATH holding a shell and nothing else: no fc-match, no fc-list.
  const bare = path.join(work, "bare-path");
  await mkdir(bare, { recursive: true });
  await symlink(execFileSync("sh", ["-c", "command -v sh"], { encoding: "utf8" }).trim(), path.join(bare, "sh"));
  const faces = await withEnv("PATH", bare, () => checkCardFonts());
  assert.is(faces, "Noto Sans CJK SC: (fontconfig has no tools to ask)\nNoto Serif CJK SC: (fontconfig has no tools to ask)");
});

const output = path.join(work, "site");
const goodCache = path.join(work, "cache-good");

test("a build that would make cards without the fonts fails, caches no card and leaves the site as it was", async () => {
  const good = await runNpm(["build", "--", "--content", SAMPLE_CONTENT, "--output", output], { BROADSHEET_IMAGE_CACHE: goodCache });
  assert.is(good.code, 0, good.stderr);
  const before = await fileTree(output);
  assert.ok(cardNames(before).length > 0, "the sample has share cards");

  // The cache holds every card of the sample, set in the fonts: without them none is taken from it.
  const fromCache = await runNpm(["build", "--", "--content", SAMPLE_CONTENT, "--output", output, "--fresh"], { BROADSHEET_IMAGE_CACHE: goodCache, FONTCONFIG_FILE: await noFonts() });
  assert.is.not(fromCache.code, 0, fromCache.stdout);
  assert.match(fromCache.stderr, /share cards: the fonts for their Chinese are not installed/);
  assert.equal(await fileTree(output), before, "the published site is untouched");

  const emptyCache = path.join(work, "cache-empty");
  const failed = await runNpm(["build", "--", "--content", SAMPLE_CONTENT, "--output", output, "--fresh"], { BROADSHEET_IMAGE_CACHE: emptyCache, FONTCONFIG_FILE: await noFonts() });
  assert.is.not(failed.code, 0, failed.stdout);
  assert.match(failed.stderr, /share cards: the fonts for their Chinese are not installed/);
  assert.match(failed.stderr, /apt-get install fonts-noto-cjk/);
  assert.equal(await fileTree(output), before, "the published site is untouched");
  const cached = await readdir(emptyCache, { recursive: true }).catch(() => [] as string[]);
  assert.equal(cached.filter((name) => name.endsWith("card.jpg")), [], "no card without its fonts is kept");
});

test("cards set in other faces are other cards: none is taken from the cache, and each has a new name", async () => {
  const before = await fileTree(output);
  const regular = regularFaceFiles();
  assert.ok(regular.length >= 2, `the regular faces of both families are installed: ${regular.join(", ")}`);
  const other = path.join(work, "site-regular-faces");
  // Without the bold faces the headline is set in the regular one: the cards look different.
  const built = await runNpm(["build", "--", "--content", SAMPLE_CONTENT, "--output", other], { BROADSHEET_IMAGE_CACHE: goodCache, FONTCONFIG_FILE: await fontconfigWith("regular-faces", regular) });
  assert.is(built.code, 0, built.stderr);
  const after = await fileTree(other);
  const [oldCards, newCards] = [cardNames(before), cardNames(after)];
  assert.is(newCards.length, oldCards.length, "a card for every article");
  assert.equal(newCards.filter((name) => before.has(name)), [], "no card keeps its name");
  const bytes = new Set(oldCards.map((name) => before.get(name)));
  assert.ok(newCards.every((name) => !bytes.has(after.get(name))), "every card was made again, in the faces it is set in");
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
