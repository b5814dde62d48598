/**
 * `npm run build`: validate what changed and publish it; on any error the old output stays.
 *   --edition 2020-06-05   publish one day onto the previous build (other editions untouched)
 *   --until DATE|today     publish only editions dated up to DATE, or up to the paper's day now in
 *                          its time zone; later ones wait in content/ (CI publishes with "today")
 *   --committed            take the editions as committed at HEAD, without git status over every
 *                          file (a clean checkout, as in CI; an edition to render must match HEAD)
 *   --fresh                ignore the build cache and render every edition
 *   --changes-only         write into the output only what changed (and files.json's top level):
 *                          the rest is on the host, which `npm run deploy-plan` brings up to date
 *   --workers N            worker processes (default: one per core; also BROADSHEET_WORKERS)
 *   --shard I/N            render only shard I (0-based) of N of what needs rendering, publish nothing
 *                          (then a plain build on the merged cache publishes everything)
 *   --cache DIR            build cache (default .cache/broadsheet; also BROADSHEET_CACHE)
 *   --prune-image-cache    once published, remove the derived images none of this output's
 *                          editions uses (for an image cache that serves this output alone, as in CI)
 *   --summary FILE         append what was published, or why nothing was, to FILE as Markdown
 *                          (the workflow gives GitHub's run summary, $GITHUB_STEP_SUMMARY)
 */
import { parseArgs } from "node:util";
import { OptionError, publishSite } from "../src/publish/incremental-build.ts";
import { BuildLockedError } from "../src/publish/build-lock.ts";
import { ContentError } from "../src/validate/problem.ts";
import { optimiseOnlyHotCode } from "../src/publish/v8-tiering.ts";
import { problemList, reportProblems, stepSummary } from "./cli.ts";

optimiseOnlyHotCode();

const { values } = parseArgs({
  options: {
    content: { type: "string", default: process.env.BROADSHEET_CONTENT ?? "content" },
    output: { type: "string", default: process.env.BROADSHEET_OUTPUT ?? "_site" }, edition: { type: "string" }, until: { type: "string" }, committed: { type: "boolean" }, fresh: { type: "boolean" }, "changes-only": { type: "boolean" }, "prune-image-cache": { type: "boolean" }, workers: { type: "string" }, cache: { type: "string" }, shard: { type: "string" }, summary: { type: "string" } },
  strict: true,
  allowPositionals: false,
});
const options = { content: values.content!, output: values.output! };
const summaryFile = typeof values.summary === "string" ? values.summary : undefined;
const shardMatch = typeof values.shard === "string" ? /^(\d+)\/(\d+)$/.exec(values.shard) : null;
if (values.shard !== undefined && (!shardMatch || Number(shardMatch[1]) >= Number(shardMatch[2]))) {
  console.error(`--shard: expected I/N with 0 <= I < N, such as 0/4, found "${values.shard}"`);
  process.exit(2);
}
if (values.until !== undefined && !/^(\d{4}-\d{2}-\d{2}|today)$/.test(values.until)) {
  console.error(`--until: expected a date as YYYY-MM-DD or "today", found "${values.until}"`);
  process.exit(2);
}
const started = performance.now();
try {
  const report = await publishSite({
    contentRoot: options.content,
    outputDir: options.output,
    edition: typeof values.edition === "string" ? values.edition : undefined,
    until: typeof values.until === "string" ? values.until : undefined,
    committed: values.committed === true,
    fresh: values.fresh === true,
    changesOnly: values["changes-only"] === true,
    pruneImageCache: values["prune-image-cache"] === true,
    workers: typeof values.workers === "string" ? Number(values.workers) : undefined,
    cacheDir: typeof values.cache === "string" ? values.cache : undefined,
    shard: shardMatch ? { index: Number(shardMatch[1]), count: Number(shardMatch[2]) } : undefined,
  });
  reportProblems(report.warnings);
  if (report.earlierWarnings) console.error(`(and ${report.earlierWarnings} warning(s) in editions published before, reported when they were built; npm run check lists them all)`);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const stages = Object.entries(report.timings).map(([stage, time]) => `${stage} ${time.toFixed(2)} s`).join(", ");
  if (shardMatch) {
    console.log(`Shard ${values.shard}: rendered ${report.rendered.length} edition(s) into the build cache in ${((performance.now() - started) / 1000).toFixed(2)} s; nothing published`);
    process.exit(0);
  }
  const early = report.searchBundles?.openedEarly.length ? ` (${report.searchBundles.openedEarly.join(" ")} opened while rendering)` : "";
  const search = report.searchBundles ? `; search index: ${report.searchBundles.indexed.length ? `indexed ${report.searchBundles.indexed.join(" ")}` : "nothing to index"} of ${report.searchBundles.total} bundle(s)${early}` : "";
  const work = report.rendered.length === 0 && !report.siteWideRendered ? "nothing changed" : `rendered ${report.rendered.length} edition(s), reused ${report.reused}${search}`;
  console.log(`Built ${report.editions} edition(s), ${report.pages} page(s), ${report.articles} article(s) into ${options.output}/ (${work}) in ${seconds} s [${stages}]`);
  if (report.heldBack.length) console.log(`Held back ${report.heldBack.length} edition(s) dated after --until: ${report.heldBack.join(", ")}`);
  stepSummary(summaryFile, [
    `### Published ${report.editions} edition(s), ${report.pages} page(s), ${report.articles} article(s)`,
    report.rendered.length ? `Rendered ${report.rendered.join(", ")} (${report.reused} kept as published) in ${seconds} s.` : `Nothing changed in the editions; ${report.siteWideRendered ? "the site-wide pages were rendered again" : "nothing was written"} (${seconds} s).`,
    ...(report.heldBack.length ? [`Held back until their day (--until): ${report.heldBack.join(", ")}.`] : []),
    ...(report.warnings.length ? [`${report.warnings.length} warning(s) in what was published:`, ...problemList(report.warnings)] : []),
  ]);
  const pruned = report.imageCachePruned;
  if (report.imageCacheNotPruned) console.error(report.imageCacheNotPruned);
  if (pruned) console.log(`Image cache: removed ${pruned.removed} entr${pruned.removed === 1 ? "y" : "ies"} no published edition uses (${(pruned.removedBytes / 1048576).toFixed(1)} MiB), kept ${pruned.kept}`);
} catch (error) {
  if (error instanceof ContentError) {
    reportProblems(error.problems);
    console.error(`Build stopped: content has errors. ${options.output}/ was not changed.`);
    const errors = error.problems.filter((problem) => problem.severity === "error");
    stepSummary(summaryFile, [`### Nothing published: ${errors.length} content error(s)`, "The site stays as it was. Fix these and push again:", ...problemList(errors)]);
  } else if (error instanceof BuildLockedError || error instanceof OptionError) {
    console.error(`Build refused: ${error.message}. ${options.output}/ was not changed.`);
    stepSummary(summaryFile, ["### Nothing published: the build was refused", `${error.message}.`]);
  } else {
    console.error(`Build failed: ${(error as Error).stack ?? error}`);
    console.error(`${options.output}/ was not changed.`);
    stepSummary(summaryFile, ["### Nothing published: the build failed", `\`${String((error as Error).message ?? error).replaceAll("`", "'")}\` (the log has the whole trace). The site stays as it was.`]);
  }
  process.exitCode = 1;
}
