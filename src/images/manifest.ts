/**
 * What the views need to know about published images: site paths and pixel sizes. Made by
 * processImages, read by the render functions through the view context.
 */
import type { ScanSize } from "./settings.ts";

export interface Candidate {
  /** Site path, e.g. 2020-06-05/images/laji-fenlei-720.1a2b3c4d5e.avif */
  readonly path: string;
  readonly width: number;
}

export interface PictureSource {
  readonly type: string;
  readonly candidates: readonly Candidate[];
}

export interface PublishedPhoto {
  readonly width: number;
  readonly height: number;
  /** CSS class giving the dominant colour as the placeholder. */
  readonly placeholder: string;
  /** AVIF, WebP, JPEG: best first. */
  readonly sources: readonly PictureSource[];
  /** The JPEG the <img> falls back to: the one nearest the box width. */
  readonly fallback: Candidate;
  /** The span of the story's box on the page (for `sizes`). */
  readonly span: number;
}

export interface PublishedScanView {
  readonly width: number;
  readonly height: number;
  /** View pixels per scan pixel: a hot zone at (x, y) in the scan is at (x·scale, y·scale) here. */
  readonly scale: number;
  readonly jpeg: string;
  readonly webp: string;
}

export interface PublishedScan {
  /** The scan's own pixel size: hot zones are given in these pixels. */
  readonly width: number;
  readonly height: number;
  readonly views: Readonly<Record<ScanSize, PublishedScanView>>;
}

export interface PageThumbnail {
  readonly path: string;
  readonly width: number;
  readonly height: number;
  readonly from: "scan" | "layout";
}

export interface ShareCardFile {
  readonly path: string;
  readonly width: number;
  readonly height: number;
}

export interface ImageManifest {
  /** By the source's absolute path (ArticleImage.file). */
  readonly photos: ReadonlyMap<string, PublishedPhoto>;
  /** By page path (2020-06-05/01/). */
  readonly scans: ReadonlyMap<string, PublishedScan>;
  readonly thumbnails: ReadonlyMap<string, PageThumbnail>;
  /** By article path, and by edition path for the front page's card. */
  readonly shareCards: ReadonlyMap<string, ShareCardFile>;
  /** Published files whose SHA-256 and size the image stage knows (share cards, page thumbnails), by site path: not read again for the manifest. */
  readonly hashes?: ReadonlyMap<string, { readonly sha256: string; readonly size: number }>;
}

/** A manifest as JSON keeps it: each map as its entries (the cache's hashes are left out). */
export interface ImageManifestJson {
  readonly photos: readonly (readonly [string, PublishedPhoto])[];
  readonly scans: readonly (readonly [string, PublishedScan])[];
  readonly thumbnails: readonly (readonly [string, PageThumbnail])[];
  readonly shareCards: readonly (readonly [string, ShareCardFile])[];
}

/** What an edition's views look up, by the keys its own photos, pages and articles have. */
interface EditionKeys {
  readonly path: string;
  readonly pages: readonly { readonly path: string; readonly articles: readonly { readonly path: string; readonly images: readonly { readonly file: string }[] }[] }[];
}

/** One edition's part of a batch's manifest, as JSON. */
export function editionImagesJson(manifest: ImageManifest, edition: EditionKeys): ImageManifestJson {
  const pick = <T>(map: ReadonlyMap<string, T>, keys: readonly string[]) => keys.flatMap((key) => (map.has(key) ? [[key, map.get(key)!] as const] : []));
  const pages = edition.pages.map((page) => page.path);
  const articles = edition.pages.flatMap((page) => page.articles);
  return {
    photos: pick(manifest.photos, [...new Set(articles.flatMap((article) => article.images.map((image) => image.file)))]),
    scans: pick(manifest.scans, pages),
    thumbnails: pick(manifest.thumbnails, pages),
    shareCards: pick(manifest.shareCards, [edition.path, ...articles.map((article) => article.path)]),
  };
}

/** The manifests of several editions as one. */
export function mergeImageManifests(parts: readonly (ImageManifest | ImageManifestJson)[]): ImageManifest {
  const merged = { photos: new Map<string, PublishedPhoto>(), scans: new Map<string, PublishedScan>(), thumbnails: new Map<string, PageThumbnail>(), shareCards: new Map<string, ShareCardFile>() };
  for (const part of parts) {
    for (const [key, value] of part.photos) merged.photos.set(key, value);
    for (const [key, value] of part.scans) merged.scans.set(key, value);
    for (const [key, value] of part.thumbnails) merged.thumbnails.set(key, value);
    for (const [key, value] of part.shareCards) merged.shareCards.set(key, value);
  }
  return merged;
}
