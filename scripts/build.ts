/** `npm run build`: validate the content and write the site; on any error the old output stays. */
import { buildSite } from "../src/build-site.ts";
import { ContentError } from "../src/validate/problem.ts";
import { commonOptions, reportProblems } from "./cli.ts";

const options = commonOptions();
const started = performance.now();
try {
  const { archive, problems } = await buildSite({ contentRoot: options.content, outputDir: options.output });
  reportProblems(problems);
  const pages = archive.editions.reduce((sum, edition) => sum + edition.pages.length, 0);
  const articles = archive.editions.reduce((sum, edition) => sum + edition.pages.reduce((n, page) => n + page.articles.length, 0), 0);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.log(`Built ${archive.editions.length} edition(s), ${pages} page(s), ${articles} article(s) into ${options.output}/ in ${seconds} s`);
} catch (error) {
  if (error instanceof ContentError) {
    reportProblems(error.problems);
    console.error(`Build stopped: content has errors. ${options.output}/ was not changed.`);
  } else {
    console.error(`Build failed: ${(error as Error).stack ?? error}`);
    console.error(`${options.output}/ was not changed.`);
  }
  process.exitCode = 1;
}
