/**
 * Renders a batch of editions, each from its own folder only: read → validate → model → Eleventy
 * (per-edition templates, with only these editions' data) → images. Each edition's files are
 * moved to their own immutable folder in the store, named by the edition's render key.
 * Runs in the build process or in a worker process (src/publish/edition-worker.ts).
 */
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { readEdition } from "../content/read-content.ts";
import { renderTemplates } from "../eleventy/direct-render.ts";
import { siteData } from "../eleventy/site-data.ts";
import { editionIndexEntry, type EditionIndexEntry } from "../model/edition-index.ts";
import { buildModel } from "../model/build-model.ts";
import type { Edition } from "../model/types.ts";
import { imagePath } from "../render/story.ts";
import type { SiteSettings } from "../site/settings.ts";
import { hasErrors, type Problem } from "../validate/problem.ts";
import { layoutProblems } from "../layout/check-layout.ts";
import { copyScans, prepareScans } from "../render/scan.ts";
import { listFiles, storeDirFor, type StoredEdition } from "./edition-store.ts";
import { describeFile, type OutputFile } from "./output-manifest.ts";

export interface EditionJob {
  readonly date: string;
  readonly dir: string;
  readonly contentHash: string;
  readonly renderKey: string;
}

export interface RenderedEdition {
  readonly job: EditionJob;
  /** Absolute path of the finished edition folder in the store (holds `YYYY-MM-DD/…`'s content). */
  readonly storeDir: string;
  readonly index: EditionIndexEntry;
  /** Site paths under `YYYY-MM-DD/`, sorted. */
  readonly files: readonly OutputFile[];
  readonly warnings: readonly Problem[];
}

export interface BatchResult {
  readonly rendered: readonly RenderedEdition[];
  /** Errors of editions that could not be built; nothing of theirs is kept. */
  readonly errors: readonly Problem[];
}

async function renderWithTemplates(editions: readonly Edition[], site: SiteSettings, outputDir: string, projectRoot: string): Promise<OutputFile[] | undefined> {
  return renderTemplates(siteData({ site, editions }, projectRoot, { scope: "edition" }), outputDir, projectRoot);
}

async function copyImages(edition: Edition, outputDir: string): Promise<OutputFile[]> {
  const copied: OutputFile[] = [];
  for (const article of edition.pages.flatMap((page) => page.articles)) {
    for (const image of article.images) {
      const sitePath = imagePath(edition, image);
      const target = path.join(outputDir, sitePath);
      await mkdir(path.dirname(target), { recursive: true });
      await copyFile(image.file, target);
      copied.push(describeFile(sitePath, await readFile(target)));
    }
  }
  return copied;
}

export interface BatchOptions {
  readonly site: SiteSettings;
  readonly projectRoot: string;
  /** Folder holding one finished folder per rendered edition. */
  readonly storeRoot: string;
  readonly contentRoot: string;
}

export async function renderEditionBatch(jobs: readonly EditionJob[], options: BatchOptions): Promise<BatchResult> {
  const errors: Problem[] = [];
  const built: { job: EditionJob; edition: Edition; warnings: Problem[] }[] = [];
  for (const job of jobs) {
    const problems: Problem[] = [];
    const source = await readEdition(job.dir, problems);
    const archive = buildModel({ root: options.contentRoot, editions: [source] }, options.site, problems);
    // Overflow is only worth reporting on a complete, valid edition (as in load-archive.ts).
    if (!hasErrors(problems)) problems.push(...layoutProblems(archive));
    const edition = archive.editions[0];
    if (hasErrors(problems) || !edition) errors.push(...problems.filter((problem) => problem.severity === "error"));
    else built.push({ job, edition, warnings: problems });
  }
  if (errors.length > 0 || built.length === 0) return { rendered: [], errors };

  await mkdir(options.storeRoot, { recursive: true });
  const scratch = path.join(options.storeRoot, `.scratch-${process.pid}-${built[0]!.job.renderKey.slice(0, 12)}`);
  await rm(scratch, { recursive: true, force: true });
  try {
    await prepareScans({ site: options.site, editions: built.map((item) => item.edition) });
    const written = await renderWithTemplates(
      built.map((item) => item.edition),
      options.site,
      scratch,
      options.projectRoot,
    );
    // Per-edition output must live in the edition's folder: only that folder is published and reused.
    const dates = new Set(built.map((item) => item.job.date));
    const stray = (written?.map((file) => file.path) ?? (await readdir(scratch).catch(() => [] as string[]))).find((file) => !dates.has(file.split("/")[0]!));
    if (stray) {
      throw new Error(`a per-edition template wrote ${stray}, outside the folder YYYY-MM-DD/ of its edition; per-edition templates (those paginating over editions, pages or articles) must write under it — see src/eleventy/template-scope.ts`);
    }
    const rendered: RenderedEdition[] = [];
    for (const { job, edition, warnings } of built) {
      await copyImages(edition, scratch);
      await copyScans({ site: options.site, editions: [edition] }, scratch);
      const from = path.join(scratch, job.date);
      const prefix = `${job.date}/`;
      // Pages written directly were described as they were written; everything else (Eleventy's
      // output, images, scans) is read back.
      const described = new Map((written ?? []).filter((file) => file.path.startsWith(prefix)).map((file) => [file.path, file]));
      const names: string[] = [];
      await listFiles(from, prefix, names);
      const files = await Promise.all(names.sort().map(async (name) => described.get(name) ?? describeFile(name, await readFile(path.join(scratch, name)))));
      const storeDir = storeDirFor(options.storeRoot, job);
      // The same key means the same bytes: a folder left by an earlier build is as good.
      if (!(await stat(storeDir).catch(() => undefined))) await rename(from, storeDir);
      const stored: StoredEdition = { index: editionIndexEntry(edition), files, warnings };
      // The description last: a folder without one is never reused.
      await writeFile(`${storeDir}.json.tmp-${process.pid}`, JSON.stringify(stored));
      await rename(`${storeDir}.json.tmp-${process.pid}`, `${storeDir}.json`);
      rendered.push({ job, storeDir, ...stored });
    }
    return { rendered, errors };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
