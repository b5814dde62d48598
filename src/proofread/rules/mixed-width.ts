/**
 * mixed-width: one story writing digits or Latin letters both full-width (２０２０, ＡＰＰ) and
 * half-width (2020, APP). Fix: every minority-form run rewritten in the story's majority form
 * (half-width on a tie, the national standard's preference for numbers).
 */
import type { ArticleText } from "../context.ts";
import type { Finding } from "../finding.ts";
import { isMasked } from "../prose.ts";

export const RULE = "mixed-width";

const FULL_RUN = /[０-９Ａ-Ｚａ-ｚ]+/gu;
const HALF_RUN = /[0-9A-Za-z]+/g;
const toHalf = (text: string) => text.replace(/[０-９Ａ-Ｚａ-ｚ]/gu, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0));
const toFull = (text: string) => text.replace(/[0-9A-Za-z]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0));

export function mixedWidth(text: ArticleText): Finding[] {
  // Most stories have no full-width digit or letter at all: then nothing can be mixed.
  if (!/[０-９Ａ-Ｚａ-ｚ]/u.test(text.source.body)) return [];
  const runs = { full: [] as { block: number; offset: number; run: string }[], half: [] as { block: number; offset: number; run: string }[] };
  text.blocks.forEach((block, index) => {
    if (!/[０-９Ａ-Ｚａ-ｚ]/u.test(block.text)) {
      // Only a story that has a full-width run somewhere can be mixed; count half-width chars cheaply.
      for (const match of block.text.matchAll(HALF_RUN)) if (!isMasked(block, match.index!, match.index! + match[0].length)) runs.half.push({ block: index, offset: match.index!, run: match[0] });
      return;
    }
    for (const match of block.text.matchAll(FULL_RUN)) if (!isMasked(block, match.index!)) runs.full.push({ block: index, offset: match.index!, run: match[0] });
    for (const match of block.text.matchAll(HALF_RUN)) if (!isMasked(block, match.index!, match.index! + match[0].length)) runs.half.push({ block: index, offset: match.index!, run: match[0] });
  });
  if (runs.full.length === 0 || runs.half.length === 0) return [];
  const count = (list: { run: string }[]) => list.reduce((sum, item) => sum + item.run.length, 0);
  const fullWins = count(runs.full) > count(runs.half);
  const minority = fullWins ? runs.half : runs.full;
  const convert = fullWins ? toFull : toHalf;
  const form = fullWins ? "full-width" : "half-width";
  return minority.map(({ block: index, offset, run }) => {
    const block = text.blocks[index]!;
    const replacement = convert(run);
    return text.finding(
      RULE,
      "warning",
      block,
      offset,
      `"${run}" mixes widths: this story writes digits and letters ${form} elsewhere; expected "${replacement}"`,
      text.fix(block, offset, offset + run.length, replacement, `"${run}" → "${replacement}"`),
    );
  });
}
