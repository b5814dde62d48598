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
const INLINE_MARKUP = /[\n\\`*_~[<&]/;

/**
 * Inline source that renders as plain text (escaped), with its markup taken off: text without
 * markup, or all of it bold (**区发改委 王伟：** opening an answer in an interview), which renders
 * as <strong>…</strong> when the text inside starts and ends with something other than white
 * space (or a variation selector, which cjk-friendly looks behind).
 */
function plainInline(content: string): string | undefined {
  if (!INLINE_MARKUP.test(content)) return content;
  if (content.length <= 4 || !content.startsWith("**") || !content.endsWith("**")) return undefined;
  const inner = content.slice(2, -2);
  if (INLINE_MARKUP.test(inner) || /^\s|[\s\ufe00-\ufe0f]$/.test(inner)) return undefined;
  return inner;
}

/**
 * The body's blocks as textBlocksFromHtml(renderBody(source).pageHtml) gives them, or undefined
 * when that needs the rendering: lists, tables, or a block with other inline markup.
 */
export function plainTextBlocks(source: string): BodyBlock[] | undefined {
  if (source.includes("\r") || source.includes("\0")) return undefined;
  const outline = bodyOutline(source);
  if (!outline.simple) return undefined;
  const blocks: BodyBlock[] = [];
  for (const block of outline.blocks) {
    const plain = plainInline(block.content);
    if (plain === undefined) return undefined;
    const text = plain.replace(/\s+/g, " ").trim();
    if (text) blocks.push({ kind: block.kind === "heading" ? "subhead" : "paragraph", text });
  }
  return blocks;
}
