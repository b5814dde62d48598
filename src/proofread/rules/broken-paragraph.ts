/**
 * broken-paragraph: a paragraph that stops mid-sentence and goes on in the next one, where a
 * scraped column broke (`…秉承“…”理` / `念，践行…`). Reported when the first paragraph ends on a Han
 * character and the next begins with one (or with a mark that cannot start a sentence), and the
 * first reads as running text rather than a subhead (long, or with punctuation inside).
 * Fix: join the two paragraphs.
 */
import type { ArticleText } from "../context.ts";
import { isHan } from "../chinese.ts";
import type { Finding } from "../finding.ts";
import { isMasked, textEnd, textStart } from "../prose.ts";

export const RULE = "broken-paragraph";

/** Marks that never open a sentence: a paragraph starting with one continues the previous. */
const CONTINUATION = /[，、。；：！？）》」』”]/u;
/** A subhead is short and has no punctuation inside; running text is longer or has some. */
const RUNNING_TEXT = /[，；：“”（）,;:()]/u;

export function brokenParagraph(text: ArticleText): Finding[] {
  const findings: Finding[] = [];
  const blocks = text.blocks;
  for (let index = 0; index + 1 < blocks.length; index++) {
    const first = blocks[index]!;
    const next = blocks[index + 1]!;
    if (first.kind !== "paragraph" || next.kind !== "paragraph" || !first.topLevel || !next.topLevel) continue;
    const end = textEnd(first);
    if (end !== first.text.length || isMasked(first, end - 1)) continue; // ends in emphasis or code: a label, not a break
    const last = first.text[end - 1];
    const nextStart = textStart(next);
    if (nextStart !== 0) continue;
    const following = next.text[0];
    if (!isHan(last) || !(isHan(following) || CONTINUATION.test(following ?? ""))) continue;
    const running = [...first.text].length >= 16 || RUNNING_TEXT.test(first.text);
    if (!running) continue;
    const lastLine = first.lineStarts.length - 1;
    const fix = {
      line: text.source.bodyLine + first.startLine + lastLine,
      column: first.text.length - first.lineStarts[lastLine]! + 1,
      endLine: text.source.bodyLine + next.startLine,
      endColumn: 1,
      replacement: "",
      description: `joined "…${first.text.slice(-4)}" and "${next.text.slice(0, 4)}…"`,
    };
    findings.push(
      text.finding(RULE, "warning", first, end - 1, `paragraph ends mid-sentence on "${last}" and the next goes on with "${following}": probably one paragraph broken in two`, fix),
    );
  }
  return findings;
}
