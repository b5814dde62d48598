/**
 * "The same content gives byte-identical output on any machine and any day": two `npm run build`
 * processes over copies of one archive, one as a CI runner in UTC with the C locale, the other as an
 * editor's laptop — another checkout path, the time zone fourteen hours ahead, a German locale, the
 * clock three years on (in the build and in every worker it starts) — must write the same bytes.
 */
import { execFile } from "node:child_process";
import { cp, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { changedPaths, PROJECT_ROOT, removeTempDirs, smallArchive, snapshot, tempDir } from "./helpers.ts";

const run = promisify(execFile);
const THREE_YEARS = 3 * 365 * 86_400_000;

/** Runs scripts/build.ts in its own process with `env` on top of a minimal environment. */
async function buildIn(content: string, root: string, env: Record<string, string>): Promise<string> {
  const output = path.join(root, "site");
  await run(process.execPath, ["--import", "tsx", path.join(PROJECT_ROOT, "scripts", "build.ts"), "--content", content, "--output", output, "--cache", path.join(root, "cache"), "--workers", "2"], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: root, BROADSHEET_IMAGE_CACHE: path.join(root, "images"), ...env },
    maxBuffer: 16 * 1024 * 1024,
  });
  return output;
}

test("the output does not depend on the checkout's path, the time zone, the locale or the day", async () => {
  // 14 editions: more than a build renders in its own process, so both builds start workers.
  const content = await smallArchive("anywhere", 14);
  const laptop = await tempDir("anywhere-laptop");
  const moved = path.join(laptop, "checkouts", "paper", "content");
  await cp(content, moved, { recursive: true });
  // The clock moved on in every process of the build: NODE_OPTIONS reaches the workers too.
  const clock = path.join(laptop, "clock.mjs");
  await writeFile(clock, `const Real = Date;\nglobalThis.Date = class extends Real {\n  constructor(...args) { if (args.length === 0) super(Real.now() + ${THREE_YEARS}); else super(...args); }\n  static now() { return Real.now() + ${THREE_YEARS}; }\n};\n`);
  const laptopEnv = { TZ: "Pacific/Kiritimati", LANG: "de_DE.UTF-8", LC_ALL: "de_DE.UTF-8", NODE_OPTIONS: `--import ${pathToFileURL(clock).href}` };
  const { stdout: year } = await run(process.execPath, ["-e", "console.log(new Date().getFullYear(), Intl.DateTimeFormat().resolvedOptions().locale)"], { env: { ...laptopEnv, PATH: process.env.PATH ?? "" } });
  assert.is(year.trim(), `${new Date().getFullYear() + 3} de-DE`, "the laptop's clock and locale are really different");

  const ci = await buildIn(content, await tempDir("anywhere-ci"), { TZ: "UTC", LANG: "C.UTF-8", LC_ALL: "C.UTF-8" });
  const elsewhere = await buildIn(moved, laptop, laptopEnv);
  const a = await snapshot(ci);
  const b = await snapshot(elsewhere);
  assert.ok(a.size > 50, `expected a whole site, found ${a.size} files`);
  assert.equal(changedPaths(a, b), []);
});

test.after(async () => {
  await removeTempDirs("anywhere", "anywhere-laptop", "anywhere-ci");
});

test.run();
