/**
 * A page scan (版面图, often 6000×9000) → a thumbnail, a screen view and a zoom view, each in WebP
 * and JPEG. Hot zones are given in scan pixels; `scaleZone` puts them on any view, because each
 * view records its exact size and its scale against the scan.
 */
import path from "node:path";
import { decodeBase, encode, type DerivedFile } from "./photo.ts";
import type { Slots } from "./pool.ts";
import { EXTENSION, SCAN_FORMATS, SCAN_SIZES, type ScanSize, type SharpCounter } from "./settings.ts";

export interface ScanViewMeta {
  readonly width: number;
  readonly height: number;
  /** View pixels per scan pixel (width ratio; heights are rounded the same way by sharp). */
  readonly scale: number;
  readonly files: readonly DerivedFile[];
}

export interface ScanMeta {
  /** The scan's own size, oriented: hot-zone coordinates are in these pixels. */
  readonly width: number;
  readonly height: number;
  readonly sourceBytes: number;
  readonly views: Readonly<Record<ScanSize, ScanViewMeta>>;
}

/** A rectangle in scan pixels, e.g. one article's hot zone (热区). */
export interface Zone {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The zone on a view of `scale` (from ScanView.scale), rounded outward so no edge is lost. */
export function scaleZone(zone: Zone, scale: number): Zone {
  const x = Math.floor(zone.x * scale);
  const y = Math.floor(zone.y * scale);
  return { x, y, width: Math.ceil((zone.x + zone.width) * scale) - x, height: Math.ceil((zone.y + zone.height) * scale) - y };
}

/** The zone as fractions of the scan (0…1): right at every size, for CSS-free SVG overlays. */
export function relativeZone(zone: Zone, scan: { width: number; height: number }): Zone {
  return { x: zone.x / scan.width, y: zone.y / scan.height, width: zone.width / scan.width, height: zone.height / scan.height };
}

export async function deriveScan(bytes: Buffer, orientedWidth: number, orientedHeight: number, folder: string, pixelLimit: number, slots: Slots, counter?: SharpCounter): Promise<ScanMeta> {
  const base = await slots.run(() => decodeBase(bytes, Math.min(orientedWidth, SCAN_SIZES.zoom), pixelLimit, counter));
  const views = {} as Record<ScanSize, ScanViewMeta>;
  await Promise.all(
    (Object.keys(SCAN_SIZES) as ScanSize[]).map(async (size) => {
      const width = Math.min(SCAN_SIZES[size], base.width);
      const files: DerivedFile[] = await Promise.all(
        SCAN_FORMATS.map(async (format) => {
          const name = `${size}.${EXTENSION[format]}`;
          const info = await slots.run(() => encode(base, width, format, path.join(folder, name), counter));
          return { format, width: info.width, height: info.height, name, bytes: info.bytes };
        }),
      );
      views[size] = { width: files[0]!.width, height: files[0]!.height, scale: files[0]!.width / orientedWidth, files };
    }),
  );
  return { width: orientedWidth, height: orientedHeight, sourceBytes: bytes.length, views };
}
