/**
 * The search index step of publishing (see src/search/bundles.ts for the bundles): which bundles
 * of the published editions must be indexed again — those whose records or indexer changed, or
 * that are missing from the output — indexing them into a scratch folder, and writing each new
 * bundle's part of the manifest into it (`pagefind/<bundle>/files.json`). The publisher moves the
 * new bundles into `pagefind/`.
 */
import { lstat, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { bundleKey, bundleUnit, indexerVersion, planBundles } from "../search/bundles.ts";
import { pruneRecords, readRecords } from "../search/record-store.ts";
import { writeSearchBundles, type BundleJob } from "../search/write-index.ts";
import type { ListedEdition, PublishedBundle } from "./build-state.ts";
import { describeFolder } from "./edition-store.ts";
import { manifestPart, MANIFEST_FILE } from "./output-manifest.ts";

export interface SearchBundlesResult {
  /** Every bundle of the site, newest first. */
  readonly bundles: readonly PublishedBundle[];
  /** The bundles indexed by this build, each in its folder under `scratch`. */
  readonly jobs: readonly (BundleJob & { readonly key: string })[];
  readonly scratch: string;
}

export async function indexSearchBundles(options: {
  readonly workDir: string;
  readonly outputDir: string;
  /** Folder of the per-edition search records (src/search/record-store.ts). */
  readonly searchRoot: string;
  readonly published: readonly ListedEdition[];
  /** The bundles in the output now (none for a build that replaces the whole output). */
  readonly previous: readonly PublishedBundle[];
}): Promise<SearchBundlesResult> {
  const { workDir, outputDir, searchRoot, published } = options;
  await pruneRecords(searchRoot, published);
  const scratch = path.join(workDir, `search-${process.pid}`);
  await rm(scratch, { recursive: true, force: true });
  const byDate = new Map(published.map((edition) => [edition.date, edition]));
  const before = new Map(options.previous.map((bundle) => [bundle.name, bundle]));
  const indexer = await indexerVersion();
  const bundles: PublishedBundle[] = [];
  const jobs: (BundleJob & { readonly key: string })[] = [];
  for (const { name, dates } of planBundles(byDate.keys())) {
    const editions = dates.map((date) => byDate.get(date)!);
    const key = bundleKey(name, editions, indexer);
    const previous = before.get(name);
    const inOutput = await lstat(path.join(outputDir, bundleUnit(name))).then((found) => found.isDirectory(), () => false);
    if (previous?.key === key && inOutput) bundles.push(previous);
    else jobs.push({ name, key, outputPath: path.join(scratch, name), records: () => readRecords(searchRoot, editions) });
  }
  await writeSearchBundles(jobs);
  for (const job of jobs) {
    const { text, part } = manifestPart(`${bundleUnit(job.name)}/`, await describeFolder(job.outputPath, `${bundleUnit(job.name)}/`));
    await writeFile(path.join(job.outputPath, MANIFEST_FILE), text);
    bundles.push({ name: job.name, key: job.key, part });
  }
  bundles.sort((a, b) => (a.name < b.name ? 1 : -1));
  return { bundles, jobs, scratch };
}
