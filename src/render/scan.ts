/**
 * Page scans (版面图): which image the page view shows and how big it is. For now the scan is
 * published as it is; the image pipeline can swap in derived sizes here, in one place.
 * Pixel sizes are read with sharp before rendering (`prepareScans`), so the views stay synchronous.
 */
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import type { Archive, Edition, Page } from "../model/types.ts";

export interface ScanImage {
  /** Site path of the image to show. */
  readonly path: string;
  readonly width: number;
  readonly height: number;
  /** Absolute path of the source file. */
  readonly file: string;
}

const scans = new WeakMap<Page, ScanImage>();

/** Where the edition's folder is on disk: the folder of any article source file. */
function editionDir(page: Page): string | undefined {
  const article = page.articles[0];
  return article ? path.dirname(article.sourceFile) : undefined;
}

/** Reads the pixel size of every page scan of the archive. */
export async function prepareScans(archive: Archive): Promise<void> {
  for (const edition of archive.editions) {
    for (const page of edition.pages) {
      if (!page.scan || scans.has(page)) continue;
      const dir = editionDir(page);
      if (!dir) continue;
      const file = path.resolve(dir, page.scan);
      const metadata = await sharp(file).metadata();
      if (!metadata.width || !metadata.height) throw new Error(`${path.relative(process.cwd(), file)}: expected an image with a pixel size, found none`);
      scans.set(page, { path: `${edition.path}scans/${page.scan}`, width: metadata.width, height: metadata.height, file });
    }
  }
}

/** The scan to show for a page, once `prepareScans` has run; undefined when the page has none. */
export function scanImage(_edition: Edition, page: Page): ScanImage | undefined {
  if (!page.scan) return undefined;
  const scan = scans.get(page);
  if (!scan) throw new Error(`page ${page.path}: the scan "${page.scan}" was not prepared (call prepareScans before rendering)`);
  return scan;
}

/** Publishes every prepared scan into the output folder. */
export async function copyScans(archive: Archive, outputDir: string): Promise<void> {
  for (const edition of archive.editions) {
    for (const page of edition.pages) {
      const scan = page.scan ? scans.get(page) : undefined;
      if (!scan) continue;
      const target = path.join(outputDir, scan.path);
      await mkdir(path.dirname(target), { recursive: true });
      await copyFile(scan.file, target);
    }
  }
}
