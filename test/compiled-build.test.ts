/**
 * `npm run build` runs the build compiled by esbuild (scripts/run-compiled.mjs); the tests and the
 * other scripts run it through tsx. Both must write the same bytes and agree on what is cached; a
 * changed template must reach the next compiled build; a compile that fails must say so and fall
 * back to tsx.
 */
import { execFile } from "node:child_process";
import { cp, mkdir, readdir, readFile, stat, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import * as esbuild from "esbuild";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { copySample, editFile, fileTree, PROJECT_ROOT, removeAll, runNpm, tempDir, type RunResult } from "./helpers.ts";
import { addEdition, smallArchive, removeTempDirs } from "./publish/helpers.ts";
import { generateArchive } from "../scripts/generate-archive.ts";
import { RENDERER_CODE } from "../src/publish/fingerprint.ts";
import { CHECK_CODE } from "../src/proofread/incremental-check.ts";

const work = await tempDir("broadsheet-compiled-");
const sample = await copySample();
test.after(async () => {
  await Promise.all([removeAll(work, sample), removeTempDirs("compiled")]);
});

async function run(args: readonly string[], cwd: string): Promise<RunResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, args, { cwd, maxBuffer: 32 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === "number" ? failed.code : 1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

const launcher = (root: string, args: readonly string[]) => run([path.join(root, "scripts", "run-compiled.mjs"), ...args], root);
const throughTsx = (root: string, args: readonly string[]) => run(["--import", "tsx", path.join(root, "scripts", "build.ts"), ...args], root);

/** Compiled runtime folders of `root` that hold a build entry, by name, with their modification time. */
async function runtimes(root: string): Promise<Map<string, number>> {
  const dir = path.join(root, ".cache", "broadsheet", "runtime");
  const found = new Map<string, number>();
  for (const name of await readdir(dir).catch(() => [])) {
    const entry = await stat(path.join(dir, name, "scripts", "build.mjs")).catch(() => undefined);
    if (entry) found.set(name, (await stat(path.join(dir, name))).mtimeMs);
  }
  return found;
}

/** A copy of the project's code (not its content) that a test may change; packages shared through a link. */
async function copyProject(): Promise<string> {
  const root = path.join(work, `project-${Math.random().toString(36).slice(2, 8)}`);
  await mkdir(root);
  for (const part of ["src", "layouts", "scripts", "assets", ".eleventy.ts", "package.json", "package-lock.json", "tsconfig.json"]) {
    await cp(path.join(PROJECT_ROOT, part), path.join(root, part), { recursive: true });
  }
  await symlink(path.join(PROJECT_ROOT, "node_modules"), path.join(root, "node_modules"), "dir");
  return root;
}

function assertSameTree(a: Map<string, string>, b: Map<string, string>): void {
  const differing = [...new Set([...a.keys(), ...b.keys()])].filter((file) => a.get(file) !== b.get(file));
  assert.equal(differing, [], "files that differ between the two builds");
  assert.ok(a.size > 20, `expected a whole site, found ${a.size} file(s)`);
}

test("npm run build (compiled) and the tsx build write byte-identical sites from the sample", async () => {
  const started = Date.now() - 1000;
  const compiled = await runNpm(["build", "--", "--content", sample, "--output", path.join(work, "compiled")]);
  assert.is(compiled.code, 0, compiled.stderr);
  assert.not.match(compiled.stderr, /Could not compile/);
  assert.match(compiled.stdout, /Built 1 edition\(s\), 1 page\(s\), 7 article\(s\)/);
  const used = [...(await runtimes(PROJECT_ROOT)).values()].filter((mtime) => mtime >= started);
  assert.ok(used.length > 0, "npm run build compiled or reused a runtime folder of the project");

  const plain = await throughTsx(PROJECT_ROOT, ["--content", sample, "--output", path.join(work, "tsx")]);
  assert.is(plain.code, 0, plain.stderr);
  assertSameTree(await fileTree(path.join(work, "compiled")), await fileTree(path.join(work, "tsx")));
});

test("with edition workers, both ways write the same site and reuse each other's renders and search bundles", async () => {
  const content = await smallArchive("compiled", 30, "2021-03-01");
  const compiledOut = path.join(work, "workers-compiled");
  const tsxOut = path.join(work, "workers-tsx");
  // 30 editions on 2 workers: the compiled worker (plain Node) renders part of them.
  const compiled = await launcher(PROJECT_ROOT, ["--content", content, "--output", compiledOut, "--workers", "2"]);
  assert.is(compiled.code, 0, compiled.stderr);
  assert.match(compiled.stdout, /rendered 30 edition\(s\)/);
  const plain = await throughTsx(PROJECT_ROOT, ["--content", content, "--output", tsxOut, "--workers", "2"]);
  assert.is(plain.code, 0, plain.stderr);
  assertSameTree(await fileTree(compiledOut), await fileTree(tsxOut));

  // Render keys and search-bundle keys do not depend on the way the build runs.
  const again = await throughTsx(PROJECT_ROOT, ["--content", content, "--output", compiledOut]);
  assert.match(again.stdout, /\(nothing changed\)/, again.stdout);
  await addEdition(content, "2021-04-09", "2021-04-12");
  const next = await throughTsx(PROJECT_ROOT, ["--content", content, "--output", compiledOut]);
  assert.is(next.code, 0, next.stderr);
  // The new edition and its predecessor (whose "next edition" link changes); one week's bundle.
  assert.match(next.stdout, /rendered 2 edition\(s\), reused 29; search index: indexed 2021-04-08 of \d+ bundle\(s\)/, next.stdout);
});

test("npm run check runs compiled, its workers too, and reports what the tsx check does", async () => {
  // Five stories a page: some overflow, which the check reports.
  const content = path.join(work, "check-content");
  await generateArchive({ out: content, editions: 12, pages: 2, articles: 5, seed: 7, start: "2021-06-01" });
  const findings = (stdout: string) => stdout.split("\n").filter((line) => /: (error|warning) \[/.test(line));
  // Compiled, on two processes (the worker is plain Node running the compiled check-worker).
  const compiled = await runNpm(["check", "--", "--content", content, "--cache", path.join(work, "check-compiled"), "--workers", "2"]);
  assert.is(compiled.code, 0, compiled.stderr);
  assert.not.match(compiled.stderr, /Could not compile/);
  assert.match(compiled.stdout, /^Read 12 of 12 edition\(s\) on 2 processes\.$/m);
  assert.match(compiled.stdout, /Checked \d+ article\(s\) in 12 edition\(s\)/);
  const plain = await run(["--import", "tsx", path.join(PROJECT_ROOT, "scripts", "check.ts"), "--content", content, "--cache", path.join(work, "check-tsx"), "--workers", "1"], PROJECT_ROOT);
  assert.is(plain.code, 0, plain.stderr);
  assert.not.match(plain.stdout, /^Read /m, "one process reading everything says nothing more");
  assert.ok(findings(plain.stdout).length > 0, "the synthetic archive has findings to compare");
  assert.equal(findings(compiled.stdout), findings(plain.stdout));
});

/** The project's files an esbuild bundle of these entry points holds, relative to the project. */
async function bundledSources(entries: readonly string[]): Promise<string[]> {
  const bundled = await esbuild.build({ entryPoints: [...entries], absWorkingDir: PROJECT_ROOT, bundle: true, splitting: true, format: "esm", platform: "node", packages: "external", outdir: path.join(work, "bundle"), write: false, metafile: true, logLevel: "silent" });
  return Object.keys(bundled.metafile.inputs);
}

const entries = (await import(pathToFileURL(path.join(PROJECT_ROOT, "scripts", "compiled-entries.mjs")).href)) as { buildEntryPoints: (dir: string) => string[]; checkEntryPoints: (dir: string) => string[] };
const under = (file: string, part: string) => file === part || file.startsWith(`${part}/`);

test("the build loads none of the sources its render key leaves out", async () => {
  const loaded = await bundledSources([...entries.buildEntryPoints(PROJECT_ROOT), path.join(PROJECT_ROOT, ".eleventy.ts")]);
  assert.ok(loaded.includes("src/publish/incremental-build.ts") && loaded.includes("layouts/home.11ty.ts"), "the bundle holds the build");
  const skipped = RENDERER_CODE.skip ?? [];
  for (const part of skipped) assert.ok(await stat(path.join(PROJECT_ROOT, part)).then(() => true, () => false), `${part}, left out of the render key, exists`);
  const unkeyed = loaded.filter((file) => skipped.some((part) => under(file, part)));
  assert.equal(unkeyed, [], "sources the build loads must be in its render key (RENDERER_CODE in src/publish/fingerprint.ts)");
  // And the check's own code is among what is left out: a new proofreading rule re-renders nothing.
  assert.ok(skipped.includes("src/proofread"));
});

test("the check loads no source outside the code its kept findings are keyed by", async () => {
  const loaded = (await bundledSources(entries.checkEntryPoints(PROJECT_ROOT))).filter((file) => file.startsWith("src/"));
  assert.ok(loaded.includes("src/proofread/incremental-check.ts") && loaded.includes("src/layout/check-layout.ts"), "the bundle holds the check");
  for (const part of CHECK_CODE.paths) assert.ok(await stat(path.join(PROJECT_ROOT, part)).then(() => true, () => false), `${part}, in the check's key, exists`);
  assert.equal(loaded.filter((file) => !CHECK_CODE.paths.some((part) => under(file, part))), [], "sources the check loads must be in its key (CHECK_CODE in src/proofread/incremental-check.ts)");
  // The renderer is not: a new design keeps every finding.
  assert.not.ok(CHECK_CODE.paths.some((part) => under("src/render/page-view.ts", part) || under("layouts/home.11ty.ts", part)));
});

test("a change to the proofreader re-renders nothing; a change to the renderer's sources re-renders every edition", async () => {
  const root = await copyProject();
  const output = path.join(work, "render-key");
  const build = async () => {
    const result = await launcher(root, ["--content", sample, "--output", output]);
    assert.is(result.code, 0, result.stderr);
    return result.stdout;
  };
  assert.match(await build(), /rendered 1 edition\(s\)/);
  await writeFile(path.join(root, "src", "proofread", "prose.ts"), `${await readFile(path.join(root, "src", "proofread", "prose.ts"), "utf8")}// a new rule's comment\n`);
  assert.match(await build(), /\(nothing changed\)/, "the proofreader is not the renderer's code");
  await writeFile(path.join(root, "src", "render", "html.ts"), `${await readFile(path.join(root, "src", "render", "html.ts"), "utf8")}// a change\n`);
  assert.match(await build(), /rendered 1 edition\(s\), reused 0/, "the renderer's sources are");
});

test("a template edited in the project reaches the next compiled build", async () => {
  const root = await copyProject();
  const output = path.join(work, "edited");
  const first = await launcher(root, ["--content", sample, "--output", output]);
  assert.is(first.code, 0, first.stderr);
  assert.not.match(first.stderr, /Could not compile/);
  const before = await runtimes(root);
  assert.is(before.size, 1);
  assert.not.match(await readFile(path.join(output, "404.html"), "utf8"), /EDITED-TEMPLATE/);

  await editFile(path.join(root, "layouts", "not-found.11ty.ts"), /\);\n\}/, ') + "<!-- EDITED-TEMPLATE -->\\n";\n}');
  const second = await launcher(root, ["--content", sample, "--output", output]);
  assert.is(second.code, 0, second.stderr);
  assert.match(await readFile(path.join(output, "404.html"), "utf8"), /<!-- EDITED-TEMPLATE -->\n$/);
  const after = await runtimes(root);
  assert.is(after.size, 2, "a new runtime folder for the changed sources");
});

test("a compile that fails says why and builds through tsx, writing the same site", async () => {
  const root = await copyProject();
  // esbuild resolves every import while bundling; tsx only the ones that run.
  const layout = path.join(root, "layouts", "home.11ty.ts");
  await writeFile(layout, `${await readFile(layout, "utf8")}\nif (process.env.BROADSHEET_NEVER_SET) await import("./does-not-exist.ts");\n`);
  const output = path.join(work, "fallback");
  const result = await launcher(root, ["--content", sample, "--output", output]);
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stderr, /Could not compile the build with esbuild, so it runs through tsx \(slower\):/);
  assert.match(result.stderr, /does-not-exist\.ts/);
  assert.match(result.stdout, /Built 1 edition\(s\)/);
  assert.is((await runtimes(root)).size, 0, "no runtime folder is left from the failed compile");
  assertSameTree(await fileTree(output), await fileTree(path.join(work, "tsx")));
});

test("compiled, a template that needs Eleventy is rendered by Eleventy through tsx, as in a tsx build", async () => {
  const root = await copyProject();
  // `this` in render: not a plain template, so the site-wide templates go through Eleventy.
  await writeFile(
    path.join(root, "layouts", "extra.11ty.ts"),
    `export const data = { permalink: "extra.txt" };\nexport function render(this: unknown, input: { broadsheet: { editionIndex: readonly unknown[] } }): string {\n  return \`editions: \${input.broadsheet.editionIndex.length} \${typeof this}\\n\`;\n}\n`,
  );
  const compiled = await launcher(root, ["--content", sample, "--output", path.join(work, "eleventy-compiled")]);
  assert.is(compiled.code, 0, compiled.stderr);
  assert.not.match(compiled.stderr, /Could not compile/);
  const plain = await throughTsx(root, ["--content", sample, "--output", path.join(work, "eleventy-tsx")]);
  assert.is(plain.code, 0, plain.stderr);
  assert.is(await readFile(path.join(work, "eleventy-compiled", "extra.txt"), "utf8"), "editions: 1 object\n");
  assertSameTree(await fileTree(path.join(work, "eleventy-compiled")), await fileTree(path.join(work, "eleventy-tsx")));
});

test("compiled, the settings file is compiled with its relative imports, and a change to one is seen", async () => {
  const content = path.join(work, "settings-content");
  await cp(sample, content, { recursive: true });
  await writeFile(path.join(content, "paper-name.ts"), `export const paperName = "第一名";\n`);
  const settings = path.join(content, "site.config.ts");
  await writeFile(settings, `import { paperName } from "./paper-name.ts";\n${(await readFile(settings, "utf8")).replace(/name: "[^"]*",/, "name: paperName,")}`);
  const output = path.join(work, "settings-site");
  const first = await launcher(PROJECT_ROOT, ["--content", content, "--output", output]);
  assert.is(first.code, 0, first.stderr);
  assert.match(await readFile(path.join(output, "index.html"), "utf8"), /第一名/);
  await writeFile(path.join(content, "paper-name.ts"), `export const paperName = "第二名";\n`);
  const second = await launcher(PROJECT_ROOT, ["--content", content, "--output", output]);
  assert.is(second.code, 0, second.stderr);
  const home = await readFile(path.join(output, "index.html"), "utf8");
  assert.match(home, /第二名/);
  assert.not.match(home, /第一名/);
});

test.run();
