/**
 * Opens a source image the safe way and turns every way it can be wrong into one sentence an
 * editor can act on: missing, not an image, the wrong type, too large, truncated or corrupt.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Metadata } from "sharp";
import { openImage } from "./counted-sharp.ts";
import { FILE_EXTENSIONS, PHOTO_INPUT_FORMATS, type SharpCounter } from "./settings.ts";

/** A problem with one image file; the caller knows which article or page asked for it. */
export class ImageProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImageProblem";
  }
}

const FORMAT_NAMES: Record<string, string> = { jpeg: "JPEG", png: "PNG", webp: "WebP", tiff: "TIFF", gif: "GIF", heif: "HEIF/AVIF", svg: "SVG", pdf: "PDF", jp2k: "JPEG 2000", raw: "raw" };
const ACCEPTED = "JPEG, PNG, WebP or TIFF";

export function displayPath(file: string): string {
  return path.relative(process.cwd(), file).split(path.sep).join("/");
}

export async function readSource(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new ImageProblem(`expected an image file at ${displayPath(file)}, found none`);
    throw new ImageProblem(`cannot read ${displayPath(file)}: ${(error as Error).message}`);
  }
}

/** Reads the header only (no pixels decoded) and checks type, extension and size. */
export async function checkSource(file: string, bytes: Buffer, pixelLimit: number, counter?: SharpCounter): Promise<Metadata> {
  const name = displayPath(file);
  const extension = path.extname(file).toLowerCase();
  const expected = FILE_EXTENSIONS[extension];
  if (!expected) throw new ImageProblem(`${name}: expected a ${ACCEPTED} file (.jpg, .jpeg, .png, .webp, .tif), found a "${extension || "no"}" extension`);
  let metadata: Metadata;
  try {
    metadata = await openImage(counter, bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw new ImageProblem(`${name}: expected a ${ACCEPTED} image, found a file that is not an image or is damaged beyond reading (${bytes.length} bytes; sharp: ${sharpMessage(error)})`);
  }
  const format = String(metadata.format);
  if (!(PHOTO_INPUT_FORMATS as readonly string[]).includes(format)) {
    throw new ImageProblem(`${name}: expected a ${ACCEPTED} image, found ${FORMAT_NAMES[format] ?? format} data`);
  }
  if (format !== expected) {
    throw new ImageProblem(`${name}: the file is named ${extension} but holds ${FORMAT_NAMES[format] ?? format} data; rename it to .${format === "jpeg" ? "jpg" : format === "tiff" ? "tif" : format}`);
  }
  const width = metadata.width ?? 0;
  const height = metadata.height ?? 0;
  if (width * height > pixelLimit) {
    const mega = (pixels: number) => (pixels / 1e6).toFixed(1);
    throw new ImageProblem(`${name}: the image is ${width}×${height} px (${mega(width * height)} Mpx), more than the limit of ${mega(pixelLimit)} Mpx; scale it down before publishing`);
  }
  return metadata;
}

/** libvips repeats a warning once per scanline: keep each line once. */
function sharpMessage(error: unknown): string {
  const text = (error as Error).message ?? String(error);
  return [...new Set(text.split("\n").map((line) => line.trim()).filter(Boolean))].join("; ");
}

/**
 * Whether the file stops before its format's end marker. Decided from the bytes, not from sharp's
 * message: libvips keeps its warnings in one queue for the whole process, so when two images decode
 * at once the other one's pipeline can take this one's "premature end" and leave only sharp's
 * "Warning treated as error due to failOn setting" (seen about once in forty runs on two cores).
 */
export function endsEarly(bytes: Buffer): boolean | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return jpegEndsEarly(bytes);
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return bytes.lastIndexOf(PNG_END) === -1;
  if (bytes.toString("latin1", 0, 4) === "RIFF" && bytes.toString("latin1", 8, 12) === "WEBP") return bytes.length < bytes.readUInt32LE(4) + 8;
  return undefined; // TIFF keeps its directory anywhere in the file: leave it to libvips' message
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_END = Buffer.from("IEND", "latin1");
const JPEG_END = Buffer.from([0xff, 0xd9]);

/**
 * Walks the JPEG's marker segments (FF xx and a two-byte length) to its first scan (FF DA): an EXIF
 * thumbnail, with its own end marker, sits inside one of them. Past that point FF D9 is the image's
 * end and nothing else (the scan data escapes every FF), whatever a phone appends after it (a
 * motion photo's video).
 */
function jpegEndsEarly(bytes: Buffer): boolean {
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return false; // no marker where one must be: damaged, not short
    const marker = bytes[at + 1];
    if (marker === 0xff) at++; // fill byte before a marker
    else if (marker === 0xda) return bytes.indexOf(JPEG_END, at + 2) === -1;
    else at += 2 + bytes.readUInt16BE(at + 2);
  }
  return true; // the file ends inside its headers
}

/** sharp's decoding errors (thrown when pixels are read), reworded with the file's name. */
export function decodeProblem(file: string, bytes: Buffer, error: unknown): ImageProblem {
  if (error instanceof ImageProblem) return error;
  const message = sharpMessage(error);
  const truncated = endsEarly(bytes) ?? /premature end|truncated|unexpected end|not enough data|read error/i.test(message);
  return new ImageProblem(`${displayPath(file)}: the image is ${truncated ? "truncated (the file ends before the picture does)" : "corrupt"}; export it again from the original (sharp: ${message})`);
}
