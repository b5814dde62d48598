/**
 * unbalanced-brackets: a quote or bracket opened and never closed, or closed without being opened,
 * within a paragraph: “” ‘’ 「」 『』 《》 （） 【】 〈〉. A quotation running over several paragraphs
 * follows the Chinese convention — an opening mark at the start of each paragraph, the closing one
 * only at the end — and is accepted. No fix: only the editor knows where the mark belongs.
 */
import type { ArticleText } from "../context.ts";
import type { Finding } from "../finding.ts";
import { isMasked, textStart } from "../prose.ts";

export const RULE = "unbalanced-brackets";

const PAIRS: Record<string, string> = { "“": "”", "‘": "’", "「": "」", "『": "』", "《": "》", "（": "）", "【": "】", "〈": "〉" };
const MARKS = /[“”‘’「」『』《》（）【】〈〉]/g;
const CLOSERS = new Map(Object.entries(PAIRS).map(([open, close]) => [close, open]));

export function unbalancedBrackets(text: ArticleText): Finding[] {
  const findings: Finding[] = [];
  const blocks = text.blocks;
  blocks.forEach((block, index) => {
    const chars = block.text;
    if (!/[“”‘’「」『』《》（）【】〈〉]/.test(chars)) return;
    const open: { mark: string; offset: number }[] = [];
    for (const match of chars.matchAll(MARKS)) {
      const char = match[0];
      const offset = match.index!;
      if (isMasked(block, offset)) continue;
      if (PAIRS[char] !== undefined) {
        open.push({ mark: char, offset });
        continue;
      }
      const expected = CLOSERS.get(char)!;
      const top = open[open.length - 1];
      if (top?.mark === expected) {
        open.pop();
      } else if (open.some((item) => item.mark === expected)) {
        // Closed across another open mark: report the one left open inside.
        findings.push(text.finding(RULE, "error", block, top!.offset, `"${top!.mark}" is not closed before "${char}": expected "${PAIRS[top!.mark]}"`));
        while (open.length && open[open.length - 1]!.mark !== expected) open.pop();
        open.pop();
      } else {
        findings.push(text.finding(RULE, "error", block, offset, `"${char}" closes nothing: expected "${expected}" before it in this paragraph`));
      }
    }
    // An opening quote left open is fine when the next paragraph starts with the same mark.
    const next = blocks[index + 1];
    const continues = next !== undefined && next.kind === "paragraph" && next.text[textStart(next)] === open[open.length - 1]?.mark;
    open.forEach((item, position) => {
      if (continues && position === 0 && open.length === 1) return;
      findings.push(text.finding(RULE, "error", block, item.offset, `"${item.mark}" is never closed in this paragraph: expected "${PAIRS[item.mark]}"`));
    });
  });
  return findings;
}
