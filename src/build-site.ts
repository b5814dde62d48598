/**
 * The whole build, in pipeline order:
 *   read + validate + model (load-archive) → images (sharp, cached) → render (Eleventy over the model) → swap in.
 * Content errors stop the build before anything is written.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { provideSiteData, siteData } from "./eleventy/site-data.ts";
import { loadArchive } from "./load-archive.ts";
import { processImages } from "./images/process-images.ts";
import type { ImageManifest } from "./images/manifest.ts";
import type { ImageOptions } from "./images/settings.ts";
import type { Archive } from "./model/types.ts";
import { formatRedirects, parseRedirects, REDIRECTS_FILE } from "./import/redirects.ts";
import { publishAtomically } from "./publish/atomic-output.ts";
import { prepareScans } from "./render/scan.ts";
import { writeSearchIndex } from "./search/write-index.ts";
import { basePath } from "./site/settings.ts";
import { ContentError, hasErrors, type Problem } from "./validate/problem.ts";

export interface BuildOptions {
  readonly contentRoot: string;
  readonly outputDir: string;
  /** Folder holding .eleventy.ts, layouts/ and assets/. */
  readonly projectRoot?: string;
  /** Image cache folder, parallelism, pixel limit (defaults in src/images/settings.ts). */
  readonly images?: Partial<ImageOptions>;
}

export interface BuildResult {
  readonly archive: Archive;
  readonly problems: readonly Problem[];
}

/** Renders the archive into `outputDir` with Eleventy. */
export async function renderSite(archive: Archive, outputDir: string, projectRoot: string, images?: ImageManifest): Promise<void> {
  await prepareScans(archive);
  provideSiteData(siteData(archive, projectRoot, images));
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
    // Images first: the views need their sizes, and a bad image stops the build before any page.
    const images = await processImages(archive, tempDir, { log: console.log, ...options.images });
    await renderSite(archive, tempDir, projectRoot, images);
    await writeSearchIndex(archive, tempDir);
    await publishRedirects(options.contentRoot, tempDir, archive);
  });
  return { archive, problems };
}
