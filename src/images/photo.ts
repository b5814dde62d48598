/**
 * One photo → AVIF, WebP and JPEG at the widths the layout needs, oriented, in sRGB, with no
 * metadata (sharp drops EXIF, GPS and XMP unless asked to keep them; we never ask).
 */
import path from "node:path";
import { openImage } from "./counted-sharp.ts";
import type { Slots } from "./pool.ts";
import { ENCODERS, EXTENSION, PHOTO_FORMATS, type PhotoFormat, type SharpCounter } from "./settings.ts";

export interface DerivedFile {
  readonly format: PhotoFormat;
  readonly width: number;
  readonly height: number;
  /** File name inside the cache entry. */
  readonly name: string;
  readonly bytes: number;
}

export interface PhotoMeta {
  /** Size of the largest derived file (the source's, oriented, when it is smaller): gives the aspect ratio. */
  readonly width: number;
  readonly height: number;
  /** Dominant colour, the placeholder shown until the photo arrives. */
  readonly colour: readonly [number, number, number];
  readonly sourceBytes: number;
  readonly files: readonly DerivedFile[];
}

export interface DecodedBase {
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
  readonly channels: 3;
}

/** Decodes once, oriented and in sRGB, at the largest width needed: every output is made from it. */
export async function decodeBase(bytes: Buffer, maxWidth: number, pixelLimit: number, counter?: SharpCounter): Promise<DecodedBase> {
  const { data, info } = await openImage(counter, bytes, { limitInputPixels: pixelLimit, autoOrient: true })
    .resize({ width: maxWidth, withoutEnlargement: true })
    // Transparent PNGs are printed on paper: flatten onto white.
    .flatten({ background: "#ffffff" })
    .toColourspace("srgb")
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: 3 };
}

export function fromBase(base: DecodedBase, counter?: SharpCounter) {
  return openImage(counter, base.data, { raw: { width: base.width, height: base.height, channels: base.channels } });
}

export async function encode(base: DecodedBase, width: number, format: PhotoFormat, file: string, counter?: SharpCounter): Promise<{ width: number; height: number; bytes: number }> {
  let pipeline = fromBase(base, counter);
  if (width < base.width) pipeline = pipeline.resize({ width });
  const info =
    format === "avif" ? await pipeline.avif(ENCODERS.avif).toFile(file)
    : format === "webp" ? await pipeline.webp(ENCODERS.webp).toFile(file)
    : await pipeline.jpeg(ENCODERS.jpeg).toFile(file);
  return { width: info.width, height: info.height, bytes: info.size };
}

/** Widths the source can give without enlarging; the source width itself when it is smaller than all. */
export function usableWidths(wanted: readonly number[], sourceWidth: number): number[] {
  const fitting = [...new Set(wanted.filter((width) => width < sourceWidth))].sort((a, b) => a - b);
  const largest = Math.max(...wanted);
  if (largest >= sourceWidth) fitting.push(sourceWidth);
  return fitting;
}

export async function derivePhoto(bytes: Buffer, orientedWidth: number, wantedWidths: readonly number[], folder: string, pixelLimit: number, slots: Slots, counter?: SharpCounter): Promise<PhotoMeta> {
  const widths = usableWidths(wantedWidths, orientedWidth);
  const base = await slots.run(() => decodeBase(bytes, widths[widths.length - 1]!, pixelLimit, counter));
  const stats = await slots.run(() => fromBase(base, counter).stats());
  // Every encode of this photo is queued at once: a lone large image still fills every core.
  const outputs = widths.flatMap((width) => PHOTO_FORMATS.map((format) => ({ width, format, name: `${width}.${EXTENSION[format]}` })));
  const files: DerivedFile[] = await Promise.all(
    outputs.map(async ({ width, format, name }) => {
      const info = await slots.run(() => encode(base, width, format, path.join(folder, name), counter));
      return { format, width: info.width, height: info.height, name, bytes: info.bytes };
    }),
  );
  const largest = files[files.length - 1]!;
  return {
    width: largest.width,
    height: largest.height,
    colour: [stats.dominant.r, stats.dominant.g, stats.dominant.b],
    sourceBytes: bytes.length,
    files,
  };
}
