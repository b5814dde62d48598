/** `npm run check`: the build's validation, without building. */
import { loadArchive } from "../src/load-archive.ts";
import { hasErrors } from "../src/validate/problem.ts";
import { commonOptions, reportProblems } from "./cli.ts";

const options = commonOptions();
try {
  const { archive, problems } = await loadArchive(options.content);
  reportProblems(problems);
  if (hasErrors(problems)) process.exitCode = 1;
  else console.log(`Content is valid: ${archive.editions.length} edition(s).`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
