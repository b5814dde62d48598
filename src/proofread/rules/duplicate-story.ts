/**
 * duplicate-story: the same story twice — the same text (ignoring spaces and punctuation) in two
 * files, or the same headline on two pages of one edition. Reported on the later file, naming the
 * earlier one. No fix: which copy goes is the editor's call.
 */
import type { ArticleText } from "../context.ts";
import type { Finding } from "../finding.ts";

export const RULE = "duplicate-story";

/** Shorter texts (a two-line notice) may honestly repeat. */
const MIN_LENGTH = 40;
// Spaces, Markdown marks and punctuation, half- and full-width: a retyped copy still matches.
const SPACE_AND_PUNCTUATION = /[\s!-/:-@[-`{-~\u3000-\u303f\uff01-\uff0f\uff1a-\uff20“”‘’…—·]+/g;

export function duplicateStories(texts: readonly ArticleText[]): Finding[] {
  const findings: Finding[] = [];
  const byText = new Map<string, ArticleText>();
  const byHeadline = new Map<string, ArticleText>();
  for (const text of texts) {
    // The opening and the end identify a story; normalising whole bodies cost a third of the
    // check's time on a year of content.
    const body = text.source.body;
    const key = (body.length > 360 ? `${body.slice(0, 240)}${body.slice(-120)}` : body).replace(SPACE_AND_PUNCTUATION, "");
    if (key.length >= MIN_LENGTH) {
      const earlier = byText.get(key);
      if (earlier) {
        const firstLine = text.source.bodyLine + (/^\s*\n/.exec(body)?.[0].split("\n").length ?? 1) - 1;
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
