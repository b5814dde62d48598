/**
 * The whole build, in pipeline order:
 *   read + validate + model (load-archive) → render (Eleventy over the model) → images → swap in.
 * Content errors stop the build before anything is written.
 */
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { provideSiteData, siteData } from "./eleventy/site-data.ts";
import { loadArchive } from "./load-archive.ts";
import type { Archive } from "./model/types.ts";
import { formatRedirects, parseRedirects, REDIRECTS_FILE } from "./import/redirects.ts";
import { publishAtomically } from "./publish/atomic-output.ts";
import { basePath } from "./site/settings.ts";
import { imagePath } from "./render/story.ts";
import { ContentError, hasErrors, type Problem } from "./validate/problem.ts";

export interface BuildOptions {
  readonly contentRoot: string;
  readonly outputDir: string;
  /** Folder holding .eleventy.ts, layouts/ and assets/. */
  readonly projectRoot?: string;
}

export interface BuildResult {
  readonly archive: Archive;
  readonly problems: readonly Problem[];
}

/** Renders the archive into `outputDir` with Eleventy. */
export async function renderSite(archive: Archive, outputDir: string, projectRoot: string): Promise<void> {
  provideSiteData(siteData(archive, projectRoot));
  try {
    const eleventy = new Eleventy(path.join(projectRoot, "layouts"), outputDir, {
      configPath: path.join(projectRoot, ".eleventy.ts"),
      quietMode: true,
    });
    await eleventy.write();
  } finally {
    provideSiteData(undefined);
  }
}

/** Copies every article image to the edition's images/ folder. */
async function copyImages(archive: Archive, outputDir: string): Promise<void> {
  for (const edition of archive.editions) {
    for (const article of edition.pages.flatMap((page) => page.articles)) {
      for (const image of article.images) {
        const target = path.join(outputDir, imagePath(edition, image));
        await mkdir(path.dirname(target), { recursive: true });
        await copyFile(image.file, target);
      }
    }
  }
}

/** Old e-paper URLs kept working: <content>/_redirects, under the site's base path, at the output's root. */
async function publishRedirects(contentRoot: string, outputDir: string, archive: Archive): Promise<void> {
  const text = await readFile(path.join(contentRoot, REDIRECTS_FILE), "utf8").catch(() => undefined);
  if (text === undefined) return;
  await writeFile(path.join(outputDir, REDIRECTS_FILE), formatRedirects(parseRedirects(text), basePath(archive.site)));
}

export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const projectRoot = path.resolve(options.projectRoot ?? process.cwd());
  const { archive, problems } = await loadArchive(options.contentRoot);
  if (hasErrors(problems)) throw new ContentError(problems);
  if (archive.editions.length === 0) throw new ContentError([{ severity: "error", file: options.contentRoot, message: "expected at least one edition folder (YYYY-MM-DD), found none" }]);
  await publishAtomically(options.outputDir, async (tempDir) => {
    await renderSite(archive, tempDir, projectRoot);
    await copyImages(archive, tempDir);
    await publishRedirects(options.contentRoot, tempDir, archive);
  });
  return { archive, problems };
}
