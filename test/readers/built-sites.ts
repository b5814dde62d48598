/**
 * Built sites for the reader tests: the sample paper, and a small SYNTHETIC archive. Each test file
 * builds what it needs once into a temporary folder (about a second), removed by `cleanup()`.
 */
import { rmSync } from "node:fs";
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { generateArchive } from "../../scripts/generate-archive.ts";
import { buildSite, type BuildResult } from "../../src/build-site.ts";
import { SAMPLE_CONTENT, TEMP_REMOVAL } from "../helpers.ts";

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "..", "..");

export interface BuiltSite extends BuildResult {
  readonly output: string;
  /** The content folder it was built from. */
  readonly content: string;
  cleanup(): Promise<void>;
}

export async function buildSample(): Promise<BuiltSite> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "broadsheet-readers-"));
  const output = path.join(dir, "site");
  const result = await buildSite({ contentRoot: SAMPLE_CONTENT, outputDir: output, projectRoot: PROJECT_ROOT });
  return { ...result, output, content: SAMPLE_CONTENT, cleanup: () => rm(dir, TEMP_REMOVAL) };
}

/** The sample with the photo story's picture restored (a small generated JPEG), so images reach every output. */
export async function buildSampleWithPhoto(): Promise<BuiltSite> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "broadsheet-readers-photo-"));
  const content = path.join(dir, "content");
  await cp(SAMPLE_CONTENT, content, { recursive: true });
  await sharp({ create: { width: 64, height: 48, channels: 3, background: "#8a9" } }).jpeg().toFile(path.join(content, "2020-06-05", "laji-fenlei.jpg"));
  const story = path.join(content, "2020-06-05", "laji-fenlei.md");
  const text = await readFile(story, "utf8");
  await writeFile(story, text.replace("order: 6\n", "order: 6\nimages:\n  - { src: laji-fenlei.jpg, caption: 孩子们发放垃圾分类宣传册, credit: 宗丽华 摄, alt: 孩子们在社区发放宣传册 }\n"));
  const output = path.join(dir, "site");
  const result = await buildSite({ contentRoot: content, outputDir: output, projectRoot: PROJECT_ROOT });
  return { ...result, output, content, cleanup: () => rm(dir, TEMP_REMOVAL) };
}

export async function buildSynthetic({ editions = 6, start = "2021-03-01", pages = 4, articles = 5 } = {}): Promise<BuiltSite> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "broadsheet-readers-syn-"));
  const content = path.join(dir, "content");
  await generateArchive({ out: content, editions, pages, articles, seed: 7, start });
  const output = path.join(dir, "site");
  const result = await buildSite({ contentRoot: content, outputDir: output, projectRoot: PROJECT_ROOT });
  return { ...result, output, content, cleanup: () => rm(dir, TEMP_REMOVAL) };
}

/** Every file under `root`, as paths relative to it. */
export async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(root, path.join(entry.parentPath, entry.name))).sort();
}

// uvu runs every test file in one process: the plain sample and generated sites are built once
// and shared (read-only), and removed when the process exits.
const shared = new Map<string, Promise<BuiltSite>>();
const leftovers: string[] = [];
process.once("exit", () => {
  for (const folder of leftovers) rmSync(folder, TEMP_REMOVAL);
});

function once(key: string, build: () => Promise<BuiltSite>): Promise<BuiltSite> {
  let site = shared.get(key);
  if (!site) {
    site = build().then((built) => {
      leftovers.push(path.dirname(built.output));
      return { ...built, cleanup: async () => undefined };
    });
    shared.set(key, site);
  }
  return site;
}

/** The sample, built once per test run; do not write into it. */
export const sharedSample = (): Promise<BuiltSite> => once("sample", buildSample);
/** A 4-edition generated archive, built once per test run; do not write into it. */
export const sharedSynthetic = (): Promise<BuiltSite> => once("synthetic", () => buildSynthetic({ editions: 4 }));
