/**
 * A small edition with photos and a page scan, made at test time: the Markdown and YAML are in
 * test/fixtures/photo-edition, the pictures are drawn here with sharp (no binary files in git).
 * The lead photo carries GPS coordinates and an EXIF rotation, so tests can see both handled.
 */
import { cp, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";

export const FIXTURE = path.resolve("test/fixtures/photo-edition");
export const EDITION = "2021-03-08";

/** A picture with shapes and gradients, so encoders have real work and sizes differ by format. */
export function drawing(width: number, height: number, hue: number): Buffer {
  const circles = Array.from({ length: 12 }, (_, index) => {
    const x = ((index * 7919) % 97) / 97;
    const y = ((index * 104729) % 89) / 89;
    return `<circle cx="${(x * width).toFixed(0)}" cy="${(y * height).toFixed(0)}" r="${(Math.min(width, height) * (0.05 + (index % 4) * 0.04)).toFixed(0)}" fill="hsl(${(hue + index * 29) % 360},60%,55%)" opacity=".8"/>`;
  }).join("");
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},50%,75%)"/><stop offset="1" stop-color="hsl(${(hue + 120) % 360},45%,30%)"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/>${circles}</svg>`,
  );
}

export const GPS_EXIF = {
  IFD0: { Make: "Broadsheet Test Camera", Model: "GPS 1" },
  IFD3: { GPSLatitudeRef: "N", GPSLatitude: "31/1 44/1 2/1", GPSLongitudeRef: "E", GPSLongitude: "119/1 34/1 5/1" },
};

/** Writes the fixture's pictures into `editionDir`. */
export async function drawPictures(editionDir: string): Promise<void> {
  // Stored 1200×900 with EXIF orientation 6: shown (and published) as 900×1200, portrait.
  await sharp(drawing(1200, 900, 20)).withMetadata({ orientation: 6 }).withExifMerge(GPS_EXIF).jpeg({ quality: 90 }).toFile(path.join(editionDir, "lead.jpg"));
  await sharp(drawing(900, 600, 200)).png().toFile(path.join(editionDir, "garden.png"));
  await sharp(drawing(1600, 2400, 90)).withExifMerge(GPS_EXIF).jpeg({ quality: 85 }).toFile(path.join(editionDir, "page-02.jpg"));
}

/** A fresh copy of the fixture content with its pictures; returns the content root. */
export async function makeFixture(): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), "broadsheet-images-"));
  const content = path.join(root, "content");
  await cp(FIXTURE, content, { recursive: true });
  await drawPictures(path.join(content, EDITION));
  return content;
}
