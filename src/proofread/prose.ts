/**
 * Which parts of an article body are prose. markdown-it's block parser (the renderer's markdown-it instance and
 * options the renderer uses) says which lines are paragraphs and headings — code blocks, fences,
 * HTML blocks, tables and link definitions are never prose. Inside those lines, code spans, link
 * destinations, autolinks and bare URLs are masked, so no rule reports or rewrites them.
 */
import { bodyOutline, type BodyOutline } from "../markdown/render-markdown.ts";

export interface ProseBlock {
  readonly kind: "paragraph" | "heading";
  /** True for a paragraph directly in the body (not in a list, quote or table). */
  readonly topLevel: boolean;
  /** 0-based body line of the first line, and one past the last. */
  readonly startLine: number;
  readonly endLine: number;
  /** The block's source lines joined by \n, exactly as written. */
  readonly text: string;
  /** Offset in `text` where each line starts. */
  readonly lineStarts: readonly number[];
  /** Ranges of `text` [start, end) that are not prose (code, URLs). Sorted. */
  readonly masked: readonly (readonly [number, number])[];
}

// The renderer's own markdown-it, block parser only: inline parsing is not needed to know where
// prose is, and is most of the cost.

// Code spans (a run of backticks closed by a run of the same length), link destinations `](…)`,
// autolinks and tags `<…>`, bare URLs and e-mail addresses.
const NOT_PROSE = /(`+)[\s\S]*?[^`]\1(?!`)|``|\]\([^)\n]*\)|<[^<>\n]*>|(?:https?|ftp|mailto|javascript|data):[^\s，。；）》」”]*|www\.[^\s，。；）》」”]+|[\w.+-]+@[\w-]+\.[\w.-]+/gi;

function maskedRanges(text: string): [number, number][] {
  if (!/[`\]<:@]|www\./.test(text)) return [];
  const ranges: [number, number][] = [];
  for (const match of text.matchAll(NOT_PROSE)) ranges.push([match.index!, match.index! + match[0].length]);
  return ranges;
}

export function proseBlocks(body: string, outline: BodyOutline = bodyOutline(body)): ProseBlock[] {
  // Offsets of line starts: blocks are sliced from the body, not rebuilt from split lines.
  const starts = [0];
  for (let index = body.indexOf("\n"); index >= 0; index = body.indexOf("\n", index + 1)) starts.push(index + 1);
  const lineStart = (line: number) => (line < starts.length ? starts[line]! : body.length + 1);
  return outline.blocks.map(({ kind, topLevel, startLine, endLine }) => {
    const from = lineStart(startLine);
    const text = body.slice(from, Math.max(from, lineStart(endLine) - 1));
    const lineStarts: number[] = [];
    for (let line = startLine; line < endLine; line++) lineStarts.push(lineStart(line) - from);
    return { kind, topLevel, startLine, endLine, text, lineStarts, masked: maskedRanges(text) };
  });
}

export function isMasked(block: ProseBlock, start: number, end = start + 1): boolean {
  for (const [from, to] of block.masked) if (start < to && end > from) return true;
  return false;
}

/** 0-based body line and 0-based column of an offset in a block. */
export function positionIn(block: ProseBlock, offset: number): { line: number; column: number } {
  let line = 0;
  while (line + 1 < block.lineStarts.length && block.lineStarts[line + 1]! <= offset) line++;
  return { line: block.startLine + line, column: offset - block.lineStarts[line]! };
}

/** Offset of the first character of running text: after list/quote markers, heading marks and emphasis. */
export function textStart(block: ProseBlock): number {
  const match = /^(?:\s*(?:#{1,6}\s+|>\s*|[-*+]\s+|\d+[.)]\s+))*[*_\s]*/.exec(block.text);
  return match ? match[0].length : 0;
}

/** Offset one past the last character of running text (before closing emphasis and spaces). */
export function textEnd(block: ProseBlock): number {
  let end = block.text.length;
  while (end > 0 && "*_# \t\n".includes(block.text[end - 1]!)) end--;
  return end;
}
