/**
 * half-width-punctuation: `今年以来,我区` — a half-width , : ; ! ? ( ) or . in Chinese text, as left
 * by text copied from a web page, in the body and in the printed front-matter fields (title,
 * kicker, subtitle). Fix: the full-width mark. Digits on both sides (1,000 · 10:30 · 3.5) and
 * anything in code or URLs are left alone; a quoted front-matter value is reported, not rewritten.
 */
import { readFileSync } from "node:fs";
import type { ArticleText } from "../context.ts";
import { isChinese, isHan } from "../chinese.ts";
import type { Finding } from "../finding.ts";
import { isMasked, type ProseBlock } from "../prose.ts";

export const RULE = "half-width-punctuation";

const FULL: Record<string, string> = { ",": "，", ":": "：", ";": "；", "!": "！", "?": "？", ".": "。", "(": "（", ")": "）" };
const isDigit = (char: string | undefined) => char !== undefined && char >= "0" && char <= "9";
const PRINTED_FIELDS = ["title", "kicker", "subtitle"] as const;

/** Offsets of half-width marks in Chinese context, in text order. */
export function halfWidthMarks(chars: string, masked: (start: number, end?: number) => boolean = () => false): number[] {
  if (!/[,:;!?.()]/.test(chars)) return [];
  const offsets: number[] = [];
  // Brackets go in pairs: both become full-width when the pair sits in Chinese text.
  for (const match of chars.matchAll(/\(([^()\n]*)\)/g)) {
    const start = match.index!;
    const end = start + match[0].length - 1;
    if (masked(start, end + 1)) continue;
    if (isHan(chars[start - 1]) || /\p{Script=Han}/u.test(match[1]!)) offsets.push(start, end);
  }
  for (const match of chars.matchAll(/[,:;!?.]/g)) {
    const offset = match.index!;
    const before = chars[offset - 1];
    const after = chars[offset + 1];
    if ((isDigit(before) && isDigit(after)) || masked(offset)) continue;
    const chinese =
      match[0] === "."
        ? isHan(before) && (after === undefined || after === "\n" || isChinese(after))
        : isChinese(before) || (isHan(after) && before !== undefined && !/[A-Za-z0-9]/.test(before));
    if (chinese) offsets.push(offset);
  }
  return offsets.sort((a, b) => a - b);
}

function fieldFindings(text: ArticleText): Finding[] {
  const findings: Finding[] = [];
  let lines: string[] | undefined;
  for (const field of PRINTED_FIELDS) {
    const value = text.source.data[field];
    if (typeof value !== "string") continue;
    const offsets = halfWidthMarks(value);
    if (offsets.length === 0) continue;
    const line = text.fieldLine(field);
    // Rewritten only when the line is exactly `field: value` (a plain scalar), read from the file
    // now: a quoted or folded value could mean something else after an edit.
    lines ??= (() => {
      try {
        return readFileSync(text.source.absolutePath, "utf8").replace(/^\uFEFF/, "").split(/\r?\n/);
      } catch {
        return [];
      }
    })();
    const prefix = `${field}: `;
    const plain = lines[line - 1] === `${prefix}${value}`;
    for (const offset of offsets) {
      const mark = value[offset]!;
      const column = plain ? prefix.length + offset + 1 : 1;
      const fix = plain ? [{ line, column, endLine: line, endColumn: column + 1, replacement: FULL[mark]!, description: `${field}: "${mark}" → "${FULL[mark]}"` }] : undefined;
      findings.push({ rule: RULE, severity: "warning", file: text.source.file, line, column, message: `${field}: half-width "${mark}" in Chinese text: expected "${FULL[mark]}"`, fixes: fix });
    }
  }
  return findings;
}

export function halfWidthPunctuation(text: ArticleText): Finding[] {
  const findings: Finding[] = fieldFindings(text);
  for (const block of text.blocks) {
    for (const offset of halfWidthMarks(block.text, (start, end) => isMasked(block as ProseBlock, start, end))) {
      const mark = block.text[offset]!;
      const full = FULL[mark]!;
      findings.push(text.finding(RULE, "warning", block, offset, `half-width "${mark}" in Chinese text: expected "${full}"`, text.fix(block, offset, offset + 1, full, `"${mark}" → "${full}"`)));
    }
  }
  return findings.sort((a, b) => a.line - b.line || a.column - b.column);
}
