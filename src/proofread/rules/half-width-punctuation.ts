/**
 * half-width-punctuation: `今年以来,我区` — a half-width , : ; ! ? ( ) or . in Chinese text, as left
 * by text copied from a web page. Fix: the full-width mark. Digits on both sides (1,000 · 10:30 ·
 * 3.5) and anything in code or URLs are left alone.
 */
import type { ArticleText } from "../context.ts";
import { isChinese, isHan } from "../chinese.ts";
import type { Finding } from "../finding.ts";
import { isMasked } from "../prose.ts";

export const RULE = "half-width-punctuation";

const FULL: Record<string, string> = { ",": "，", ":": "：", ";": "；", "!": "！", "?": "？", ".": "。", "(": "（", ")": "）" };
const isDigit = (char: string | undefined) => char !== undefined && char >= "0" && char <= "9";

export function halfWidthPunctuation(text: ArticleText): Finding[] {
  const findings: Finding[] = [];
  for (const block of text.blocks) {
    const chars = block.text;
    if (!/[,:;!?.()]/.test(chars)) continue;
    const report = (offset: number, mark: string) => {
      const full = FULL[mark]!;
      findings.push(text.finding(RULE, "warning", block, offset, `half-width "${mark}" in Chinese text: expected "${full}"`, text.fix(block, offset, offset + 1, full, `"${mark}" → "${full}"`)));
    };
    // Brackets go in pairs: both become full-width when the pair sits in Chinese text.
    for (const match of chars.matchAll(/\(([^()\n]*)\)/g)) {
      const start = match.index!;
      const end = start + match[0].length - 1;
      if (isMasked(block, start, end + 1)) continue;
      if (isHan(chars[start - 1]) || /\p{Script=Han}/u.test(match[1]!)) {
        report(start, "(");
        report(end, ")");
      }
    }
    for (const match of chars.matchAll(/[,:;!?.]/g)) {
      const mark = match[0];
      const offset = match.index!;
      const before = chars[offset - 1];
      const after = chars[offset + 1];
      if (isDigit(before) && isDigit(after)) continue;
      if (isMasked(block, offset)) continue;
      const chinese =
        mark === "."
          ? isHan(before) && (after === undefined || after === "\n" || isChinese(after))
          : isChinese(before) || (isHan(after) && before !== undefined && !/[A-Za-z0-9]/.test(before));
      if (chinese) report(offset, mark);
    }
  }
  return findings.sort((a, b) => a.line - b.line || a.column - b.column);
}
