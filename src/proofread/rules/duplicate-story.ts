/**
 * duplicate-story: the same story twice — the same text in two
 * files, or the same headline on two pages of one edition. Reported on the later file, naming the
 * earlier one. No fix: which copy goes is the editor's call.
 */
import { createHash } from "node:crypto";
import type { ArticleText } from "../context.ts";
import type { Finding } from "../finding.ts";

export const RULE = "duplicate-story";

/** Shorter texts (a two-line notice) may honestly repeat. */
const MIN_LENGTH = 40;

/** What the rule needs of one article: small, as the check keeps every article's between runs (incremental-check.ts). */
export interface DuplicateEntry {
  readonly file: string;
  /**
   * A hash of the body's length, opening and end, which identify a copied story; absent for a
   * body too short to compare.
   */
  readonly textKey?: string;
  readonly bodyLine: number;
  readonly title: string;
  readonly titleLine: number;
  readonly page: unknown;
  readonly type: unknown;
}

export function duplicateEntry(text: ArticleText): DuplicateEntry {
  // (Stripping punctuation as well, to catch retyped copies, cost a third of the check's time.)
  const body = text.source.body.trim();
  const bodyKey = body.length > 360 ? `${body.length}:${body.slice(0, 240)}${body.slice(-120)}` : body;
  return {
    file: text.source.file,
    textKey: bodyKey.length >= MIN_LENGTH ? createHash("sha256").update(bodyKey).digest("base64url").slice(0, 22) : undefined,
    bodyLine: text.source.bodyLine + (/^\s*\n/.exec(text.source.body)?.[0].split("\n").length ?? 1) - 1,
    title: typeof text.source.data.title === "string" ? text.source.data.title.trim() : "",
    titleLine: text.fieldLine("title"),
    page: text.source.data.page,
    type: text.source.data.type,
  };
}

/** What the archive-wide half of the rule needs of an article whose body is long enough to compare. */
export interface StoryText {
  readonly file: string;
  readonly textKey: string;
  readonly line: number;
}

export function storyTexts(entries: readonly DuplicateEntry[]): StoryText[] {
  return entries.flatMap((entry) => (entry.textKey === undefined ? [] : [{ file: entry.file, textKey: entry.textKey, line: entry.bodyLine }]));
}

/** The same text twice anywhere in the archive; texts in content order (editions by date, files by name). */
export function duplicateTexts(texts: Iterable<StoryText>): Finding[] {
  const findings: Finding[] = [];
  /** Text key → the file that printed it first. */
  const firstFile = new Map<string, string>();
  for (const text of texts) {
    const earlier = firstFile.get(text.textKey);
    if (earlier !== undefined) findings.push({ rule: RULE, severity: "warning", file: text.file, line: text.line, column: 1, message: `same text as ${earlier}: a story is printed once` });
    else firstFile.set(text.textKey, text.file);
  }
  return findings;
}

/** The same headline on two pages of one edition (entries of any editions, in content order). */
export function duplicateHeadlines(entries: readonly DuplicateEntry[]): Finding[] {
  const findings: Finding[] = [];
  const byHeadline = new Map<string, DuplicateEntry>();
  for (const entry of entries) {
    if (!entry.title || entry.type === "comment") continue;
    const headlineKey = `${entry.file.slice(0, entry.file.lastIndexOf("/"))}\n${entry.title}`;
    const earlier = byHeadline.get(headlineKey);
    if (earlier && earlier.page !== entry.page) {
      findings.push({ rule: RULE, severity: "warning", file: entry.file, line: entry.titleLine, column: 1, message: `same headline "${entry.title}" as ${earlier.file} on another page of this edition` });
    } else if (!earlier) byHeadline.set(headlineKey, entry);
  }
  return findings;
}

/** Entries in content order (editions by date, files by name). */
export function duplicateStories(entries: readonly DuplicateEntry[]): Finding[] {
  return [...duplicateTexts(storyTexts(entries)), ...duplicateHeadlines(entries)];
}
