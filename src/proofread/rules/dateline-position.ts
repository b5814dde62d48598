/**
 * dateline-position: a 电头 (本报讯, 新华社北京6月4日电) belongs at the very start of a story, and in
 * Broadsheet in the `dateline:` field, which prints it run in before the first paragraph.
 * - At the start of the body with no `dateline:` field → fix: move it to the field.
 * - At the start of the body repeating the `dateline:` field → fix: remove it from the body.
 * - Anywhere else in the body → reported; only the editor knows whether it is a quote or a slip.
 */
import type { ArticleText } from "../context.ts";
import type { Finding } from "../finding.ts";
import { isMasked, textStart } from "../prose.ts";

export const RULE = "dateline-position";

export const DATELINE = /本报讯|(?:本报|新华社|中新社|人民日报|新华网)(?:记者)?[\p{Script=Han}\d]{0,14}?\d{1,2}月\d{1,2}日电|(?:本报|新华社|中新社)(?:[\p{Script=Han}]{2,6})电(?![话脑视力影子器源网])/gu;
/** After the dateline: the space or full-width space that separates it from the text. */
const SEPARATOR = /^[ \u3000]+|^[，：]/u;

export function datelinePosition(text: ArticleText): Finding[] {
  const findings: Finding[] = [];
  const field = typeof text.source.data.dateline === "string" ? text.source.data.dateline.trim() : undefined;
  text.blocks.forEach((block, index) => {
    if (!/本报|新华|中新|人民日报/u.test(block.text)) return;
    for (const match of block.text.matchAll(DATELINE)) {
      const offset = match.index!;
      if (isMasked(block, offset)) continue;
      const atStart = index === 0 && block.kind === "paragraph" && offset === textStart(block);
      if (!atStart) {
        findings.push(text.finding(RULE, "warning", block, offset, `电头 "${match[0]}" in the middle of the story: a dateline belongs at its start (the dateline: field)`));
        continue;
      }
      const separator = SEPARATOR.exec(block.text.slice(offset + match[0].length))?.[0] ?? "";
      const removal = text.fix(block, offset, offset + match[0].length + separator.length, "", `removed "${match[0]}" from the body`);
      if (field === undefined) {
        const moved = { ...removal, description: `moved "${match[0]}" from the body to dateline:` };
        findings.push(
          text.finding(RULE, "warning", block, offset, `电头 "${match[0]}" written in the body: expected it in the dateline: field, which prints it in place`, moved, text.insertField(`dateline: ${match[0]}`, "")),
        );
      } else if (field === match[0]) {
        findings.push(text.finding(RULE, "warning", block, offset, `电头 "${match[0]}" printed twice: it is in the dateline: field and in the body`, removal));
      } else {
        findings.push(text.finding(RULE, "warning", block, offset, `电头 "${match[0]}" in the body differs from dateline: "${field}"`));
      }
    }
  });
  return findings;
}
