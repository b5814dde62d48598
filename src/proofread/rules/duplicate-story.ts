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

/** What the rule needs of one article: small enough to send back from a worker thread. */
export interface DuplicateEntry {
  readonly file: string;
  /** The length, the opening and the end of the body: they identify a copied story. */
  readonly bodyKey: string;
  readonly bodyLine: number;
  readonly title: string;
  readonly titleLine: number;
  readonly page: unknown;
  readonly type: unknown;
}

export function duplicateEntry(text: ArticleText): DuplicateEntry {
  // (Stripping punctuation as well, to catch retyped copies, cost a third of the check's time.)
  const body = text.source.body.trim();
  return {
    file: text.source.file,
    bodyKey: body.length > 360 ? `${body.length}:${body.slice(0, 240)}${body.slice(-120)}` : body,
    bodyLine: text.source.bodyLine + (/^\s*\n/.exec(text.source.body)?.[0].split("\n").length ?? 1) - 1,
    title: typeof text.source.data.title === "string" ? text.source.data.title.trim() : "",
    titleLine: text.fieldLine("title"),
    page: text.source.data.page,
    type: text.source.data.type,
  };
}

/** Entries in content order (editions by date, files by name). */
export function duplicateStories(entries: readonly DuplicateEntry[]): Finding[] {
  const findings: Finding[] = [];
  const byText = new Map<string, DuplicateEntry>();
  const byHeadline = new Map<string, DuplicateEntry>();
  for (const entry of entries) {
    if (entry.bodyKey.length >= MIN_LENGTH) {
      const earlier = byText.get(entry.bodyKey);
      if (earlier) {
        findings.push({ rule: RULE, severity: "warning", file: entry.file, line: entry.bodyLine, column: 1, message: `same text as ${earlier.file}: a story is printed once` });
      } else byText.set(entry.bodyKey, entry);
    }
    const headlineKey = `${entry.file.slice(0, entry.file.lastIndexOf("/"))}\n${entry.title}`;
    if (entry.title && entry.type !== "comment") {
      const earlier = byHeadline.get(headlineKey);
      if (earlier && earlier.page !== entry.page) {
        findings.push({ rule: RULE, severity: "warning", file: entry.file, line: entry.titleLine, column: 1, message: `same headline "${entry.title}" as ${earlier.file} on another page of this edition` });
      } else if (!earlier) byHeadline.set(headlineKey, entry);
    }
  }
  return findings;
}
