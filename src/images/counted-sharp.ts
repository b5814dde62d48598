/**
 * The only door to sharp. Every pipeline opened here is counted, so a test can prove that a warm
 * build does no image work, and every one gets the same safe, deterministic settings.
 */
import sharp, { type Sharp as SharpPipeline, type SharpOptions } from "sharp";
import type { SharpCounter } from "./settings.ts";

// One libvips thread per image: AVIF bytes depend on the thread count, and we get both cores by
// running two images at once instead (see process-images.ts).
sharp.concurrency(1);
// Our own cache keeps results; libvips' operation cache only holds memory across unrelated images.
sharp.cache(false);

export type Sharp = SharpPipeline;

/** libvips and the libraries it draws and encodes with (librsvg, pango, libjpeg-turbo …), as sharp was built with them. */
export const LIBRARY_VERSIONS: Readonly<Record<string, string | undefined>> = sharp.versions;

export function openImage(counter: SharpCounter | undefined, input?: string | Buffer, options: SharpOptions = {}): Sharp {
  if (counter) counter.operations++;
  // failOn "warning": a truncated or damaged file stops the build instead of publishing grey bands.
  return sharp(input, { failOn: "warning", ...options });
}
