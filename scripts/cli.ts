/** Shared command-line handling: the problem report. */
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
