/**
 * The derived-scan API for the scan viewer (src/render/scan.ts): which files show a page's scan,
 * their pixel sizes, and where a hot zone given in scan pixels falls on each of them.
 */
import type { Page } from "../model/types.ts";
import type { ImageManifest, PublishedScan, PublishedScanView } from "./manifest.ts";
import { scaleZone, type Zone } from "./scan.ts";

export type { PublishedScan, PublishedScanView, Zone };

/** The published views of the page's scan, or undefined when the page has none (or images were not processed). */
export function scanOf(images: ImageManifest | undefined, page: Page): PublishedScan | undefined {
  return images?.scans.get(page.path);
}

/** srcset of the screen and zoom views (site paths; make them relative with ViewContext.url). */
export function scanCandidates(scan: PublishedScan, format: "webp" | "jpeg"): { path: string; width: number }[] {
  return [scan.views.screen, scan.views.zoom]
    .filter((view, index, views) => index === 0 || view.width > views[index - 1]!.width)
    .map((view) => ({ path: view[format], width: view.width }));
}

/** A hot zone in scan pixels, in the pixels of one view (rounded outward). */
export function zoneOnView(zone: Zone, view: PublishedScanView): Zone {
  return scaleZone(zone, view.scale);
}
