// `npm run check` keeps each edition's findings between runs: what it reports must be what a check
// of the whole archive reports, finding for finding, while it reads only the editions that changed.
import { spawnSync } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { formatFinding } from "../../src/proofread/finding.ts";
import { checkArchive, checkEverything, type CheckOptions, type CheckReport } from "../../src/proofread/incremental-check.ts";
import { generateArchive } from "../../scripts/generate-archive.ts";
import { TEMP_REMOVAL } from "../helpers.ts";

const projectRoot = process.cwd();
const lines = (report: CheckReport) => report.findings.map(formatFinding);

/** Checks with the kept findings and asserts the report equals a check of everything; gives the editions read. */
async function sameAsEverything(content: string, cacheDir: string, what: string, options: Partial<CheckOptions> = {}): Promise<CheckReport> {
  const kept = await checkArchive({ contentRoot: content, projectRoot, cacheDir, ...options });
  const everything = await checkEverything(content);
  assert.equal(lines(kept), lines(everything), `${what}: the same findings in the same order`);
  assert.equal(kept.findings, everything.findings, `${what}: the same fixes too`);
  assert.is(kept.editions, everything.editions, `${what}: editions`);
  assert.is(kept.articles, everything.articles, `${what}: articles`);
  return kept;
}

async function articleFiles(folder: string): Promise<string[]> {
  return (await readdir(folder)).filter((name) => name.endsWith(".md")).sort().map((name) => path.join(folder, name));
}

test("a check that keeps findings reports what a check of everything does, reading only what changed", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "incremental-check-"));
  const content = path.join(dir, "content");
  const cacheDir = path.join(dir, "kept");
  try {
    await generateArchive({ out: content, editions: 6, pages: 2, articles: 5, seed: 7, start: "2021-12-27" });
    const folders = (await readdir(path.join(content, "2021"))).map((name) => path.join(content, "2021", name)).concat((await readdir(path.join(content, "2022"))).map((name) => path.join(content, "2022", name)));
    folders.sort((a, b) => (path.basename(a) < path.basename(b) ? -1 : 1));
    assert.ok(folders.length === 6, "six editions over two years");

    const first = await sameAsEverything(content, cacheDir, "first check");
    assert.is(first.editionsRead, 6, "the first check reads every edition");
    assert.ok(first.findings.some((finding) => finding.rule === "schema" && finding.severity === "warning"), "the synthetic archive's overflow warnings are reported");

    const again = await sameAsEverything(content, cacheDir, "nothing changed");
    assert.is(again.editionsRead, 0, "nothing changed: nothing is read");

    // A later edition prints an earlier one's story again (an archive-wide finding on a kept
    // edition's article), and gets a half-width comma (a fixable finding).
    const [earlier] = await articleFiles(folders[1]!);
    const [later, other] = await articleFiles(folders[4]!);
    const story = (await readFile(earlier!, "utf8")).split(/^---$/m)[2]!;
    const [, front] = (await readFile(later!, "utf8")).split(/^---$/m);
    await writeFile(later!, `---${front}---${story}`);
    await writeFile(other!, (await readFile(other!, "utf8")).replace(/(\n[^\n]*?)，/, "$1,"));
    const copied = await sameAsEverything(content, cacheDir, "a story printed twice");
    assert.is(copied.editionsRead, 1, "only the changed edition is read");
    assert.ok(copied.findings.some((finding) => finding.rule === "duplicate-story" && finding.message.includes(path.basename(earlier!))), "the copy names the earlier story");
    assert.ok(copied.findings.some((finding) => finding.rule === "half-width-punctuation" && finding.fixes?.length), "the comma is fixable");

    // An error anywhere: no overflow is reported for any edition, kept or not.
    const broken = (await articleFiles(folders[0]!))[0]!;
    await writeFile(broken, (await readFile(broken, "utf8")).replace(/^section: .*$/m, "section: 没有这个版"));
    const failing = await sameAsEverything(content, cacheDir, "an error in another year");
    assert.is(failing.editionsRead, 1);
    assert.ok(failing.findings.some((finding) => finding.severity === "error"), "the error is reported");
    assert.not.ok(failing.findings.some((finding) => finding.message.includes("past the foot of page")), "no overflow while there is an error");

    // The earlier story removed (its edition gone): the copy is no longer a copy.
    await rm(folders[1]!, { recursive: true });
    const removed = await sameAsEverything(content, cacheDir, "an edition removed");
    assert.is(removed.editionsRead, 0, "removing an edition reads nothing");
    assert.not.ok(removed.findings.some((finding) => finding.rule === "duplicate-story"), "no copy left");

    // An edition added before the others (moved in from elsewhere) and a fresh check.
    await cp(folders[2]!, path.join(content, "2021", "2021-12-20"), { recursive: true });
    for (const file of await articleFiles(path.join(content, "2021", "2021-12-20"))) await writeFile(file, (await readFile(file, "utf8")).replace(/^date: .*$/m, 'date: "2021-12-20"'));
    const added = await sameAsEverything(content, cacheDir, "an edition added");
    assert.is(added.editionsRead, 1);
    assert.ok(added.findings.some((finding) => finding.rule === "duplicate-story" && finding.file.includes(path.basename(folders[2]!))), "the original is now the later copy");
    // Kept files spoiled: checked again, not trusted.
    for (const name of (await readdir(cacheDir)).filter((file) => /^\d{4}-/.test(file))) await writeFile(path.join(cacheDir, name), name.startsWith("2021") ? "{}" : "not json");
    const spoiled = await sameAsEverything(content, cacheDir, "kept files spoiled");
    assert.is(spoiled.editionsRead, 6, "every edition is read again");
    assert.is(spoiled.processes, 1, "six editions are read in this process");
    // Read on two processes (by default only from WORKERS_FROM editions to read), the same report.
    const fresh = await sameAsEverything(content, cacheDir, "--fresh on two processes", { fresh: true, workers: 2 });
    assert.is(fresh.editionsRead, 6, "--fresh reads every edition");
    assert.is(fresh.processes, 2, "a worker read some of them");
    // What a killed check was writing goes; what a running one writes stays.
    const deadWriter = spawnSync(process.execPath, ["-e", ""]).pid!;
    await writeFile(path.join(cacheDir, `years.json.tmp-${deadWriter}`), "{");
    await writeFile(path.join(cacheDir, `2021-0123456789abcdef.json.tmp-${process.pid}`), "[");
    const afterWorkers = await sameAsEverything(content, cacheDir, "after the workers' check");
    assert.equal((await readdir(cacheDir)).filter((name) => name.includes(".tmp-")), [`2021-0123456789abcdef.json.tmp-${process.pid}`], "a dead writer's file removed, a live one's kept");
    await rm(path.join(cacheDir, `2021-0123456789abcdef.json.tmp-${process.pid}`));
    assert.is(afterWorkers.editionsRead, 0, "what the worker found was kept");
    assert.equal((await readdir(cacheDir)).filter((name) => /^\d{4}-/.test(name)).sort().map((name) => name.slice(0, 4)), ["2021", "2022"], "a kept file per year, the replaced ones removed");
  } finally {
    await rm(dir, TEMP_REMOVAL);
  }
});

test("a new design keeps the findings; a change to the check's own sources reads every edition again", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "incremental-check-code-"));
  const content = path.join(dir, "content");
  const cacheDir = path.join(dir, "kept");
  // A stand-in project: only what the key reads of it.
  const project = path.join(dir, "project");
  const files: Record<string, string> = {
    "src/proofread/rule.ts": "export const rule = 1;\n",
    "src/render/page-view.ts": "export const view = 1;\n",
    "layouts/page.11ty.ts": "export const render = () => '';\n",
    "assets/css/paper.css": "body {}\n",
    ".eleventy.ts": "export default {};\n",
    "package-lock.json": "{}\n",
  };
  const write = async (name: string, text: string) => {
    await mkdir(path.dirname(path.join(project, name)), { recursive: true });
    await writeFile(path.join(project, name), text);
  };
  try {
    for (const [name, text] of Object.entries(files)) await write(name, text);
    await generateArchive({ out: content, editions: 3, pages: 2, articles: 4, seed: 3, start: "2022-05-02" });
    const check = () => checkArchive({ contentRoot: content, projectRoot: project, cacheDir });
    assert.is((await check()).editionsRead, 3);
    await write("layouts/page.11ty.ts", "export const render = () => '<p>';\n");
    await write("assets/css/paper.css", "body { margin: 0 }\n");
    await write(".eleventy.ts", "export default { dir: {} };\n");
    await write("src/render/page-view.ts", "export const view = 2;\n");
    assert.is((await check()).editionsRead, 0, "templates, stylesheets, Eleventy's settings and the renderer are not the check's code");
    await write("src/proofread/rule.ts", "export const rule = 2;\n");
    assert.is((await check()).editionsRead, 3, "the proofreader is");
    await write("package-lock.json", '{"lockfileVersion": 3}\n');
    assert.is((await check()).editionsRead, 3, "and so are the locked packages");
  } finally {
    await rm(dir, TEMP_REMOVAL);
  }
});

test.run();
