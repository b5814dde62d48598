/**
 * The data Eleventy's templates paginate over, made from the model. Eleventy knows nothing of
 * content files: `build` hands it a validated archive; the live preview reloads it each run.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { loadArchive } from "../load-archive.ts";
import type { Archive, Article, Edition, Page } from "../model/types.ts";
import { archiveEntries, type ArchiveEntry } from "../render/archive-view.ts";
import type { Assets } from "../render/context.ts";
import { ContentError, hasErrors } from "../validate/problem.ts";

export const STYLESHEET = "assets/css/broadsheet.css";

export interface PageEntry {
  readonly edition: Edition;
  readonly page: Page;
}

export interface ArticleEntry extends PageEntry {
  readonly article: Article;
}

export interface SiteData {
  readonly archive: Archive;
  readonly assets: Assets;
  readonly stylesheet: string;
  readonly pages: readonly PageEntry[];
  readonly articles: readonly ArticleEntry[];
  readonly archiveEntries: readonly ArchiveEntry[];
}

export function siteData(archive: Archive, projectRoot = process.cwd()): SiteData {
  const stylesheet = readFileSync(path.join(projectRoot, STYLESHEET), "utf8");
  // The file name carries a hash of the bytes, so a CDN can cache it forever.
  const hash = createHash("sha256").update(stylesheet).digest("hex").slice(0, 10);
  const pages = archive.editions.flatMap((edition) => edition.pages.map((page) => ({ edition, page })));
  return {
    archive,
    assets: { css: `assets/broadsheet.${hash}.css` },
    stylesheet,
    pages,
    articles: pages.flatMap(({ edition, page }) => page.articles.map((article) => ({ edition, page, article }))),
    archiveEntries: archiveEntries(archive),
  };
}

let provided: SiteData | undefined;

/** `build` validates first and hands the result over, so nothing is read twice. */
export function provideSiteData(data: SiteData | undefined): void {
  provided = data;
}

/** Called by Eleventy on every run; the live preview re-reads content each time. */
export async function currentSiteData(): Promise<SiteData> {
  if (provided) return provided;
  const contentRoot = process.env.BROADSHEET_CONTENT ?? "content";
  const { archive, problems } = await loadArchive(contentRoot);
  if (hasErrors(problems)) throw new ContentError(problems);
  return siteData(archive);
}
