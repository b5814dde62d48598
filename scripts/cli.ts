/** Shared command-line handling: options, the problem report, exit codes. */
import { parseArgs } from "node:util";
import { formatProblem, type Problem } from "../src/validate/problem.ts";

export function commonOptions(argv = process.argv.slice(2)) {
  const { values } = parseArgs({
    args: argv,
    options: {
      content: { type: "string", default: process.env.BROADSHEET_CONTENT ?? "content" },
      output: { type: "string", default: process.env.BROADSHEET_OUTPUT ?? "_site" },
    },
    allowPositionals: false,
    strict: false,
  });
  return { content: String(values.content), output: String(values.output) };
}

/** Prints every problem, errors first, then a count. */
export function reportProblems(problems: readonly Problem[]): void {
  for (const problem of problems) {
    (problem.severity === "error" ? console.error : console.warn)(formatProblem(problem));
  }
  const errors = problems.filter((problem) => problem.severity === "error").length;
  const warnings = problems.length - errors;
  if (problems.length) console.error(`${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`);
}
