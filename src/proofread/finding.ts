/**
 * A proofreading finding: which rule, where (file:line:column, 1-based), how bad, and — where a
 * machine can be trusted to do it — the edit that fixes it.
 */
import type { Problem } from "../validate/problem.ts";

/** Replace the text from (line, column) up to, not including, (endLine, endColumn) of the file. */
export interface Fix {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly replacement: string;
  /** What the fix does, for the report: "，" for ",", "joined paragraphs". */
  readonly description: string;
}

export interface Finding {
  readonly rule: string;
  readonly severity: "error" | "warning";
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  /** Edits that together fix the finding (applied all or none). */
  readonly fixes?: readonly Fix[];
}

export function formatFinding(finding: Finding): string {
  const tag = finding.severity === "warning" ? "warning" : "error";
  const fixable = finding.fixes?.length ? " (fixable with --fix)" : "";
  return `${finding.file}:${finding.line}:${finding.column}: ${tag} [${finding.rule}] ${finding.message}${fixable}`;
}

/** Schema problems join the same report, under the rule name "schema". */
export function problemToFinding(problem: Problem): Finding {
  return {
    rule: "schema",
    severity: problem.severity,
    file: problem.file,
    line: problem.line ?? 1,
    column: problem.column ?? 1,
    message: problem.field ? `${problem.field}: ${problem.message}` : problem.message,
  };
}

// GitHub workflow commands: data escapes %, CR, LF; properties also escape : and ,.
const escapeData = (text: string) => text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");

/** `::error file=…,line=…,col=…,title=…::message`, shown on the pull request's diff. */
export function githubAnnotation(finding: Finding): string {
  const properties = [
    `file=${escapeProperty(finding.file)}`,
    `line=${finding.line}`,
    `col=${finding.column}`,
    `title=${escapeProperty(finding.rule)}`,
  ].join(",");
  return `::${finding.severity} ${properties}::${escapeData(finding.message)}`;
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1) ||
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column,
  );
}
