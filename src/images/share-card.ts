/**
 * The 1200×630 picture a link shows when shared (Open Graph / Twitter card): the masthead, the
 * headline, the date, and the photo when there is one. Text is set in SVG with the Noto CJK fonts
 * (librsvg finds them through fontconfig), so Chinese renders as the fonts installed by `.ci/run`.
 */
import { writeFile } from "node:fs/promises";
import { hashBytes, sha256Of } from "./cache.ts";
import { LIBRARY_VERSIONS, openImage } from "./counted-sharp.ts";
import { CARD_FAMILIES } from "./card-fonts.ts";
import type { Slots } from "./pool.ts";
import { PIPELINE_VERSION, SHARE_CARD, type SharpCounter } from "./settings.ts";

export interface ShareCardText {
  /** 金坛时报 */
  readonly paper: string;
  readonly kicker?: string;
  readonly headline: string;
  /** 2020年6月5日 星期五 · 第01版：要闻 */
  readonly dateLine: string;
  /** Smaller lines under the headline (the front page's other headlines). */
  readonly more?: readonly string[];
}

const SANS = `${CARD_FAMILIES[0]}, Noto Sans CJK, sans-serif`;
const SERIF = `${CARD_FAMILIES[1]}, Noto Serif CJK, serif`;
const RED = "#b3131b";
const PHOTO_WIDTH = 480;
const MARGIN = 60;

// 避头尾: these never start a line, they stay at the end of the previous one.
const NO_LINE_START = new Set([..."，。、；：？！）》」』”’…·%"]);

function emWidth(char: string): number {
  return /[\u0000-\u00ff]/.test(char) ? 0.55 : 1;
}

/** Breaks text into lines of at most `ems` em; the last line ends with … when the text is longer. */
export function wrapText(text: string, ems: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = "";
  let width = 0;
  for (const char of [...text.replace(/\s+/g, " ").trim()]) {
    const w = emWidth(char);
    if (width + w > ems && line && !NO_LINE_START.has(char)) {
      lines.push(line.trimEnd());
      line = "";
      width = 0;
    }
    if (char === " " && line === "") continue;
    line += char;
    width += w;
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${[...kept[maxLines - 1]!].slice(0, -1).join("")}…`;
  return kept;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function shareCardSvg(text: ShareCardText, withPhoto: boolean): string {
  const textWidth = SHARE_CARD.width - 2 * MARGIN - (withPhoto ? PHOTO_WIDTH : 0);
  const headlineSize = withPhoto ? 52 : 60;
  const headline = wrapText(text.headline, Math.floor(textWidth / headlineSize), 3);
  const parts: string[] = [];
  let y = 150;
  parts.push(`<text x="${MARGIN}" y="100" font-family="${SERIF}" font-weight="900" font-size="64" fill="${RED}">${escapeXml(text.paper)}</text>`);
  parts.push(`<rect x="${MARGIN}" y="122" width="${textWidth}" height="4" fill="${RED}"/>`);
  if (text.kicker) {
    y += 46;
    parts.push(`<text x="${MARGIN}" y="${y}" font-family="${SANS}" font-size="30" fill="#333">${escapeXml(wrapText(text.kicker, Math.floor(textWidth / 30), 1)[0]!)}</text>`);
    y += 18;
  } else y += 20;
  for (const line of headline) {
    y += headlineSize + 14;
    parts.push(`<text x="${MARGIN}" y="${y}" font-family="${SANS}" font-weight="700" font-size="${headlineSize}" fill="#111">${escapeXml(line)}</text>`);
  }
  for (const item of text.more ?? []) {
    if (y > 470) break;
    y += 46;
    parts.push(`<text x="${MARGIN}" y="${y}" font-family="${SANS}" font-size="28" fill="#333">· ${escapeXml(wrapText(item, Math.floor(textWidth / 28) - 2, 1)[0]!)}</text>`);
  }
  parts.push(`<rect x="${MARGIN}" y="540" width="${textWidth}" height="1.5" fill="#8a8170"/>`);
  parts.push(`<text x="${MARGIN}" y="584" font-family="${SANS}" font-size="26" fill="#555">${escapeXml(text.dateLine)}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SHARE_CARD.width}" height="${SHARE_CARD.height}"><rect width="100%" height="100%" fill="#f7f3ea"/>${parts.join("")}</svg>`;
}

/**
 * The card's key in the image cache, and so its published name: a hash of everything its bytes
 * depend on. The SVG it sets, not the text alone: a change in how cards are drawn gives every card
 * a new name, so no page keeps showing (and no CDN keeps caching, as immutable) a card drawn
 * before it. The faces that set the text (card-fonts.ts) and the libraries that draw and encode
 * it: a card made where either differs is another card, not one to take from the cache.
 */
export function shareCardKey(text: ShareCardText, photoHash: string | undefined, fonts: string): string {
  const svg = shareCardSvg(text, photoHash !== undefined);
  return hashBytes(JSON.stringify({ svg, photoHash: photoHash ?? "", fonts, libraries: LIBRARY_VERSIONS, SHARE_CARD, version: PIPELINE_VERSION }));
}

/** Composes the card and writes it as JPEG; `photo` is the source's bytes (oriented here). */
export async function renderShareCard(text: ShareCardText, photo: Buffer | undefined, file: string, pixelLimit: number, slots: Slots, counter?: SharpCounter): Promise<{ bytes: number; sha256: string }> {
  const layers: { input: Buffer; left: number; top: number }[] = [];
  if (photo) {
    const picture = await slots.run(() =>
      openImage(counter, photo, { limitInputPixels: pixelLimit, autoOrient: true })
        .resize({ width: PHOTO_WIDTH, height: SHARE_CARD.height, fit: "cover", position: "attention" })
        .toColourspace("srgb")
        .png()
        .toBuffer(),
    );
    layers.push({ input: picture, left: SHARE_CARD.width - PHOTO_WIDTH, top: 0 });
  }
  const jpeg = await slots.run(() =>
    openImage(counter, Buffer.from(shareCardSvg(text, photo !== undefined)))
      .composite(layers)
      // The SVG paints its own opaque background, so the alpha channel is dropped, not blended:
      // the same bytes as flattening onto the paper colour, for about a sixth less of a card's CPU
      // (24 cards, 2 at a time, 10 rounds in alternation: median 321 ms of CPU against 388).
      .removeAlpha()
      .jpeg(SHARE_CARD.jpeg)
      .toBuffer(),
  );
  await writeFile(file, jpeg);
  // Kept with the card: the manifest of every edition that publishes it needs its hash.
  return { bytes: jpeg.length, sha256: sha256Of(jpeg) };
}
