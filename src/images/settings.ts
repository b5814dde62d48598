/**
 * Every setting that changes the bytes of a derived image. They are part of each cache key, so
 * changing one re-encodes exactly the files it affects, and nothing else.
 */
import os from "node:os";

/** Encoders, pinned: the same source always gives the same bytes (STACK-NOTES: AVIF differs by thread count). */
export const ENCODERS = {
  // Effort 2: 0.6 s for a 3000×4000 photo against 3.6–7 s at effort 4, for a few per cent of size.
  avif: { quality: 50, effort: 2, chromaSubsampling: "4:2:0" },
  webp: { quality: 78, effort: 4, smartSubsample: true },
  // mozjpeg: about 10% smaller JPEGs for the browsers that take neither AVIF nor WebP.
  jpeg: { quality: 80, mozjpeg: true, progressive: true },
} as const;

export type PhotoFormat = keyof typeof ENCODERS;
/** Order in <picture>: the browser takes the first source it supports. */
export const PHOTO_FORMATS: readonly PhotoFormat[] = ["avif", "webp", "jpeg"];
/** Scans are large and zoomed: WebP and JPEG only (AVIF at 6000×9000 costs tens of seconds). */
export const SCAN_FORMATS: readonly PhotoFormat[] = ["webp", "jpeg"];

export const MIME: Record<PhotoFormat, string> = { avif: "image/avif", webp: "image/webp", jpeg: "image/jpeg" };
export const EXTENSION: Record<PhotoFormat, string> = { avif: "avif", webp: "webp", jpeg: "jpg" };

/** Widths of a page scan's views, in CSS pixels ×2 where it matters. */
export const SCAN_SIZES = {
  /** 版面导航 and the archive: a sidebar of 11rem, ×2 for high-density screens. */
  thumb: 360,
  /** The page on screen: the stage is about 1000 px wide on a desktop, ×1.4. */
  screen: 1400,
  /** Zoomed in: the print's small type legible on a phone at two-finger zoom. */
  zoom: 3000,
} as const;
export type ScanSize = keyof typeof SCAN_SIZES;

// Plain libjpeg-turbo, not mozjpeg: measured 25 ms a card against 110 ms, and there is a card for
// every article; cards are fetched by link previews, not by readers scrolling a page.
// For the same reason without optimised Huffman tables (the same pixels, decoded): that pass keeps
// the whole card's coefficients in fresh memory, and on these machines the page faults cost more
// than the encoding. A card took 11.5–13.7 ms of CPU against 15.0–16.8 ms and is 9–13% larger
// (87.7 KiB against 80.4 KiB, a day's 23); a committed day at 4,000 articles, alternated with the
// optimised cards, took 0.67 s against 0.79 s (median of 12 each, faster in 11).
export const SHARE_CARD = { width: 1200, height: 630, jpeg: { quality: 82, optimiseCoding: false } } as const;

/** Bumped when the derivation code changes in a way the settings above do not show. */
export const PIPELINE_VERSION = 1;

/** Source formats accepted, as sharp names them. */
export const PHOTO_INPUT_FORMATS = ["jpeg", "png", "webp", "tiff"] as const;
export const FILE_EXTENSIONS: Record<string, string> = { ".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".webp": "webp", ".tif": "tiff", ".tiff": "tiff" };

export interface ImageOptions {
  /** Folder of derived files keyed by content hash; CI keeps it between runs. */
  readonly cacheDir: string;
  /** Images processed at once; each runs libvips on one thread (pinned), so this is the cores used. */
  readonly parallel: number;
  /** Largest source accepted, in pixels (sharp's limitInputPixels): a guard against decompression bombs. */
  readonly pixelLimit: number;
  /** Make share cards (about 25 ms of CPU each, once: 20,000 articles ≈ 8 CPU-minutes cold, then cached). */
  readonly shareCards: boolean;
  /**
   * Return before the share cards are made and published (their names and sizes are known from
   * the start); the caller awaits `cardsReady` before it reads the output folder.
   */
  readonly cardsInBackground?: boolean;
  /** False: only find every image's paths and sizes (deriving the photos and scans the cache lacks; no share card is made), writing nothing to the output folder. */
  readonly publish?: boolean;
  /** Counts sharp operations (tests assert that a warm build does none). */
  readonly counter?: SharpCounter;
  /** One summary line per build ("12 images derived, 30 from cache"). */
  readonly log?: (line: string) => void;
}

export interface SharpCounter {
  operations: number;
}

export const defaults = {
  cacheDir: process.env.BROADSHEET_IMAGE_CACHE ?? ".cache/images",
  parallel: Math.max(1, os.availableParallelism()),
  // sharp's own default (0x3FFF²): a 6000×9000 scan is 54 Mpx, well inside.
  pixelLimit: 0x3fff * 0x3fff,
  shareCards: true,
} satisfies ImageOptions;
