/**
 * Page scans (版面图): which image the page view shows and how big it is. A build shows the image
 * stage's screen-size view and links its zoom-size view; without processed images (the live
 * preview, which serves an edition's files under YYYY-MM-DD/images/) the scan is shown as it is. Pixel sizes are read with sharp before rendering
 * (`prepareScans`), so the views stay synchronous.
 */
import path from "node:path";
import sharp from "sharp";
import { scanOf } from "../images/scan-views.ts";
import type { Archive, Edition, Page } from "../model/types.ts";
import type { ViewContext } from "./context.ts";

export interface ScanImage {
  /** Site path of the image to show. */
  readonly path: string;
  readonly width: number;
  readonly height: number;
  /** The largest published view, linked as 原图. */
  readonly full: { readonly path: string; readonly width: number; readonly height: number };
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
      const published = `${edition.path}images/${page.scan}`;
      scans.set(page, { path: published, width: metadata.width, height: metadata.height, full: { path: published, width: metadata.width, height: metadata.height } });
    }
  }
}

/** The scan to show for a page; undefined when the page has none. */
export function scanImage(context: ViewContext, _edition: Edition, page: Page): ScanImage | undefined {
  if (!page.scan) return undefined;
  const derived = scanOf(context.images, page);
  if (derived) {
    const { screen, zoom } = derived.views;
    return { path: screen.jpeg, width: screen.width, height: screen.height, full: { path: zoom.jpeg, width: zoom.width, height: zoom.height } };
  }
  const scan = scans.get(page);
  if (!scan) throw new Error(`page ${page.path}: the scan "${page.scan}" was not prepared (call prepareScans before rendering)`);
  return scan;
}
