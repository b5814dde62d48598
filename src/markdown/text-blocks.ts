/**
 * A body's paragraphs and subheads as plain text: what the layout measures. The text is what a
 * reader sees of the rendered HTML (tags dropped, entities decoded, white space collapsed).
 * Most paragraphs are plain text with no markup: their text comes straight from the block
 * parser's outline, without the inline parse and the rendering.
 */
import type { BodyBlock } from "../model/types.ts";
import { bodyOutline } from "./render-markdown.ts";

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };

function plainText(markup: string): string {
  return markup
    .replace(/<[^>]+>/g, "")
    .replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]!)
    .replace(/\s+/g, " ")
    .trim();
}

/** Paragraphs and subheads of a body rendered by renderBody (p, h1–h6, li, one level deep). */
export function textBlocksFromHtml(bodyHtml: string): BodyBlock[] {
  const blocks: BodyBlock[] = [];
  for (const match of bodyHtml.matchAll(/<(p|h[1-6]|li)\b[^>]*>([\s\S]*?)<\/\1>/g)) {
    const text = plainText(match[2]!);
    if (text) blocks.push({ kind: match[1]!.startsWith("h") ? "subhead" : "paragraph", text });
  }
  return blocks;
}

// Characters where markdown-it's inline rules may start (escape, code, emphasis, strikethrough,
// links and images, autolinks, entities) or a line break is (cjk-breaks). Inline text with none of
// them renders as itself, escaped: one text token.
const INLINE_MARKUP = "\n\\`*_~[<&";
const MARKUP = 1;
const WHITE = 2;

/** The white space of JavaScript's \s (what the HTML text's white space collapsing uses). */
export const WHITE_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";

/** MARKUP and WHITE of every BMP code unit: one look-up a character, one pass over the text. */
const CHARACTER_CLASS = (() => {
  const table = new Uint8Array(0x10000);
  for (const char of WHITE_SPACE) table[char.charCodeAt(0)] = WHITE;
  for (const char of INLINE_MARKUP) table[char.charCodeAt(0)] = table[char.charCodeAt(0)]! | MARKUP;
  return table;
})();

/** The classes of the characters of a text, OR'ed; stops at the first MARKUP. */
function classesOf(text: string): number {
  let classes = 0;
  for (let index = 0; index < text.length; index++) {
    classes |= CHARACTER_CLASS[text.charCodeAt(index)]!;
    if (classes & MARKUP) break;
  }
  return classes;
}

/**
 * The text a reader sees of inline source that renders as plain text, or undefined when it has
 * other markup: text without markup, or all of it bold (**区发改委 王伟：** opening an answer in
 * an interview), which renders as <strong>…</strong> when the text inside starts and ends with
 * something other than white space (or a variation selector, which cjk-friendly looks behind).
 */
function plainInlineText(content: string): string | undefined {
  let text = content;
  let classes = classesOf(text);
  if (classes & MARKUP) {
    if (content.length <= 4 || !content.startsWith("**") || !content.endsWith("**")) return undefined;
    text = content.slice(2, -2);
    classes = classesOf(text);
    const last = text.charCodeAt(text.length - 1);
    if (classes & MARKUP || CHARACTER_CLASS[text.charCodeAt(0)]! & WHITE || CHARACTER_CLASS[last]! & WHITE || (last >= 0xfe00 && last <= 0xfe0f)) return undefined;
  }
  return classes & WHITE ? text.replace(/\s+/g, " ").trim() : text;
}

/**
 * The body's blocks as textBlocksFromHtml(renderBody(source).pageHtml) gives them, or undefined
 * when that needs the rendering: lists, tables, or a block with other inline markup.
 */
export function plainTextBlocks(source: string): BodyBlock[] | undefined {
  const outline = bodyOutline(source);
  if (!outline.simple) return undefined;
  const blocks: BodyBlock[] = [];
  for (const block of outline.blocks) {
    const text = plainInlineText(block.content);
    if (text === undefined) return undefined;
    if (text) blocks.push({ kind: block.kind === "heading" ? "subhead" : "paragraph", text });
  }
  return blocks;
}
