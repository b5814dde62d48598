/** A problem found in the content: where it is, which field, what was expected and found. */
export interface Problem {
  readonly severity: "error" | "warning";
  /** Path relative to the project, with forward slashes. */
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly field?: string;
  readonly message: string;
}

/** `content/2020-06-05/lead.md:3: date: expected …` — the shape editors and editors' tools read. */
export function formatProblem(problem: Problem): string {
  const where = [problem.file, problem.line, problem.line !== undefined ? problem.column : undefined]
    .filter((part) => part !== undefined)
    .join(":");
  const field = problem.field ? `${problem.field}: ` : "";
  const tag = problem.severity === "warning" ? "warning: " : "";
  return `${where}: ${tag}${field}${problem.message}`;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((problem) => problem.severity === "error");
}

/** Errors first, then by file and line, so a report reads top to bottom. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1) ||
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0),
  );
}

/** Thrown when content has errors; carries every problem, not just the first. */
export class ContentError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    const errors = problems.filter((problem) => problem.severity === "error");
    super(`${errors.length} content error${errors.length === 1 ? "" : "s"}:\n${errors.map(formatProblem).join("\n")}`);
    this.name = "ContentError";
  }
}
