/**
 * How tall a story is in a box of a given width, computed from its text: every Chinese character
 * and full-width mark is one em wide, Latin letters and digits about 0.6 em, and lines break under
 * the 避头尾 rules (no 。，」 at the start of a line, no 「（ at its end). The type sizes here are
 * the ones assets/css/broadsheet.css sets on the page (in ems of the body type).
 */
import type { StoryPlacement, StoryType } from "../model/types.ts";
import type { PageGeometry } from "./geometry.ts";

export interface TextBlock {
  readonly kind: "paragraph" | "subhead";
  readonly text: string;
}

export interface LayoutImage {
  readonly caption: string;
  readonly credit?: string;
}

/** What the layout needs to know of a story. */
export interface LayoutStory {
  readonly slug: string;
  readonly type: StoryType;
  readonly title: string;
  readonly kicker?: string;
  readonly subtitle?: string;
  readonly dateline?: string;
  readonly blocks: readonly TextBlock[];
  /** Names printed after the text ("" when unsigned). */
  readonly byline: string;
  readonly images: readonly LayoutImage[];
  readonly attachedTo?: string;
  /** 下转第X版 / 上接第X版 lines printed with the story. */
  readonly jumpLines: number;
  readonly placement?: StoryPlacement;
}

/** Type sizes in ems of the body type; the stylesheet sets the same. */
export const TYPE = {
  headline: { lead: 2.6, news: 1.6, photo: 1.4, brief: 1.15, notice: 1.15, comment: 1.15 } satisfies Record<StoryType, number>,
  headlineLineHeight: 1.25,
  deck: 1.1,
  deckLineHeight: 1.35,
  headlineGroupGap: 0.5,
  caption: 0.9,
  captionLineHeight: 1.5,
  figureGap: 0.5,
  subheadExtra: 0.6,
  /** Height ÷ width of a photo: 2 : 3 in a box up to three columns wide, 2 : 5 in wider ones. */
  photoRatio: (columns: number) => (columns >= 4 ? 0.4 : 2 / 3),
} as const;

const LINE_START_FORBIDDEN = new Set([..."，。、；：？！）》」』”’〉】〕…—·％%,.;:?!)]}"]);
const LINE_END_FORBIDDEN = new Set([..."（《「『“‘〈【〔([{"]);

function advance(code: number): number {
  if (code === 0x20) return 0.3;
  if (code < 0x7f) return 0.6;
  // Latin-1 and other narrow scripts; everything CJK, full-width or symbol is one em.
  if (code < 0x2e80 && !(code >= 0x2010 && code <= 0x206f) && !(code >= 0x2190 && code <= 0x2bff)) return 0.6;
  return 1;
}

// A token's kind: its line-breaking class, and its width (one em unless NARROW or SPACE; a WORD's
// width is in `words`).
const WORD = 1;
const STARTS_FORBIDDEN = 2;
const OPENS = 4;
const NARROW = 8;
const SPACE = 16;
/** In CHARACTER_KIND only: a Latin letter or digit, joined with its neighbours into a WORD. */
const LETTER = 32;

/** Width in ems of a token kind that is not a WORD: by its NARROW and SPACE bits. */
const WIDTH_OF_KIND = Float64Array.of(1, 0.6, 0.3);

/**
 * A text as a row of tokens: one per character, one per unbroken Latin word. Made once per text.
 * One byte a token (its kind), and a width for each word: a year of content is five million tokens.
 */
export interface Tokens {
  readonly kinds: Uint8Array;
  readonly words: Float64Array;
}

/** Line-breaking class of every BMP code point: STARTS_FORBIDDEN, OPENS or 0. */
const BREAK_CLASS = (() => {
  const table = new Uint8Array(0x10000);
  for (const char of LINE_START_FORBIDDEN) table[char.charCodeAt(0)] = STARTS_FORBIDDEN;
  for (const char of LINE_END_FORBIDDEN) table[char.charCodeAt(0)] = OPENS;
  return table;
})();

function widthBits(width: number): number {
  return width === 0.6 ? NARROW : width === 0.3 ? SPACE : 0;
}

/** The kind of every BMP code point (LETTER for the characters that make words). */
const CHARACTER_KIND = (() => {
  const table = new Uint8Array(0x10000);
  for (let code = 0; code < 0x10000; code++) {
    const letter = (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
    table[code] = letter ? LETTER : widthBits(advance(code)) | BREAK_CLASS[code]!;
  }
  return table;
})();

// Tokens are views into shared blocks of memory: a typed array of its own for every text is an
// allocation outside the heap each, which was most of the time tokenizing a year of content took.
const BLOCK_SIZE = 1 << 18;
let kindBlock = new Uint8Array(0);
let kindsUsed = 0;
let wordBlock = new Float64Array(0);
let wordsUsed = 0;

export function tokenize(text: string): Tokens {
  // At most one token per character, and one word per two characters (words are apart).
  if (kindsUsed + text.length > kindBlock.length) {
    kindBlock = new Uint8Array(Math.max(BLOCK_SIZE, text.length));
    kindsUsed = 0;
  }
  const wordRoom = (text.length >> 1) + 1;
  if (wordsUsed + wordRoom > wordBlock.length) {
    wordBlock = new Float64Array(Math.max(BLOCK_SIZE >> 2, wordRoom));
    wordsUsed = 0;
  }
  const kinds = kindBlock;
  const words = wordBlock;
  const start = kindsUsed;
  const wordStart = wordsUsed;
  let count = start;
  let wordCount = wordStart;
  let word = 0;
  for (let index = 0; index < text.length; index++) {
    let code = text.charCodeAt(index);
    let kind = CHARACTER_KIND[code]!;
    if (kind === LETTER) {
      word += 0.6;
      continue;
    }
    if (word > 0) {
      words[wordCount++] = word;
      kinds[count++] = WORD;
      word = 0;
    }
    // A surrogate pair is one character (outside the BMP: CJK extensions, symbols — one em).
    if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      code = text.codePointAt(index)!;
      index += 1;
      kind = widthBits(advance(code)) | (code < 0x10000 ? BREAK_CLASS[code]! : 0);
    }
    kinds[count++] = kind;
  }
  if (word > 0) {
    words[wordCount++] = word;
    kinds[count++] = WORD;
  }
  kindsUsed = count;
  wordsUsed = wordCount;
  return { kinds: kinds.subarray(start, count), words: words.subarray(wordStart, wordCount) };
}

/** Lines the tokens take in a column `width` ems wide, starting `indent` ems in. The hot loop of the layout. */
export function tokenLines(tokens: Tokens, width: number, indent = 0): number {
  if (width < 1) width = 1;
  const { kinds, words } = tokens;
  const limit = width + 1e-6;
  let lines = 1;
  let x = indent;
  let previous = 0;
  let previousOpens = false;
  let wordIndex = 0;
  for (let index = 0; index < kinds.length; index++) {
    const kind = kinds[index]!;
    if (kind & WORD) {
      let advanceBy = words[wordIndex++]!;
      if (x + advanceBy > limit && x > 0) {
        lines += 1;
        x = 0;
      }
      // A word longer than a line breaks anywhere (overflow-wrap: anywhere).
      while (advanceBy > width) {
        advanceBy -= width;
        lines += 1;
      }
      x += advanceBy;
      previous = 0.6;
      previousOpens = false;
      continue;
    }
    const advanceBy = WIDTH_OF_KIND[(kind >> 3) & 3]!;
    if (x + advanceBy <= limit) {
      x += advanceBy;
    } else {
      lines += 1;
      // 避头尾: the character before a closing mark moves down with it; an opening mark never ends a line.
      x = kind & STARTS_FORBIDDEN || previousOpens ? previous + advanceBy : advanceBy;
    }
    previous = advanceBy;
    previousOpens = (kind & OPENS) !== 0;
  }
  return lines;
}

/**
 * Lines a text takes in a column `width` ems wide, starting `indent` ems in. Runs of Latin letters
 * and digits do not break; a character that may not start a line takes the one before it along.
 */
export function lineCount(text: string, width: number, indent = 0): number {
  return tokenLines(tokenize(text), width, indent);
}

/** The tokens of a body's blocks (the dateline run in at the start of a first paragraph), made once per body. */
interface BodyTokens {
  readonly dateline: string | undefined;
  readonly tokens: readonly Tokens[];
}

// Keyed by the blocks array, which the model makes once per article: the layout measures each
// block at several widths, and the build lays out a page for more than one view.
const bodyTokens = new WeakMap<readonly TextBlock[], BodyTokens>();

function tokensOfBody(story: LayoutStory): readonly Tokens[] {
  let cached = bodyTokens.get(story.blocks);
  if (!cached || cached.dateline !== story.dateline) {
    const tokens = story.blocks.map((block, index) =>
      tokenize(block.kind === "paragraph" && index === 0 && story.dateline ? `${story.dateline}　${block.text}` : block.text),
    );
    cached = { dateline: story.dateline, tokens };
    bodyTokens.set(story.blocks, cached);
  }
  return cached.tokens;
}

/** Text columns a story's body is set in inside a box `columns` grid columns wide. */
export function textColumns(story: Pick<LayoutStory, "type">, columns: number): number {
  if (story.type === "brief" || story.type === "notice" || story.type === "comment") return columns >= 4 ? 2 : 1;
  if (story.type === "photo") return columns >= 4 ? 2 : 1;
  return columns;
}

/** Width of a box's content, in ems. */
export function innerWidth(geometry: PageGeometry, columns: number): number {
  // 0.1 em covers the hairline rule (one pixel) drawn inside a box.
  return columns * geometry.columnWidth - geometry.boxPaddingX - 0.1;
}

function deckHeight(text: string | undefined, inner: number, size: number): number {
  if (!text) return 0;
  return lineCount(text, inner / size) * size * TYPE.deckLineHeight;
}

/** Height in ems of the headline group: 引题, 主题, 副题. */
export function headingHeight(story: LayoutStory, inner: number, headlineSize: number): number {
  const subtitle = story.subtitle ? (story.subtitle.startsWith("——") ? story.subtitle : `——${story.subtitle}`) : undefined;
  return (
    deckHeight(story.kicker, inner, TYPE.deck) +
    lineCount(story.title, inner / headlineSize) * headlineSize * TYPE.headlineLineHeight +
    deckHeight(subtitle, inner, TYPE.deck) +
    TYPE.headlineGroupGap
  );
}

// A story is measured at a few widths (most widths of its box give the same text column) but
// asked for them many times while the engine tries out bands: lines by width, per story.
const measuredLines = new WeakMap<LayoutStory, Map<number, number>>();

/** Body lines of a story set `width` ems wide (one text column), byline and jump lines included. */
export function bodyLines(story: LayoutStory, width: number): number {
  let byWidth = measuredLines.get(story);
  if (!byWidth) {
    byWidth = new Map();
    measuredLines.set(story, byWidth);
  }
  let lines = byWidth.get(width);
  if (lines === undefined) {
    lines = countBodyLines(story, width);
    byWidth.set(width, lines);
  }
  return lines;
}

function countBodyLines(story: LayoutStory, width: number): number {
  const tokens = tokensOfBody(story);
  let lines = 0;
  story.blocks.forEach((block, index) => {
    // The dateline runs in at the start of the first paragraph (it is in that paragraph's tokens).
    if (block.kind === "subhead") lines += tokenLines(tokens[index]!, width) + TYPE.subheadExtra;
    else lines += tokenLines(tokens[index]!, width, 2);
  });
  if (story.blocks.length === 0 && story.dateline) lines += lineCount(story.dateline, width, 2);
  if (story.byline) lines += lineCount(story.byline, width);
  return lines + story.jumpLines;
}

export interface StoryShape {
  /** Grid rows (body lines) the story needs, headline, photos and padding included. */
  readonly rows: number;
  /** Lines of text in each of its text columns. */
  readonly bodyLines: number;
}

/** How a story sets in a box `columns` wide. */
export function storyShape(story: LayoutStory, columns: number, geometry: PageGeometry, headlineSize = TYPE.headline[story.type]): StoryShape {
  const inner = innerWidth(geometry, columns);
  let height = geometry.boxPaddingTop + headingHeight(story, inner, headlineSize);
  for (const image of story.images) {
    const caption = image.credit ? `${image.caption} ${image.credit}` : image.caption;
    height += inner * TYPE.photoRatio(columns) + lineCount(caption, inner / TYPE.caption) * TYPE.caption * TYPE.captionLineHeight + TYPE.figureGap;
  }
  const count = textColumns(story, columns);
  const columnWidth = (inner - (count - 1) * geometry.textColumnGap) / count;
  const lines = bodyLines(story, Math.floor(columnWidth + 1e-6));
  // Balanced columns end within a line of each other; one more line covers the balancing.
  const perColumn = Math.ceil(lines / count - 1e-6) + (count > 1 ? 1 : 0);
  height += perColumn * geometry.line + geometry.boxPaddingBottom;
  return { rows: Math.ceil(height / geometry.line - 1e-6), bodyLines: perColumn };
}

/** Grid rows (body lines) a story needs in a box `columns` wide. */
export function storyRows(story: LayoutStory, columns: number, geometry: PageGeometry, headlineSize = TYPE.headline[story.type]): number {
  return storyShape(story, columns, geometry, headlineSize).rows;
}

/** Loosest leading a stretched box may take, as a multiple of the body line. */
export const MAX_LEADING = 1.3;

/**
 * Leading for a box given more rows than its text needs: as a layout editor does (撑版), the
 * lines open up to fill the box, in steps of 5%, never past MAX_LEADING. Returns a percentage.
 */
export function leadingPercent(rows: number, needed: number, bodyLines: number): number {
  if (rows <= needed || bodyLines <= 0) return 100;
  const factor = Math.min(MAX_LEADING, (rows - needed + bodyLines) / bodyLines);
  return 100 + Math.floor((factor - 1) * 20 + 1e-9) * 5;
}
