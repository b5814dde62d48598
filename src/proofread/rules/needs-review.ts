/**
 * needs-review: the importer could not decide something (a missing headline, an unclear byline)
 * and said so in `needsReview:` instead of guessing silently. Reported until an editor has looked
 * and removed the field.
 */
import type { ArticleText } from "../context.ts";
import type { Finding } from "../finding.ts";

export const RULE = "needs-review";

export function needsReview(text: ArticleText): Finding[] {
  const value = text.source.data.needsReview;
  if (value === undefined || value === false) return [];
  const notes = Array.isArray(value) ? value.map(String) : [String(value)];
  const line = text.fieldLine("needsReview");
  return notes.map((note) => ({ rule: RULE, severity: "warning" as const, file: text.source.file, line, column: 1, message: `marked for review: ${note} (remove needsReview: once checked)` }));
}
