/**
 * duplicate-story: the same story twice — the same text in two
 * files, or the same headline on two pages of one edition. Reported on the later file, naming the
 * earlier one. No fix: which copy goes is the editor's call.
 */
import type { ArticleText } from "../context.ts";
import type { Finding } from "../finding.ts";

export const RULE = "duplicate-story";

/** Shorter texts (a two-line notice) may honestly repeat. */
const MIN_LENGTH = 40;

export function duplicateStories(texts: readonly ArticleText[]): Finding[] {
  const findings: Finding[] = [];
  const byText = new Map<string, ArticleText>();
  const byHeadline = new Map<string, ArticleText>();
  for (const text of texts) {
    // The length, the opening and the end identify a copied story. (Stripping punctuation to
    // catch retyped copies cost a third of the check's time on a year of content.)
    const body = text.source.body.trim();
    const key = body.length > 360 ? `${body.length}:${body.slice(0, 240)}${body.slice(-120)}` : body;
    if (key.length >= MIN_LENGTH) {
      const earlier = byText.get(key);
      if (earlier) {
        const firstLine = text.source.bodyLine + (/^\s*\n/.exec(text.source.body)?.[0].split("\n").length ?? 1) - 1;
        findings.push({ rule: RULE, severity: "warning", file: text.source.file, line: firstLine, column: 1, message: `same text as ${earlier.source.file}: a story is printed once` });
      } else byText.set(key, text);
    }
    const title = typeof text.source.data.title === "string" ? text.source.data.title.trim() : "";
    const folder = text.source.file.slice(0, text.source.file.lastIndexOf("/"));
    const headlineKey = `${folder}\n${title}`;
    if (title && text.source.data.type !== "comment") {
      const earlier = byHeadline.get(headlineKey);
      if (earlier && earlier.source.data.page !== text.source.data.page) {
        findings.push({ rule: RULE, severity: "warning", file: text.source.file, line: text.fieldLine("title"), column: 1, message: `same headline "${title}" as ${earlier.source.file} on another page of this edition` });
      } else if (!earlier) byHeadline.set(headlineKey, text);
    }
  }
  return findings;
}
