/**
 * The data Eleventy's templates paginate over, made from the model. Eleventy knows nothing of
 * content files: `build` hands it a validated archive; the live preview reloads it each run.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { loadArchive } from "../load-archive.ts";
import type { ImageManifest } from "../images/manifest.ts";
import { editionIndexEntry, type EditionIndexEntry, type YearBytes } from "../model/edition-index.ts";
import type { Archive, Article, Edition, Page } from "../model/types.ts";
import { archiveEntries, type ArchiveEntry } from "../render/archive-view.ts";
import { allEditionReaderFiles, siteReaderFiles, type LazyFile } from "../readers/reader-files.ts";
import type { Assets } from "../render/context.ts";
import { prepareScans } from "../render/scan.ts";
import { ContentError, hasErrors } from "../validate/problem.ts";

/** Static files (CSS, scripts) published under content-hashed names; keys are paths under assets/. */
export const ASSETS_DIR = "assets";

export interface AssetFile {
  /** Path under assets/, e.g. "css/broadsheet.css". */
  readonly source: string;
  /** Published site path with the content hash, e.g. "assets/broadsheet.1a2b3c4d5e.css". */
  readonly path: string;
  readonly contents: string;
}

export interface PageEntry {
  readonly edition: Edition;
  readonly page: Page;
}

export interface ArticleEntry extends PageEntry {
  readonly article: Article;
}

/**
 * Which templates a run renders (see src/eleventy/template-scope.ts):
 * - "edition": per-edition templates only; `archive.editions` holds just the editions being rendered.
 * - "site": site-wide templates only; `archive.editions` holds the most recent editions in full
 *   (home page, feeds), `editionIndex` every edition as a light summary (archive, sitemaps).
 * - "all": everything from one archive (the live preview).
 */
export type RenderScope = "edition" | "site" | "all";

export interface SiteData {
  readonly scope: RenderScope;
  readonly archive: Archive;
  /** Every published edition, newest first, without bodies. */
  readonly editionIndex: readonly EditionIndexEntry[];
  readonly assets: Assets;
  readonly assetFiles: readonly AssetFile[];
  readonly pages: readonly PageEntry[];
  readonly articles: readonly ArticleEntry[];
  readonly archiveEntries: readonly ArchiveEntry[];
  /** Made by the image stage before rendering (src/images/process-images.ts). */
  readonly images?: ImageManifest;
  /** Feeds, JSON API and schema, service worker (src/readers/reader-files.ts). */
  readonly readerFiles: readonly LazyFile[];
  /** The JSON API document and feeds of each edition being rendered (per-edition scope). */
  readonly editionFiles: readonly LazyFile[];
}

/** Every file under assets/css and assets/js, named by a hash of its bytes so a CDN can cache it forever. */
export function readAssets(projectRoot: string): AssetFile[] {
  const files: AssetFile[] = [];
  for (const folder of ["css", "js"]) {
    const dir = path.join(projectRoot, ASSETS_DIR, folder);
    let names: string[] = [];
    try {
      names = readdirSync(dir).filter((name) => !name.startsWith(".")).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      const contents = readFileSync(path.join(dir, name), "utf8");
      const hash = createHash("sha256").update(contents).digest("hex").slice(0, 10);
      const extension = path.extname(name);
      files.push({ source: `${folder}/${name}`, path: `assets/${path.basename(name, extension)}.${hash}${extension}`, contents });
    }
  }
  return files;
}

export interface SiteDataOptions {
  readonly scope?: RenderScope;
  /** Made by the image stage before rendering (src/images/process-images.ts). */
  readonly images?: ImageManifest;
  /** Defaults to the archive's own editions. */
  readonly editionIndex?: readonly EditionIndexEntry[];
  /** Years whose archive pages to write (default: every year); /archive/ itself is always written. */
  readonly archiveYears?: ReadonlySet<string>;
  /** Each year's part of api/editions.json, when the publisher kept it (default: written from the index). */
  readonly editionListBytes?: YearBytes;
}

export function siteData(archive: Archive, projectRoot = process.cwd(), options: SiteDataOptions = {}): SiteData {
  const scope = options.scope ?? "all";
  const editionIndex = options.editionIndex ?? archive.editions.map(editionIndexEntry);
  const images = options.images;
  const assetFiles = readAssets(projectRoot);
  const assetPaths = Object.fromEntries(assetFiles.map((file) => [file.source, file.path]));
  const pages = archive.editions.flatMap((edition) => edition.pages.map((page) => ({ edition, page })));
  return {
    scope,
    archive,
    editionIndex,
    assets: { css: assetPaths["css/broadsheet.css"] ?? "assets/broadsheet.css", files: assetPaths },
    assetFiles,
    pages,
    articles: pages.flatMap(({ edition, page }) => page.articles.map((article) => ({ edition, page, article }))),
    archiveEntries: archiveEntries(editionIndex).filter((entry) => entry.scope.kind === "all" || !options.archiveYears || options.archiveYears.has(entry.scope.year)),
    images,
    // Each list only for the runs whose templates read it: the site's feeds render seven editions'
    // entries, which a run of per-edition templates would make and throw away.
    readerFiles: scope === "edition" ? [] : siteReaderFiles(archive, editionIndex, options.editionListBytes),
    editionFiles: scope === "site" ? [] : allEditionReaderFiles(archive, images),
  };
}

/**
 * Kept on globalThis, not in a module variable: a compiled build (scripts/run-compiled.mjs) hands
 * the data over from its compiled copy of this module, while Eleventy's .eleventy.ts reads it
 * through tsx from the .ts source, a second instance of this module.
 */
const PROVIDED = Symbol.for("broadsheet.providedSiteData");
const store = globalThis as { [PROVIDED]?: SiteData };

/** `build` validates first and hands the result over, so nothing is read twice. */
export function provideSiteData(data: SiteData | undefined): void {
  store[PROVIDED] = data;
}

/** The scope of the run about to start (read by .eleventy.ts to choose templates). */
export function providedScope(): RenderScope {
  return store[PROVIDED]?.scope ?? "all";
}

/** Called by Eleventy on every run; the live preview re-reads content each time. */
export async function currentSiteData(): Promise<SiteData> {
  const provided = store[PROVIDED];
  if (provided) return provided;
  const contentRoot = process.env.BROADSHEET_CONTENT ?? "content";
  const { archive, problems } = await loadArchive(contentRoot);
  if (hasErrors(problems)) throw new ContentError(problems);
  await prepareScans(archive);
  return siteData(archive);
}
