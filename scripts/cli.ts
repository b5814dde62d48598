/** Shared command-line handling: the problem report, and the run's summary in GitHub Actions. */
import { appendFileSync } from "node:fs";
import { formatProblem, type Problem } from "../src/validate/problem.ts";

/** Prints every problem, errors first, then a count. */
export function reportProblems(problems: readonly Problem[]): void {
  for (const problem of problems) {
    (problem.severity === "error" ? console.error : console.warn)(formatProblem(problem));
  }
  const errors = problems.filter((problem) => problem.severity === "error").length;
  const warnings = problems.length - errors;
  if (problems.length) console.error(`${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`);
}

/**
 * Appends Markdown to `file` (`--summary FILE`; the workflow gives GitHub's run summary page,
 * $GITHUB_STEP_SUMMARY), so that the desk sees what the morning's run published, or why it
 * published nothing, without reading the log. Opt-in, not read from the environment: the builds
 * the tests start inside the workflow must not write there. Synchronous: a failed build writes it
 * just before it exits.
 */
export function stepSummary(file: string | undefined, lines: readonly string[]): void {
  if (file) appendFileSync(file, `${lines.join("\n")}\n\n`);
}

/** Problems as a Markdown list for the summary: errors first, at most `limit`, then a count of the rest. */
export function problemList(problems: readonly Problem[], limit = 20): string[] {
  const shown = problems.slice(0, limit).map((problem) => `- \`${formatProblem(problem).replaceAll("`", "'")}\``);
  return problems.length > limit ? [...shown, `- … and ${problems.length - limit} more in the log`] : shown;
}
